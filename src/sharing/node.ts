/**
 * A sharing node: one institution's side of every protocol. It checks safe harbor before any
 * exchange, signs and verifies every message, keeps blinding scalars in memory only, and writes
 * every action to the audit log. Transport, clock, audit log, subjects and the blinding engine
 * are passed in; the HTTP routes in `http.ts` only parse and call it.
 */
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { AuditLog } from '../audit/index.ts';
import type { Party } from '../domain/index.ts';
import { ConflictError, ForbiddenError, FronteraError, IntegrityError, NotFoundError, ValidationError } from '../errors.ts';
import type { BlindingEngine } from './engine.ts';
import { randomScalar } from './group.ts';
import { MatchKeyKindSchema, type NameParser } from './match-keys.ts';
import { createReplayGuard, signMessage, verifyMessage, type MessageStep, type NodeIdentity, type SignedMessage } from './messages.ts';
import { blindOwnSet, decodeBytes, encodeBytes, finishAsInitiator, finishAsResponder, prepareSet, PsiModeSchema, respondToBlindedSet, type PreparedSet, type PsiOutcome } from './psi.ts';
import type { MessageHandler, NodeContext } from './node-context.ts';
import type { SharingStore } from './repository.ts';
import { attachRoundtables } from './roundtable-sessions.ts';
import type { EncryptionKeys } from './roundtable.ts';
import { attachSharedCases } from './shared-case.ts';
import { LegalBasisSchema, ParticipantRegistrationSchema, sharingIssues, SharingPurposeSchema, registrationStatus, type ParticipantRegistration, type ParticipantRegistrationInput } from './registry.ts';

/** Sends a signed message to a peer's endpoint and returns the (not yet verified) reply body. */
export type SharingTransport = (endpoint: string, message: SignedMessage) => Promise<unknown>;

export const MatchRequestSchema = z.object({
  peer: z.string().min(1).max(128),
  purposeCode: SharingPurposeSchema,
  /** Why this match is needed, in the investigator's words (kept in the session record). */
  purpose: z.string().min(10, 'state the purpose in at least 10 characters').max(2000),
  legalBasis: LegalBasisSchema,
  mode: PsiModeSchema.default('identify'),
  keyKinds: z.array(MatchKeyKindSchema).min(1).max(20).default(['name_birth_date', 'company_name', 'rfc', 'curp', 'ssn', 'ein', 'passport', 'account', 'clabe', 'crypto_address', 'phone']),
});
export type MatchRequest = z.input<typeof MatchRequestSchema>;

const SessionProposalSchema = z.object({
  sessionId: z.string().min(8).max(128),
  initiator: z.string().min(1).max(128),
  responder: z.string().min(1).max(128),
  purposeCode: SharingPurposeSchema,
  purpose: z.string().min(10).max(2000),
  legalBasis: LegalBasisSchema,
  mode: PsiModeSchema,
  keyKinds: z.array(MatchKeyKindSchema).min(1).max(20),
  requestedBy: z.string().min(1).max(128),
  openedAt: z.iso.datetime({ offset: true }),
});
export type SessionProposal = z.infer<typeof SessionProposalSchema>;

const PointsPayloadSchema = z.object({ points: z.string().max(200_000_000) });
const ResponderBlindedPayloadSchema = z.object({ tags: z.string().max(200_000_000), points: z.string().max(200_000_000) });
const TagsPayloadSchema = z.object({ tags: z.string().max(200_000_000) });
const AcceptedPayloadSchema = z.object({ accepted: z.literal(true) });
const CompletePayloadSchema = z.object({ completed: z.literal(true) });

export type SessionStatus = 'open' | 'completed' | 'failed';

/** What a node shows about a session: never scalars, never the other side's elements. */
export type SessionSummary = SessionProposal & {
  role: 'initiator' | 'responder';
  status: SessionStatus;
  completedAt?: string;
  failure?: string;
  outcome?: PsiOutcome;
};

type SessionState = {
  summary: SessionSummary;
  /** The fresh blinding scalar: in memory only, wiped when the session ends. */
  scalar: Uint8Array;
  prepared?: PreparedSet;
  /** Responder: its own set prepared and blinded after accepting, while the initiator blinds its own. */
  preparation?: Promise<{ prepared: PreparedSet; ownBlinded: Uint8Array }>;
  initiatorTags?: Uint8Array;
  expectedStep: MessageStep | null;
  nextSequence: number;
  /** When this node started the session (its own clock, not the peer's). */
  startedAtMs: number;
};

export type SharingNodeOptions = {
  identity: NodeIdentity;
  /** X25519 keys that roundtable shares are encrypted to (public half in the registration). */
  encryption: EncryptionKeys;
  registrations?: readonly ParticipantRegistrationInput[];
  audit: AuditLog;
  engine: BlindingEngine;
  nameParser: NameParser;
  /** The institution's own subjects to match (read when a session starts). */
  subjects: () => Promise<readonly Party[]>;
  clock: () => Date;
  transport: SharingTransport;
  /** Durable records (registrations, session summaries, shared cases, roundtables); none when absent. */
  store?: SharingStore;
  /** A session not completed within this time is ended and its scalar wiped (default 15 minutes). */
  sessionTimeoutMs?: number;
  /** Pads each blinded set to a multiple of this many elements (hides the exact size). */
  padToMultipleOf?: number;
};

/** Parses caller input, turning schema problems into a `ValidationError` with field issues. */
function parseInput<T>(schema: z.ZodType<T>, input: unknown, what: string): T {
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw new ValidationError(`${what} is not valid`, parsed.error.issues.map((issue) => ({ field: issue.path.join('.') || '(record)', reason: issue.message })));
  return parsed.data;
}

export type SharingNode = ReturnType<typeof createSharingNode>;

/**
 * Creates a node.
 * @example
 * const node = createSharingNode({ identity, registrations, audit, engine, nameParser, subjects, clock: () => new Date(), transport: httpTransport() });
 * const session = await node.startMatch({ peer: 'banco-sur', purposeCode: 'money_laundering', purpose: 'Funnel accounts seen in both banks', legalBasis: 'us-314b' }, 'ana.investigator');
 */
export function createSharingNode(options: SharingNodeOptions) {
  const self = options.identity.institutionId;
  const registrations = new Map<string, ParticipantRegistration>();
  for (const input of options.registrations ?? []) {
    const registration = ParticipantRegistrationSchema.parse(input);
    registrations.set(registration.institutionId, registration);
  }
  const sessions = new Map<string, SessionState>();
  const replayGuard = createReplayGuard();
  const handlers = new Map<MessageStep, MessageHandler>();
  const now = () => options.clock();
  const nowText = () => options.clock().toISOString();

  async function audit(actor: string, action: string, subject: { kind: string; id: string }, details: Record<string, unknown> = {}): Promise<void> {
    await options.audit.append({ time: nowText(), actor, action, subject, details });
  }

  async function persistSession(state: SessionState): Promise<void> {
    await options.store?.saveSession(structuredClone(state.summary));
  }

  function publicKeyOf(institutionId: string): string | undefined {
    return registrations.get(institutionId)?.identityKey;
  }

  function registrationOf(institutionId: string): ParticipantRegistration {
    const registration = registrations.get(institutionId);
    if (registration === undefined) throw new ForbiddenError(`${institutionId} is not registered for sharing`);
    return registration;
  }

  function endpointOf(institutionId: string): string {
    const endpoint = registrationOf(institutionId).endpoint;
    if (endpoint === undefined) throw new ValidationError(`${institutionId} has no registered endpoint`);
    return endpoint;
  }

  function assertSharingAllowed(peer: string, legalBasis: SessionProposal['legalBasis']): void {
    const issues = sharingIssues(registrations, { self, peer, legalBasis, at: now() });
    if (issues.length > 0) throw new ForbiddenError(`sharing with ${peer} is refused: ${issues.map((issue) => issue.reason).join('; ')}`, { issues });
  }

  /** Sends a message and verifies the signed reply: right sender, step, session and request nonce. */
  async function exchange(peer: string, fields: { sessionId: string; step: MessageStep; sequence: number; payload: unknown }, expectedReply: MessageStep): Promise<SignedMessage> {
    const request = signMessage(options.identity, { ...fields, recipient: peer, sentAt: nowText() });
    const body = await options.transport(endpointOf(peer), request);
    const reply = verifyMessage(body, { self, publicKeyOf });
    if (reply.sender !== peer || reply.sessionId !== fields.sessionId || reply.step !== expectedReply || reply.inReplyTo !== request.nonce || reply.sequence !== fields.sequence + 1) {
      throw new IntegrityError(`the reply of ${peer} does not answer this request`, { expected: expectedReply, received: reply.step });
    }
    replayGuard.accept(reply, now());
    return reply;
  }

  function wipe(state: SessionState): void {
    state.scalar.fill(0);
    delete state.prepared;
    delete state.preparation;
    delete state.initiatorTags;
    state.expectedStep = null;
  }

  async function fail(state: SessionState, error: unknown, actor: string): Promise<void> {
    state.summary.status = 'failed';
    state.summary.failure = error instanceof Error ? error.message : String(error);
    wipe(state);
    await persistSession(state);
    await audit(actor, 'sharing.session.failed', { kind: 'sharing-session', id: state.summary.sessionId }, { reason: state.summary.failure });
  }

  /** Ends sessions a peer abandoned, so their scalars and sets do not stay in memory. */
  async function expireStaleSessions(): Promise<void> {
    const limit = now().getTime() - (options.sessionTimeoutMs ?? 15 * 60_000);
    for (const state of sessions.values()) {
      if (state.summary.status === 'open' && state.summary.role === 'responder' && state.startedAtMs < limit) {
        await fail(state, new ConflictError('the session timed out'), `node:${self}`);
      }
    }
  }

  function sessionState(sessionId: string, peer: string, step: MessageStep, sequence: number): SessionState {
    const state = sessions.get(sessionId);
    if (state === undefined) throw new NotFoundError(`no sharing session ${sessionId}`);
    const otherSide = state.summary.role === 'initiator' ? state.summary.responder : state.summary.initiator;
    if (otherSide !== peer) throw new ForbiddenError(`${peer} is not a party to session ${sessionId}`);
    if (state.expectedStep !== step || state.nextSequence !== sequence) throw new ConflictError(`session ${sessionId} does not expect ${step} (sequence ${sequence}) now`);
    return state;
  }

  // ── responder side ────────────────────────────────────────────────────────────────────────
  handlers.set('psi.open', async (message) => {
    const proposal = parseInput(SessionProposalSchema, message.payload, 'the session proposal');
    if (proposal.initiator !== message.sender || proposal.responder !== self || proposal.sessionId !== message.sessionId) throw new IntegrityError('the session proposal does not match its message');
    if (sessions.has(proposal.sessionId)) throw new ConflictError(`session ${proposal.sessionId} already exists`);
    try {
      assertSharingAllowed(message.sender, proposal.legalBasis);
    } catch (error) {
      await audit(`node:${message.sender}`, 'sharing.session.refused', { kind: 'sharing-session', id: proposal.sessionId }, { initiator: message.sender, legalBasis: proposal.legalBasis, reason: error instanceof Error ? error.message : String(error) });
      throw error;
    }
    const scalar = randomScalar();
    // The set is prepared after the acceptance has gone out, so both sides work at the same time.
    const preparation = new Promise<void>((resolve) => setImmediate(resolve)).then(async () => {
      const prepared = prepareSet({ sessionId: proposal.sessionId, subjects: await options.subjects(), parser: options.nameParser, kinds: proposal.keyKinds, ...(options.padToMultipleOf === undefined ? {} : { padToMultipleOf: options.padToMultipleOf }) });
      return { prepared, ownBlinded: await blindOwnSet(options.engine, prepared, scalar) };
    });
    preparation.catch(() => {});
    const state: SessionState = { summary: { ...proposal, role: 'responder', status: 'open' }, scalar, preparation, expectedStep: 'psi.initiator-blinded', nextSequence: 2, startedAtMs: now().getTime() };
    sessions.set(proposal.sessionId, state);
    await persistSession(state);
    await audit(`node:${message.sender}`, 'sharing.session.opened', { kind: 'sharing-session', id: proposal.sessionId }, { role: 'responder', initiator: proposal.initiator, responder: self, purposeCode: proposal.purposeCode, purpose: proposal.purpose, legalBasis: proposal.legalBasis, mode: proposal.mode, keyKinds: proposal.keyKinds, requestedBy: proposal.requestedBy });
    return { step: 'psi.open-accepted', payload: { accepted: true } };
  });

  handlers.set('psi.initiator-blinded', async (message) => {
    const state = sessionState(message.sessionId, message.sender, message.step, message.sequence);
    try {
      const { points } = PointsPayloadSchema.parse(message.payload);
      const { prepared, ownBlinded } = await state.preparation!;
      state.prepared = prepared;
      delete state.preparation;
      const response = await respondToBlindedSet({ engine: options.engine, mode: state.summary.mode, prepared, scalar: state.scalar, initiatorPoints: decodeBytes(points, 'points'), ownBlinded });
      state.initiatorTags = response.initiatorTags;
      state.expectedStep = 'psi.initiator-reblinded';
      state.nextSequence = 4;
      return { step: 'psi.responder-blinded', payload: { tags: encodeBytes(response.tagsForInitiator), points: encodeBytes(response.ownBlinded) } };
    } catch (error) {
      await fail(state, error, `node:${message.sender}`);
      throw error;
    }
  });

  handlers.set('psi.initiator-reblinded', async (message) => {
    const state = sessionState(message.sessionId, message.sender, message.step, message.sequence);
    try {
      const { tags } = TagsPayloadSchema.parse(message.payload);
      state.summary.outcome = finishAsResponder({ mode: state.summary.mode, prepared: state.prepared!, initiatorTags: state.initiatorTags!, tagsFromInitiator: decodeBytes(tags, 'tags') });
      state.summary.status = 'completed';
      state.summary.completedAt = nowText();
      wipe(state);
      await persistSession(state);
      await audit(`node:${message.sender}`, 'sharing.session.completed', { kind: 'sharing-session', id: message.sessionId }, countsOf(state.summary.outcome));
      return { step: 'psi.complete', payload: { completed: true } };
    } catch (error) {
      await fail(state, error, `node:${message.sender}`);
      throw error;
    }
  });

  function countsOf(outcome: PsiOutcome): Record<string, number | string> {
    return { mode: outcome.mode, ownSubjects: outcome.ownSubjectCount, ownKeys: outcome.ownKeyCount, otherElements: outcome.otherElementCount, matchedKeys: outcome.matchedKeyCount, matchedSubjects: outcome.matchedSubjects?.length ?? -1 };
  }

  /**
   * Receives one protocol message (the body of `POST /sharing/v1/messages`) and returns the
   * signed reply. Tampered, replayed, unexpected or unauthorised messages are refused and audited.
   */
  async function receive(body: unknown): Promise<SignedMessage> {
    await expireStaleSessions();
    let message: SignedMessage;
    try {
      message = verifyMessage(body, { self, publicKeyOf });
      replayGuard.accept(message, now());
    } catch (error) {
      const sender = typeof body === 'object' && body !== null && 'sender' in body && typeof body.sender === 'string' ? body.sender.slice(0, 128) : 'unknown';
      const sessionId = typeof body === 'object' && body !== null && 'sessionId' in body && typeof body.sessionId === 'string' ? body.sessionId.slice(0, 128) : 'unknown';
      await audit(`node:${sender}`, 'sharing.message.refused', { kind: 'sharing-session', id: sessionId || 'unknown' }, { reason: error instanceof Error ? error.message : String(error) });
      throw error;
    }
    const handler = handlers.get(message.step);
    if (handler === undefined) throw new ValidationError(`this node does not accept ${message.step} messages`);
    const reply = await handler(message);
    return signMessage(options.identity, { sessionId: message.sessionId, step: reply.step, sequence: message.sequence + 1, recipient: message.sender, sentAt: nowText(), payload: reply.payload, inReplyTo: message.nonce });
  }

  // ── initiator side ────────────────────────────────────────────────────────────────────────
  /**
   * Runs a whole match with a peer as initiator and returns the session with this side's result.
   */
  async function startMatch(input: MatchRequest | unknown, actor: string): Promise<SessionSummary> {
    const request = parseInput(MatchRequestSchema, input, 'the match request');
    const sessionId = randomUUID();
    try {
      assertSharingAllowed(request.peer, request.legalBasis);
      // Only the investigators named in this institution's own registration may start a match.
      const named = registrations.get(self)?.investigators;
      if (named !== undefined && named.length > 0 && !named.some((investigator) => investigator.id === actor)) {
        throw new ForbiddenError(`${actor} is not a named investigator of ${self}'s sharing registration`);
      }
    } catch (error) {
      await audit(actor, 'sharing.session.refused', { kind: 'sharing-session', id: sessionId }, { responder: request.peer, legalBasis: request.legalBasis, reason: error instanceof Error ? error.message : String(error) });
      throw error;
    }
    const proposal: SessionProposal = { sessionId, initiator: self, responder: request.peer, purposeCode: request.purposeCode, purpose: request.purpose, legalBasis: request.legalBasis, mode: request.mode, keyKinds: request.keyKinds, requestedBy: actor, openedAt: nowText() };
    const state: SessionState = { summary: { ...proposal, role: 'initiator', status: 'open' }, scalar: randomScalar(), expectedStep: null, nextSequence: 0, startedAtMs: now().getTime() };
    sessions.set(sessionId, state);
    await persistSession(state);
    await audit(actor, 'sharing.session.opened', { kind: 'sharing-session', id: sessionId }, { role: 'initiator', initiator: self, responder: request.peer, purposeCode: request.purposeCode, purpose: request.purpose, legalBasis: request.legalBasis, mode: request.mode, keyKinds: request.keyKinds });
    try {
      const accepted = await exchange(request.peer, { sessionId, step: 'psi.open', sequence: 0, payload: proposal }, 'psi.open-accepted');
      AcceptedPayloadSchema.parse(accepted.payload);
      const prepared = prepareSet({ sessionId, subjects: await options.subjects(), parser: options.nameParser, kinds: request.keyKinds, ...(options.padToMultipleOf === undefined ? {} : { padToMultipleOf: options.padToMultipleOf }) });
      const blinded = await blindOwnSet(options.engine, prepared, state.scalar);
      const responded = await exchange(request.peer, { sessionId, step: 'psi.initiator-blinded', sequence: 2, payload: { points: encodeBytes(blinded) } }, 'psi.responder-blinded');
      const { tags, points } = ResponderBlindedPayloadSchema.parse(responded.payload);
      const finished = await finishAsInitiator({ engine: options.engine, mode: request.mode, prepared, scalar: state.scalar, tagsFromResponder: decodeBytes(tags, 'tags'), responderPoints: decodeBytes(points, 'points') });
      state.summary.outcome = finished.outcome;
      wipe(state);
      const completed = await exchange(request.peer, { sessionId, step: 'psi.initiator-reblinded', sequence: 4, payload: { tags: encodeBytes(finished.tagsForResponder) } }, 'psi.complete');
      CompletePayloadSchema.parse(completed.payload);
      state.summary.status = 'completed';
      state.summary.completedAt = nowText();
      await persistSession(state);
      await audit(actor, 'sharing.session.completed', { kind: 'sharing-session', id: sessionId }, countsOf(finished.outcome));
      return structuredClone(state.summary);
    } catch (error) {
      await fail(state, error, actor);
      throw error instanceof FronteraError ? error : new IntegrityError(`the match with ${request.peer} failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  // ── registry ──────────────────────────────────────────────────────────────────────────────
  async function register(input: unknown, actor: string): Promise<ParticipantRegistration> {
    const registration = parseInput(ParticipantRegistrationSchema, input, 'the registration');
    const previous = registrations.get(registration.institutionId);
    registrations.set(registration.institutionId, registration);
    await options.store?.saveRegistration(registration);
    await audit(actor, previous === undefined ? 'sharing.participant.registered' : 'sharing.participant.renewed', { kind: 'participant', id: registration.institutionId }, { registrationNumber: registration.registrationNumber, legalBases: registration.legalBases, registeredAt: registration.registeredAt, expiresAt: registration.expiresAt });
    return registration;
  }

  function participants(): Array<ParticipantRegistration & { status: ReturnType<typeof registrationStatus> }> {
    return [...registrations.values()].map((registration) => ({ ...registration, status: registrationStatus(registration, now()) }));
  }

  function listSessions(): SessionSummary[] {
    return [...sessions.values()].map((state) => structuredClone(state.summary));
  }

  function getSession(sessionId: string): SessionSummary {
    const state = sessions.get(sessionId);
    if (state === undefined) throw new NotFoundError(`no sharing session ${sessionId}`);
    return structuredClone(state.summary);
  }

  const context: NodeContext = {
    self,
    encryption: options.encryption,
    handlers,
    exchange,
    audit,
    registrationOf,
    assertSharingAllowed,
    sessionSummary: (sessionId) => {
      const state = sessions.get(sessionId);
      if (state === undefined) throw new NotFoundError(`no sharing session ${sessionId}`);
      return state.summary;
    },
    parse: parseInput,
    nowText,
    store: options.store,
  };
  const pendingWork = new Set<Promise<void>>();
  // Work started by an incoming message (publishing a roundtable sum) runs after the reply; its failure is audited.
  const background = (work: () => Promise<void>) => {
    const running = new Promise<void>((resolve) => setImmediate(resolve))
      .then(work)
      .catch((error: unknown) => audit(`node:${self}`, 'sharing.background.failed', { kind: 'node', id: self }, { reason: error instanceof Error ? error.message : String(error) }))
      .finally(() => pendingWork.delete(running));
    pendingWork.add(running);
  };

  const cases = attachSharedCases(context);
  const roundtables = attachRoundtables(context, background);

  /**
   * Loads the durable records from the store after a restart: registrations, session summaries
   * (a session that was still open cannot resume, its scalar is gone: it is marked failed),
   * shared cases and roundtables.
   */
  async function restore(): Promise<void> {
    if (options.store === undefined) return;
    for (const registration of await options.store.listRegistrations()) registrations.set(registration.institutionId, registration);
    for (const summary of await options.store.listSessions()) {
      const state: SessionState = { summary, scalar: new Uint8Array(32), expectedStep: null, nextSequence: 0, startedAtMs: now().getTime() };
      if (summary.status === 'open') {
        summary.status = 'failed';
        summary.failure = 'the node restarted during the session';
        await persistSession(state);
      }
      sessions.set(summary.sessionId, state);
    }
    for (const sharedCase of await options.store.listCases()) cases.restore(sharedCase);
    for (const view of await options.store.listRoundtables()) roundtables.restore(view);
  }

  return {
    institutionId: self,
    restore,
    receive,
    startMatch,
    register,
    participants,
    listSessions,
    getSession,
    cases,
    roundtables,
    /** Resolves when work started by incoming messages has finished (tests, shutdown). */
    async settled(): Promise<void> {
      while (pendingWork.size > 0) await Promise.all([...pendingWork]);
    },
  };
}
