import { test } from 'node:test';
import assert from 'node:assert/strict';
import { validateCurp, validateRfc } from '../domain/index.ts';
import { generateCorridor, vinCheckDigit, type CorridorBatch } from './index.ts';

const transactionsOf = (batches: Iterable<CorridorBatch>) => [...batches].flatMap((batch) => batch.transactions);

test('every party has a KYC file: address, 7-digit activity, identity document or representative', () => {
  const corridor = generateCorridor({ seed: 21, transactions: 8_000, days: 30, start: '2026-02-01' });
  const profiles = [...corridor.profiles()];
  assert.deepEqual(profiles.map((profile) => profile.party), [...corridor.parties()], 'profiles carry exactly the rendered parties');
  let voterCards = 0;
  for (const { party, kyc } of profiles) {
    const { address } = kyc;
    assert.equal(kyc.partyId, party.id);
    assert.equal(address.country, party.country);
    assert.equal(address.postalCode, party.postalCode);
    assert.match(kyc.economicActivity.code, /^\d{7}$/);
    assert.match(address.number, /^\d+( (Int\.|Apt) \d+)?$/);
    if (address.country === 'MX') {
      assert.match(address.state, /^[A-Z]{3}$/);
      assert.ok(address.colonia && address.municipality, `${party.id} has colonia and municipality`);
      assert.match(address.localityCode ?? '', /^\d{8}$/);
      assert.match(address.postalCode, /^\d{5}$/);
    } else {
      assert.match(address.state, /^[A-Z]{2}$/);
      assert.equal(address.localityCode, undefined);
      assert.equal(address.colonia, undefined);
    }
    if (party.type === 'company') {
      const representative = kyc.representative!;
      assert.ok(representative.given && representative.paternal && representative.birthDate < '2026-02-01');
      if (party.country === 'MX') {
        assert.equal(validateRfc(representative.rfc!), null);
        assert.equal(validateCurp(representative.curp!), null);
      }
      assert.equal(kyc.identityDocument, undefined);
      continue;
    }
    const document = kyc.identityDocument!;
    assert.ok(kyc.gender === 'male' || kyc.gender === 'female');
    assert.ok(document.issueDate < '2026-02-01' && document.expiryDate >= '2026-02-01', `${party.id} document valid at the start`);
    if (document.type === 'voter_id') {
      voterCards++;
      // Clave de elector: 6 letters, birth date, 2-digit state, sex, 3 digits; sex agrees with the CURP.
      assert.match(document.number, /^[A-Z]{6}\d{8}[HM]\d{3}$/);
      assert.equal(document.number.slice(6, 12), party.birthDate!.slice(2).replaceAll('-', ''));
      const curp = party.identifiers.find((identifier) => identifier.kind === 'curp')!.value;
      assert.equal(document.number[14], curp[10]);
      assert.equal(document.number[14], kyc.gender === 'female' ? 'M' : 'H');
    }
    if (document.type === 'passport' && document.issueCountry === 'MX') {
      assert.equal(document.number, party.identifiers.find((identifier) => identifier.kind === 'passport')?.value, 'the Mexican passport is the one on record');
    }
  }
  assert.ok(voterCards > 50, `Mexican residents carry INE cards (${voterCards})`);
});

test('KYC draws leave the transaction stream untouched and depend only on the seed and party id', () => {
  const options = { seed: 4, transactions: 3_000, days: 20 };
  const plain = transactionsOf(generateCorridor(options).batches());
  const corridor = generateCorridor(options);
  const first = [...corridor.profiles()];
  assert.deepEqual(transactionsOf(corridor.batches()), plain);
  assert.deepEqual([...generateCorridor(options).profiles()], first);
});

test('vehicle purchases from dealers describe the vehicle with a valid VIN; other transactions none', () => {
  const corridor = generateCorridor({ seed: 9, transactions: 120_000, days: 30 });
  const sales = [];
  let others = 0;
  for (const transaction of transactionsOf(corridor.batches())) {
    const sale = corridor.vehicleSale(transaction);
    if (sale === undefined) {
      others++;
      continue;
    }
    sales.push(sale);
    assert.ok(corridor.dealerPartyIds.has(transaction.beneficiary.partyId!));
    assert.equal(sale.buyerPartyId, transaction.originator.partyId);
    assert.match(sale.vin, /^[A-HJ-NPR-Z0-9]{17}$/);
    assert.equal(sale.vin[8], vinCheckDigit(sale.vin));
    assert.ok(sale.year >= 2017 && sale.year <= 2027, String(sale.year));
  }
  assert.ok(sales.length >= 5, `vehicle sales found: ${sales.length}`);
  assert.ok(others > 100_000);
});

test('some persons work for a bank that holds one of their accounts; companies never do', () => {
  const corridor = generateCorridor({ seed: 21, transactions: 8_000, days: 30, start: '2026-02-01' });
  const banks = new Map(corridor.institutions.filter((institution) => institution.kind === 'bank').map((institution) => [institution.id, institution]));
  const banksOf = new Map<string, Set<string>>();
  for (const account of corridor.accounts()) if (banks.has(account.institutionId)) banksOf.set(account.partyId, (banksOf.get(account.partyId) ?? new Set()).add(account.institutionId));
  let persons = 0;
  let employees = 0;
  for (const { party, kyc } of corridor.profiles()) {
    if (party.type === 'company') {
      assert.equal(kyc.employment, undefined);
      continue;
    }
    persons++;
    if (!kyc.employment) continue;
    employees++;
    assert.ok(banksOf.get(party.id)?.has(kyc.employment.institutionId), `${party.id} works for a bank of its own accounts`);
    assert.match(kyc.employment.employeeNumber, /^\d{7}$/);
    assert.ok(kyc.employment.position.length > 0 && kyc.employment.since < '2026-02-01');
  }
  // EMPLOYEE_SHARE (3 %) of the persons with a bank account.
  assert.ok(employees > persons * 0.015 && employees < persons * 0.045, `${employees} employees of ${persons} persons`);
});
