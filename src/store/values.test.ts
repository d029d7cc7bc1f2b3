import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ValidationError } from '../errors.ts';
import { arrayLiteral, copyField, encodeValue, normalizeParameter, parseInt8, quoteIdentifier } from './values.ts';

describe('value encoding', () => {
  it('encodes values by column kind', () => {
    assert.equal(encodeValue(null, 'scalar'), null);
    assert.equal(encodeValue(undefined, 'json'), null);
    assert.equal(encodeValue(true, 'scalar'), 't');
    assert.equal(encodeValue(true, 'json'), 'true');
    assert.equal(encodeValue(12n, 'scalar'), '12');
    assert.equal(encodeValue(new Date('2026-01-01T00:00:00Z'), 'scalar'), '2026-01-01T00:00:00.000Z');
    assert.equal(encodeValue(new Uint8Array([0, 171]), 'bytea'), '\\x00ab');
    assert.equal(encodeValue(['a', 'b'], 'json'), '["a","b"]');
    assert.equal(encodeValue(['a', 'b'], 'array'), '{"a","b"}');
    assert.equal(encodeValue({ a: 1 }, 'json'), '{"a":1}');
    assert.equal(encodeValue('{"already":"json"}', 'json'), '{"already":"json"}');
    assert.throws(() => encodeValue(Number.NaN, 'json'), ValidationError);
    assert.throws(() => encodeValue(new Date('nope'), 'scalar'), ValidationError);
    assert.throws(() => encodeValue(() => 1, 'scalar'), ValidationError);
  });

  it('writes array literals with quoting, NULLs and nesting', () => {
    assert.equal(arrayLiteral(['a', 'b"c', 'd\\e', null, 'NULL']), '{"a","b\\"c","d\\\\e",NULL,"NULL"}');
    assert.equal(arrayLiteral([[1, 2], [3, 4]]), '{{"1","2"},{"3","4"}}');
    assert.equal(arrayLiteral([]), '{}');
  });

  it('escapes COPY text fields', () => {
    assert.equal(copyField(null), '\\N');
    assert.equal(copyField('plain'), 'plain');
    assert.equal(copyField('a\tb\nc\rd\\e'), 'a\\tb\\nc\\rd\\\\e');
    assert.equal(copyField('\\N'), '\\\\N');
  });

  it('normalises parameters the same way for both drivers', () => {
    assert.equal(normalizeParameter(undefined), null);
    assert.equal(normalizeParameter(['x', null]), '{"x",NULL}');
    assert.equal(normalizeParameter({ a: [1] }), '{"a":[1]}');
    assert.equal(normalizeParameter(5n), '5');
    const date = new Date();
    assert.equal(normalizeParameter(date), date);
  });

  it('quotes plain identifiers and refuses anything else', () => {
    assert.equal(quoteIdentifier('alerts'), '"alerts"');
    assert.equal(quoteIdentifier('test_1.alerts'), '"test_1"."alerts"');
    for (const bad of ['Alerts', 'a-b', 'a"b', 'a.b.c', '', '1abc', 'x; drop table y']) assert.throws(() => quoteIdentifier(bad), ValidationError, bad);
  });

  it('parses int8 exactly or refuses', () => {
    assert.equal(parseInt8('9007199254740991'), 9007199254740991);
    assert.equal(parseInt8('-42'), -42);
    assert.throws(() => parseInt8('9007199254740992'), RangeError);
  });
});
