import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import {
  buildScreeningIndex, createTransactionScreener, screeningAlertsForTransaction, decodeListText, diffSnapshots, loadInternalListCsv, loadMexicoLpbCsv, loadOfacCsv,
  loadOfacXml, loadUnConsolidatedXml, rescreenParties, section2313aList, usFto2025List,
} from '../src/screening/index.ts';
import { AlertSchema, PartySchema } from '../src/domain/index.ts';
import { ValidationError } from '../src/errors.ts';

const lists = '../shared/reference/lists';
const read = (path: string) => decodeListText(readFileSync(`${lists}/${path}`));

test('OFAC legacy CSV trio: every primary row, aliases, addresses, remarks facts', () => {
  const { snapshot, quarantined } = loadOfacCsv({
    primary: read('ofac/watchman-bench-2021-07/sdn.csv'), alternates: read('ofac/watchman-bench-2021-07/alt.csv'),
    addresses: read('ofac/watchman-bench-2021-07/add.csv'), comments: read('ofac/watchman-bench-2021-07/sdn_comments.csv'),
  });
  assert.equal(snapshot.entries.length, 8976);
  assert.equal(quarantined.length, 0);
  assert.equal(snapshot.entries.reduce((n, e) => n + e.aliases.filter((a) => a.quality === 'strong').length, 0) > 11_000, true);
  const antonio = snapshot.entries.find((e) => e.entryId === '20109')!;
  assert.deepEqual(antonio.birthDates, ['1958-08-20']);
  assert.deepEqual(antonio.identifiers.find((i) => i.kind === 'curp'), { kind: 'curp', value: 'OECA580820HMNSRN04', label: 'C.U.R.P.', country: 'MX' });
  assert.ok(antonio.aliases.some((a) => a.name === 'Tony Montana' && a.quality === 'weak'));
  assert.ok(snapshot.entries.find((e) => e.entryId === '306')!.countries.includes('CH'));
});

test('a malformed OFAC row is quarantined with its reason, not dropped silently', () => {
  const csv = '1,"GOOD, Name","individual","SDNTK",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \r\nX,"BAD"\r\n\u001a';
  const { snapshot, quarantined } = loadOfacCsv({ primary: csv });
  assert.equal(snapshot.entries.length, 1);
  assert.equal(quarantined.length, 1);
  assert.match(quarantined[0]!.issues[0]!.reason, /expected 12 columns/);
});

test('OFAC consolidated non-SDN CSV (cons_prim / cons_alt) uses the same layout', () => {
  const prim = '9001,"EXAMPLE TRADING FZE",-0- ,"NS-ISA",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,"Registration ID 12345 (United Arab Emirates)."\r\n';
  const alt = '9001,501,"aka","EXAMPLE GENERAL TRADING",-0- \r\n';
  const { snapshot } = loadOfacCsv({ primary: prim, alternates: alt }, { listId: 'ofac-consolidated' });
  assert.equal(snapshot.listId, 'ofac-consolidated');
  assert.equal(snapshot.entries[0]!.type, 'organization');
  assert.deepEqual(snapshot.entries[0]!.aliases, [{ name: 'EXAMPLE GENERAL TRADING', quality: 'strong', kind: 'aka' }]);
  assert.equal(snapshot.entries[0]!.identifiers[0]!.country, 'AE');
});

const SDN_XML = `<?xml version="1.0" standalone="yes"?>
<sdnList xmlns="https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/XML">
  <publshInformation><Publish_Date>05/03/2024</Publish_Date><Record_Count>2</Record_Count></publshInformation>
  <sdnEntry>
    <uid>17674</uid><firstName>Nemesio</firstName><lastName>OSEGUERA CERVANTES</lastName><sdnType>Individual</sdnType>
    <programList><program>SDNTK</program><program>ILLICIT-DRUGS-EO14059</program></programList>
    <akaList><aka><uid>1</uid><type>a.k.a.</type><category>weak</category><lastName>Mencho</lastName></aka></akaList>
    <nationalityList><nationality><uid>2</uid><country>Mexico</country><mainEntry>true</mainEntry></nationality></nationalityList>
    <dateOfBirthList><dateOfBirthItem><uid>3</uid><dateOfBirth>17 Jul 1966</dateOfBirth><mainEntry>true</mainEntry></dateOfBirthItem></dateOfBirthList>
  </sdnEntry>
  <sdnEntry>
    <uid>17671</uid><lastName>CARTEL DE JALISCO NUEVA GENERACION</lastName><sdnType>Entity</sdnType>
    <programList><program>SDNTK</program><program>SDGT</program></programList>
    <akaList><aka><uid>4</uid><type>a.k.a.</type><category>strong</category><lastName>CJNG</lastName></aka></akaList>
    <idList><id><uid>5</uid><idType>Organization Type:</idType><idNumber>Foreign Terrorist Organization</idNumber></id></idList>
    <addressList><address><uid>6</uid><city>Guadalajara</city><country>Mexico</country></address></addressList>
  </sdnEntry>
</sdnList>`;

test('OFAC SDN XML: entries, aliases, dates and the publish date as version', () => {
  const { snapshot } = loadOfacXml(SDN_XML);
  assert.equal(snapshot.version, '2024-05-03');
  const [nemesio, cjng] = snapshot.entries;
  assert.equal(nemesio!.name, 'OSEGUERA CERVANTES, Nemesio');
  assert.deepEqual(nemesio!.birthDates, ['1966-07-17']);
  assert.deepEqual(nemesio!.nationalities, ['MX']);
  assert.deepEqual(nemesio!.aliases, [{ name: 'Mencho', quality: 'weak', kind: 'aka' }]);
  assert.equal(cjng!.type, 'organization');
  assert.deepEqual(cjng!.programs, ['SDNTK', 'SDGT']);
  assert.deepEqual(cjng!.countries, ['MX']);
});

test('list XML with a DOCTYPE or entities is refused', () => {
  const evil = '<?xml version="1.0"?><!DOCTYPE sdnList [<!ENTITY x SYSTEM "file:///etc/passwd">]><sdnList><sdnEntry><uid>1</uid><lastName>&x;</lastName></sdnEntry></sdnList>';
  assert.throws(() => loadOfacXml(evil), (e: unknown) => e instanceof ValidationError && /DOCTYPE/.test(e.message));
  assert.throws(() => loadOfacXml('<sdnList>'), ValidationError);
  assert.throws(() => loadOfacXml(SDN_XML, { limits: { maxBytes: 100, maxDepth: 32, maxTextLength: 1000 } }), /above the limit/);
});

test('UN consolidated XML: 730 individuals and 273 entities with the generation date as version', () => {
  const { snapshot, quarantined } = loadUnConsolidatedXml(read('un/UN_consolidated.xml'));
  assert.equal(snapshot.version, '2026-02-27T00:00:09.554Z');
  assert.equal(snapshot.entries.filter((e) => e.type === 'person').length, 730);
  assert.equal(snapshot.entries.filter((e) => e.type === 'organization').length, 273);
  assert.equal(quarantined.length, 0);
  const badege = snapshot.entries.find((e) => e.entryId === 'CDi.001')!;
  assert.equal(badege.name, 'ERIC BADEGE');
  assert.deepEqual(badege.birthDates, ['1971']);
  assert.deepEqual(badege.nationalities, ['CD']);
});

const LPB = `folio,tipo_persona,nombre,apellido_paterno,apellido_materno,razon_social,alias,fecha_nacimiento,rfc,curp,nacionalidad,pais,fecha_inclusion,fundamento
LPB-1,fisica,Baldomero,Zamudio,Arreola,,El Charro|Balo,03/02/1971,,,México,MX,2025-03-01,Ficticio
LPB-2,moral,,,,"Comercializadora Huizache, S.A. de C.V.",,,CHU950101AB3,,MX,MX,2025-03-01,Ficticio
LPB-3,fisica,,SinNombre,,,,,,,MX,MX,,
LPB-4,otra,Juan,Pérez,,,,,,,MX,MX,,
`;

test('Mexican LPB CSV: structured names, aliases, dates; invalid rows quarantined with the field', () => {
  const { snapshot, quarantined } = loadMexicoLpbCsv(LPB, { version: '2025-03-01' });
  assert.equal(snapshot.entries.length, 2);
  assert.deepEqual(snapshot.entries[0]!.structuredName, { given: 'Baldomero', paternal: 'Zamudio', maternal: 'Arreola' });
  assert.deepEqual(snapshot.entries[0]!.birthDates, ['1971-02-03']);
  assert.deepEqual(snapshot.entries[0]!.aliases.map((a) => a.name), ['El Charro', 'Balo']);
  assert.equal(snapshot.entries[1]!.type, 'organization');
  assert.deepEqual(quarantined.map((q) => [q.location, q.issues[0]!.field]), [['line 4', 'nombre'], ['line 5', 'tipo_persona']]);
});

test('internal list CSV', () => {
  const { snapshot } = loadInternalListCsv('entry_id,type,given_names,paternal_surname,maternal_surname,aliases\nX1,person,Ana,Quiroz,Nava,La Güera\n', { name: 'exited-customers' });
  assert.equal(snapshot.listId, 'internal:exited-customers');
  assert.equal(snapshot.entries[0]!.name, 'Quiroz Nava, Ana');
});

test('a list update gives a delta and re-screening raises alerts only for new hits', () => {
  const older = loadOfacCsv({ primary: read('ofac/watchman-bench-2021-07/sdn.csv') }).snapshot;
  const newer = loadOfacCsv({ primary: read('ofac/sdn-only-2024-05-03/sdn.csv') }).snapshot;
  const delta = diffSnapshots(older, newer);
  assert.equal(delta.added.length + delta.changed.length + delta.unchanged, newer.entries.length);
  assert.equal(delta.removed.length + delta.changed.length + delta.unchanged, older.entries.length);
  assert.ok(delta.added.length > 5000);
  const nemesio = delta.changed.find((c) => c.entryId === '17674')!;
  assert.ok(nemesio.fields.includes('programs'));

  const index = buildScreeningIndex(newer.entries);
  const added = delta.added.find((e) => e.type === 'person' && /^[A-Z]+ [A-Z]+, [A-Za-z]+$/.test(e.name) && e.nationalities.includes('MX'))!;
  const [surnames, given] = added.name.split(', ');
  const [paternal, maternal] = surnames!.split(' ');
  const party = PartySchema.parse({ type: 'person', id: 'P-1', name: { given: given!, paternal: paternal!, maternal: maternal! }, country: 'MX' });
  const bystander = PartySchema.parse({ type: 'person', id: 'P-2', name: { given: 'María', paternal: 'Hernández', maternal: 'López' }, country: 'MX' });
  const result = rescreenParties({ index, deltas: [delta], parties: [party, bystander], alreadyAlerted: new Set(), time: '2024-05-04T00:00:00Z', alertThreshold: 0.8, interdictionThreshold: 0.92 });
  assert.equal(result.partiesScreened, 2);
  assert.deepEqual(result.alerts.map((a) => [a.partyId, a.explanation.features['entryId']]), [['P-1', added.entryId]]);
  assert.equal(AlertSchema.safeParse(result.alerts[0]).success, true);
  assert.equal(result.alerts[0]!.typologyId, 'screening.sanctions');
  const again = rescreenParties({ index, deltas: [delta], parties: [party], alreadyAlerted: new Set([`P-1|ofac-sdn|${added.entryId}`]), time: '2024-05-04T00:00:00Z', alertThreshold: 0.8, interdictionThreshold: 0.92 });
  assert.equal(again.alerts.length, 0);
});

test('the transaction screener holds transfers to 2313a banks and listed names, and caches', () => {
  const index = buildScreeningIndex([...section2313aList().entries, ...usFto2025List().entries]);
  const screener = createTransactionScreener({ index, alertThreshold: 0.8, interdictionThreshold: 0.92, cacheSize: 2 });
  const clean = { originator: { name: 'John Smith', country: 'US' }, beneficiary: { name: 'María López', country: 'MX', institutionId: '012' } };
  assert.deepEqual(screener.screenTransaction(clean), { hits: [], hold: false });
  const toIntercam = { originator: { name: 'John Smith', country: 'US' }, beneficiary: { name: 'María López', country: 'MX', institutionId: '136180000000000007' } };
  const held = screener.screenTransaction(toIntercam);
  assert.equal(held.hold, true);
  assert.equal(held.hits[0]!.hit.entryId, 'INTERCAM');
  assert.equal(held.hits[0]!.via, 'institution');
  const byName = screener.screenTransaction({ originator: { name: 'Comercializadora Sur', country: 'MX' }, beneficiary: { name: 'CIBANCO SA', country: 'MX' } });
  assert.equal(byName.hold, true);
  const before = screener.stats.cacheHits;
  screener.screenTransaction(byName.hits.length > 0 ? { originator: { name: 'Comercializadora Sur', country: 'MX' }, beneficiary: { name: 'CIBANCO SA', country: 'MX' } } : clean);
  assert.equal(screener.stats.cacheHits, before + 2);
});

test('a held transaction becomes interdiction alerts with the hit explained', () => {
  const index = buildScreeningIndex([...section2313aList().entries, ...usFto2025List().entries]);
  const screener = createTransactionScreener({ index, alertThreshold: 0.8, interdictionThreshold: 0.92 });
  const tx = { id: 'TX-1', time: '2025-10-21T15:00:00Z', originator: { partyId: 'P-9', accountId: 'A-9', name: 'Juana Ríos', country: 'US' }, beneficiary: { name: 'Vector Casa de Bolsa', country: 'MX', institutionId: '608' } };
  const alerts = screeningAlertsForTransaction(tx, screener.screenTransaction(tx), { interdictionThreshold: 0.92, listVersions: { 'us-2313a': '2025-08-19' } });
  // Found by name and by bank code: one alert (equal scores keep the name hit, found first).
  assert.deepEqual(alerts.map((a) => [a.severity, a.typologyVersion, a.explanation.features['via'], a.subjectKey, a.score]), [['interdict', '2025-08-19', 'name', 'name:MX:Vector Casa de Bolsa', 1]]);
  assert.equal(alerts[0]!.triggerTransactionId, 'TX-1');
  assert.equal(alerts[0]!.id, 'screening:TX-1:beneficiary:us-2313a:VECTOR');
});

test('the CLI finds list files by name and root element and always adds the built-in lists', async () => {
  const { loadListsDir } = await import('../src/cli/commands/lists.ts');
  const loaded = loadListsDir(`${lists}/un`);
  assert.deepEqual(loaded.snapshots.map((s) => [s.listId, s.entries.length]), [['un-consolidated', 1003], ['us-2313a', 3], ['us-fto-2025', 8]]);
  assert.deepEqual(loaded.files.map((f) => f.split('/').pop()), ['UN_consolidated.xml']);
});
