import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import {
  buildScreeningIndex, compareTokens, decodeListText, foldText, loadOfacCsv, parseName, phoneticKey, screen, section2313aList,
  stripDecorations, tokenize, usFto2025List, ListEntrySchema, type ListEntryInput,
} from '../src/screening/index.ts';

const entry = (input: Partial<ListEntryInput> & Pick<ListEntryInput, 'entryId' | 'name'>) => ListEntrySchema.parse({ listId: 'test', type: 'person', ...input });

test('normalisation folds case, accents and ñ, drops honorifics and legal forms', () => {
  assert.equal(foldText('José NÚÑEZ Peña'), 'jose nunez pena');
  assert.deepEqual(tokenize('S.A. de C.V.'), ['sa', 'de', 'cv']);
  assert.deepEqual(tokenize('Oseguera C., Nemesio'), ['oseguera', 'c', 'nemesio']);
  assert.deepEqual(stripDecorations(tokenize('Lic. José Pérez')).tokens, ['jose', 'perez']);
  assert.deepEqual(stripDecorations(tokenize('John Smith Sr.')).tokens, ['john', 'smith']);
  assert.deepEqual(stripDecorations(tokenize('Sr. Juan Pérez Jr.')).tokens, ['juan', 'perez']);
  for (const form of ['Vector Casa de Bolsa, S.A. de C.V.', 'VECTOR CASA DE BOLSA SA DE CV', 'Vector Casa de Bolsa S. de R.L. de C.V.', 'Vector Casa de Bolsa LLC', 'Vector Casa de Bolsa, Inc.']) {
    const parsed = parseName(form);
    assert.deepEqual(parsed.tokens, ['vector', 'casa', 'bolsa'], form);
    assert.equal(parsed.kind, 'organization', form);
  }
});

test('the phonetic key joins Mexican spelling variants and keeps different names apart', () => {
  for (const [a, b] of [['oseguera', 'ozeguera'], ['cervantes', 'servantez'], ['cervantes', 'cerbantes'], ['ximena', 'jimena'], ['llamas', 'yamas'], ['quintero', 'kintero'], ['hernandez', 'ernandez'], ['gerardo', 'jerardo']]) {
    assert.equal(phoneticKey(a!), phoneticKey(b!), `${a} / ${b}`);
  }
  for (const [a, b] of [['garcia', 'garza'], ['lopez', 'lozano'], ['perez', 'paredes']]) assert.notEqual(phoneticKey(a!), phoneticKey(b!));
});

test('Spanish name structure: "Apellido, Nombre", particles, compound given names', () => {
  const comma = parseName('OSEGUERA CERVANTES, Nemesio', 'person');
  assert.deepEqual(comma.tokens, ['oseguera', 'cervantes', 'nemesio']);
  assert.deepEqual(comma.roles, ['paternal', 'maternal', 'given']);
  const particles = parseName('María de los Ángeles de la Cruz Hernández', 'person');
  assert.deepEqual(particles.tokens, ['maria', 'angeles', 'cruz', 'hernandez']);
  assert.deepEqual(particles.roles, ['given', 'given', 'paternal', 'maternal']);
  assert.equal(compareTokens('c', 'cervantes', 'k', 'serbantes').kind, 'initial');
  assert.equal(compareTokens('pepe', 'jose', phoneticKey('pepe'), phoneticKey('jose')).kind, 'nickname');
  assert.equal(compareTokens('lopez', 'lozano', phoneticKey('lopez'), phoneticKey('lozano')).similarity < 0.74, true);
});

const sdn = loadOfacCsv({
  primary: decodeListText(readFileSync('../shared/reference/lists/ofac/sdn-only-2024-05-03/sdn.csv')),
}).snapshot;
const index = buildScreeningIndex([...sdn.entries, ...section2313aList().entries, ...usFto2025List().entries]);
const top = (name: string, extra: Record<string, unknown> = {}) => screen(index, { name, ...extra })[0];

test('the issue\'s examples find Nemesio Oseguera Cervantes and explain why', () => {
  for (const query of ['NEMESIO OZEGUERA', 'Oseguera C., Nemesio', 'El Mencho', 'Nemesio Oseguera Cervantes', 'OSEGUERA CERVANTES NEMESIO', 'nemesio servantes oseguera']) {
    const hit = top(query);
    assert.ok(hit, `no hit for ${query}`);
    assert.equal(hit.entryId, '17674', query);
    assert.ok(hit.score >= 0.8, `${query}: ${hit.explanation}`);
  }
  const phonetic = top('NEMESIO OZEGUERA')!;
  assert.deepEqual(phonetic.tokens.map((t) => [t.query, t.listed, t.kind]), [['nemesio', 'nemesio', 'exact'], ['ozeguera', 'oseguera', 'phonetic']]);
  assert.deepEqual(phonetic.unmatchedListedTokens, ['cervantes']);
  assert.equal(top('El Mencho')!.matchedName, 'Mencho');
});

test('common names and near misses are not flagged', () => {
  for (const query of ['José García', 'José García López', 'María Hernández', 'John Smith', 'Juan Pérez Martínez', 'Nemesio Oseguera Ramírez', 'Antonio Oseguera López']) {
    const hits = screen(index, { name: query });
    assert.equal(hits.length, 0, `${query}: ${hits[0]?.explanation}`);
  }
});

test('secondary evidence raises and lowers the score', () => {
  const plain = top('Nemesio Oseguera')!.score;
  const sameDob = top('Nemesio Oseguera', { birthDate: '1966-07-17' })!;
  assert.ok(sameDob.score > plain);
  assert.equal(sameDob.evidence[0]!.field, 'birthDate');
  assert.equal(sameDob.evidence[0]!.outcome, 'match');
  const otherDob = screen(index, { name: 'Nemesio Oseguera', birthDate: '1990-01-01' }, { threshold: 0 }).find((h) => h.entryId === '17674')!;
  assert.ok(otherDob.score < plain);
  const curp = screen(index, { name: 'Antonio Oseguera', identifiers: [{ kind: 'curp', value: 'OECA580820HMNSRN04' }] })[0]!;
  assert.equal(curp.entryId, '20109');
  assert.ok(curp.score >= 0.99);
});

test('FTO cartels and 2313a institutions are found under their usual names', () => {
  const expectations: Array<[string, string]> = [
    ['Cártel de Jalisco Nueva Generación', 'us-fto-2025:CJNG'], ['CJNG', 'us-fto-2025:CJNG'], ['Gulf Cartel', 'us-fto-2025:CARTEL-DEL-GOLFO'],
    ['Carteles Unidos', 'us-fto-2025:CARTELES-UNIDOS'], ['La Nueva Familia Michoacana', 'us-fto-2025:LA-NUEVA-FAMILIA-MICHOACANA'],
    ['Cartel del Noreste', 'us-fto-2025:CARTEL-DEL-NORESTE'], ['CIBANCO SA INSTITUCION DE BANCA MULTIPLE', 'us-2313a:CIBANCO'],
    ['Intercam Banco S.A.', 'us-2313a:INTERCAM'], ['VECTOR CASA DE BOLSA SA DE CV', 'us-2313a:VECTOR'],
  ];
  for (const [query, expected] of expectations) {
    const hits = screen(index, { name: query });
    assert.ok(hits.some((h) => `${h.listId}:${h.entryId}` === expected), `${query}: ${hits.map((h) => h.explanation).join(' | ')}`);
  }
});

test('the index generates candidates without scanning and the matcher is deterministic', () => {
  const small = buildScreeningIndex([
    entry({ entryId: '1', name: 'GARCIA LOPEZ, Jose Luis' }),
    entry({ entryId: '2', name: 'SMITH, John' }),
    entry({ entryId: '3', type: 'organization', name: 'COMERCIALIZADORA DEL NORTE, S.A. DE C.V.' }),
  ]);
  assert.equal(small.postings[small.tokenIds.get('garcia')!]!.length, 1);
  assert.equal(screen(small, { name: 'Comercializadora del Norte SA de CV' })[0]?.entryId, '3');
  assert.equal(screen(small, { name: 'Jose Luis Garsia Lopes' })[0]?.entryId, '1');
  assert.deepEqual(screen(small, { name: 'Jose Luis Garcia' }), screen(small, { name: 'Jose Luis Garcia' }));
});

test('the HTTP contract validates the request and returns hits in the response schema', async () => {
  const { ScreenRequestSchema, ScreenResponseSchema, screenRequest } = await import('../src/screening/index.ts');
  const request = ScreenRequestSchema.parse({ name: 'El Mencho', limit: 3 });
  const response = screenRequest(index, request);
  assert.equal(ScreenResponseSchema.safeParse(response).success, true);
  assert.equal(response.hits[0]?.entryId, '17674');
  assert.equal(ScreenRequestSchema.safeParse({ name: '', threshold: 2 }).success, false);
});

test('particles written joined to the surname match the separate form and back', () => {
  const small = buildScreeningIndex([entry({ entryId: '1', name: 'DE LA CRUZ HERNANDEZ, Ramiro' }), entry({ entryId: '2', name: 'DELAROSA GUTIERREZ, Juan' })]);
  assert.equal(screen(small, { name: 'Ramiro Delacruz Hernández' })[0]?.entryId, '1');
  assert.equal(screen(small, { name: 'Juan de la Rosa Gutiérrez' })[0]?.entryId, '2');
  assert.equal(screen(small, { name: 'Ramiro Delacruz Hernández' })[0]?.tokens.find((t) => t.query === 'delacruz')?.kind, 'particle');
});

test('a list filter screens only the lists asked for', () => {
  assert.deepEqual(screen(index, { name: 'Sinaloa Cartel' }, { listIds: ['us-fto-2025'] }).map((h) => h.listId), ['us-fto-2025']);
  assert.deepEqual(screen(index, { name: 'Sinaloa Cartel' }, { listIds: ['ofac-sdn'] }).map((h) => h.listId), ['ofac-sdn']);
});
