/**
 * Graph patterns over the bounded time-window transaction graph. The graph is the subjects' event
 * rings themselves: an event with a counterparty is an edge, seen from both ends (out at the payer,
 * in at the payee), so eviction by time and the cap per node come from the rings. Every search runs
 * when an edge arrives, starts from that edge, loops over typed arrays without allocating, and has
 * a visit budget, so its cost per transaction is bounded.
 */
import * as layout from './subject-state.ts';
import type { SubjectState } from './subject-state.ts';
import * as features from './features.ts';

// Local copies: imported bindings may be compiled to getters, which hot loops should not call.
const { AMOUNT, CHANNEL_MASK, COUNTERPARTY, CROSS_BORDER, FLAGS, NEW_COUNTERPARTY, NO_COUNTERPARTY, OUT, TIME } = layout;
const isTransferChannel = features.isTransferChannel;

export type GraphOptions = {
  /** Longest gap between consecutive hops of a cycle, seconds. */
  cycleHopSeconds: number;
  /** Window of the dense-block patterns (scatter-gather, gather-scatter, bipartite, stack), seconds. */
  blockSeconds: number;
  /** Most edge visits one detector may spend on one transaction. */
  visitBudget: number;
};

export const DEFAULT_GRAPH_OPTIONS: GraphOptions = { cycleHopSeconds: 3 * 86400, blockSeconds: 5 * 86400, visitBudget: 2048 };

export type CycleResult = { length: number; retention: number; crossBorderHops: number; transactionIds: string[] };
export type ScatterGatherResult = { intermediaries: number; transactionIds: string[] };
export type GatherScatterResult = { sources: number; destinations: number; transactionIds: string[] };
export type BlockResult = { senders: number; receivers: number; density: number; transactionIds: string[] };
export type StackResult = { layers: number; density: number; transactionIds: string[] };

const NO_CYCLE: CycleResult = { length: 0, retention: 0, crossBorderHops: 0, transactionIds: [] };
const NO_SCATTER_GATHER: ScatterGatherResult = { intermediaries: 0, transactionIds: [] };
const NO_BLOCK: BlockResult = { senders: 0, receivers: 0, density: 0, transactionIds: [] };

/** A map from node ids to small integers, cleared in O(1) by a generation stamp. */
class NodeIndex {
  keys = new Uint32Array(1024);
  values = new Int32Array(1024);
  stamps = new Uint32Array(1024);
  generation = 1;
  size = 0;
  clear(): void {
    this.generation++;
    this.size = 0;
  }
  get(key: number): number {
    for (let slot = Math.imul(key, 0x9e3779b1) >>> 22; ; slot = (slot + 1) & 1023) {
      if (this.stamps[slot] !== this.generation) return -1;
      if (this.keys[slot] === key) return this.values[slot]!;
    }
  }
  /** Adds the key with the next index if absent (up to 512 keys); returns its index or -1 when full. */
  add(key: number): number {
    for (let slot = Math.imul(key, 0x9e3779b1) >>> 22; ; slot = (slot + 1) & 1023) {
      if (this.stamps[slot] !== this.generation) {
        if (this.size >= 512) return -1;
        this.stamps[slot] = this.generation;
        this.keys[slot] = key;
        this.values[slot] = this.size;
        return this.size++;
      }
      if (this.keys[slot] === key) return this.values[slot]!;
    }
  }
}

function isGraphEdge(flags: number, counterparty: number): boolean {
  return counterparty !== NO_COUNTERPARTY && isTransferChannel(flags & CHANNEL_MASK);
}

/** Is the k-th most recent event of the state a transfer edge in the direction within [from, to]? Returns its offset or -1. */
function edgeAt(state: SubjectState, k: number, outgoing: boolean, from: number, to: number): number {
  const offset = state.offsetOfRecent(k);
  const data = state.data;
  const flags = data[offset + FLAGS]!;
  if (((flags & OUT) !== 0) !== outgoing) return -1;
  if (!isGraphEdge(flags, data[offset + COUNTERPARTY]!)) return -1;
  const time = data[offset + TIME]!;
  return time < from || time > to ? -1 : offset;
}

function idAt(state: SubjectState, offset: number): string {
  return state.idAtOffset(offset);
}

// Cycle search scratch: the path as (node, offset) pairs.
const pathNodes = new Int32Array(8);
const pathOffsets = new Int32Array(8);

// Cycle search state, module-level rather than a closure per call: the search runs for every
// transfer, and a closure (plus its name, under tsx's keepNames) per call was a measurable cost.
const NO_NODES: readonly SubjectState[] = [];
let cycleNodes: readonly SubjectState[] = NO_NODES;
let cyclePayee = -1;
let cycleHopSeconds = 0;
let cycleBudget = 0;
let cycleFoundDepth = 0;

/** Depth-first search backwards from `node` for a hop chain that reaches the payee (see detectCycle). */
function searchCycle(node: number, laterTime: number, laterCents: number, depth: number): boolean {
  const state = cycleNodes[node];
  if (!state) return false;
  const from = laterTime - cycleHopSeconds;
  for (let k = 0; k < state.count && cycleBudget > 0; k++) {
    const offset = edgeAt(state, k, false, from, laterTime);
    if (offset < 0) continue;
    cycleBudget--;
    const amount = state.data[offset + AMOUNT]!;
    if (amount < laterCents * 0.98 || amount > laterCents * 1.25) continue;
    const previous = state.data[offset + COUNTERPARTY]!;
    pathNodes[depth] = node;
    pathOffsets[depth] = offset;
    if (previous === cyclePayee) {
      cycleFoundDepth = depth;
      return true;
    }
    if (depth >= 5 || previous === node) continue;
    let repeated = false;
    for (let d = 1; d < depth; d++) if (pathNodes[d] === previous) repeated = true;
    if (repeated) continue;
    if (searchCycle(previous, state.data[offset + TIME]!, amount, depth + 1)) return true;
  }
  return false;
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
  if (payer === payee) return NO_CYCLE;
  cycleNodes = nodes;
  cyclePayee = payee;
  cycleHopSeconds = options.cycleHopSeconds;
  cycleBudget = options.visitBudget;
  cycleFoundDepth = 0;
  const found = searchCycle(payer, time, cents, 1);
  cycleNodes = NO_NODES;
  if (!found) return NO_CYCLE;
  const foundDepth = cycleFoundDepth;
  const ids: string[] = [];
  let crossBorderHops = 0;
  let firstCents = cents;
  for (let d = foundDepth; d >= 1; d--) {
    const state = nodes[pathNodes[d]!]!;
    const offset = pathOffsets[d]!;
    ids.push(idAt(state, offset));
    if (state.data[offset + FLAGS]! & CROSS_BORDER) crossBorderHops++;
    if (d === foundDepth) firstCents = state.data[offset + AMOUNT]!;
  }
  ids.push(transactionId);
  return { length: foundDepth + 1, retention: cents / firstCents, crossBorderHops, transactionIds: ids };
}

const targetSenders = new NodeIndex();
const sourceCounts = new NodeIndex();
const sourceHits = new Int32Array(512);

/**
 * Scatter-gather ending at `target`, searched when the intermediary `payer` pays it: for each
 * source that paid the intermediary within `blockSeconds`, how many of the target's recent payers
 * that source also paid (each such payer is an intermediary). Returns the best source's count.
 */
export function detectScatterGather(nodes: readonly SubjectState[], payer: number, target: number, now: number, options: GraphOptions): ScatterGatherResult {
  const targetState = nodes[target];
  const payerState = nodes[payer];
  if (!targetState || !payerState || payer === target) return NO_SCATTER_GATHER;
  const from = now - options.blockSeconds;
  targetSenders.clear();
  for (let k = 0; k < targetState.count; k++) {
    const offset = edgeAt(targetState, k, false, from, now);
    if (offset >= 0) targetSenders.add(targetState.data[offset + COUNTERPARTY]!);
  }
  if (targetSenders.size < 3) return NO_SCATTER_GATHER;
  let budget = options.visitBudget;
  let bestSource = -1;
  let bestCount = 0;
  sourceCounts.clear();
  for (let k = 0; k < payerState.count && budget > 0; k++) {
    const offset = edgeAt(payerState, k, false, from, now);
    if (offset < 0) continue;
    const source = payerState.data[offset + COUNTERPARTY]!;
    if (source === target || sourceCounts.get(source) >= 0) continue;
    sourceCounts.add(source);
    const sourceState = nodes[source];
    if (!sourceState) continue;
    // Distinct intermediaries of this source that paid the target.
    let count = 0;
    const seen = sourceHits;
    let seenCount = 0;
    for (let j = 0; j < sourceState.count && budget > 0; j++) {
      const out = edgeAt(sourceState, j, true, from, now);
      if (out < 0) continue;
      budget--;
      const intermediary = sourceState.data[out + COUNTERPARTY]!;
      if (intermediary === target || targetSenders.get(intermediary) < 0) continue;
      let duplicate = false;
      for (let s = 0; s < seenCount; s++) if (seen[s] === intermediary) duplicate = true;
      if (duplicate || seenCount >= seen.length) continue;
      seen[seenCount++] = intermediary;
      count++;
    }
    if (count > bestCount) {
      bestCount = count;
      bestSource = source;
    }
  }
  if (bestCount < 2) return NO_SCATTER_GATHER;
  // Evidence: source → intermediary and intermediary → target edges of the best source.
  const ids: string[] = [];
  const sourceState = nodes[bestSource]!;
  const intermediaries = new Set<number>();
  for (let j = 0; j < sourceState.count; j++) {
    const out = edgeAt(sourceState, j, true, from, now);
    if (out < 0) continue;
    const intermediary = sourceState.data[out + COUNTERPARTY]!;
    if (intermediary === target || targetSenders.get(intermediary) < 0) continue;
    intermediaries.add(intermediary);
    ids.push(idAt(sourceState, out));
  }
  for (let k = 0; k < targetState.count; k++) {
    const offset = edgeAt(targetState, k, false, from, now);
    if (offset >= 0 && intermediaries.has(targetState.data[offset + COUNTERPARTY]!)) ids.push(idAt(targetState, offset));
  }
  return { intermediaries: bestCount, transactionIds: ids };
}

/**
 * Gather-scatter through `hub`: distinct first-time transfer senders within `blockSeconds`, and the
 * distinct first-time recipients the hub paid after the first of those receipts.
 */
export function detectGatherScatter(nodes: readonly SubjectState[], hub: number, now: number, options: GraphOptions): GatherScatterResult {
  const state = nodes[hub];
  if (!state) return { sources: 0, destinations: 0, transactionIds: [] };
  const from = now - options.blockSeconds;
  targetSenders.clear();
  let firstIn = Number.POSITIVE_INFINITY;
  const ids: string[] = [];
  for (let k = state.count - 1; k >= 0; k--) {
    const offset = edgeAt(state, k, false, from, now);
    if (offset < 0 || (state.data[offset + FLAGS]! & NEW_COUNTERPARTY) === 0) continue;
    targetSenders.add(state.data[offset + COUNTERPARTY]!);
    firstIn = Math.min(firstIn, state.data[offset + TIME]!);
    ids.push(idAt(state, offset));
  }
  const sources = targetSenders.size;
  if (sources === 0) return { sources: 0, destinations: 0, transactionIds: [] };
  sourceCounts.clear();
  for (let k = state.count - 1; k >= 0; k--) {
    const offset = edgeAt(state, k, true, firstIn, now);
    if (offset < 0 || (state.data[offset + FLAGS]! & NEW_COUNTERPARTY) === 0) continue;
    const destination = state.data[offset + COUNTERPARTY]!;
    if (targetSenders.get(destination) >= 0) continue;
    sourceCounts.add(destination);
    ids.push(idAt(state, offset));
  }
  return { sources, destinations: sourceCounts.size, transactionIds: ids };
}

/** Least density of a block found by the two-hop search of detectBlock. */
const WIDENED_MIN_DENSITY = 0.8;

// Dense-block scratch.
const blockSenders = new NodeIndex();
const blockReceivers = new NodeIndex();
const senderList = new Uint32Array(512);
const receiverList = new Uint32Array(512);
const pairSender = new Int32Array(4096);
const pairReceiver = new Int32Array(4096);
const pairNode = new Uint32Array(4096);
const pairOffset = new Int32Array(4096);
const senderDegree = new Int32Array(512);
const receiverDegree = new Int32Array(512);
const senderActive = new Uint8Array(512);
const receiverActive = new Uint8Array(512);

export type Block = BlockResult & { senderNodes: number[]; receiverNodes: number[] };
const NO_DENSE_BLOCK: Block = Object.freeze({ ...NO_BLOCK, senderNodes: [], receiverNodes: [] });

/**
 * The densest block among `blockSenders` × `blockReceivers` (already filled): pairs with a payment
 * in [from, now], then members with fewer than two pairs are pruned (three rounds).
 */
function denseBlock(nodes: readonly SubjectState[], from: number, now: number, budgetStart: number): Block {
  let budget = budgetStart;
  let pairs = 0;
  const nSenders = blockSenders.size;
  const nReceivers = blockReceivers.size;
  for (let s = 0; s < nSenders && budget > 0; s++) {
    const state = nodes[senderList[s]!];
    if (!state) continue;
    for (let k = 0; k < state.count && budget > 0; k++) {
      const offset = edgeAt(state, k, true, from, now);
      if (offset < 0) continue;
      budget--;
      const r = blockReceivers.get(state.data[offset + COUNTERPARTY]!);
      if (r < 0 || receiverList[r] === senderList[s]) continue;
      let duplicate = false;
      for (let p = pairs - 1; p >= 0 && pairSender[p] === s; p--) if (pairReceiver[p] === r) duplicate = true;
      if (duplicate || pairs >= pairSender.length) continue;
      pairSender[pairs] = s;
      pairReceiver[pairs] = r;
      pairNode[pairs] = senderList[s]!;
      pairOffset[pairs] = offset;
      pairs++;
    }
  }
  senderActive.fill(1, 0, nSenders);
  receiverActive.fill(1, 0, nReceivers);
  for (let round = 0; round < 3; round++) {
    senderDegree.fill(0, 0, nSenders);
    receiverDegree.fill(0, 0, nReceivers);
    for (let p = 0; p < pairs; p++) {
      if (senderActive[pairSender[p]!] && receiverActive[pairReceiver[p]!]) {
        senderDegree[pairSender[p]!]!++;
        receiverDegree[pairReceiver[p]!]!++;
      }
    }
    for (let s = 0; s < nSenders; s++) if (senderDegree[s]! < 2) senderActive[s] = 0;
    for (let r = 0; r < nReceivers; r++) if (receiverDegree[r]! < 2) receiverActive[r] = 0;
  }
  const senderNodes: number[] = [];
  const receiverNodes: number[] = [];
  for (let s = 0; s < nSenders; s++) if (senderActive[s]) senderNodes.push(senderList[s]!);
  for (let r = 0; r < nReceivers; r++) if (receiverActive[r]) receiverNodes.push(receiverList[r]!);
  const ids: string[] = [];
  for (let p = 0; p < pairs; p++) {
    if (senderActive[pairSender[p]!] && receiverActive[pairReceiver[p]!]) ids.push(idAt(nodes[pairNode[p]!]!, pairOffset[p]!));
  }
  const possible = senderNodes.length * receiverNodes.length;
  return { senders: senderNodes.length, receivers: receiverNodes.length, density: possible === 0 ? 0 : ids.length / possible, transactionIds: ids, senderNodes, receiverNodes };
}

/**
 * A dense block of payers → payees around the payment payer → payee: the payee's recent payers and
 * the payer's recent payees, pruned to members that take part in at least two pairs; density is
 * the share of payer-payee pairs that exchanged a payment.
 */
export function detectBlock(nodes: readonly SubjectState[], payer: number, payee: number, now: number, options: GraphOptions): Block {
  const payeeState = nodes[payee];
  const payerState = nodes[payer];
  const none = NO_DENSE_BLOCK;
  if (!payeeState || !payerState || payer === payee) return none;
  const from = now - options.blockSeconds;
  blockSenders.clear();
  blockReceivers.clear();
  for (let k = 0; k < payeeState.count; k++) {
    const offset = edgeAt(payeeState, k, false, from, now);
    if (offset < 0) continue;
    const node = payeeState.data[offset + COUNTERPARTY]!;
    const index = blockSenders.add(node);
    if (index >= 0) senderList[index] = node;
  }
  for (let k = 0; k < payerState.count; k++) {
    const offset = edgeAt(payerState, k, true, from, now);
    if (offset < 0) continue;
    const node = payerState.data[offset + COUNTERPARTY]!;
    const index = blockReceivers.add(node);
    if (index >= 0) receiverList[index] = node;
  }
  // The block among the payee's payers and the payer's payees; reported only from 3 × 3 up.
  const core = blockSenders.size >= 2 && blockReceivers.size >= 2 ? denseBlock(nodes, from, now, options.visitBudget) : none;
  const direct = blockSenders.size >= 3 && blockReceivers.size >= 3 ? core : none;
  if (direct.senders >= 3 && direct.receivers >= 3) return direct;
  if (core.senders < 2 || core.receivers < 2) return direct;
  // Second hop, only around a dense 2 × 2 core: in a block whose pairs are not all present, the
  // payment that completes it may link a payer and a payee that do not see every member directly.
  // Add the other payers of the payer's payees and the other payees of the payee's payers, then look
  // for the block again.
  const firstSenders = blockSenders.size;
  const firstReceivers = blockReceivers.size;
  let budget = options.visitBudget;
  for (let r = 0; r < firstReceivers && budget > 0; r++) {
    const state = nodes[receiverList[r]!];
    if (!state) continue;
    for (let k = 0; k < state.count && budget > 0; k++, budget--) {
      const offset = edgeAt(state, k, false, from, now);
      if (offset < 0) continue;
      const node = state.data[offset + COUNTERPARTY]!;
      const index = blockSenders.add(node);
      if (index >= 0) senderList[index] = node;
    }
  }
  for (let s = 0; s < firstSenders && budget > 0; s++) {
    const state = nodes[senderList[s]!];
    if (!state) continue;
    for (let k = 0; k < state.count && budget > 0; k++, budget--) {
      const offset = edgeAt(state, k, true, from, now);
      if (offset < 0) continue;
      const node = state.data[offset + COUNTERPARTY]!;
      const index = blockReceivers.add(node);
      if (index >= 0) receiverList[index] = node;
    }
  }
  if (blockSenders.size < 3 || blockReceivers.size < 3 || (blockSenders.size === firstSenders && blockReceivers.size === firstReceivers)) return direct;
  const widened = denseBlock(nodes, from, now, options.visitBudget);
  // Only a block the current payment belongs to (a dense block elsewhere in the neighbourhood is not
  // this payment's), and only a nearly complete one: the wider search otherwise also finds the loose
  // overlaps of ordinary payment networks.
  if (widened.senders < 3 || widened.receivers < 3 || widened.density < WIDENED_MIN_DENSITY || !widened.senderNodes.includes(payer) || !widened.receiverNodes.includes(payee)) return direct;
  return widened;
}

/**
 * Layered stack ending at the payment payer → payee: the dense block around the payment (layers
 * two and three) and, upstream, a dense block of accounts that paid the block's payers (layer one).
 */
export function detectStack(nodes: readonly SubjectState[], block: Block, now: number, options: GraphOptions): StackResult {
  if (block.senders < 3 || block.receivers < 3 || block.density < 0.5) return { layers: block.senders > 0 ? 1 : 0, density: 0, transactionIds: [] };
  const from = now - options.blockSeconds - 2 * 86400;
  const excluded = new Set([...block.senderNodes, ...block.receiverNodes]);
  blockSenders.clear();
  blockReceivers.clear();
  for (const node of block.senderNodes) {
    const index = blockReceivers.add(node);
    if (index >= 0) receiverList[index] = node;
  }
  for (const node of block.senderNodes) {
    const state = nodes[node];
    if (!state) continue;
    for (let k = 0; k < state.count; k++) {
      const offset = edgeAt(state, k, false, from, now);
      if (offset < 0) continue;
      const upstream = state.data[offset + COUNTERPARTY]!;
      if (excluded.has(upstream)) continue;
      const index = blockSenders.add(upstream);
      if (index >= 0) senderList[index] = upstream;
    }
  }
  if (blockSenders.size < 3) return { layers: 2, density: block.density, transactionIds: block.transactionIds };
  const first = denseBlock(nodes, from, now, options.visitBudget);
  if (first.senders < 3 || first.receivers < 3 || first.density < 0.5) return { layers: 2, density: block.density, transactionIds: block.transactionIds };
  return { layers: 3, density: Math.min(first.density, block.density), transactionIds: [...first.transactionIds, ...block.transactionIds] };
}
