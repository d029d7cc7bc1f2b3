import { test } from 'node:test';
import assert from 'node:assert/strict';
import { validateAba, validateClabe, validateCurp, validateRfc, validateSsn, validateEin, validateBic, clabeCheckDigit } from './identifiers.ts';
import { toMinorUnits, formatMinorUnits, toUsdMinor, DEFAULT_RATES } from './money.ts';

test('CLABE check digit uses weights 3,7,1 mod 10', () => {
  assert.equal(validateClabe('002010077777777771'), null);
  assert.equal(validateClabe('002010077777777772'), 'CLABE check digit should be 1');
  assert.equal(validateClabe('0020100777'), 'CLABE must be exactly 18 digits');
  assert.equal(clabeCheckDigit('03218000011835971'), 9);
});

test('ABA routing checksum', () => {
  assert.equal(validateAba('021000021'), null); // JPMorgan Chase
  assert.equal(validateAba('011000015'), null); // Federal Reserve Bank of Boston
  assert.equal(validateAba('021000022'), 'ABA routing number checksum fails');
});

test('RFC structure, date and check character', () => {
  assert.equal(validateRfc('GODE561231GR8'), null);
  assert.equal(validateRfc('GODE561231GR9'), 'RFC check character should be 8');
  assert.equal(validateRfc('GODE561331GR8'), 'RFC date part is not a valid YYMMDD date');
  assert.match(validateRfc('12345') ?? '', /RFC must be/);
});

test('CURP structure, state and check digit', () => {
  assert.equal(validateCurp('HEGG560427MVZRRL04'), null);
  assert.equal(validateCurp('HEGG560427MVZRRL05'), 'CURP check digit should be 4');
  assert.equal(validateCurp('HEGG560427MQQRRL04'), 'CURP state code QQ is unknown');
});

test('SSN, EIN and BIC shapes', () => {
  assert.equal(validateSsn('123-45-6789'), null);
  assert.notEqual(validateSsn('666-45-6789'), null);
  assert.equal(validateEin('12-3456789'), null);
  assert.notEqual(validateEin('07-3456789'), null);
  assert.equal(validateBic('BNMXMXMM'), null);
  assert.equal(validateBic('CHASUS33XXX'), null);
  assert.notEqual(validateBic('CHAS1'), null);
});

test('money is integer minor units, converted without floats in parsing', () => {
  assert.equal(toMinorUnits('9500.10', 'USD'), 950010);
  assert.equal(toMinorUnits('9500.1', 'USD'), 950010);
  assert.equal(toMinorUnits('9500.101', 'USD'), null);
  assert.equal(toMinorUnits('abc', 'USD'), null);
  assert.equal(formatMinorUnits(950010, 'USD'), '9500.10');
  assert.equal(formatMinorUnits(5, 'USD'), '0.05');
  assert.equal(toUsdMinor(1850000, 'MXN', DEFAULT_RATES), 100000);
  assert.throws(() => toUsdMinor(100, 'XXX', DEFAULT_RATES), /no exchange rate for currency XXX/);
});
