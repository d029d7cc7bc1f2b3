/**
 * Roundtables on a node: the convener (an FIU or supervisor) opens one with the contributing
 * institutions and the cells to count; each institution contributes its counts as encrypted
 * shares, publishes the sum of the shares it holds, and every participant and the convener
 * compute the totals from the published sums.
 */
import { z } from 'zod';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../errors.ts';
import type { NodeContext } from './node-context.ts';
import {
  addShares,
  decodeShares,
  encodeShares,
  openShares,
  RoundtableCountsSchema,
  RoundtableDefinitionSchema,
  roundtableChartOption,
  SealedSharesSchema,
  sealShares,
  ShareVectorSchema,
  splitIntoShares,
  totalsFromPartialSums,
  type RoundtableDefinition,
  type RoundtableDefinitionInput,
} from './roundtable.ts';

const SharesPayloadSchema = z.object({ sealed: SealedSharesSchema });
const PartialSumPayloadSchema = z.object({ partialSum: ShareVectorSchema });
const AcknowledgedSchema = z.object({ received: z.literal(true) });

export type RoundtableStatus = 'open' | 'collecting' | 'completed';

export type RoundtableView = {
  definition: RoundtableDefinition;
  status: RoundtableStatus;
  contributed: boolean;
  /** Institutions whose partial sums this node holds. */
  partialSumsFrom: string[];
  totals?: Array<RoundtableDefinition['cells'][number] & { total: number }>;
  chart?: { en: Record<string, unknown>; es: Record<string, unknown> };
};

type RoundtableState = {
  definition: RoundtableDefinition;
  ownShare?: bigint[];
  sharesFrom: Map<string, bigint[]>;
  partialSums: Map<string, bigint[]>;
  published: boolean;
  totals?: number[];
};

/**
 * Roundtable operations of a node and the handlers of the `roundtable.*` messages.
 * @example const roundtables = attachRoundtables(context); await roundtables.convene(definition, 'uif.analyst');
 */
export function attachRoundtables(context: NodeContext, background: (work: () => Promise<void>) => void) {
  const roundtables = new Map<string, RoundtableState>();
  const self = context.self;

  function stateOf(roundtableId: string): RoundtableState {
    const state = roundtables.get(roundtableId);
    if (state === undefined) throw new NotFoundError(`no roundtable ${roundtableId}`);
    return state;
  }

  function audience(definition: RoundtableDefinition): string[] {
    return [...new Set([...definition.participants, definition.convener])].filter((id) => id !== self);
  }

  function shareContext(roundtableId: string, sender: string, recipient: string): string {
    return `${roundtableId}|${sender}|${recipient}`;
  }

  function checkDefinition(definition: RoundtableDefinition): void {
    const convener = context.registrationOf(definition.convener);
    if (convener.role === 'institution') throw new ForbiddenError(`${definition.convener} is not an FIU or supervisor and cannot convene a roundtable`);
    for (const participant of [definition.convener, ...definition.participants]) {
      if (participant !== self) context.assertSharingAllowed(participant, 'fiu-convened');
    }
  }

  async function completeIfReady(state: RoundtableState): Promise<void> {
    if (state.totals === undefined && state.partialSums.size === state.definition.participants.length) {
      state.totals = totalsFromPartialSums([...state.partialSums.values()]);
      await context.store?.saveRoundtable(viewOf(state));
      await context.audit(`node:${self}`, 'sharing.roundtable.totals', { kind: 'roundtable', id: state.definition.roundtableId }, { cells: state.totals.length });
    }
  }

  /** Once this node holds every participant's share, it publishes its partial sum to everyone. */
  async function publishIfReady(state: RoundtableState): Promise<void> {
    const { definition } = state;
    if (state.published || state.ownShare === undefined || state.sharesFrom.size !== definition.participants.length - 1) return;
    state.published = true;
    const partialSum = addShares([state.ownShare, ...state.sharesFrom.values()]);
    state.partialSums.set(self, partialSum);
    await context.audit(`node:${self}`, 'sharing.roundtable.partial-sum-published', { kind: 'roundtable', id: definition.roundtableId }, {});
    for (const recipient of audience(definition)) {
      const reply = await context.exchange(recipient, { sessionId: definition.roundtableId, step: 'roundtable.partial-sum', sequence: 10, payload: { partialSum: encodeShares(partialSum) } }, 'roundtable.acknowledged');
      context.parse(AcknowledgedSchema, reply.payload, 'the acknowledgement');
    }
    await completeIfReady(state);
  }

  context.handlers.set('roundtable.open', async (message) => {
    const definition = context.parse(RoundtableDefinitionSchema, message.payload, 'the roundtable');
    if (definition.convener !== message.sender || definition.roundtableId !== message.sessionId) throw new ForbiddenError('a roundtable is opened by its convener');
    if (!definition.participants.includes(self)) throw new ForbiddenError(`${self} is not a participant of roundtable ${definition.roundtableId}`);
    if (roundtables.has(definition.roundtableId)) throw new ConflictError(`roundtable ${definition.roundtableId} already exists`);
    checkDefinition(definition);
    const state: RoundtableState = { definition, sharesFrom: new Map(), partialSums: new Map(), published: false };
    roundtables.set(definition.roundtableId, state);
    await context.store?.saveRoundtable(viewOf(state));
    await context.audit(`node:${message.sender}`, 'sharing.roundtable.opened', { kind: 'roundtable', id: definition.roundtableId }, { convener: definition.convener, participants: definition.participants, cells: definition.cells.length });
    return { step: 'roundtable.acknowledged', payload: { received: true } };
  });

  context.handlers.set('roundtable.shares', async (message) => {
    const state = stateOf(message.sessionId);
    if (!state.definition.participants.includes(message.sender)) throw new ForbiddenError(`${message.sender} is not a participant of this roundtable`);
    if (state.sharesFrom.has(message.sender)) throw new ConflictError(`${message.sender} already sent its shares`);
    const { sealed } = context.parse(SharesPayloadSchema, message.payload, 'the shares');
    const shares = openShares(context.encryption, sealed, shareContext(message.sessionId, message.sender, self));
    if (shares.length !== state.definition.cells.length) throw new ValidationError('the shares do not cover every cell');
    state.sharesFrom.set(message.sender, shares);
    await context.audit(`node:${message.sender}`, 'sharing.roundtable.shares-received', { kind: 'roundtable', id: message.sessionId }, {});
    background(() => publishIfReady(state));
    return { step: 'roundtable.acknowledged', payload: { received: true } };
  });

  context.handlers.set('roundtable.partial-sum', async (message) => {
    const state = stateOf(message.sessionId);
    if (!state.definition.participants.includes(message.sender)) throw new ForbiddenError(`${message.sender} is not a participant of this roundtable`);
    if (state.partialSums.has(message.sender)) throw new ConflictError(`${message.sender} already published its sum`);
    const { partialSum } = context.parse(PartialSumPayloadSchema, message.payload, 'the partial sum');
    if (partialSum.length !== state.definition.cells.length) throw new ValidationError('the partial sum does not cover every cell');
    state.partialSums.set(message.sender, decodeShares(partialSum));
    await completeIfReady(state);
    return { step: 'roundtable.acknowledged', payload: { received: true } };
  });

  return {
    /** Convener: opens a roundtable with every participant. */
    async convene(input: Omit<RoundtableDefinitionInput, 'convener'> | unknown, actor: string): Promise<RoundtableView> {
      const withConvener = typeof input === 'object' && input !== null ? { ...input, convener: self } : input;
      const definition = context.parse(RoundtableDefinitionSchema, withConvener, 'the roundtable');
      if (roundtables.has(definition.roundtableId)) throw new ConflictError(`roundtable ${definition.roundtableId} already exists`);
      checkDefinition(definition);
      const state: RoundtableState = { definition, sharesFrom: new Map(), partialSums: new Map(), published: false };
      roundtables.set(definition.roundtableId, state);
      await context.store?.saveRoundtable(viewOf(state));
      for (const participant of definition.participants) {
        if (participant === self) continue;
        const reply = await context.exchange(participant, { sessionId: definition.roundtableId, step: 'roundtable.open', sequence: 0, payload: definition }, 'roundtable.acknowledged');
        context.parse(AcknowledgedSchema, reply.payload, 'the acknowledgement');
      }
      await context.audit(actor, 'sharing.roundtable.convened', { kind: 'roundtable', id: definition.roundtableId }, { participants: definition.participants, cells: definition.cells.length });
      return this.view(definition.roundtableId);
    },

    /** Participant: contributes one count per cell as encrypted shares. */
    async contribute(roundtableId: string, input: unknown, actor: string): Promise<RoundtableView> {
      const state = stateOf(roundtableId);
      const { definition } = state;
      if (!definition.participants.includes(self)) throw new ForbiddenError(`${self} does not contribute to roundtable ${roundtableId}`);
      if (state.ownShare !== undefined) throw new ConflictError('this institution has already contributed');
      const counts = context.parse(RoundtableCountsSchema, input, 'the counts');
      if (counts.length !== definition.cells.length) throw new ValidationError(`give one count per cell (${definition.cells.length})`);
      checkDefinition(definition);
      const shares = splitIntoShares(counts.map(BigInt), definition.participants.length);
      const ownIndex = definition.participants.indexOf(self);
      state.ownShare = shares[ownIndex]!;
      await context.audit(actor, 'sharing.roundtable.contributed', { kind: 'roundtable', id: roundtableId }, { cells: counts.length });
      for (const [index, participant] of definition.participants.entries()) {
        if (participant === self) continue;
        const sealed = sealShares(context.registrationOf(participant).encryptionKey, shares[index]!, shareContext(roundtableId, self, participant));
        const reply = await context.exchange(participant, { sessionId: roundtableId, step: 'roundtable.shares', sequence: 2, payload: { sealed } }, 'roundtable.acknowledged');
        context.parse(AcknowledgedSchema, reply.payload, 'the acknowledgement');
      }
      await publishIfReady(state);
      return this.view(roundtableId);
    },

    view(roundtableId: string): RoundtableView {
      return viewOf(stateOf(roundtableId));
    },

    /** Puts back a roundtable read from the store after a restart; an unfinished one cannot resume. */
    restore(view: RoundtableView): void {
      const totals = view.totals?.map((cell) => cell.total);
      roundtables.set(view.definition.roundtableId, { definition: view.definition, sharesFrom: new Map(), partialSums: new Map(), published: true, ...(totals === undefined ? {} : { totals }) });
    },

    list(): RoundtableView[] {
      return [...roundtables.values()].map(viewOf);
    },
  };

  function viewOf(state: RoundtableState): RoundtableView {
    const { definition } = state;
    const view: RoundtableView = {
      definition: structuredClone(definition),
      status: state.totals !== undefined ? 'completed' : state.ownShare !== undefined || state.partialSums.size > 0 ? 'collecting' : 'open',
      contributed: state.ownShare !== undefined,
      partialSumsFrom: [...state.partialSums.keys()],
    };
    if (state.totals !== undefined) {
      const totals = state.totals;
      view.totals = definition.cells.map((cell, index) => ({ ...cell, total: totals[index]! }));
      view.chart = { en: roundtableChartOption(definition, totals, 'en'), es: roundtableChartOption(definition, totals, 'es') };
    }
    return view;
  }
}
