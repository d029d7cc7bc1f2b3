import { createCipheriv, createDecipheriv, createPublicKey, diffieHellman, generateKeyPairSync, hkdfSync, randomBytes, randomUUID, sign, verify, type KeyObject } from 'node:crypto';
import { z } from 'zod';
import { canonicalJson } from '../audit/index.ts';
import { ConflictError, ForbiddenError, IntegrityError, UnauthenticatedError } from '../errors.ts';
import type { EncryptionKeys, NodeIdentity } from '../sharing/index.ts';

/**
 * FIU-to-FIU exchange (Egmont-style): requests, responses and spontaneous disclosures between two
 * Frontera FIU nodes. Each message is encrypted to the recipient (ephemeral X25519, HKDF-SHA-256,
 * AES-256-GCM, the envelope header as associated data) and then signed by the sender (Ed25519)
 * over the whole envelope. Keys are the sharing module's identity (Ed25519) and encryption
 * (X25519) keys. The sender's consent travels inside the encrypted payload and governs onward
 * dissemination on the receiving side.
 */

export const EXCHANGE_PROTOCOL = 'frontera-fiu-exchange/1';
export const EXCHANGE_MESSAGE_TYPES = ['request', 'response', 'spontaneous_disclosure'] as const;
/** 1 MiB per message envelope. */
export const MAXIMUM_EXCHANGE_BYTES = 1024 * 1024;

/**
 * What the receiving FIU may do with the information, set by the sender:
 * `intelligence_only` — analysis inside the receiving FIU, no onward dissemination;
 * `law_enforcement` — may be disseminated to the receiving country's law enforcement for the listed purposes;
 * `prior_consent` — each onward dissemination needs the sender's consent first (a later response granting it).
 */
export const CONSENT_LEVELS = ['intelligence_only', 'law_enforcement', 'prior_consent'] as const;

const Base64Url = z.string().regex(/^[A-Za-z0-9_-]+$/);
export const BilingualSchema = z.object({ en: z.string().trim().min(1).max(300), es: z.string().trim().min(1).max(300) });

export const ExchangePayloadSchema = z.object({
  body: z.string().max(50_000),
  subjects: z.array(z.object({ name: z.string().max(300), identifiers: z.array(z.object({ kind: z.string().max(40), value: z.string().max(128) })).max(32).default([]), birthDate: z.string().max(10).optional(), country: z.string().max(2).optional() })).max(500).default([]),
  reportIds: z.array(z.string().max(200)).max(500).default([]),
  consent: z.object({ level: z.enum(CONSENT_LEVELS), purposes: z.array(z.string().max(200)).max(20).default([]) }),
  /** For a response granting consent to an earlier onward-dissemination request. */
  grantsConsentFor: z.string().max(100).optional(),
});
export type ExchangePayload = z.infer<typeof ExchangePayloadSchema>;
export type ExchangePayloadInput = z.input<typeof ExchangePayloadSchema>;

export const ExchangeEnvelopeSchema = z.object({
  protocol: z.literal(EXCHANGE_PROTOCOL),
  messageId: z.string().min(8).max(100),
  type: z.enum(EXCHANGE_MESSAGE_TYPES),
  sender: z.string().min(1).max(64),
  recipient: z.string().min(1).max(64),
  sentAt: z.iso.datetime({ offset: true }),
  inReplyTo: z.string().min(8).max(100).optional(),
  /** Bilingual subject line, in clear so the receiving desk can route it; authenticated as AAD. */
  subjectLine: BilingualSchema,
  sealed: z.object({ ephemeralKey: Base64Url.max(64), iv: Base64Url.max(32), ciphertext: Base64Url.max(MAXIMUM_EXCHANGE_BYTES * 2), tag: Base64Url.max(32) }),
  signature: Base64Url.min(80).max(100),
});
export type ExchangeEnvelope = z.infer<typeof ExchangeEnvelopeSchema>;

export type ExchangePeer = { fiuId: string; url: string; signingKey: string; encryptionKey: string };

export type ReceivedMessage = Omit<ExchangeEnvelope, 'sealed' | 'signature'> & { payload: ExchangePayload; receivedAt: string };
export type SentMessage = Omit<ExchangeEnvelope, 'sealed' | 'signature'> & { payload: ExchangePayload };

function header(envelope: Omit<ExchangeEnvelope, 'sealed' | 'signature'>): Record<string, unknown> {
  const { protocol, messageId, type, sender, recipient, sentAt, inReplyTo, subjectLine } = envelope;
  return { protocol, messageId, type, sender, recipient, sentAt, inReplyTo, subjectLine };
}

function x25519Public(raw: string): KeyObject {
  return createPublicKey({ key: { kty: 'OKP', crv: 'X25519', x: raw }, format: 'jwk' });
}

function ed25519Public(raw: string): KeyObject {
  return createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: raw }, format: 'jwk' });
}

function contentKey(shared: Buffer, ephemeralKey: string, recipientKey: string): Buffer {
  return Buffer.from(hkdfSync('sha256', shared, Buffer.from(`${ephemeralKey}.${recipientKey}`), EXCHANGE_PROTOCOL, 32));
}

/**
 * Builds a sealed, signed envelope.
 * @example const envelope = sealExchangeMessage(identity, peer, { messageId, type: 'request', sentAt, subjectLine: { en, es } }, payload);
 */
export function sealExchangeMessage(identity: NodeIdentity, peer: Pick<ExchangePeer, 'fiuId' | 'encryptionKey'>, fields: { messageId: string; type: ExchangeEnvelope['type']; sentAt: string; subjectLine: { en: string; es: string }; inReplyTo?: string }, payload: ExchangePayload): ExchangeEnvelope {
  const head = { protocol: EXCHANGE_PROTOCOL, messageId: fields.messageId, type: fields.type, sender: identity.institutionId, recipient: peer.fiuId, sentAt: fields.sentAt, subjectLine: fields.subjectLine, ...(fields.inReplyTo ? { inReplyTo: fields.inReplyTo } : {}) } as const;
  const ephemeral = generateKeyPairSync('x25519');
  const ephemeralKey = String(ephemeral.publicKey.export({ format: 'jwk' }).x);
  const key = contentKey(diffieHellman({ privateKey: ephemeral.privateKey, publicKey: x25519Public(peer.encryptionKey) }), ephemeralKey, peer.encryptionKey);
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(canonicalJson(header(head))));
  const ciphertext = Buffer.concat([cipher.update(JSON.stringify(payload)), cipher.final()]);
  const sealed = { ephemeralKey, iv: iv.toString('base64url'), ciphertext: ciphertext.toString('base64url'), tag: cipher.getAuthTag().toString('base64url') };
  const signature = sign(null, Buffer.from(canonicalJson({ ...header(head), sealed })), identity.privateKey).toString('base64url');
  return { ...head, sealed, signature };
}

/**
 * Verifies (signature by the sender's registered key, addressee), then decrypts and validates.
 * Throws `IntegrityError` for anything altered, `UnauthenticatedError` for an unknown sender.
 * @example const { envelope, payload } = openExchangeMessage(body, { self: 'UIF-MX', keys, peerOf });
 */
export function openExchangeMessage(input: unknown, options: { self: string; keys: EncryptionKeys; peerOf: (fiuId: string) => ExchangePeer | undefined }): { envelope: ExchangeEnvelope; payload: ExchangePayload } {
  const parsed = ExchangeEnvelopeSchema.safeParse(input);
  if (!parsed.success) throw new IntegrityError('the exchange message is malformed', { issues: parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`) });
  const envelope = parsed.data;
  if (envelope.recipient !== options.self) throw new IntegrityError(`the message is addressed to ${envelope.recipient}, not to this FIU`);
  const peer = options.peerOf(envelope.sender);
  if (peer === undefined) throw new UnauthenticatedError(`${envelope.sender} is not a registered counterpart FIU`);
  const signed = Buffer.from(canonicalJson({ ...header(envelope), sealed: envelope.sealed }));
  let valid = false;
  try {
    valid = verify(null, signed, ed25519Public(peer.signingKey), Buffer.from(envelope.signature, 'base64url'));
  } catch {
    valid = false;
  }
  if (!valid) throw new IntegrityError('the message signature does not verify', { sender: envelope.sender });
  let plain: string;
  try {
    const key = contentKey(diffieHellman({ privateKey: options.keys.privateKey, publicKey: x25519Public(envelope.sealed.ephemeralKey) }), envelope.sealed.ephemeralKey, options.keys.publicKey);
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(envelope.sealed.iv, 'base64url'));
    decipher.setAAD(Buffer.from(canonicalJson(header(envelope))));
    decipher.setAuthTag(Buffer.from(envelope.sealed.tag, 'base64url'));
    plain = Buffer.concat([decipher.update(Buffer.from(envelope.sealed.ciphertext, 'base64url')), decipher.final()]).toString('utf8');
  } catch {
    throw new IntegrityError('the message does not decrypt: altered or not for this FIU');
  }
  const payload = ExchangePayloadSchema.safeParse(JSON.parse(plain));
  if (!payload.success) throw new IntegrityError('the decrypted payload is not a valid exchange payload');
  return { envelope, payload: payload.data };
}

export type ExchangeTransport = (url: string, envelope: ExchangeEnvelope) => Promise<void>;

/** POSTs the envelope as JSON to the peer's `/fiu/exchange/messages`; a non-2xx answer fails the send. */
export const httpExchangeTransport: ExchangeTransport = async (url, envelope) => {
  const response = await fetch(`${url.replace(/\/$/, '')}/fiu/exchange/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(envelope) });
  if (!response.ok) throw new IntegrityError(`the counterpart FIU refused the message: HTTP ${response.status} ${await response.text()}`);
};

/**
 * Where a node keeps its inbox and outbox. `recordReceived` must be atomic on the message id: it
 * is the replay check, so it has to hold across restarts (the SQL store: `createSqlExchangeStore`).
 */
export interface ExchangeStore {
  /** Keeps a received message with the envelope as delivered; false when that message id was already received. */
  recordReceived(message: ReceivedMessage, envelope: ExchangeEnvelope): Promise<boolean>;
  /** Keeps a delivered message with the envelope as sent. */
  recordSent(message: SentMessage, envelope: ExchangeEnvelope): Promise<void>;
  received(): Promise<ReceivedMessage[]>;
  sent(): Promise<SentMessage[]>;
  receivedMessage(messageId: string): Promise<ReceivedMessage | undefined>;
  sentMessage(messageId: string): Promise<SentMessage | undefined>;
  /** A later message from `sender` granting consent for `messageId`, if any. */
  consentGrant(sender: string, messageId: string): Promise<ReceivedMessage | undefined>;
}

/**
 * Inbox and outbox in memory: for tests and a node that needs nothing to survive a restart.
 * @example createExchangeNode({ identity, encryptionKeys, peers, store: createMemoryExchangeStore() })
 */
export function createMemoryExchangeStore(): ExchangeStore {
  const received: ReceivedMessage[] = [];
  const sent: SentMessage[] = [];
  return {
    async recordReceived(message) {
      if (received.some((entry) => entry.messageId === message.messageId)) return false;
      received.push(message);
      return true;
    },
    async recordSent(message) {
      sent.push(message);
    },
    received: async () => [...received],
    sent: async () => [...sent],
    receivedMessage: async (messageId) => received.find((entry) => entry.messageId === messageId),
    sentMessage: async (messageId) => sent.find((entry) => entry.messageId === messageId),
    consentGrant: async (sender, messageId) => received.find((entry) => entry.sender === sender && entry.payload.grantsConsentFor === messageId),
  };
}

export interface ExchangeNode {
  readonly fiuId: string;
  /** Sends a request, response or spontaneous disclosure to a registered peer; kept in the outbox once delivered. */
  send(input: { type: ExchangeEnvelope['type']; recipient: string; subjectLine: { en: string; es: string }; payload: ExchangePayloadInput; inReplyTo?: string; sentAt: string }): Promise<SentMessage>;
  /** Accepts one envelope from the wire (what the HTTP route calls); kept in the inbox before it is acknowledged. */
  receive(body: unknown, receivedAt: string): Promise<ReceivedMessage>;
  inbox(): Promise<ReceivedMessage[]>;
  outbox(): Promise<SentMessage[]>;
  /**
   * Whether information from a received message may go to a domestic agency for a purpose:
   * `law_enforcement` consent with the purpose listed (or no list), or a later consent grant.
   */
  onwardDisseminationAllowed(messageId: string, purpose: string): Promise<{ allowed: boolean; reason: string }>;
}

/**
 * @example
 * const uif = createExchangeNode({ identity, encryptionKeys, peers: [fincenPeer], store: createSqlExchangeStore(database, 'UIF-MX') });
 * await uif.send({ type: 'request', recipient: 'FINCEN', subjectLine: { en: 'Request: funnel accounts', es: 'Solicitud: cuentas embudo' }, payload, sentAt });
 */
export function createExchangeNode(options: { identity: NodeIdentity; encryptionKeys: EncryptionKeys; peers: readonly ExchangePeer[]; transport?: ExchangeTransport; maximumAgeMs?: number; store?: ExchangeStore }): ExchangeNode {
  const fiuId = options.identity.institutionId;
  const peers = new Map(options.peers.map((peer) => [peer.fiuId, peer]));
  const transport = options.transport ?? httpExchangeTransport;
  const maximumAgeMs = options.maximumAgeMs ?? 10 * 60_000;
  const store = options.store ?? createMemoryExchangeStore();
  return {
    fiuId,
    async send(input) {
      const peer = peers.get(input.recipient);
      if (peer === undefined) throw new ForbiddenError(`${input.recipient} is not a registered counterpart FIU`);
      const payload = ExchangePayloadSchema.parse(input.payload);
      const messageId = `${fiuId}-${randomUUID()}`;
      const envelope = sealExchangeMessage(options.identity, peer, { messageId, type: input.type, sentAt: input.sentAt, subjectLine: BilingualSchema.parse(input.subjectLine), ...(input.inReplyTo ? { inReplyTo: input.inReplyTo } : {}) }, payload);
      await transport(peer.url, envelope);
      const { sealed: _sealed, signature: _signature, ...head } = envelope;
      const record: SentMessage = { ...head, payload };
      await store.recordSent(record, envelope);
      return record;
    },
    async receive(body, receivedAt) {
      const { envelope, payload } = openExchangeMessage(body, { self: fiuId, keys: options.encryptionKeys, peerOf: (id) => peers.get(id) });
      const age = Date.parse(receivedAt) - Date.parse(envelope.sentAt);
      if (age > maximumAgeMs) throw new IntegrityError('the message is too old to be accepted', { sentAt: envelope.sentAt });
      if (age < -60_000) throw new IntegrityError('the message is dated in the future', { sentAt: envelope.sentAt });
      if (envelope.type === 'response') {
        const request = envelope.inReplyTo === undefined ? undefined : await store.sentMessage(envelope.inReplyTo);
        if (request === undefined || request.recipient !== envelope.sender) throw new IntegrityError('a response must answer a request this FIU sent to that FIU', { inReplyTo: envelope.inReplyTo });
      }
      const { sealed: _sealed, signature: _signature, ...head } = envelope;
      const record: ReceivedMessage = { ...head, payload, receivedAt };
      if (!(await store.recordReceived(record, envelope))) throw new ConflictError('the message was already received: replay refused', { messageId: envelope.messageId });
      return record;
    },
    inbox: () => store.received(),
    outbox: () => store.sent(),
    async onwardDisseminationAllowed(messageId, purpose) {
      const message = await store.receivedMessage(messageId);
      if (message === undefined) return { allowed: false, reason: 'unknown message' };
      const grant = await store.consentGrant(message.sender, messageId);
      if (grant !== undefined) return { allowed: true, reason: `consent granted by ${grant.sender} in ${grant.messageId}` };
      const consent = message.payload.consent;
      if (consent.level === 'intelligence_only') return { allowed: false, reason: `${message.sender} allows intelligence use only` };
      if (consent.level === 'prior_consent') return { allowed: false, reason: `${message.sender} must consent before onward dissemination` };
      if (consent.purposes.length > 0 && !consent.purposes.some((allowed) => purpose.toLowerCase().includes(allowed.toLowerCase()))) return { allowed: false, reason: `purpose not among those ${message.sender} allowed: ${consent.purposes.join(', ')}` };
      return { allowed: true, reason: `${message.sender} consented to law-enforcement use` };
    },
  };
}
