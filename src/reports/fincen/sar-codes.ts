/**
 * FinCEN SAR suspicious-activity classification codes (SuspiciousActivitySubtypeID), with the
 * description FinCEN gives each one in EFL_SARXBatchSchema.xsd 1.2, and the mapping from the
 * synthetic corridor's laundering patterns to them.
 */
export type SarCategory = { typeId: number; subtypeId: number; otherText?: string };

/** Subtype id → FinCEN's description (the "Other" codes x999 need `otherText`). */
export const SAR_SUBTYPES: ReadonlyMap<number, string> = new Map<number, string>([
  [106, "Suspicious inquiry by customer regarding BSA reporting or recordkeeping requirements"],
  [111, "Alters or cancels transaction to avoid BSA recordkeeping requirement"],
  [112, "Alters or cancels transaction to avoid CTR requirement"],
  [113, "Transaction(s) below BSA recordkeeping threshold"],
  [114, "Transaction(s) below CTR threshold"],
  [301, "Check"],
  [304, "Consumer Loan"],
  [305, "Credit/Debit Card"],
  [308, "Mail"],
  [309, "Mass-marketing"],
  [310, "Pyramid scheme"],
  [312, "Wire transfer"],
  [320, "ACH"],
  [321, "Business loan"],
  [322, "Advance fee"],
  [323, "Healthcase/Public or private health insurance"],
  [324, "Ponzi scheme"],
  [325, "Securities fraud"],
  [401, "Changes spelling or arrangement of name"],
  [402, "Multiple individuals with same or similar identities"],
  [403, "Provided questionable or false documentation"],
  [404, "Refused or avoided request for documentation"],
  [405, "Single individual with multiple identities"],
  [409, "Provided questionable or false identification"],
  [501, "Excessive insurance"],
  [502, "Excessive or unusal cash borrowing against policy/annuity"],
  [504, "Proceeds sent to unrelated third party"],
  [505, "Suspicious life settlement sales insurance (e.g., STOLI's, Viaticals)"],
  [506, "Suspicious termination of policy or contract"],
  [507, "Unclear or no insurable interest"],
  [601, "Insider trading"],
  [603, "Misappropriation"],
  [604, "Unauthorized pooling"],
  [608, "Market manipulation"],
  [609, "Wash trading"],
  [701, "Known or suspected terrorist/terrorist organization"],
  [801, "Exchanges small bills for large bills or vice versa"],
  [804, "Suspicious designation of beneficiaries, assignees or joint owners"],
  [805, "Suspicious EFT/wire transfers"],
  [806, "Suspicious receipt of government payments/benefits"],
  [807, "Suspicious use of multiple accounts"],
  [808, "Suspicious use of noncash monetary instruments"],
  [809, "Suspicious use of third-party transactors (straw-man)"],
  [812, "Transaction out of pattern for customer(s)"],
  [820, "Suspicious concerning the physical condition of funds"],
  [821, "Suspicious concerning the source of funds"],
  [822, "Suspicious exchange of currencies"],
  [823, "Trade Based Money Laundering/Black Market Peso Exchange"],
  [824, "Funnel account"],
  [901, "Bribery or gratuity"],
  [903, "Embezzlement/theft/disappearance of funds"],
  [904, "Forgeries"],
  [905, "Identity theft"],
  [907, "Suspected public/private corruption (domestic)"],
  [908, "Suspected public/private corruption (foreign)"],
  [909, "Suspicious use of informal value transfer system"],
  [910, "Suspicious use of multiple locations"],
  [911, "Two or more individuals working together"],
  [913, "Unlicensed or unregistered MSB"],
  [917, "Counterfeit Instrument (other)"],
  [920, "Account takeover"],
  [921, "Elder financial exploitation"],
  [922, "Little or no concern for product performance penalites, fees, or tax consequences"],
  [924, "Misuse of position or self-dealing"],
  [925, "Transaction with no apparent economic, business, or lawful purpose"],
  [926, "Human smuggling"],
  [927, "Human trafficking"],
  [928, "Transaction(s) involving foreign high risk jurisdiction"],
  [1001, "Appraisal fraud"],
  [1003, "Loan Modification fraud"],
  [1005, "Application fraud"],
  [1006, "Foreclosure/Short sale fraud"],
  [1007, "Origination fraud"],
  [1101, "Against financial institution(s)"],
  [1102, "Against financial institution customer(s)"],
  [1201, "Chip walking"],
  [1202, "Minimal gaming with large transactions"],
  [1203, "Suspicious use of counter checks or markers"],
  [1204, "Unknown source of chips"],
  [1999, "Other"],
  [3999, "Other"],
  [4999, "Other"],
  [5999, "Other"],
  [6999, "Other"],
  [7999, "Other"],
  [8999, "Other"],
  [9999, "Other"],
  [10999, "Other"],
  [11999, "Other"],
  [12999, "Other"],
]);

/** The SAR category (type) a subtype belongs to: 1xx structuring, 8xx money laundering, 9xx other … */
export function sarTypeOfSubtype(subtypeId: number): number {
  if (subtypeId % 1000 === 999) return Math.floor(subtypeId / 1000);
  return Math.floor(subtypeId / 100);
}

/** SAR category (form items 29–39) names → SuspiciousActivityTypeID. */
const CATEGORY_TYPES: ReadonlyArray<[RegExp, number]> = [
  [/^structuring/, 1], [/^terroris/, 7], [/^fraud/, 3], [/^(casino|gaming)/, 12], [/^cyber/, 11], [/^identification/, 4],
  [/^insurance/, 5], [/^securities/, 6], [/^money laundering/, 8], [/^mortgage/, 10], [/^other/, 9],
];

const STOP_WORDS = new Set(['of', 'or', 'the', 'to', 'for', 'a', 'an', 'and', 'with', 'by', 's', 'e', 'g']);

function words(text: string): string[] {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, ' ').split(' ').filter((w) => w.length > 0 && !STOP_WORDS.has(w)).map((w) => w.replace(/s$/, ''));
}

/**
 * Finds the SAR category a label names: a subtype id ("824"), a FinCEN description
 * ("Funnel account"), a form item ("38(n) informal value transfer") or the typology library's
 * "Category: description" form ("Money Laundering: Funnel account"). A description with no
 * FinCEN code under a known category becomes that category's "Other" with the text.
 * @example sarCategoryFromLabel('36(l) TBML/BMPE') // { typeId: 8, subtypeId: 823 }
 * @example sarCategoryFromLabel('Other: Bulk cash smuggling') // { typeId: 9, subtypeId: 9999, otherText: 'Bulk cash smuggling' }
 */
export function sarCategoryFromLabel(label: string): SarCategory | null {
  const text = label.trim();
  const id = /^(\d{3,5})$/.exec(text);
  if (id && SAR_SUBTYPES.has(Number(id[1]))) return { typeId: sarTypeOfSubtype(Number(id[1])), subtypeId: Number(id[1]) };
  const colon = text.indexOf(':');
  const categoryText = colon > 0 ? text.slice(0, colon).trim().toLowerCase() : '';
  const categoryType = CATEGORY_TYPES.find(([pattern]) => pattern.test(categoryText))?.[1];
  const description = (colon > 0 ? text.slice(colon + 1) : text).replace(/^\s*\d+\s*\([a-z]+\)\s*/i, '').trim();
  const lower = description.toLowerCase();
  if (/tbml|bmpe|trade.based/.test(lower)) return { typeId: 8, subtypeId: 823 };
  if (/informal value/.test(lower)) return { typeId: 9, subtypeId: 909 };
  if (/unlicensed|unregistered msb/.test(lower)) return { typeId: 9, subtypeId: 913 };
  const wanted = words(description);
  let best: { subtypeId: number; score: number } | null = null;
  for (const [subtypeId, fincenText] of SAR_SUBTYPES) {
    if (fincenText === 'Other' || wanted.length === 0) continue;
    const have = new Set(words(fincenText));
    const shared = wanted.filter((w) => have.has(w)).length;
    const score = shared / Math.max(wanted.length, have.size);
    if (score >= 0.6 && (!best || score > best.score)) best = { subtypeId, score };
  }
  if (best) return { typeId: sarTypeOfSubtype(best.subtypeId), subtypeId: best.subtypeId };
  if (categoryType !== undefined && description.length > 0) return { typeId: categoryType, subtypeId: categoryType * 1000 + 999, otherText: description.slice(0, 50) };
  return null;
}

/** Categories that describe each synthetic laundering pattern, used when a typology gives none. */
export const PATTERN_SAR_CATEGORIES: Readonly<Record<string, readonly SarCategory[]>> = {
  structuring_ctr: [{ typeId: 1, subtypeId: 114 }],
  structuring_mx: [{ typeId: 1, subtypeId: 1999, otherText: 'Below Mexican relevant-operation threshold' }],
  funnel_account: [{ typeId: 8, subtypeId: 824 }, { typeId: 9, subtypeId: 910 }],
  fan_in: [{ typeId: 8, subtypeId: 805 }, { typeId: 8, subtypeId: 807 }],
  fan_out: [{ typeId: 8, subtypeId: 805 }, { typeId: 8, subtypeId: 807 }],
  cycle: [{ typeId: 8, subtypeId: 805 }, { typeId: 9, subtypeId: 925 }],
  scatter_gather: [{ typeId: 8, subtypeId: 807 }, { typeId: 9, subtypeId: 911 }],
  gather_scatter: [{ typeId: 8, subtypeId: 807 }, { typeId: 9, subtypeId: 911 }],
  bipartite: [{ typeId: 8, subtypeId: 807 }, { typeId: 9, subtypeId: 911 }],
  stack: [{ typeId: 8, subtypeId: 807 }, { typeId: 9, subtypeId: 925 }],
  rapid_pass_through: [{ typeId: 8, subtypeId: 805 }, { typeId: 9, subtypeId: 925 }],
  tbml_mirror: [{ typeId: 8, subtypeId: 823 }],
  bulk_cash: [{ typeId: 8, subtypeId: 821 }, { typeId: 8, subtypeId: 805 }],
  crypto_cash_out: [{ typeId: 8, subtypeId: 821 }, { typeId: 8, subtypeId: 812 }],
};
