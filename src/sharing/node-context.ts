import type { z } from 'zod';
import type { EncryptionKeys } from './roundtable.ts';
import type { MessageStep, SignedMessage } from './messages.ts';
import type { LegalBasis, ParticipantRegistration } from './registry.ts';
import type { SessionSummary } from './node.ts';
import type { SharingStore } from './repository.ts';

/** Handler of one incoming message step; returns the reply to sign. */
export type MessageHandler = (message: SignedMessage) => Promise<{ step: MessageStep; payload: unknown }>;

/** What the shared-case and roundtable parts of a node use from the node (same process). */
export type NodeContext = {
  self: string;
  encryption: EncryptionKeys;
  handlers: Map<MessageStep, MessageHandler>;
  /** Sends a signed message and returns the verified reply of the expected step. */
  exchange(peer: string, fields: { sessionId: string; step: MessageStep; sequence: number; payload: unknown }, expectedReply: MessageStep): Promise<SignedMessage>;
  audit(actor: string, action: string, subject: { kind: string; id: string }, details?: Record<string, unknown>): Promise<void>;
  registrationOf(institutionId: string): ParticipantRegistration;
  assertSharingAllowed(peer: string, legalBasis: LegalBasis): void;
  sessionSummary(sessionId: string): SessionSummary;
  parse<T>(schema: z.ZodType<T>, input: unknown, what: string): T;
  nowText(): string;
  store: SharingStore | undefined;
};
