import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import type { Party } from '../src/domain/index.ts';
import { ForbiddenError } from '../src/errors.ts';
import {
  blindOwnSet,
  createLocalBlindingEngine,
  decodeBytes,
  deriveMatchKeys,
  finishAsInitiator,
  finishAsResponder,
  hashToGroup,
  blindGroupElements,
  matchKeyText,
  prepareSet,
  randomScalar,
  respondToBlindedSet,
  screeningNameParser,
  SignedMessageSchema,
  signMessage,
  startLoopbackNetwork,
  syntheticSubjects,
  tagsOf,
  TAG_BYTES,
} from '../src/sharing/index.ts';

const KINDS = ['name_birth_date', 'rfc', 'curp', 'clabe', 'phone'] as const;

describe('a side with a dictionary of candidate identifiers', () => {
  // Initiator holds people 0–299; responder (the attacker) holds 200–499. Shared: 200–299.
  // The attacker's dictionary: the initiator's non-matching people 0–199 (held) and 500–699 (not held).
  const initiatorSubjects = syntheticSubjects({ from: 0, count: 300, seed: 5, variant: 'mx', prefix: 'i' });
  const responderSubjects = syntheticSubjects({ from: 200, count: 300, seed: 5, variant: 'mx', prefix: 'r' });
  const held = syntheticSubjects({ from: 0, count: 200, seed: 5, variant: 'mx', prefix: 'd' });
  const notHeld = syntheticSubjects({ from: 500, count: 200, seed: 5, variant: 'mx', prefix: 'd' });
  const keyTexts = (parties: readonly Party[]) => parties.map((party) => deriveMatchKeys(screeningNameParser, party, KINDS).map(matchKeyText));

  it('cannot tell which candidates the other side holds from the PSI messages, unlike a shared-salt hash', async () => {
    const engine = createLocalBlindingEngine();
    const sessionId = 'session-dictionary-test';
    const initiator = prepareSet({ sessionId, subjects: initiatorSubjects, parser: screeningNameParser, kinds: KINDS });
    const responder = prepareSet({ sessionId, subjects: responderSubjects, parser: screeningNameParser, kinds: KINDS });
    const a = randomScalar();
    const b = randomScalar();
    // What the responder receives: A₁ (step 1) and B₂ tags (step 3). It also knows b and the session id.
    const initiatorPoints = await blindOwnSet(engine, initiator, a);
    const responded = await respondToBlindedSet({ engine, mode: 'identify', prepared: responder, scalar: b, initiatorPoints });
    const finished = await finishAsInitiator({ engine, mode: 'identify', prepared: initiator, scalar: a, tagsFromResponder: responded.tagsForInitiator, responderPoints: responded.ownBlinded });
    const responderOutcome = finishAsResponder({ mode: 'identify', prepared: responder, initiatorTags: responded.initiatorTags, tagsFromInitiator: finished.tagsForResponder });
    assert.equal(responderOutcome.matchedSubjects?.length, 100, 'the protocol itself works: 100 shared people');

    const received = new Set<string>();
    for (let offset = 0; offset < initiatorPoints.length; offset += 32) received.add(Buffer.from(initiatorPoints.subarray(offset, offset + 32)).toString('hex'));
    const receivedTags = new Set<string>();
    for (const tags of [responded.initiatorTags, finished.tagsForResponder]) for (let offset = 0; offset < tags.length; offset += TAG_BYTES) receivedTags.add(Buffer.from(tags.subarray(offset, offset + TAG_BYTES)).toString('hex'));

    /** Every test the attacker can run on one candidate: H(d) among A₁, and [b]·H(d) among A₂ or B₂. */
    const attackerHits = (candidates: readonly Party[]) =>
      keyTexts(candidates).filter((texts) =>
        texts.some((text) => {
          const uniform = createHash('sha256').update('frontera-psi-v1/hash-to-group').update('\u0000').update(sessionId).update('\u0000').update(text).digest();
          const point = hashToGroup(uniform);
          const blinded = blindGroupElements(point, b);
          return received.has(Buffer.from(point).toString('hex')) || received.has(Buffer.from(blinded).toString('hex')) || receivedTags.has(Buffer.from(tagsOf(blinded)).toString('hex'));
        }),
      ).length;
    assert.equal(attackerHits(held), 0, 'no held non-matching candidate is recognised');
    assert.equal(attackerHits(notHeld), 0, 'no candidate that is not held is recognised either: held and not held look alike');

    // The same data under a shared-salt hash scheme: the attacker simply hashes its dictionary.
    const salt = 'shared-salt-agreed-by-both';
    const saltedHash = (text: string) => createHash('sha256').update(salt).update(text).digest('hex');
    const saltedMessage = new Set(keyTexts(initiatorSubjects).flat().map(saltedHash));
    const saltedHits = (candidates: readonly Party[]) => keyTexts(candidates).filter((texts) => texts.some((text) => saltedMessage.has(saltedHash(text)))).length;
    assert.equal(saltedHits(held), 200, 'with a shared salt every held non-matching candidate is exposed');
    assert.equal(saltedHits(notHeld), 0);
  });
});

describe('message authentication and safe harbor between nodes', () => {
  const captured: Array<{ direction: string; body: string }> = [];
  let network: Awaited<ReturnType<typeof startLoopbackNetwork>>;
  const subjects = syntheticSubjects({ from: 0, count: 30, seed: 3, variant: 'mx', prefix: 'x' });

  before(async () => {
    network = await startLoopbackNetwork({
      institutions: [
        { institutionId: 'norte', name: 'Banco del Norte', country: 'MX', subjects },
        { institutionId: 'sur', name: 'Sur Bank', country: 'US', subjects },
        { institutionId: 'lapsed', name: 'Lapsed Bank', country: 'US', subjects, registeredAt: '2024-01-01T00:00:00Z', expiresAt: '2025-01-01T00:00:00Z' },
      ],
      observe: (direction, body) => captured.push({ direction, body }),
    });
    await network.byId('norte').node.startMatch({ peer: 'sur', purposeCode: 'money_laundering', purpose: 'Shared customers in a funnel-account pattern', legalBasis: 'us-314b' }, 'norte.investigator');
  });
  after(async () => network.close());

  const post = (url: string, body: string) => fetch(new URL('/sharing/v1/messages', url), { method: 'POST', headers: { 'content-type': 'application/json' }, body });
  const sentMessage = (step: string) => {
    const found = captured.find((entry) => entry.direction === 'sent' && SignedMessageSchema.parse(JSON.parse(entry.body)).step === step);
    assert.ok(found, `a ${step} message was captured`);
    return found.body;
  };

  it('refuses a replayed message', async () => {
    const response = await post(network.byId('sur').url, sentMessage('psi.open'));
    assert.equal(response.status, 409);
    assert.match(((await response.json()) as { detail: string }).detail, /replay/);
    assert.ok(network.byId('sur').audit.entries().some((entry) => entry.action === 'sharing.message.refused'));
  });

  it('refuses a tampered payload and a tampered header', async () => {
    const original = JSON.parse(sentMessage('psi.initiator-blinded')) as { payload: { points: string }; step: string; sequence: number; nonce: string };
    const points = decodeBytes(original.payload.points, 'points').slice();
    points[0] = points[0]! ^ 1;
    const tamperedPayload = { ...original, nonce: 'AAAAAAAAAAAAAAAAAAAAAA', payload: { points: Buffer.from(points).toString('base64url') } };
    const first = await post(network.byId('sur').url, JSON.stringify(tamperedPayload));
    assert.equal(first.status, 422);
    assert.match(((await first.json()) as { detail: string }).detail, /altered/);
    const tamperedHeader = { ...original, sequence: original.sequence + 2 };
    const second = await post(network.byId('sur').url, JSON.stringify(tamperedHeader));
    assert.equal(second.status, 422);
    assert.match(((await second.json()) as { detail: string }).detail, /signature/);
  });

  it('refuses a message from an institution that is not registered', async () => {
    const original = JSON.parse(sentMessage('psi.open')) as Record<string, unknown>;
    const response = await post(network.byId('sur').url, JSON.stringify({ ...original, sender: 'stranger-bank' }));
    assert.equal(response.status, 401);
  });

  it('refuses to share with an expired participant, on both sides, and audits it', async () => {
    await assert.rejects(
      network.byId('norte').node.startMatch({ peer: 'lapsed', purposeCode: 'money_laundering', purpose: 'Shared customers in a funnel-account pattern', legalBasis: 'us-314b' }, 'norte.investigator'),
      (error: unknown) => error instanceof ForbiddenError && /expired/.test(error.message),
    );
    await assert.rejects(
      network.byId('lapsed').node.startMatch({ peer: 'norte', purposeCode: 'money_laundering', purpose: 'Shared customers in a funnel-account pattern', legalBasis: 'us-314b' }, 'lapsed.investigator'),
      ForbiddenError,
    );
    assert.ok(network.byId('norte').audit.entries().some((entry) => entry.action === 'sharing.session.refused'));
  });

  it('refuses a peer whose registration the responder holds as expired even when the initiator thinks it valid', async () => {
    const sur = network.byId('sur');
    const norteRegistration = network.byId('norte').registration;
    await sur.node.register({ ...norteRegistration, expiresAt: '2025-06-01T00:00:00Z', registeredAt: '2024-06-01T00:00:00Z' }, 'sur.administrator');
    await assert.rejects(
      network.byId('norte').node.startMatch({ peer: 'sur', purposeCode: 'money_laundering', purpose: 'Shared customers in a funnel-account pattern', legalBasis: 'us-314b' }, 'norte.investigator'),
      (error: unknown) => error instanceof ForbiddenError && /expired/.test(error.message),
    );
    assert.ok(sur.audit.entries().some((entry) => entry.action === 'sharing.session.refused' && entry.details['initiator'] === 'norte'));
    await sur.node.register(norteRegistration, 'sur.administrator');
  });

  it('refuses a match started by someone who is not a named investigator of the registration, and audits it', async () => {
    await assert.rejects(
      network.byId('norte').node.startMatch({ peer: 'sur', purposeCode: 'money_laundering', purpose: 'Shared customers in a funnel-account pattern', legalBasis: 'us-314b' }, 'someone.else'),
      (error: unknown) => error instanceof ForbiddenError && error.message === "someone.else is not a named investigator of norte's sharing registration",
    );
    assert.ok(network.byId('norte').audit.entries().some((entry) => entry.action === 'sharing.session.refused' && entry.actor === 'someone.else'));
  });

  it('refuses a legal basis the peer is not registered under', async () => {
    await assert.rejects(
      network.byId('norte').node.startMatch({ peer: 'sur', purposeCode: 'money_laundering', purpose: 'Shared customers in a funnel-account pattern', legalBasis: 'bilateral-agreement' }, 'norte.investigator'),
      ForbiddenError,
    );
  });
});

describe('abandoned sessions', () => {
  it('ends a responder session the initiator abandoned and refuses its late messages', async () => {
    let now = new Date('2026-03-02T15:00:00Z');
    const network = await startLoopbackNetwork({
      clock: () => now,
      institutions: [
        { institutionId: 'norte', name: 'Banco del Norte', country: 'MX', subjects: syntheticSubjects({ from: 0, count: 10, seed: 2, variant: 'mx', prefix: 'n' }) },
        { institutionId: 'sur', name: 'Sur Bank', country: 'US', subjects: syntheticSubjects({ from: 5, count: 10, seed: 2, variant: 'us', prefix: 's' }) },
      ],
    });
    try {
      const norte = network.byId('norte');
      const sur = network.byId('sur');
      // The initiator opens a session and then goes silent (the open message is sent by hand).
      const proposal = { sessionId: 'abandoned-session-1', initiator: 'norte', responder: 'sur', purposeCode: 'money_laundering', purpose: 'A session that is never finished', legalBasis: 'us-314b', mode: 'identify', keyKinds: ['rfc'], requestedBy: 'norte.investigator', openedAt: now.toISOString() };
      const open = signMessage(norte.identity, { sessionId: 'abandoned-session-1', step: 'psi.open', sequence: 0, recipient: 'sur', sentAt: now.toISOString(), payload: proposal });
      assert.equal((await sur.node.receive(open)).step, 'psi.open-accepted');
      assert.equal(sur.node.getSession('abandoned-session-1').status, 'open');
      now = new Date('2026-03-02T15:20:00Z');
      const late = signMessage(norte.identity, { sessionId: 'abandoned-session-1', step: 'psi.initiator-blinded', sequence: 2, recipient: 'sur', sentAt: now.toISOString(), payload: { points: '' } });
      await assert.rejects(sur.node.receive(late), /does not expect/);
      assert.equal(sur.node.getSession('abandoned-session-1').status, 'failed');
      assert.ok(sur.audit.entries().some((entry) => entry.action === 'sharing.session.failed' && entry.details['reason'] === 'the session timed out'));
    } finally {
      await network.close();
    }
  });
});
