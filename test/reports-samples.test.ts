import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { parseXmlSecure, buildOrderedXml } from '../src/xml/index.ts';
import { detectReportKind, validateReportFile, parseFincenAcknowledgement } from '../src/reports/index.ts';

const SAMPLES = new URL('../../shared/reference/samples/', import.meta.url);
const read = (path: string) => readFile(new URL(path, SAMPLES), 'utf8');

/** The valid samples in shared/reference/samples (SOURCES.md) and the kind each must be detected as. */
const VALID_SAMPLES: Array<[string, string]> = [
  ['goaml/STR.xml', 'goaml'],
  ['goaml/SAR.xml', 'goaml'],
  ['mx-pld/ejemplo_veh.xml', 'sat-av-veh'],
  ['mx-pld/ejemplo_inm.xml', 'sat-av-inm'],
  ['mx-pld/ejemplo_avi.xml', 'sat-av-avi'],
  ['mx-pld/ejemplo_mjr.xml', 'sat-av-mjr'],
  ['mx-pld/ejemplo_tcv.xml', 'sat-av-tcv'],
];

/** Every element path with its attributes and text, in document order: what "without loss" compares. */
function facts(ordered: unknown, path = ''): string[] {
  const out: string[] = [];
  for (const node of ordered as Array<Record<string, unknown>>) {
    for (const [key, value] of Object.entries(node)) {
      if (key === ':@') continue;
      if (key === '#text') {
        out.push(`${path} = ${String(value)}`);
        continue;
      }
      const attributes = (node[':@'] ?? {}) as Record<string, string>;
      const here = `${path}/${key}`;
      out.push(`${here} ${JSON.stringify(attributes)}`);
      out.push(...facts(value, here));
    }
  }
  return out;
}

for (const [path, kind] of VALID_SAMPLES) {
  test(`sample ${path} is detected, validates against the shipped schema and reads back without loss`, async () => {
    const original = await read(path);
    assert.equal(detectReportKind(original)?.kind, kind);
    const validation = await validateReportFile(original);
    assert.deepEqual(validation.issues, []);
    assert.equal(validation.valid, true);

    const parsed = parseXmlSecure(original, { preserveOrder: true });
    assert.ok(parsed.ok);
    const rebuilt = buildOrderedXml(parsed.value as unknown[]);
    const reparsed = parseXmlSecure(rebuilt, { preserveOrder: true });
    assert.ok(reparsed.ok);
    const before = facts(parsed.value);
    assert.ok(before.length > 20, 'the sample has content');
    assert.deepEqual(facts(reparsed.value), before);
    const again = await validateReportFile(rebuilt);
    assert.equal(again.valid, true, 'the document read back still validates');
  });
}

test('the moov-io FinCEN samples are recognised but reported invalid, with the reasons SOURCES.md gives', async () => {
  for (const [path, kind] of [['fincen/sar_batch.xml', 'fincen-sar'], ['fincen/ctr_batch.xml', 'fincen-ctr']] as const) {
    const validation = await validateReportFile(await read(path));
    assert.equal(validation.kind?.kind, kind);
    assert.equal(validation.valid, false);
    assert.match(validation.issues.map((i) => i.reason).join('\n'), /No matching global declaration/);
  }
});

test('a FinCEN acknowledgement maps BSA IDs and warnings to activity SeqNums', () => {
  const ack = `<?xml version="1.0" encoding="UTF-8"?>
<EFilingBatchXML SeqNum="1" StatusCode="A">
  <EFilingSubmissionXML SeqNum="1" StatusCode="A">
    <EFilingActivityXML SeqNum="1">
      <BSAID>31000055053784</BSAID>
      <EFilingActivityErrorXML SeqNum="1">
        <ErrorContextText>EFilingBatchXML/Activity[1]/Party[6]/PartyName[1]/RawIndividualFirstName</ErrorContextText>
        <ErrorElementNameText>RawIndividualFirstName</ErrorElementNameText>
        <ErrorLevelText>WARN</ErrorLevelText>
        <ErrorText>The element is not recorded.</ErrorText>
        <ErrorTypeCode>C4</ErrorTypeCode>
      </EFilingActivityErrorXML>
    </EFilingActivityXML>
    <EFilingActivityXML SeqNum="60">
      <BSAID>31000055053785</BSAID>
      <EFilingActivityErrorXML SeqNum="1"/>
    </EFilingActivityXML>
    <EFilingActivityXML SeqNum="119">
      <EFilingActivityErrorXML SeqNum="1"><ErrorLevelText>FATAL</ErrorLevelText><ErrorText>Invalid</ErrorText></EFilingActivityErrorXML>
    </EFilingActivityXML>
  </EFilingSubmissionXML>
</EFilingBatchXML>`;
  const parsed = parseFincenAcknowledgement(ack);
  assert.ok(parsed.ok);
  assert.deepEqual(parsed.value.activities.map((a) => [a.activitySeqNum, a.bsaId ?? null, a.status]), [
    ['1', '31000055053784', 'accepted_with_warnings'],
    ['60', '31000055053785', 'accepted'],
    ['119', null, 'rejected'],
  ]);
  assert.match(parsed.value.activities[0]!.messages[0]!, /WARN C4 RawIndividualFirstName/);
  assert.equal(parseFincenAcknowledgement('<other/>').ok, false);
  assert.equal(parseFincenAcknowledgement('<!DOCTYPE x [<!ENTITY a "b">]><EFilingBatchXML/>').ok, false);
});
