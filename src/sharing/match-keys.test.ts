import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Party } from '../domain/index.ts';
import { companyNameKey, deriveMatchKeys, identifierKey, normalisePhone, personNameKeys, screeningNameParser } from './match-keys.ts';

const shareAKey = (left: string[], right: string[]) => left.some((key) => right.includes(key));
const person = (given: string, paternal: string, maternal?: string) => personNameKeys(screeningNameParser, maternal === undefined ? { given, paternal } : { given, paternal, maternal }, '1966-07-17');

describe('match keys', () => {
  it('give the same name key across Spanish-name variation', () => {
    assert.ok(shareAKey(person('José Luis', 'Pérez', 'García'), person('JOSE LUIS', 'PEREZ GARCIA')), 'accents, case, both surnames in one field');
    assert.ok(shareAKey(person('Nemesio', 'Oseguera', 'Cervantes'), person('Nemesio', 'Ozeguera', 'Servantes')), 'Oseguera / Ozeguera');
    assert.ok(shareAKey(person('María de los Ángeles', 'de la Cruz'), person('Maria Angeles', 'Cruz')), 'particles');
    assert.ok(shareAKey(person('José Luis', 'Núñez'), person('Luis', 'Nunez')), 'a compound given name meets its second name');
    assert.ok(shareAKey(person('Ximena', 'Valenzuela'), person('Jimena', 'Balenzuela')), 'x/j and b/v');
    assert.equal(shareAKey(person('José', 'Pérez'), person('José', 'López')), false);
    assert.equal(shareAKey(person('José', 'Pérez'), personNameKeys(screeningNameParser, { given: 'José', paternal: 'Pérez' }, '1966-07-18')), false, 'another date of birth');
  });

  it('give the same company key whatever the legal form is written like', () => {
    assert.equal(companyNameKey(screeningNameParser, 'Comercializadora del Norte, S.A. de C.V.', 'MX'), companyNameKey(screeningNameParser, 'COMERCIALIZADORA DEL NORTE SA DE CV', 'MX'));
    assert.notEqual(companyNameKey(screeningNameParser, 'Comercializadora del Norte, S.A. de C.V.', 'MX'), companyNameKey(screeningNameParser, 'Comercializadora del Norte LLC', 'US'));
  });

  it('normalise identifiers to one form per kind', () => {
    assert.deepEqual(identifierKey({ kind: 'rfc', value: 'gome-800201-ab1' }), { kind: 'rfc', value: 'GOME800201AB1' });
    assert.deepEqual(identifierKey({ kind: 'ssn', value: '123-45-6789' }), { kind: 'ssn', value: '123456789' });
    assert.deepEqual(identifierKey({ kind: 'passport', value: 'g 1234567' }, 'MX'), { kind: 'passport', value: 'MX:G1234567' });
    assert.deepEqual(identifierKey({ kind: 'crypto_address', value: '0xAbCdEf0123456789aBcDeF0123456789ABCDEF01' }), { kind: 'crypto_address', value: '0xabcdef0123456789abcdef0123456789abcdef01' });
    assert.equal(identifierKey({ kind: 'aba', value: '021000021' }), null, 'a routing number names a bank, not a customer');
    assert.equal(normalisePhone('+52 1 55 1234 5678', undefined), '525512345678');
    assert.equal(normalisePhone('(55) 1234-5678', 'MX'), '525512345678');
    assert.equal(normalisePhone('(956) 555-0134', 'US'), '19565550134');
    assert.equal(normalisePhone('1 956 555 0134', 'US'), '19565550134');
  });

  it('derive every key of a party once, restricted to the kinds asked for', () => {
    const party: Party = {
      type: 'person',
      id: 'p-1',
      name: { given: 'Ana', paternal: 'Ruiz' },
      birthDate: '1980-02-01',
      country: 'MX',
      identifiers: [
        { kind: 'rfc', value: 'RUAA800201AB1' },
        { kind: 'rfc', value: 'ruaa800201ab1' },
        { kind: 'phone', value: '81 5555 0101', country: 'MX' },
      ],
      aliases: [],
    };
    assert.deepEqual(deriveMatchKeys(screeningNameParser, party).map((key) => key.kind), ['name_birth_date', 'rfc', 'phone']);
    assert.deepEqual(deriveMatchKeys(screeningNameParser, party, ['phone']), [{ kind: 'phone', value: '528155550101' }]);
  });
});
