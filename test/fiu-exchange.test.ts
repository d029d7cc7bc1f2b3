import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import Fastify, { type FastifyInstance } from 'fastify';
import { createExchangeNode, fiuExchangeRoutes, httpExchangeTransport, type ExchangeEnvelope, type ExchangeNode } from '../src/fiu/index.ts';
import { generateEncryptionKeys, generateIdentity } from '../src/sharing/index.ts';

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
    const received = fincen.inbox();
    assert.equal(received.length, 1);
    assert.equal(received[0]!.payload.subjects[0]!.name, 'Juan Pérez López');
    assert.deepEqual(received[0]!.subjectLine, { en: 'Request: funnel accounts, Juárez–El Paso', es: 'Solicitud: cuentas embudo, Juárez–El Paso' });
    await fincen.send({ type: 'response', recipient: 'UIF-MX', inReplyTo: request.messageId, subjectLine: { en: 'Response: 2 SARs', es: 'Respuesta: 2 SAR' }, payload: { body: 'Two SARs filed by El Paso banks.', reportIds: ['f1#1', 'f1#2'], consent: { level: 'law_enforcement', purposes: ['FGR'] } }, sentAt: new Date().toISOString() });
    const answer = uif.inbox()[0]!;
    assert.equal(answer.inReplyTo, request.messageId);
    assert.deepEqual(answer.payload.reportIds, ['f1#1', 'f1#2']);
  });

  it("the sender's consent governs onward dissemination", async () => {
    const answer = uif.inbox()[0]!;
    assert.equal(uif.onwardDisseminationAllowed(answer.messageId, 'FGR carpeta 123').allowed, true);
    assert.equal(uif.onwardDisseminationAllowed(answer.messageId, 'SAT tax audit').allowed, false);
    const disclosure = await uif.send({ type: 'spontaneous_disclosure', recipient: 'FINCEN-US', subjectLine: { en: 'Spontaneous disclosure: CJNG front companies', es: 'Revelación espontánea: empresas fachada del CJNG' }, payload: { body: 'Front companies.', consent: { level: 'prior_consent' } }, sentAt: new Date().toISOString() });
    const onFincen = fincen.inbox().find((message) => message.messageId === disclosure.messageId)!;
    assert.deepEqual(fincen.onwardDisseminationAllowed(onFincen.messageId, 'HSI case').allowed, false);
    // The grant is a spontaneous message from the original sender naming the disclosure.
    await uif.send({ type: 'spontaneous_disclosure', recipient: 'FINCEN-US', subjectLine: { en: 'Consent granted', es: 'Consentimiento otorgado' }, payload: { body: 'You may share with HSI.', consent: { level: 'law_enforcement' }, grantsConsentFor: disclosure.messageId }, sentAt: new Date().toISOString() });
    assert.equal(fincen.onwardDisseminationAllowed(onFincen.messageId, 'HSI case').allowed, true);
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
    assert.ok(!fincen.inbox().some((message) => message.messageId === 'UIF-MX-forged-000'));
    // A "response" to a request FinCEN never sent.
    const unsolicited = sealExchangeMessage(uifIdentity, { fiuId: 'FINCEN-US', encryptionKey: fincenKeys.publicKey }, { messageId: 'UIF-MX-unsolicited', type: 'response', inReplyTo: 'FINCEN-US-never-sent', sentAt: new Date().toISOString(), subjectLine: { en: 'x', es: 'x' } }, { body: 'x', subjects: [], reportIds: [], consent: { level: 'intelligence_only', purposes: [] } });
    assert.ok((await post(unsolicited)).status >= 400);
    // An old message is refused.
    const stale = sealExchangeMessage(uifIdentity, { fiuId: 'FINCEN-US', encryptionKey: fincenKeys.publicKey }, { messageId: 'UIF-MX-stale-0001', type: 'spontaneous_disclosure', sentAt: '2020-01-01T00:00:00Z', subjectLine: { en: 'x', es: 'x' } }, { body: 'x', subjects: [], reportIds: [], consent: { level: 'intelligence_only', purposes: [] } });
    assert.ok((await post(stale)).status >= 400);
  });
});
