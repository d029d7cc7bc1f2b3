/**
 * Shared cases: after a match, the two institutions open a case over the matched subjects only
 * and exchange what 314(b) allows (transactions, alerts, notes). Each side names its
 * investigators; only they can read or add to the case on that side. Subjects are referred to
 * by their match handle, which both sides learned from the match; each node maps a handle to its
 * own subject only for its own investigators.
 */
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { TransactionSchema } from '../domain/index.ts';
import { ConflictError, ForbiddenError, NotFoundError } from '../errors.ts';
import type { NodeContext } from './node-context.ts';

const Handle = z.string().regex(/^[0-9a-f]{32}$/, 'must be a match handle');

export const SharedAlertSchema = z.object({
  alertId: z.string().min(1).max(128),
  typologyId: z.string().min(1).max(128),
  time: z.iso.datetime({ offset: true }),
  score: z.number().optional(),
  summary: z.string().max(2000),
});

export const SharedEntryInputSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('transaction'), subjectHandle: Handle, transaction: TransactionSchema }),
  z.object({ kind: z.literal('alert'), subjectHandle: Handle, alert: SharedAlertSchema }),
  z.object({ kind: z.literal('note'), subjectHandle: Handle, text: z.string().min(1).max(10_000) }),
]);
export type SharedEntryInput = z.input<typeof SharedEntryInputSchema>;

const EntryMetaSchema = z.object({
  entryId: z.string().min(1).max(128),
  institutionId: z.string().min(1).max(128),
  author: z.string().min(1).max(128),
  createdAt: z.iso.datetime({ offset: true }),
});
export const SharedEntrySchema = z.intersection(EntryMetaSchema, SharedEntryInputSchema);
export type SharedEntry = z.infer<typeof SharedEntrySchema>;

export const OpenCaseRequestSchema = z.object({
  sessionId: z.string().min(8).max(128),
  /** Matched handles to bring into the case; all matched handles when omitted. */
  handles: z.array(Handle).min(1).max(10_000).optional(),
  /** Own investigators named on the case; must be registered investigators of this institution. */
  investigators: z.array(z.string().min(1).max(128)).min(1).max(50),
  title: z.string().min(1).max(200),
});
export type OpenCaseRequest = z.input<typeof OpenCaseRequestSchema>;

const CaseOpenPayloadSchema = z.object({
  caseId: z.string().min(8).max(128),
  sessionId: z.string().min(8).max(128),
  title: z.string().min(1).max(200),
  handles: z.array(Handle).min(1).max(10_000),
  investigators: z.array(z.string().min(1).max(128)).min(1).max(50),
  openedBy: z.string().min(1).max(128),
});
const CaseAcknowledgedPayloadSchema = z.object({ investigators: z.array(z.string().min(1).max(128)).max(50) });

export type SharedCase = {
  caseId: string;
  sessionId: string;
  title: string;
  institutions: [string, string];
  /** Named investigators per institution. */
  investigators: Record<string, string[]>;
  handles: string[];
  openedAt: string;
  openedBy: string;
  entries: SharedEntry[];
};

/** A case as one of this side's investigators sees it: plus this side's subjects per handle. */
export type SharedCaseView = SharedCase & { ownSubjectsByHandle: Record<string, string[]> };

function matchedHandles(context: NodeContext, sessionId: string, peer: string): Map<string, string[]> {
  const summary = context.sessionSummary(sessionId);
  const other = summary.role === 'initiator' ? summary.responder : summary.initiator;
  if (other !== peer) throw new ForbiddenError(`${peer} is not a party to session ${sessionId}`);
  if (summary.status !== 'completed' || summary.mode !== 'identify' || summary.outcome?.matchedSubjects === undefined) {
    throw new ConflictError(`session ${sessionId} has no identified matches to open a case on`);
  }
  const handles = new Map<string, string[]>();
  for (const subject of summary.outcome.matchedSubjects) {
    for (const handle of subject.handles) handles.set(handle, [...(handles.get(handle) ?? []), subject.subjectId]);
  }
  return handles;
}

/**
 * Shared-case operations of a node, and the handlers of the `case.*` messages.
 * @example const cases = attachSharedCases(context); await cases.open({ sessionId, investigators: ['ana'], title: 'Funnel accounts' }, 'ana');
 */
export function attachSharedCases(context: NodeContext) {
  const cases = new Map<string, SharedCase>();
  const self = context.self;

  function caseOf(caseId: string): SharedCase {
    const found = cases.get(caseId);
    if (found === undefined) throw new NotFoundError(`no shared case ${caseId}`);
    return found;
  }

  function peerOf(sharedCase: SharedCase): string {
    return sharedCase.institutions[0] === self ? sharedCase.institutions[1] : sharedCase.institutions[0];
  }

  async function assertInvestigator(sharedCase: SharedCase, actor: string, action: string): Promise<void> {
    if (sharedCase.investigators[self]?.includes(actor)) return;
    await context.audit(actor, 'sharing.case.access-denied', { kind: 'shared-case', id: sharedCase.caseId }, { action });
    throw new ForbiddenError(`${actor} is not a named investigator of shared case ${sharedCase.caseId}`);
  }

  function registeredInvestigators(institutionId: string): Set<string> {
    return new Set(context.registrationOf(institutionId).investigators.map((investigator) => investigator.id));
  }

  context.handlers.set('case.open', async (message) => {
    const payload = context.parse(CaseOpenPayloadSchema, message.payload, 'the shared case');
    if (cases.has(payload.caseId)) throw new ConflictError(`shared case ${payload.caseId} already exists`);
    const summary = context.sessionSummary(payload.sessionId);
    context.assertSharingAllowed(message.sender, summary.legalBasis);
    const own = matchedHandles(context, payload.sessionId, message.sender);
    const unknown = payload.handles.filter((handle) => !own.has(handle));
    if (unknown.length > 0) throw new ForbiddenError(`${unknown.length} handle(s) are not subjects matched in session ${payload.sessionId}`);
    const senderInvestigators = registeredInvestigators(message.sender);
    if (!payload.investigators.every((id) => senderInvestigators.has(id))) throw new ForbiddenError(`the case names investigators that ${message.sender} has not registered`);
    const ownInvestigators = [...registeredInvestigators(self)];
    const sharedCase: SharedCase = {
      caseId: payload.caseId,
      sessionId: payload.sessionId,
      title: payload.title,
      institutions: [message.sender, self],
      investigators: { [message.sender]: payload.investigators, [self]: ownInvestigators },
      handles: payload.handles,
      openedAt: context.nowText(),
      openedBy: payload.openedBy,
      entries: [],
    };
    cases.set(sharedCase.caseId, sharedCase);
    await context.store?.saveCase(sharedCase);
    await context.audit(`node:${message.sender}`, 'sharing.case.opened', { kind: 'shared-case', id: sharedCase.caseId }, { sessionId: payload.sessionId, with: message.sender, handles: payload.handles.length, investigators: sharedCase.investigators });
    return { step: 'case.acknowledged', payload: { investigators: ownInvestigators } };
  });

  context.handlers.set('case.entry', async (message) => {
    const entry = context.parse(SharedEntrySchema, message.payload, 'the shared case entry');
    const sharedCase = caseOf(message.sessionId);
    if (!sharedCase.institutions.includes(message.sender) || entry.institutionId !== message.sender) throw new ForbiddenError(`${message.sender} is not a party to shared case ${sharedCase.caseId}`);
    context.assertSharingAllowed(message.sender, context.sessionSummary(sharedCase.sessionId).legalBasis);
    if (!sharedCase.investigators[message.sender]?.includes(entry.author)) throw new ForbiddenError(`${entry.author} is not a named investigator of ${message.sender} on this case`);
    if (!sharedCase.handles.includes(entry.subjectHandle)) throw new ForbiddenError('the entry is about a subject outside the shared case');
    if (sharedCase.entries.some((existing) => existing.entryId === entry.entryId)) throw new ConflictError(`entry ${entry.entryId} already exists`);
    sharedCase.entries.push(entry);
    await context.store?.saveCase(sharedCase);
    await context.audit(`node:${message.sender}`, 'sharing.case.entry-received', { kind: 'shared-case', id: sharedCase.caseId }, { entryId: entry.entryId, kind: entry.kind, author: entry.author });
    return { step: 'case.acknowledged', payload: { investigators: sharedCase.investigators[self] ?? [] } };
  });

  return {
    /** Puts back a case read from the store after a restart. */
    restore(sharedCase: SharedCase): void {
      cases.set(sharedCase.caseId, sharedCase);
    },

    /** Opens a shared case over matched subjects of a completed identify-mode session. */
    async open(input: OpenCaseRequest | unknown, actor: string): Promise<SharedCaseView> {
      const request = context.parse(OpenCaseRequestSchema, input, 'the shared case request');
      const summary = context.sessionSummary(request.sessionId);
      const peer = summary.role === 'initiator' ? summary.responder : summary.initiator;
      context.assertSharingAllowed(peer, summary.legalBasis);
      const own = matchedHandles(context, request.sessionId, peer);
      const handles = request.handles ?? [...own.keys()];
      if (handles.length === 0) throw new ConflictError('the session matched no subjects');
      if (handles.some((handle) => !own.has(handle))) throw new ForbiddenError('a shared case may only hold subjects matched in the session');
      const registered = registeredInvestigators(self);
      if (!request.investigators.every((id) => registered.has(id))) throw new ForbiddenError('every investigator named on a shared case must be registered for sharing');
      if (!request.investigators.includes(actor)) throw new ForbiddenError('the investigator opening a shared case must be named on it');
      const caseId = randomUUID();
      const reply = await context.exchange(peer, { sessionId: caseId, step: 'case.open', sequence: 0, payload: { caseId, sessionId: request.sessionId, title: request.title, handles, investigators: request.investigators, openedBy: actor } }, 'case.acknowledged');
      const acknowledged = context.parse(CaseAcknowledgedPayloadSchema, reply.payload, 'the acknowledgement');
      const sharedCase: SharedCase = {
        caseId,
        sessionId: request.sessionId,
        title: request.title,
        institutions: [self, peer],
        investigators: { [self]: request.investigators, [peer]: acknowledged.investigators },
        handles,
        openedAt: context.nowText(),
        openedBy: actor,
        entries: [],
      };
      cases.set(caseId, sharedCase);
      await context.store?.saveCase(sharedCase);
      await context.audit(actor, 'sharing.case.opened', { kind: 'shared-case', id: caseId }, { sessionId: request.sessionId, with: peer, handles: handles.length, investigators: sharedCase.investigators });
      return this.view(caseId, actor, false);
    },

    /** Adds a transaction, alert or note about one matched subject and sends it to the other side. */
    async addEntry(caseId: string, input: SharedEntryInput | unknown, actor: string): Promise<SharedEntry> {
      const sharedCase = caseOf(caseId);
      await assertInvestigator(sharedCase, actor, 'add-entry');
      const body = context.parse(SharedEntryInputSchema, input, 'the shared case entry');
      if (!sharedCase.handles.includes(body.subjectHandle)) throw new ForbiddenError('the entry is about a subject outside the shared case');
      const peer = peerOf(sharedCase);
      context.assertSharingAllowed(peer, context.sessionSummary(sharedCase.sessionId).legalBasis);
      const entry = context.parse(SharedEntrySchema, { ...body, entryId: randomUUID(), institutionId: self, author: actor, createdAt: context.nowText() }, 'the shared case entry');
      const sequence = sharedCase.entries.length * 2 + 2;
      await context.exchange(peer, { sessionId: caseId, step: 'case.entry', sequence, payload: entry }, 'case.acknowledged');
      sharedCase.entries.push(entry);
      await context.store?.saveCase(sharedCase);
      await context.audit(actor, 'sharing.case.entry-sent', { kind: 'shared-case', id: caseId }, { entryId: entry.entryId, kind: entry.kind, to: peer });
      return entry;
    },

    /** The case for one of this side's named investigators; anyone else is refused (and audited). */
    async view(caseId: string, actor: string, auditRead = true): Promise<SharedCaseView> {
      const sharedCase = caseOf(caseId);
      await assertInvestigator(sharedCase, actor, 'read');
      if (auditRead) await context.audit(actor, 'sharing.case.read', { kind: 'shared-case', id: caseId }, {});
      const own = matchedHandles(context, sharedCase.sessionId, peerOf(sharedCase));
      const ownSubjectsByHandle: Record<string, string[]> = {};
      for (const handle of sharedCase.handles) ownSubjectsByHandle[handle] = own.get(handle) ?? [];
      return structuredClone({ ...sharedCase, ownSubjectsByHandle });
    },

    /** Cases on which the actor is a named investigator. */
    list(actor: string): Array<Pick<SharedCase, 'caseId' | 'sessionId' | 'title' | 'institutions' | 'openedAt'> & { entries: number }> {
      return [...cases.values()]
        .filter((sharedCase) => sharedCase.investigators[self]?.includes(actor))
        .map((sharedCase) => ({ caseId: sharedCase.caseId, sessionId: sharedCase.sessionId, title: sharedCase.title, institutions: sharedCase.institutions, openedAt: sharedCase.openedAt, entries: sharedCase.entries.length }));
    },
  };
}

/** Kept for callers that need to reject a malformed handle early. */
export function isMatchHandle(value: string): boolean {
  return Handle.safeParse(value).success;
}
