import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import type { Party } from '../src/domain/index.ts';
import { deriveMatchKeys, matchKeyText, screeningNameParser, startLoopbackNetwork, syntheticSubjects, type SessionSummary } from '../src/sharing/index.ts';

// Norte (a Mexican bank) holds people 0–599, Sur (a US bank) holds 400–999 written the US way:
// the 200 people 400–599 are shared; plus one company and one person matched only by phone.
const norteSubjects: Party[] = [
  ...syntheticSubjects({ from: 0, count: 600, seed: 11, variant: 'mx', prefix: 'norte' }),
  { type: 'company', id: 'norte-co-1', legalName: 'Comercializadora del Norte, S.A. de C.V.', country: 'MX', identifiers: [], aliases: [] },
  { type: 'person', id: 'norte-phone-only', name: { given: 'Ana', paternal: 'Ruiz' }, country: 'MX', identifiers: [{ kind: 'phone', value: '81 5555 0101', country: 'MX' }], aliases: [] },
];
const surSubjects: Party[] = [
  ...syntheticSubjects({ from: 400, count: 600, seed: 11, variant: 'us', prefix: 'sur' }),
  { type: 'company', id: 'sur-co-1', legalName: 'COMERCIALIZADORA DEL NORTE SA DE CV', country: 'MX', identifiers: [], aliases: [] },
  { type: 'person', id: 'sur-phone-only', name: { given: 'Anna', paternal: 'Ruiz Soto' }, country: 'US', identifiers: [{ kind: 'phone', value: '+52 1 81 5555 0101' }], aliases: [] },
];

/** The plain intersection over the same match keys, computed in the clear (the expected answer). */
function plainMatches(own: readonly Party[], other: readonly Party[]): string[] {
  const otherKeys = new Set(other.flatMap((party) => deriveMatchKeys(screeningNameParser, party).map(matchKeyText)));
  return own.filter((party) => deriveMatchKeys(screeningNameParser, party).some((key) => otherKeys.has(matchKeyText(key)))).map((party) => party.id).sort();
}

describe('private set intersection between two nodes over HTTP', () => {
  const bodies: string[] = [];
  let network: Awaited<ReturnType<typeof startLoopbackNetwork>>;
  let initiatorSession: SessionSummary;

  before(async () => {
    network = await startLoopbackNetwork({
      institutions: [
        { institutionId: 'banco-norte', name: 'Banco del Norte', country: 'MX', subjects: norteSubjects },
        { institutionId: 'sur-bank', name: 'Sur Bank', country: 'US', subjects: surSubjects },
      ],
      observe: (_direction, body) => bodies.push(body),
    });
    initiatorSession = await network.byId('banco-norte').node.startMatch(
      { peer: 'sur-bank', purposeCode: 'money_laundering', purpose: 'Funnel accounts: cash deposits in Texas, withdrawals in Monterrey', legalBasis: 'us-314b' },
      'banco-norte.investigator',
    );
  });
  after(async () => network.close());

  it('finds exactly the plain intersection on both sides', () => {
    const expectedNorte = plainMatches(norteSubjects, surSubjects);
    const expectedSur = plainMatches(surSubjects, norteSubjects);
    assert.ok(expectedNorte.length >= 202, `the fixture shares at least 202 subjects (got ${expectedNorte.length})`);
    assert.equal(initiatorSession.status, 'completed');
    assert.deepEqual(initiatorSession.outcome?.matchedSubjects?.map((subject) => subject.subjectId), expectedNorte);
    const responderSession = network.byId('sur-bank').node.getSession(initiatorSession.sessionId);
    assert.equal(responderSession.status, 'completed');
    assert.deepEqual(responderSession.outcome?.matchedSubjects?.map((subject) => subject.subjectId), expectedSur);
  });

  it('matches across Spanish-name variation and identifier formatting, and says how', () => {
    const byId = new Map(initiatorSession.outcome!.matchedSubjects!.map((subject) => [subject.subjectId, subject]));
    assert.deepEqual(byId.get('norte-co-1')?.keyKinds, ['company_name']);
    assert.deepEqual(byId.get('norte-phone-only')?.keyKinds, ['phone']);
    const person = byId.get('norte-420');
    assert.ok(person?.keyKinds.includes('name_birth_date') && person.keyKinds.includes('rfc'), `norte-420 matched by ${person?.keyKinds.join(',')}`);
    assert.equal(byId.has('norte-10'), false);
  });

  it('sends no raw identifier, name, or plain or salted SHA-256 of one in any message', () => {
    assert.ok(bodies.length >= 6, 'three request/reply pairs were captured');
    const wire = bodies.join('\n');
    // Binary fields are runs of 32-byte points or 16-byte tags: any embedded hash would sit on a 16-byte boundary.
    const chunks = new Set<string>();
    for (const body of bodies) {
      for (const match of body.matchAll(/"([A-Za-z0-9_-]{40,})"/g)) {
        const bytes = Buffer.from(match[1]!, 'base64url');
        for (let offset = 0; offset + 16 <= bytes.length; offset += 16) chunks.add(bytes.toString('hex', offset, offset + 16));
      }
    }
    assert.ok(chunks.size > 1000, 'the blinded elements were captured');
    const secrets: string[] = [];
    for (const party of [...norteSubjects, ...surSubjects]) {
      if (party.type === 'person') secrets.push(party.name.given, party.name.paternal, ...(party.birthDate ? [party.birthDate] : []));
      else secrets.push(party.legalName);
      for (const identifier of party.identifiers) secrets.push(identifier.value, identifier.value.replace(/\D/g, ''));
      for (const key of deriveMatchKeys(screeningNameParser, party)) secrets.push(key.value, matchKeyText(key));
    }
    let checked = 0;
    for (const secret of new Set(secrets.filter((text) => text.length >= 6))) {
      assert.equal(wire.includes(secret), false, `raw value ${secret} is on the wire`);
      const hashes = [createHash('sha256').update(secret).digest(), createHash('sha256').update(initiatorSession.sessionId).update(secret).digest(), createHash('sha256').update('frontera-psi-v1/hash-to-group').update('\u0000').update(initiatorSession.sessionId).update('\u0000').update(secret).digest()];
      for (const hash of hashes) {
        assert.equal(wire.includes(hash.toString('hex')), false);
        assert.equal(chunks.has(hash.toString('hex', 0, 16)) || chunks.has(hash.toString('hex', 16, 32)), false, `a hash of ${secret} is on the wire`);
      }
      checked++;
    }
    assert.ok(checked > 3000);
  });

  it('audits the session on both sides without identifiers', () => {
    for (const id of ['banco-norte', 'sur-bank']) {
      const actions = network.byId(id).audit.entries().map((entry) => entry.action);
      assert.ok(actions.includes('sharing.session.opened') && actions.includes('sharing.session.completed'), `${id}: ${actions.join(', ')}`);
    }
    const opened = network.byId('sur-bank').audit.entries().find((entry) => entry.action === 'sharing.session.opened')!;
    assert.equal(opened.details['legalBasis'], 'us-314b');
    assert.equal(opened.details['purposeCode'], 'money_laundering');
    assert.equal(opened.details['initiator'], 'banco-norte');
  });

  it('reveals only the count in cardinality mode', async () => {
    const session = await network.byId('sur-bank').node.startMatch(
      { peer: 'banco-norte', purposeCode: 'money_laundering', purpose: 'How many customers do we have in common?', legalBasis: 'us-314b', mode: 'cardinality', keyKinds: ['rfc'] },
      'sur-bank.investigator',
    );
    assert.equal(session.outcome?.matchedSubjects, undefined);
    assert.equal(session.outcome?.matchedKeyCount, 200);
    assert.equal(network.byId('banco-norte').node.getSession(session.sessionId).outcome?.matchedKeyCount, 200);
  });
});
