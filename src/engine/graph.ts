/**
 * Graph patterns over the bounded time-window transaction graph. The graph is the subjects' event
 * rings themselves: an event with a counterparty is an edge, seen from both ends (out at the payer,
 * in at the payee), so eviction by time and the cap per node come from the rings. Every search runs
 * when an edge arrives, starts from that edge and has a visit budget, so its cost is bounded.
 */
import {
  AMOUNT, CHANNEL_MASK, COUNTERPARTY, CROSS_BORDER, FLAGS, NEW_COUNTERPARTY, NO_COUNTERPARTY, OUT, TIME, type SubjectState,
} from './subject-state.ts';
import { isCashChannel } from './features.ts';

export type GraphOptions = {
  /** Longest gap between consecutive hops of a cycle, seconds. */
  cycleHopSeconds: number;
  /** Window of the dense-block patterns (scatter-gather, gather-scatter, bipartite, stack), seconds. */
  blockSeconds: number;
  /** Most edge visits one detector may spend on one transaction. */
  visitBudget: number;
};

export const DEFAULT_GRAPH_OPTIONS: GraphOptions = { cycleHopSeconds: 3 * 86400, blockSeconds: 5 * 86400, visitBudget: 4096 };

export type CycleResult = { length: number; retention: number; crossBorderHops: number; transactionIds: string[] };
export type ScatterGatherResult = { intermediaries: number; transactionIds: string[] };
export type GatherScatterResult = { sources: number; destinations: number; transactionIds: string[] };
export type BlockResult = { senders: number; receivers: number; density: number; transactionIds: string[] };
export type StackResult = { layers: number; density: number; transactionIds: string[] };

type Edge = { counterparty: number; time: number; cents: number; flags: number; id: string };

function isGraphEdge(flags: number, counterparty: number): boolean {
  return counterparty !== NO_COUNTERPARTY && !isCashChannel(flags & CHANNEL_MASK);
}

/** Calls `visit` for each non-cash edge of the node in the direction, newest first, within [from, to]. */
function forEachEdge(state: SubjectState, outgoing: boolean, from: number, to: number, visit: (edge: Edge) => boolean | void): number {
  const data = state.data;
  let visited = 0;
  for (let k = 0; k < state.count; k++) {
    const offset = state.offsetOfRecent(k);
    const flags = data[offset + FLAGS]!;
    if (((flags & OUT) !== 0) !== outgoing) continue;
    const counterparty = data[offset + COUNTERPARTY]!;
    if (!isGraphEdge(flags, counterparty)) continue;
    const time = data[offset + TIME]!;
    if (time < from || time > to) continue;
    visited++;
    if (visit({ counterparty, time, cents: data[offset + AMOUNT]!, flags, id: state.ids[state.slotOfRecent(k)]! }) === false) break;
  }
  return visited;
}

/**
 * Finds a time-ordered, amount-consistent cycle closed by the payment payer → payee: a path
 * payee → … → payer whose hops are each at most `cycleHopSeconds` apart, earlier than the hop after
 * them and between 98 % and 125 % of the following hop's amount (money shrinks as it goes round).
 * @example detectCycle(nodes, a, b, time, cents, 'tx-9', options).length // 3 for a→b→c→a
 */
export function detectCycle(
  nodes: readonly SubjectState[],
  payer: number,
  payee: number,
  time: number,
  cents: number,
  transactionId: string,
  options: GraphOptions,
): CycleResult {
  const none: CycleResult = { length: 0, retention: 0, crossBorderHops: 0, transactionIds: [] };
  if (payer === payee) return none;
  let budget = options.visitBudget;
  const path: Edge[] = [];
  let found: Edge[] | null = null;
  const search = (node: number, laterTime: number, laterCents: number, depth: number): void => {
    const state = nodes[node];
    if (!state || found || budget <= 0) return;
    budget -= forEachEdge(state, false, laterTime - options.cycleHopSeconds, laterTime, (edge) => {
      if (found || budget <= 0) return false;
      if (edge.cents < laterCents * 0.98 || edge.cents > laterCents * 1.25) return;
      path.push(edge);
      if (edge.counterparty === payee) {
        found = [...path];
      } else if (depth < 5 && edge.counterparty !== node && !path.some((p, i) => i < path.length - 1 && p.counterparty === edge.counterparty)) {
        search(edge.counterparty, edge.time, edge.cents, depth + 1);
      }
      path.pop();
      return found ? false : undefined;
    });
  };
  search(payer, time, cents, 1);
  const cycle = found as Edge[] | null;
  if (!cycle) return none;
  const first = cycle[cycle.length - 1]!;
  const crossBorderHops = cycle.filter((edge) => (edge.flags & CROSS_BORDER) !== 0).length;
  return {
    length: cycle.length + 1,
    retention: cents / first.cents,
    crossBorderHops,
    transactionIds: [...cycle.map((edge) => edge.id).reverse(), transactionId],
  };
}

/**
 * Scatter-gather ending at `target`: the largest number of distinct intermediaries that received
 * from one source and then paid the target, all within `blockSeconds` of now.
 */
export function detectScatterGather(nodes: readonly SubjectState[], target: number, now: number, options: GraphOptions): ScatterGatherResult {
  const none: ScatterGatherResult = { intermediaries: 0, transactionIds: [] };
  const state = nodes[target];
  if (!state) return none;
  const intermediaries = new Map<number, Edge>();
  forEachEdge(state, false, now - options.blockSeconds, now, (edge) => {
    if (!intermediaries.has(edge.counterparty)) intermediaries.set(edge.counterparty, edge);
  });
  if (intermediaries.size < 3) return none;
  let budget = options.visitBudget;
  const bySource = new Map<number, Array<[Edge, Edge]>>();
  for (const [intermediary, gatherEdge] of intermediaries) {
    const middle = nodes[intermediary];
    if (!middle || budget <= 0) continue;
    const seenSources = new Set<number>();
    budget -= forEachEdge(middle, false, gatherEdge.time - options.blockSeconds, gatherEdge.time, (edge) => {
      if (edge.counterparty === target || seenSources.has(edge.counterparty)) return;
      seenSources.add(edge.counterparty);
      const list = bySource.get(edge.counterparty) ?? [];
      list.push([edge, gatherEdge]);
      bySource.set(edge.counterparty, list);
    });
  }
  let best: Array<[Edge, Edge]> = [];
  for (const list of bySource.values()) if (list.length > best.length) best = list;
  if (best.length < 2) return none;
  return { intermediaries: best.length, transactionIds: best.flatMap(([scatter, gather]) => [scatter.id, gather.id]) };
}

/**
 * Gather-scatter through `hub`: distinct first-time non-cash senders within `blockSeconds`, and the
 * distinct first-time recipients the hub paid after the first of those receipts.
 */
export function detectGatherScatter(nodes: readonly SubjectState[], hub: number, now: number, options: GraphOptions): GatherScatterResult {
  const state = nodes[hub];
  if (!state) return { sources: 0, destinations: 0, transactionIds: [] };
  const sources = new Map<number, Edge>();
  let firstIn = Number.POSITIVE_INFINITY;
  forEachEdge(state, false, now - options.blockSeconds, now, (edge) => {
    if ((edge.flags & NEW_COUNTERPARTY) === 0) return;
    sources.set(edge.counterparty, edge);
    firstIn = Math.min(firstIn, edge.time);
  });
  const destinations = new Map<number, Edge>();
  forEachEdge(state, true, firstIn, now, (edge) => {
    if ((edge.flags & NEW_COUNTERPARTY) !== 0 && !sources.has(edge.counterparty)) destinations.set(edge.counterparty, edge);
  });
  return {
    sources: sources.size,
    destinations: destinations.size,
    transactionIds: [...sources.values(), ...destinations.values()].map((edge) => edge.id),
  };
}

/**
 * A dense block of payers → payees around the payment payer → payee: the payee's recent payers and
 * the payer's recent payees, pruned to members that take part in at least two pairs; density is
 * the share of payer-payee pairs that exchanged a payment.
 */
export function detectBlock(nodes: readonly SubjectState[], payer: number, payee: number, now: number, options: GraphOptions): BlockResult & { senderNodes: number[]; receiverNodes: number[] } {
  const none = { senders: 0, receivers: 0, density: 0, transactionIds: [], senderNodes: [], receiverNodes: [] };
  const payeeState = nodes[payee];
  const payerState = nodes[payer];
  if (!payeeState || !payerState || payer === payee) return none;
  const from = now - options.blockSeconds;
  const senders = new Set<number>();
  const receivers = new Set<number>();
  forEachEdge(payeeState, false, from, now, (edge) => void senders.add(edge.counterparty));
  forEachEdge(payerState, true, from, now, (edge) => void receivers.add(edge.counterparty));
  if (senders.size < 3 || receivers.size < 3) return none;
  return denseBlock(nodes, senders, receivers, from, now, options);
}

function denseBlock(
  nodes: readonly SubjectState[],
  senders: Set<number>,
  receivers: Set<number>,
  from: number,
  now: number,
  options: GraphOptions,
): BlockResult & { senderNodes: number[]; receiverNodes: number[] } {
  let budget = options.visitBudget;
  const pairs = new Map<string, { sender: number; receiver: number; id: string }>();
  for (const sender of senders) {
    const state = nodes[sender];
    if (!state || budget <= 0) continue;
    budget -= forEachEdge(state, true, from, now, (edge) => {
      if (!receivers.has(edge.counterparty) || edge.counterparty === sender) return;
      const key = `${sender}>${edge.counterparty}`;
      if (!pairs.has(key)) pairs.set(key, { sender, receiver: edge.counterparty, id: edge.id });
    });
  }
  let activeSenders = new Set(senders);
  let activeReceivers = new Set(receivers);
  for (let round = 0; round < 3; round++) {
    const senderDegree = new Map<number, number>();
    const receiverDegree = new Map<number, number>();
    for (const pair of pairs.values()) {
      if (!activeSenders.has(pair.sender) || !activeReceivers.has(pair.receiver)) continue;
      senderDegree.set(pair.sender, (senderDegree.get(pair.sender) ?? 0) + 1);
      receiverDegree.set(pair.receiver, (receiverDegree.get(pair.receiver) ?? 0) + 1);
    }
    activeSenders = new Set([...activeSenders].filter((node) => (senderDegree.get(node) ?? 0) >= 2));
    activeReceivers = new Set([...activeReceivers].filter((node) => (receiverDegree.get(node) ?? 0) >= 2));
  }
  const kept = [...pairs.values()].filter((pair) => activeSenders.has(pair.sender) && activeReceivers.has(pair.receiver));
  const possible = activeSenders.size * activeReceivers.size;
  return {
    senders: activeSenders.size,
    receivers: activeReceivers.size,
    density: possible === 0 ? 0 : kept.length / possible,
    transactionIds: kept.map((pair) => pair.id),
    senderNodes: [...activeSenders],
    receiverNodes: [...activeReceivers],
  };
}

/**
 * Layered stack ending at the payment payer → payee: the dense block around the payment (layers
 * two and three) and, upstream, a dense block of accounts that paid the block's payers (layer one).
 */
export function detectStack(nodes: readonly SubjectState[], payer: number, payee: number, now: number, options: GraphOptions): StackResult {
  const block = detectBlock(nodes, payer, payee, now, options);
  if (block.senders < 3 || block.receivers < 3 || block.density < 0.5) return { layers: block.senders > 0 ? 1 : 0, density: 0, transactionIds: [] };
  const from = now - options.blockSeconds - 2 * 86400;
  const middle = new Set(block.senderNodes);
  const downstream = new Set(block.receiverNodes);
  const upstream = new Set<number>();
  for (const node of middle) {
    const state = nodes[node];
    if (!state) continue;
    forEachEdge(state, false, from, now, (edge) => {
      if (!middle.has(edge.counterparty) && !downstream.has(edge.counterparty)) upstream.add(edge.counterparty);
    });
  }
  if (upstream.size < 3) return { layers: 2, density: block.density, transactionIds: block.transactionIds };
  const first = denseBlock(nodes, upstream, middle, from, now, options);
  if (first.senders < 3 || first.receivers < 3 || first.density < 0.5) return { layers: 2, density: block.density, transactionIds: block.transactionIds };
  return { layers: 3, density: Math.min(first.density, block.density), transactionIds: [...first.transactionIds, ...block.transactionIds] };
}
