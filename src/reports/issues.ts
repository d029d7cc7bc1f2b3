/** A field a report needs that is missing or invalid, in plain words, with where it goes in the XSD. */
export type ReportIssue = {
  /** The case or profile field, e.g. `subject.address.city`, `profile.transmitter.tcc`. */
  field: string;
  reason: string;
  /** The element it fills, e.g. `EFilingBatchXML/Activity/Party/Address/RawCityText`. */
  xsdPath?: string;
};

export type CheckResult = { ok: true } | { ok: false; issues: ReportIssue[] };

export function checkResult(issues: ReportIssue[]): CheckResult {
  return issues.length === 0 ? { ok: true } : { ok: false, issues };
}
