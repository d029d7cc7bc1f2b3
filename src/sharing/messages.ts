/**
 * Authenticated protocol messages between Frontera nodes. Every message names its session, step,
 * sequence and a random nonce, carries the SHA-256 of its canonical payload, and is signed with
 * the sender's registered Ed25519 identity key over all of that. A receiver refuses a message
 * whose signature or payload hash does not verify (tampering) and one it has already seen for
 * the same session, step and nonce (replay).
 */
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, randomBytes, sign, verify, type KeyObject } from 'node:crypto';
import { z } from 'zod';
import { canonicalJson } from '../audit/index.ts';
import { ConflictError, IntegrityError, UnauthenticatedError } from '../errors.ts';

export const PROTOCOL = 'frontera-sharing/1';

export const MESSAGE_STEPS = [
  'psi.open',
  'psi.open-accepted',
  'psi.initiator-blinded',
  'psi.responder-blinded',
  'psi.initiator-reblinded',
  'psi.complete',
  'case.open',
  'case.entry',
  'case.acknowledged',
  'roundtable.open',
  'roundtable.shares',
  'roundtable.partial-sum',
  'roundtable.acknowledged',
] as const;
export const MessageStepSchema = z.enum(MESSAGE_STEPS);
export type MessageStep = z.infer<typeof MessageStepSchema>;

const Base64Url = z.string().regex(/^[A-Za-z0-9_-]*$/, 'must be base64url');
export const InstitutionIdSchema = z.string().min(1).max(128);

export const SignedMessageSchema = z.object({
  protocol: z.literal(PROTOCOL),
  sessionId: z.string().min(8).max(128),
  step: MessageStepSchema,
  sequence: z.number().int().nonnegative().max(1_000_000),
  nonce: Base64Url.length(22),
  sender: InstitutionIdSchema,
  recipient: InstitutionIdSchema,
  sentAt: z.iso.datetime({ offset: true }),
  /** The nonce of the request this message answers, binding a response to its request. */
  inReplyTo: Base64Url.length(22).optional(),
  payload: z.unknown(),
  payloadHash: z.string().regex(/^[0-9a-f]{64}$/),
  signature: Base64Url.min(80).max(100),
});
export type SignedMessage = z.infer<typeof SignedMessageSchema>;

/** A node's Ed25519 identity: the public half is registered with its participant registration. */
export type NodeIdentity = { institutionId: string; publicKey: string; privateKey: KeyObject };

/**
 * A fresh Ed25519 identity key pair; `publicKey` is the raw 32-byte key in base64url.
 * @example const identity = generateIdentity('bank-norte');
 */
export function generateIdentity(institutionId: string): NodeIdentity {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  return { institutionId, publicKey: rawPublicKey(publicKey), privateKey };
}

function rawPublicKey(key: KeyObject): string {
  const jwk = key.export({ format: 'jwk' });
  if (typeof jwk.x !== 'string') throw new IntegrityError('not an Ed25519 key');
  return jwk.x;
}

/** Identity key file contents (PKCS #8 PEM private key), for `frontera share keygen`. */
export function exportIdentity(identity: NodeIdentity): { institutionId: string; publicKey: string; privateKeyPem: string } {
  return { institutionId: identity.institutionId, publicKey: identity.publicKey, privateKeyPem: identity.privateKey.export({ format: 'pem', type: 'pkcs8' }).toString() };
}

export function importIdentity(file: { institutionId: string; privateKeyPem: string }): NodeIdentity {
  const privateKey = createPrivateKey(file.privateKeyPem);
  if (privateKey.asymmetricKeyType !== 'ed25519') throw new IntegrityError('the identity key is not Ed25519');
  return { institutionId: file.institutionId, publicKey: rawPublicKey(createPublicKey(privateKey)), privateKey };
}

function publicKeyObject(publicKey: string): KeyObject {
  try {
    return createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: publicKey }, format: 'jwk' });
  } catch {
    throw new IntegrityError('the registered public key is not a valid Ed25519 key');
  }
}

/** SHA-256 of the canonical JSON of a payload, hex. */
export function payloadHash(payload: unknown): string {
  return createHash('sha256').update(canonicalJson(payload)).digest('hex');
}

function signedBytes(message: Omit<SignedMessage, 'payload' | 'signature'>): Buffer {
  const { protocol, sessionId, step, sequence, nonce, sender, recipient, sentAt, inReplyTo, payloadHash: hash } = message;
  return Buffer.from(canonicalJson({ protocol, sessionId, step, sequence, nonce, sender, recipient, sentAt, inReplyTo, payloadHash: hash }));
}

/**
 * Signs a protocol message.
 * @example const message = signMessage(identity, { sessionId, step: 'psi.open', sequence: 0, recipient: 'bank-sur', sentAt, payload });
 */
export function signMessage(
  identity: NodeIdentity,
  fields: { sessionId: string; step: MessageStep; sequence: number; recipient: string; sentAt: string; payload: unknown; inReplyTo?: string | undefined },
): SignedMessage {
  const header = {
    protocol: PROTOCOL,
    sessionId: fields.sessionId,
    step: fields.step,
    sequence: fields.sequence,
    nonce: randomBytes(16).toString('base64url'),
    sender: identity.institutionId,
    recipient: fields.recipient,
    sentAt: fields.sentAt,
    payloadHash: payloadHash(fields.payload),
    ...(fields.inReplyTo === undefined ? {} : { inReplyTo: fields.inReplyTo }),
  } as const;
  const signature = sign(null, signedBytes(header), identity.privateKey).toString('base64url');
  return { ...header, payload: fields.payload, signature };
}

/**
 * Checks a received message: shape, addressee, payload hash and signature by the sender's
 * registered key. Throws `IntegrityError` for anything tampered, `UnauthenticatedError` when the
 * sender has no registered key. Replay is checked separately by a `ReplayGuard`.
 * @example const message = verifyMessage(body, { self: 'bank-sur', publicKeyOf: (id) => registry.get(id)?.publicKey });
 */
export function verifyMessage(input: unknown, options: { self: string; publicKeyOf: (institutionId: string) => string | undefined }): SignedMessage {
  const parsed = SignedMessageSchema.safeParse(input);
  if (!parsed.success) throw new IntegrityError('the protocol message is malformed', { issues: parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`) });
  const message = parsed.data;
  if (message.recipient !== options.self) throw new IntegrityError(`the message is addressed to ${message.recipient}, not to this node`);
  const publicKey = options.publicKeyOf(message.sender);
  if (publicKey === undefined) throw new UnauthenticatedError(`${message.sender} has no registered identity key`);
  if (payloadHash(message.payload) !== message.payloadHash) throw new IntegrityError('the message payload does not match its hash: it was altered', { step: message.step });
  const valid = verify(null, signedBytes(message), publicKeyObject(publicKey), Buffer.from(message.signature, 'base64url'));
  if (!valid) throw new IntegrityError('the message signature does not verify', { sender: message.sender, step: message.step });
  return message;
}

/**
 * Remembers (session, step, nonce) of accepted messages and refuses a second delivery, and
 * refuses messages sent too long ago or too far in the future (time is passed in).
 * @example const guard = createReplayGuard({ maximumAgeMs: 300_000 }); guard.accept(message, now);
 */
export function createReplayGuard(options: { maximumAgeMs?: number; maximumEntries?: number } = {}): { accept(message: SignedMessage, now: Date): void } {
  const maximumAgeMs = options.maximumAgeMs ?? 10 * 60_000;
  const maximumEntries = options.maximumEntries ?? 100_000;
  const seen = new Map<string, number>();
  return {
    accept(message, now) {
      const sentAt = Date.parse(message.sentAt);
      const age = now.getTime() - sentAt;
      if (age > maximumAgeMs) throw new IntegrityError('the message is too old to be accepted', { sentAt: message.sentAt });
      if (age < -60_000) throw new IntegrityError('the message is dated in the future', { sentAt: message.sentAt });
      const key = `${message.sessionId}\u0000${message.step}\u0000${message.nonce}`;
      if (seen.has(key)) throw new ConflictError('the message was already received: replay refused', { sessionId: message.sessionId, step: message.step });
      // Entries older than the acceptance window can go: such a message is refused by age anyway.
      if (seen.size >= maximumEntries) {
        for (const [entry, time] of seen) if (now.getTime() - time > maximumAgeMs) seen.delete(entry);
        if (seen.size >= maximumEntries) throw new ConflictError('too many messages in the replay window');
      }
      seen.set(key, sentAt);
    },
  };
}
