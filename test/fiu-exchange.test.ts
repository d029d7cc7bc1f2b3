import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import Fastify, { type FastifyInstance } from 'fastify';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createExchangeNode, createSqlExchangeStore, fiuExchangeRoutes, httpExchangeTransport, type ExchangeEnvelope, type ExchangeNode } from '../src/fiu/index.ts';
import { generateEncryptionKeys, generateIdentity } from '../src/sharing/index.ts';
import { migrateAll, openPglite, type Database } from '../src/store/index.ts';
import { createSqlAuditLog } from '../src/audit/index.ts';

describe('FIU-to-FIU exchange over loopback HTTP', () => {
  const urls = new Map<string, string>();
  const captured: ExchangeEnvelope[] = [];
  // Peers are addressed by FIU id; the real URL is known once both servers listen.
  const transport = async (fiuId: string, envelope: ExchangeEnvelope) => {
    captured.push(envelope);
    await httpExchangeTransport(urls.get(fiuId)!, envelope);
  };
  const uifIdentity = generateIdentity('UIF-MX');
  const fincenIdentity = generateIdentity('FINCEN-US');
  const uifKeys = generateEncryptionKeys();
  const fincenKeys = generateEncryptionKeys();
  const intruderIdentity = generateIdentity('FINCEN-US');
  let uif: ExchangeNode;
  let fincen: ExchangeNode;
  const apps: FastifyInstance[] = [];
  const analyst = () => ({ userId: 'ana', role: 'fiu_analyst' as const });

  before(async () => {
    uif = createExchangeNode({ identity: uifIdentity, encryptionKeys: uifKeys, peers: [{ fiuId: 'FINCEN-US', url: 'FINCEN-US', signingKey: fincenIdentity.publicKey, encryptionKey: fincenKeys.publicKey }], transport });
    fincen = createExchangeNode({ identity: fincenIdentity, encryptionKeys: fincenKeys, peers: [{ fiuId: 'UIF-MX', url: 'UIF-MX', signingKey: uifIdentity.publicKey, encryptionKey: uifKeys.publicKey }], transport });
    for (const [fiuId, node] of [['UIF-MX', uif], ['FINCEN-US', fincen]] as const) {
      const app = Fastify();
      await app.register(fiuExchangeRoutes, { exchange: node, resolveActor: analyst });
      await app.listen({ host: '127.0.0.1', port: 0 });
      const address = app.server.address();
      urls.set(fiuId, `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`);
      apps.push(app);
    }
  });
  after(async () => {
    for (const app of apps) await app.close();
  });

  it('a request and its response travel signed and encrypted; the subject line is bilingual', async () => {
    const sentAt = new Date().toISOString();
    const request = await uif.send({
      type: 'request',
      recipient: 'FINCEN-US',
      subjectLine: { en: 'Request: funnel accounts, Juárez–El Paso', es: 'Solicitud: cuentas embudo, Juárez–El Paso' },
      payload: { body: 'Please share SARs on these subjects.', subjects: [{ name: 'Juan Pérez López', identifiers: [{ kind: 'curp', value: 'PELJ800101HCHRPN09' }] }], consent: { level: 'intelligence_only' } },
      sentAt,
    });
    // On the wire the payload is ciphertext: no name, no CURP.
    const wire = JSON.stringify(captured[captured.length - 1]);
    assert.ok(!wire.includes('PELJ800101HCHRPN09') && !wire.includes('Pérez'));
    const received = await fincen.inbox();
    assert.equal(received.length, 1);
    assert.equal(received[0]!.payload.subjects[0]!.name, 'Juan Pérez López');
    assert.deepEqual(received[0]!.subjectLine, { en: 'Request: funnel accounts, Juárez–El Paso', es: 'Solicitud: cuentas embudo, Juárez–El Paso' });
    await fincen.send({ type: 'response', recipient: 'UIF-MX', inReplyTo: request.messageId, subjectLine: { en: 'Response: 2 SARs', es: 'Respuesta: 2 SAR' }, payload: { body: 'Two SARs filed by El Paso banks.', reportIds: ['f1#1', 'f1#2'], consent: { level: 'law_enforcement', purposes: ['FGR'] } }, sentAt: new Date().toISOString() });
    const answer = (await uif.inbox())[0]!;
    assert.equal(answer.inReplyTo, request.messageId);
    assert.deepEqual(answer.payload.reportIds, ['f1#1', 'f1#2']);
  });

  it("the sender's consent governs onward dissemination", async () => {
    const answer = (await uif.inbox())[0]!;
    assert.equal((await uif.onwardDisseminationAllowed(answer.messageId, 'FGR carpeta 123')).allowed, true);
    assert.equal((await uif.onwardDisseminationAllowed(answer.messageId, 'SAT tax audit')).allowed, false);
    const disclosure = await uif.send({ type: 'spontaneous_disclosure', recipient: 'FINCEN-US', subjectLine: { en: 'Spontaneous disclosure: CJNG front companies', es: 'Revelación espontánea: empresas fachada del CJNG' }, payload: { body: 'Front companies.', consent: { level: 'prior_consent' } }, sentAt: new Date().toISOString() });
    const onFincen = (await fincen.inbox()).find((message) => message.messageId === disclosure.messageId)!;
    assert.deepEqual((await fincen.onwardDisseminationAllowed(onFincen.messageId, 'HSI case')).allowed, false);
    // The grant is a spontaneous message from the original sender naming the disclosure.
    await uif.send({ type: 'spontaneous_disclosure', recipient: 'FINCEN-US', subjectLine: { en: 'Consent granted', es: 'Consentimiento otorgado' }, payload: { body: 'You may share with HSI.', consent: { level: 'law_enforcement' }, grantsConsentFor: disclosure.messageId }, sentAt: new Date().toISOString() });
    assert.equal((await fincen.onwardDisseminationAllowed(onFincen.messageId, 'HSI case')).allowed, true);
  });

  it('refuses altered, replayed, misaddressed, forged and unsolicited messages', async () => {
    const post = (body: unknown) => fetch(`${urls.get('FINCEN-US')}/fiu/exchange/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const valid = captured.find((envelope) => envelope.recipient === 'FINCEN-US' && envelope.type === 'request')!;
    // Replay of a delivered message.
    assert.equal((await post(valid)).status, 409);
    // Altered ciphertext, altered subject line (authenticated), wrong recipient.
    const flipped = valid.sealed.ciphertext.startsWith('A') ? `B${valid.sealed.ciphertext.slice(1)}` : `A${valid.sealed.ciphertext.slice(1)}`;
    for (const altered of [
      { ...valid, messageId: `${valid.messageId}-a`, sealed: { ...valid.sealed, ciphertext: flipped } },
      { ...valid, messageId: `${valid.messageId}-b`, subjectLine: { en: 'Nothing to see', es: 'Nada que ver' } },
      { ...valid, messageId: `${valid.messageId}-c`, recipient: 'OTHER-FIU' },
      { ...valid, messageId: `${valid.messageId}-d`, sender: 'UNKNOWN-FIU' },
      { protocol: 'frontera-fiu-exchange/1', garbage: true },
    ]) {
      const response = await post(altered);
      assert.ok(response.status >= 400 && response.status < 500, `${response.status} for ${JSON.stringify(altered).slice(0, 80)}`);
      assert.equal(response.headers.get('content-type')?.startsWith('application/problem+json'), true);
    }
    // A message signed by a key FinCEN never registered for UIF-MX (an impostor claiming to be UIF) is refused.
    const { sealExchangeMessage } = await import('../src/fiu/index.ts');
    const forged = sealExchangeMessage({ ...intruderIdentity, institutionId: 'UIF-MX' }, { fiuId: 'FINCEN-US', encryptionKey: fincenKeys.publicKey }, { messageId: 'UIF-MX-forged-000', type: 'spontaneous_disclosure', sentAt: new Date().toISOString(), subjectLine: { en: 'x', es: 'x' } }, { body: 'forged', subjects: [], reportIds: [], consent: { level: 'law_enforcement', purposes: [] } });
    const forgedResponse = await post(forged);
    assert.equal(forgedResponse.status, 422);
    assert.match(String((await forgedResponse.json() as { detail: string }).detail), /signature/);
    assert.ok(!(await fincen.inbox()).some((message) => message.messageId === 'UIF-MX-forged-000'));
    // A "response" to a request FinCEN never sent.
    const unsolicited = sealExchangeMessage(uifIdentity, { fiuId: 'FINCEN-US', encryptionKey: fincenKeys.publicKey }, { messageId: 'UIF-MX-unsolicited', type: 'response', inReplyTo: 'FINCEN-US-never-sent', sentAt: new Date().toISOString(), subjectLine: { en: 'x', es: 'x' } }, { body: 'x', subjects: [], reportIds: [], consent: { level: 'intelligence_only', purposes: [] } });
    assert.ok((await post(unsolicited)).status >= 400);
    // An old message is refused.
    const stale = sealExchangeMessage(uifIdentity, { fiuId: 'FINCEN-US', encryptionKey: fincenKeys.publicKey }, { messageId: 'UIF-MX-stale-0001', type: 'spontaneous_disclosure', sentAt: '2020-01-01T00:00:00Z', subjectLine: { en: 'x', es: 'x' } }, { body: 'x', subjects: [], reportIds: [], consent: { level: 'intelligence_only', purposes: [] } });
    assert.ok((await post(stale)).status >= 400);
  });
});

describe('FIU-to-FIU exchange kept in the FIU store across restarts', () => {
  const directory = mkdtempSync(join(tmpdir(), 'frontera-exchange-'));
  const urls = new Map<string, string>();
  const delivered: ExchangeEnvelope[] = [];
  const transport = async (fiuId: string, envelope: ExchangeEnvelope) => {
    delivered.push(envelope);
    await httpExchangeTransport(urls.get(fiuId)!, envelope);
  };
  const identities = { 'UIF-MX': generateIdentity('UIF-MX'), 'FINCEN-US': generateIdentity('FINCEN-US') };
  const keys = { 'UIF-MX': generateEncryptionKeys(), 'FINCEN-US': generateEncryptionKeys() };
  type FiuId = keyof typeof identities;
  const running = new Map<FiuId, { database: Database; app: FastifyInstance; node: ExchangeNode }>();
  const analyst = () => ({ userId: 'ana', role: 'fiu_analyst' as const });

  /** Opens the node's database from its data folder, builds the node and serves it on a fresh port. */
  async function start(fiuId: FiuId): Promise<ExchangeNode> {
    const peerId: FiuId = fiuId === 'UIF-MX' ? 'FINCEN-US' : 'UIF-MX';
    const database = await openPglite({ dataDirectory: join(directory, fiuId) });
    await migrateAll(database);
    const node = createExchangeNode({ identity: identities[fiuId], encryptionKeys: keys[fiuId], peers: [{ fiuId: peerId, url: peerId, signingKey: identities[peerId].publicKey, encryptionKey: keys[peerId].publicKey }], transport, store: createSqlExchangeStore(database, fiuId) });
    const app = Fastify();
    await app.register(fiuExchangeRoutes, { exchange: node, resolveActor: analyst });
    await app.listen({ host: '127.0.0.1', port: 0 });
    const address = app.server.address();
    urls.set(fiuId, `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`);
    running.set(fiuId, { database, app, node });
    return node;
  }
  async function stop(fiuId: FiuId): Promise<void> {
    const entry = running.get(fiuId)!;
    await entry.app.close();
    await entry.database.close();
    running.delete(fiuId);
  }
  after(async () => {
    for (const fiuId of [...running.keys()]) await stop(fiuId);
    rmSync(directory, { recursive: true, force: true });
  });

  it('keeps inbox, outbox and consent terms through a restart, and still refuses a replayed envelope', async () => {
    const uif = await start('UIF-MX');
    let fincen = await start('FINCEN-US');
    const request = await uif.send({ type: 'request', recipient: 'FINCEN-US', subjectLine: { en: 'Request: couriers', es: 'Solicitud: mensajeros' }, payload: { body: 'Cash couriers at Santa Teresa.', subjects: [{ name: 'Juan Pérez López', identifiers: [{ kind: 'curp', value: 'PELJ800101HCHRPN09' }] }], consent: { level: 'law_enforcement', purposes: ['HSI'] } }, sentAt: new Date().toISOString() });
    const envelope = delivered.find((entry) => entry.messageId === request.messageId)!;
    const before = await fincen.inbox();
    assert.deepEqual(before.map((message) => message.messageId), [request.messageId]);

    await stop('FINCEN-US');
    fincen = await start('FINCEN-US');
    const afterRestart = await fincen.inbox();
    assert.deepEqual(afterRestart, before);
    assert.deepEqual(afterRestart[0]!.payload.consent, { level: 'law_enforcement', purposes: ['HSI'] });
    assert.deepEqual(await fincen.onwardDisseminationAllowed(request.messageId, 'HSI El Paso'), { allowed: true, reason: 'UIF-MX consented to law-enforcement use' });
    // The same envelope delivered again after the restart is a replay.
    const replay = await fetch(`${urls.get('FINCEN-US')}/fiu/exchange/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(envelope) });
    assert.equal(replay.status, 409);
    assert.match(String((await replay.json() as { detail: string }).detail), /replay refused/);
    assert.equal((await fincen.inbox()).length, 1);
    const inboxOverHttp = await fetch(`${urls.get('FINCEN-US')}/fiu/exchange/inbox`);
    assert.deepEqual((await inboxOverHttp.json() as Array<{ messageId: string }>).map((message) => message.messageId), [request.messageId]);

    // The requester restarts too: its outbox still holds the request, so the answer is accepted.
    await stop('UIF-MX');
    const uifAgain = await start('UIF-MX');
    assert.deepEqual((await uifAgain.outbox()).map((message) => ({ messageId: message.messageId, consent: message.payload.consent })), [{ messageId: request.messageId, consent: { level: 'law_enforcement', purposes: ['HSI'] } }]);
    const response = await fincen.send({ type: 'response', recipient: 'UIF-MX', inReplyTo: request.messageId, subjectLine: { en: 'Response', es: 'Respuesta' }, payload: { body: 'One SAR.', reportIds: ['f1#1'], consent: { level: 'intelligence_only' } }, sentAt: new Date().toISOString() });
    assert.deepEqual((await uifAgain.inbox()).map((message) => message.messageId), [response.messageId]);
    assert.deepEqual((await uifAgain.onwardDisseminationAllowed(response.messageId, 'FGR')).allowed, false);

    const audit = await createSqlAuditLog(running.get('FINCEN-US')!.database).list();
    assert.deepEqual(audit.map((entry) => `${entry.action}:${entry.subject.id}`), [`fiu.exchange.received:${request.messageId}`, `fiu.exchange.sent:${response.messageId}`]);
  });
});
