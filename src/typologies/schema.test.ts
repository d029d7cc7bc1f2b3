import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TYPOLOGY_JSON_SCHEMA_PATH, typologyJsonSchemaText } from './write-json-schema.ts';
import { loadBuiltinTypologies, loadTypologyDirectory, loadTypologyFile, typologyFilesIn, BUILTIN_TYPOLOGY_DIRECTORY } from './files.ts';
import { formatTypologyIssues, loadTypology } from './loader.ts';
import { PATTERN_NAMES } from './schema.ts';
import { ValidationError } from '../errors.ts';

test('typology.schema.json is current (regenerate with npm run typologies:schema)', () => {
  assert.equal(readFileSync(TYPOLOGY_JSON_SCHEMA_PATH, 'utf8'), typologyJsonSchemaText());
});

test('the built-in library loads through the same loader and covers every pattern', () => {
  const typologies = loadBuiltinTypologies();
  assert.ok(typologies.length >= 8);
  assert.equal(typologies.length, typologyFilesIn(BUILTIN_TYPOLOGY_DIRECTORY).length);
  const covered = new Set(typologies.flatMap((t) => t.document.patterns));
  assert.deepEqual(PATTERN_NAMES.filter((pattern) => !covered.has(pattern)), []);
  for (const typology of typologies) {
    assert.ok(typology.document.sources.length > 0, typology.id);
    for (const flag of typology.document.redFlags) assert.ok(flag.en.length > 0 && flag.es.length > 0, typology.id);
  }
});

const valid = JSON.parse(readFileSync(join(BUILTIN_TYPOLOGY_DIRECTORY, 'cycle.json'), 'utf8'));

test('validation points at the faulty expression with line:column and a suggestion', () => {
  const broken = structuredClone(valid);
  broken.rules[1].when = 'cycle_amount_retension between 0.7 and 1';
  const result = loadTypology(broken);
  assert.ok(!result.ok);
  assert.deepEqual(result.issues, [{
    field: 'rules[1].when', reason: "unknown feature or parameter 'cycle_amount_retension' — did you mean 'cycle_amount_retention'?",
    expression: 'cycle_amount_retension between 0.7 and 1', line: 1, column: 1,
  }]);
  assert.match(formatTypologyIssues(result.issues), /rules\[1\]\.when 1:1: unknown feature .*\n {6}cycle_amount_retension between 0.7 and 1\n {6}\^/);
});

test('schema, threshold and uniqueness problems are reported as issues', () => {
  const noRedFlags = { ...structuredClone(valid), redFlags: [] };
  const result = loadTypology(noRedFlags);
  assert.ok(!result.ok);
  assert.deepEqual(result.issues.map((i) => i.field), ['redFlags']);
  const unreachable = { ...structuredClone(valid), alertThreshold: 99 };
  const second = loadTypology(unreachable);
  assert.ok(!second.ok);
  assert.match(second.issues[0]!.reason, /can never be reached/);
  const shadow = { ...structuredClone(valid), parameters: { amount_usd: 5 } };
  const third = loadTypology(shadow);
  assert.ok(!third.ok);
  assert.equal(third.issues[0]!.field, 'parameters.amount_usd');
  const directory = mkdtempSync(join(tmpdir(), 'typologies-'));
  writeFileSync(join(directory, 'a.json'), JSON.stringify(valid));
  writeFileSync(join(directory, 'b.json'), JSON.stringify(valid));
  writeFileSync(join(directory, 'c.json'), '{ not json');
  assert.throws(() => loadTypologyDirectory(directory), (error: unknown) => error instanceof ValidationError && /loaded twice/.test(error.message) && /c\.json/.test(error.message));
  const file = loadTypologyFile(join(directory, 'c.json'));
  assert.ok(!file.ok);
  assert.match(file.issues[0]!.reason, /not valid JSON/);
});
