import { test } from 'node:test';
import assert from 'node:assert/strict';
import { prepareReport, validateUifReport, renderUifReport, checkCase } from '../src/reports/index.ts';
import type { Case } from '../src/cases/index.ts';
import { makeCase, testProfile } from './reports-case-factory.ts';

const profile = testProfile();

function withSubject(kase: Case, change: (subject: Case['subject']) => Case['subject']): Case {
  return { ...kase, subject: change(kase.subject) };
}

test('SAR: every missing field is listed with its XSD path before anything is rendered', async () => {
  const kase = makeCase('sar', 11);
  const broken: Case = {
    ...withSubject(kase, (s) => ({ ...s, phone: 'call me', address: { ...s.address!, country: 'US', postalCode: '7990' } })),
    narrative: {},
    transactions: [],
    alerts: [],
    typologyHints: [],
  };
  const result = await prepareReport('sar', [broken], profile, { date: '2026-03-05' });
  assert.equal(result.ok, false);
  assert.equal(!result.ok && result.stage, 'check');
  const issues = !result.ok ? result.issues : [];
  assert.deepEqual(issues.map((i) => [i.field, i.xsdPath]), [
    ['narrative.en', 'EFilingBatchXML/Activity/ActivityNarrativeInformation/ActivityNarrativeText'],
    ['transactions', 'EFilingBatchXML/Activity/SuspiciousActivity/SuspiciousActivityFromDateText'],
    ['typologyHints.sarCategories', 'EFilingBatchXML/Activity/SuspiciousActivity/SuspiciousActivityClassification'],
    ['subject.address.postalCode', 'EFilingBatchXML/Activity/Party/Address/RawZIPCode'],
    ['subject.phone', 'EFilingBatchXML/Activity/Party/PhoneNumber/PhoneNumberText'],
  ]);
  assert.ok(issues.every((i) => i.caseId === kase.id && i.reason.length > 10));
});

test('SAR: a category that is not a FinCEN code, or an "Other" without text, is refused', () => {
  const kase = { ...makeCase('sar', 12), typologyHints: [{ typologyId: 't', sarCategories: [{ typeId: 8, subtypeId: 999 }, { typeId: 8, subtypeId: 8999 }] }] };
  const result = checkCase('sar', kase, profile);
  assert.deepEqual(!result.ok && result.issues.map((i) => i.reason), [
    'category 8/999 is not a FinCEN SAR classification',
    'category 8999 ("Other") needs a description',
  ]);
});

test('CTR: no cash above USD 10,000, no date of birth, no identification', () => {
  const kase = makeCase('ctr', 5);
  const broken = withSubject({ ...kase, transactions: kase.transactions.slice(0, 1) }, (s) => ({ ...s, party: { ...s.party, identifiers: [], birthDate: undefined } as Case['subject']['party'] }));
  const result = checkCase('ctr', broken, profile);
  assert.deepEqual(!result.ok && result.issues.map((i) => i.field), ['transactions', 'subject.party.birthDate', 'subject.party.identifiers']);
});

test('SAT VEH: no operation, no economic activity, incomplete Mexican address', () => {
  const kase = makeCase('av', 6);
  const { vulnerableActivity: _operation, ...withoutOperation } = kase;
  const broken = withSubject(withoutOperation as Case, (s) => {
    const { economicActivityCode: _activity, ...rest } = s;
    return { ...rest, address: { ...s.address!, colonia: undefined, number: undefined } } as Case['subject'];
  });
  const result = checkCase('av', broken, profile);
  assert.deepEqual(!result.ok && result.issues.map((i) => [i.field, i.xsdPath]), [
    ['vulnerableActivity', 'archivo/informe/aviso/detalle_operaciones/datos_operacion'],
    ['subject.economicActivityCode', `archivo/informe/aviso/persona_aviso/tipo_persona/${kase.subject.party.type === 'person' ? 'persona_fisica/actividad_economica' : 'persona_moral/giro_mercantil'}`],
    ['subject.address.colonia', 'archivo/informe/aviso/persona_aviso/tipo_domicilio/nacional/colonia'],
    ['subject.address.number', 'archivo/informe/aviso/persona_aviso/tipo_domicilio/nacional/numero_exterior'],
  ]);
});

test('UIF: missing committee decision and Spanish description; the layout validator names line and field', () => {
  const kase = { ...makeCase('uif', 7), committeeDecisionAt: undefined, narrative: { en: 'x' } } as Case;
  const result = checkCase('uif-inusual', kase, profile);
  assert.deepEqual(!result.ok && result.issues.map((i) => i.field), ['narrative.es', 'committeeDecisionAt']);

  const good = renderUifReport('inusual', [makeCase('uif', 8)], profile, { period: '2026-03-05' }).content;
  const fields = good.split('\n')[0]!.split(';');
  fields[10] = '1,500.00'; // monto with a thousands separator
  fields[12] = '20260231'; // 31 February
  fields[17] = 'josé'; // lower case
  fields[39] = ''; // descripción missing
  const issues = validateUifReport(`${fields.join(';')}\n`, 'inusual');
  assert.deepEqual(issues.map((i) => [i.line, i.field]), [
    [1, '11 MONTO'],
    [1, '13 FECHA DE LA OPERACION'],
    [1, '18 NOMBRE'],
    [1, '40 DESCRIPCION DE LA OPERACION'],
  ]);
  assert.deepEqual(validateUifReport('1;2;3\n', 'relevante'), [{ line: 1, field: 'line', reason: 'has 3 fields; the layout has 41' }]);
});

test('goAML: a profile without goAML registration is reported, not guessed', () => {
  const { goaml: _goaml, ...withoutGoaml } = profile;
  const result = checkCase('goaml', makeCase('goaml', 9), withoutGoaml);
  assert.deepEqual(!result.ok && result.issues.map((i) => [i.field, i.xsdPath]), [['profile.goaml', 'report/rentity_id']]);
});
