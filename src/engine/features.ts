/**
 * Feature computation over a subject's ring of recent events. One pass from the newest event
 * backwards accumulates every windowed feature into the smallest window that contains the event;
 * a prefix sum over windows then yields 24h ⊂ 72h ⊂ 7d ⊂ 30d. Distinct counts use small scratch
 * hash sets that are cleared by bumping a generation stamp, so nothing is allocated per transaction.
 */
import { CHANNELS } from '../domain/index.ts';
import { FEATURES, WINDOWS, featureByName } from '../typologies/index.ts';
import type { FeatureVector } from '../typologies/index.ts';
import * as layout from './subject-state.ts';
import type { SubjectState } from './subject-state.ts';

// Local copies: imported bindings may be compiled to getters, which hot loops should not call.
const { AMOUNT, BORDER_ZIP, CHANNEL_MASK, COUNTERPARTY, CROSS_BORDER, FLAGS, HAS_LOCATION, LOCATION_MEXICO, MEXICO_LEG, NEW_COUNTERPARTY, NO_COUNTERPARTY, OUT, PLACE, ROUND_AMOUNT, TIME, USD_CURRENCY } = layout;
const USD_CASH_MEXICO = LOCATION_MEXICO | USD_CURRENCY;

export const CHANNEL_INDEX: Readonly<Record<string, number>> = Object.fromEntries(CHANNELS.map((c, i) => [c, i]));
export const WIRE = CHANNEL_INDEX.wire!;
export const SPEI = CHANNEL_INDEX.spei!;
export const ACH = CHANNEL_INDEX.ach!;
export const CASH_DEPOSIT = CHANNEL_INDEX.cash_deposit!;
export const CASH_WITHDRAWAL = CHANNEL_INDEX.cash_withdrawal!;
export const REMITTANCE = CHANNEL_INDEX.remittance!;
export const CRYPTO = CHANNEL_INDEX.crypto!;
export const TRADE_PAYMENT = CHANNEL_INDEX.trade_payment!;

export const CARD = CHANNEL_INDEX.card!;

export function isCashChannel(channel: number): boolean {
  return channel === CASH_DEPOSIT || channel === CASH_WITHDRAWAL;
}

/**
 * Account-to-account transfers (wire, SPEI, ACH, remittance, check, crypto, trade payment): the
 * edges of the transaction graph and of the fan features. Cash has no account on one side and
 * card purchases are payments to merchants, so neither forms layering structures.
 */
export function isTransferChannel(channel: number): boolean {
  return channel !== CASH_DEPOSIT && channel !== CASH_WITHDRAWAL && channel !== CARD;
}

/** Thresholds of the "just below" bands, in US cents. */
export type ThresholdBands = { ctrLow: number; ctrHigh: number; mxLow: number; mxHigh: number };
export const DEFAULT_BANDS: ThresholdBands = { ctrLow: 800_000, ctrHigh: 1_000_000, mxLow: 550_000, mxHigh: 750_000 };

/** A reusable set of 32-bit keys, cleared in O(1) by a generation stamp. */
export class DistinctSet {
  keys = new Uint32Array(256);
  stamps = new Uint32Array(256);
  generation = 1;
  clear(): void {
    this.generation++;
    if (this.generation === 0xffffffff) {
      this.stamps.fill(0);
      this.generation = 1;
    }
  }
  /** Adds the key; true when it was not there yet. */
  add(key: number): boolean {
    const mask = this.keys.length - 1;
    for (let slot = Math.imul(key, 0x9e3779b1) >>> 24; ; slot = (slot + 1) & mask) {
      if (this.stamps[slot] !== this.generation) {
        this.stamps[slot] = this.generation;
        this.keys[slot] = key;
        return true;
      }
      if (this.keys[slot] === key) return false;
    }
  }
}

// Accumulator fields per window bucket.
const F = {
  inSum: 0, inCount: 1, outSum: 2, outCount: 3, inSquares: 4, outSquares: 5, cashInSum: 6, crossInSum: 7, crossOutSum: 8,
  mexicoOutSum: 9, cashEvents: 10, belowCtr: 11, belowMx: 12, cashSum: 13, round: 14, borderSum: 15, borderCount: 16,
  newIn: 17, newOut: 18, distinctIn: 19, distinctOut: 20, depositors: 21, branches: 22, postals: 23, states: 24, largestIn: 25,
  usdCashMexicoSum: 26, usdCashMexicoCount: 27,
} as const;
const FIELDS = 28;
const CHANNEL_SLOTS = CHANNELS.length * 2;

const accumulator = new Float64Array(WINDOWS.length * FIELDS);
const channelSums = new Float64Array(WINDOWS.length * CHANNEL_SLOTS);
const channelCounts = new Float64Array(WINDOWS.length * CHANNEL_SLOTS);
const senders = new DistinctSet();
const recipients = new DistinctSet();
const depositors = new DistinctSet();
const branches = new DistinctSet();
const postals = new DistinctSet();
const states = new DistinctSet();

function indexOf(name: string): number {
  const feature = featureByName(name);
  if (!feature) throw new Error(`feature catalog has no '${name}'`);
  return feature.index;
}

const windowIndices = WINDOWS.map(({ suffix }) => {
  const at = (name: string): number => indexOf(`${name}_${suffix}`);
  return {
    inSum: at('in_sum'), inCount: at('in_count'), outSum: at('out_sum'), outCount: at('out_count'),
    senders: at('senders'), recipients: at('recipients'), newSenders: at('new_senders'), newRecipients: at('new_recipients'),
    knownSenders: at('known_senders'), knownRecipients: at('known_recipients'), outInRatio: at('out_in_ratio'),
    cashShareIn: at('cash_share_in'), crossBorderShareIn: at('cross_border_share_in'), crossBorderShareOut: at('cross_border_share_out'),
    mexicoOutSum: at('mexico_out_sum'), mexicoOutShare: at('mexico_out_share'), cashEvents: at('cash_events'),
    cashDepositors: at('cash_depositors'), cashBranches: at('cash_branches'), cashPostalCodes: at('cash_postal_codes'),
    cashStates: at('cash_states'), belowCtrCount: at('below_ctr_count'), belowCtrShare: at('below_ctr_share'),
    belowMxCount: at('below_mx_count'), belowMxShare: at('below_mx_share'), cashSum: at('cash_sum'), roundCount: at('round_count'),
    roundShare: at('round_share'), borderCashSum: at('border_cash_sum'), borderCashCount: at('border_cash_count'),
    inAmountCv: at('in_amount_cv'), outAmountCv: at('out_amount_cv'), largestIn: at('largest_in'),
    usdCashMexicoSum: at('mx_usd_cash_in_sum'), usdCashMexicoCount: at('mx_usd_cash_in_count'),
    channelSum: CHANNELS.flatMap((c) => [at(`${c}_in_sum`), at(`${c}_out_sum`)]),
    channelCount: CHANNELS.flatMap((c) => [at(`${c}_in_count`), at(`${c}_out_count`)]),
  };
});

const WINDOW_SECONDS = WINDOWS.map((w) => w.seconds);
const HORIZON = WINDOW_SECONDS[WINDOW_SECONDS.length - 1]!;

function coefficientOfVariation(sum: number, squares: number, count: number): number {
  if (count < 2 || sum === 0) return 0;
  const mean = sum / count;
  const variance = Math.max(0, squares / count - mean * mean);
  return Math.sqrt(variance) / mean;
}

/**
 * How each windowed feature is derived from the per-window accumulators. FIELD copies a field,
 * RATIO is a / b (0 when b is 0), KNOWN is max(0, a − b), CV is the coefficient of variation of
 * (sum a, squares b, count c), ROUND_SHARE is round events over all events, CHANNEL_SUM and
 * CHANNEL_COUNT read a channel-and-direction slot.
 */
const FIELD = 0, RATIO = 1, KNOWN = 2, CV = 3, ROUND_SHARE = 4, CHANNEL_SUM = 5, CHANNEL_COUNT = 6;
type WindowKey = Exclude<keyof (typeof windowIndices)[number], 'channelSum' | 'channelCount'>;
const DERIVATIONS: Record<WindowKey, [kind: number, a: number, b?: number, c?: number]> = {
  inSum: [FIELD, F.inSum], inCount: [FIELD, F.inCount], outSum: [FIELD, F.outSum], outCount: [FIELD, F.outCount],
  senders: [FIELD, F.distinctIn], recipients: [FIELD, F.distinctOut], newSenders: [FIELD, F.newIn], newRecipients: [FIELD, F.newOut],
  knownSenders: [KNOWN, F.distinctIn, F.newIn], knownRecipients: [KNOWN, F.distinctOut, F.newOut],
  outInRatio: [RATIO, F.outSum, F.inSum], cashShareIn: [RATIO, F.cashInSum, F.inSum],
  crossBorderShareIn: [RATIO, F.crossInSum, F.inSum], crossBorderShareOut: [RATIO, F.crossOutSum, F.outSum],
  mexicoOutSum: [FIELD, F.mexicoOutSum], mexicoOutShare: [RATIO, F.mexicoOutSum, F.outSum], cashEvents: [FIELD, F.cashEvents],
  cashDepositors: [FIELD, F.depositors], cashBranches: [FIELD, F.branches], cashPostalCodes: [FIELD, F.postals], cashStates: [FIELD, F.states],
  belowCtrCount: [FIELD, F.belowCtr], belowCtrShare: [RATIO, F.belowCtr, F.cashEvents],
  belowMxCount: [FIELD, F.belowMx], belowMxShare: [RATIO, F.belowMx, F.cashEvents], cashSum: [FIELD, F.cashSum],
  roundCount: [FIELD, F.round], roundShare: [ROUND_SHARE, F.round], borderCashSum: [FIELD, F.borderSum], borderCashCount: [FIELD, F.borderCount],
  inAmountCv: [CV, F.inSum, F.inSquares, F.inCount], outAmountCv: [CV, F.outSum, F.outSquares, F.outCount], largestIn: [FIELD, F.largestIn],
  usdCashMexicoSum: [FIELD, F.usdCashMexicoSum], usdCashMexicoCount: [FIELD, F.usdCashMexicoCount],
};
const OP_WORDS = 6;

/**
 * The windowed features an engine writes, compiled once from the features its typologies read:
 * of some 280 windowed features a typology set typically reads a few dozen, and writing only those
 * keeps the per-transaction cost independent of the catalogue's size.
 */
export type WindowOutputs = { readonly ops: Int32Array; readonly count: number };

/** The outputs for the given feature indices (indices of other groups are ignored). */
export function windowOutputsFor(featureIndices: Iterable<number>): WindowOutputs {
  const wanted = new Set(featureIndices);
  const ops: number[] = [];
  windowIndices.forEach((ix, w) => {
    for (const key of Object.keys(DERIVATIONS) as WindowKey[]) {
      if (!wanted.has(ix[key])) continue;
      const [kind, a, b = 0, c = 0] = DERIVATIONS[key];
      ops.push(kind, w, ix[key], a, b, c);
    }
    for (let slot = 0; slot < CHANNEL_SLOTS; slot++) {
      if (wanted.has(ix.channelSum[slot]!)) ops.push(CHANNEL_SUM, w, ix.channelSum[slot]!, slot, 0, 0);
      if (wanted.has(ix.channelCount[slot]!)) ops.push(CHANNEL_COUNT, w, ix.channelCount[slot]!, slot, 0, 0);
    }
  });
  return { ops: Int32Array.from(ops), count: ops.length / OP_WORDS };
}

/** Every windowed feature of the catalogue. */
export const ALL_WINDOW_OUTPUTS: WindowOutputs = windowOutputsFor(FEATURES.map((feature) => feature.index));

/**
 * Writes the subject's windowed features as of time `now` (seconds) into the vector: all of them,
 * or only `outputs` (see windowOutputsFor).
 */
export function computeWindowFeatures(state: SubjectState, now: number, bands: ThresholdBands, vector: FeatureVector, outputs: WindowOutputs = ALL_WINDOW_OUTPUTS): void {
  accumulator.fill(0);
  channelSums.fill(0);
  channelCounts.fill(0);
  senders.clear();
  recipients.clear();
  depositors.clear();
  branches.clear();
  postals.clear();
  states.clear();
  const data = state.data;
  for (let k = 0; k < state.count; k++) {
    const offset = state.offsetOfRecent(k);
    const age = now - data[offset + TIME]!;
    if (age >= HORIZON) continue;
    let w = 0;
    while (age >= WINDOW_SECONDS[w]!) w++;
    const base = w * FIELDS;
    const cents = data[offset + AMOUNT]!;
    const dollars = cents / 100;
    const flags = data[offset + FLAGS]!;
    const channel = flags & CHANNEL_MASK;
    const out = (flags & OUT) !== 0;
    const counterparty = data[offset + COUNTERPARTY]!;
    const slot = w * CHANNEL_SLOTS + channel * 2 + (out ? 1 : 0);
    channelSums[slot]! += dollars;
    channelCounts[slot]! += 1;
    if (out) {
      accumulator[base + F.outSum]! += dollars;
      accumulator[base + F.outCount]! += 1;
      accumulator[base + F.outSquares]! += dollars * dollars;
      if (flags & CROSS_BORDER) accumulator[base + F.crossOutSum]! += dollars;
      if (flags & MEXICO_LEG) accumulator[base + F.mexicoOutSum]! += dollars;
      if (flags & NEW_COUNTERPARTY) accumulator[base + F.newOut]! += 1;
      if (counterparty !== NO_COUNTERPARTY && recipients.add(counterparty)) accumulator[base + F.distinctOut]! += 1;
    } else {
      accumulator[base + F.inSum]! += dollars;
      accumulator[base + F.inCount]! += 1;
      accumulator[base + F.inSquares]! += dollars * dollars;
      if (dollars > accumulator[base + F.largestIn]!) accumulator[base + F.largestIn] = dollars;
      if (flags & CROSS_BORDER) accumulator[base + F.crossInSum]! += dollars;
      if (flags & NEW_COUNTERPARTY) accumulator[base + F.newIn]! += 1;
      if (counterparty !== NO_COUNTERPARTY && senders.add(counterparty)) accumulator[base + F.distinctIn]! += 1;
      if (channel === CASH_DEPOSIT) {
        accumulator[base + F.cashInSum]! += dollars;
        if (counterparty !== NO_COUNTERPARTY && depositors.add(counterparty)) accumulator[base + F.depositors]! += 1;
        if ((flags & USD_CASH_MEXICO) === USD_CASH_MEXICO) {
          accumulator[base + F.usdCashMexicoSum]! += dollars;
          accumulator[base + F.usdCashMexicoCount]! += 1;
        }
      }
    }
    if (flags & ROUND_AMOUNT) accumulator[base + F.round]! += 1;
    if (channel === CASH_DEPOSIT || channel === CASH_WITHDRAWAL) {
      accumulator[base + F.cashEvents]! += 1;
      accumulator[base + F.cashSum]! += dollars;
      if (cents >= bands.ctrLow && cents < bands.ctrHigh) accumulator[base + F.belowCtr]! += 1;
      if (flags & LOCATION_MEXICO && cents >= bands.mxLow && cents < bands.mxHigh) accumulator[base + F.belowMx]! += 1;
      if (flags & BORDER_ZIP) {
        accumulator[base + F.borderSum]! += dollars;
        accumulator[base + F.borderCount]! += 1;
      }
      if (flags & HAS_LOCATION) {
        const place = data[offset + PLACE]!;
        if (branches.add(place >>> 16)) accumulator[base + F.branches]! += 1;
        if (postals.add(place & 0xffff)) accumulator[base + F.postals]! += 1;
        const stateCode = flags >>> 16;
        if (stateCode !== 0 && states.add(stateCode)) accumulator[base + F.states]! += 1;
      }
    }
  }
  // Prefix sums over windows: 24h ⊂ 72h ⊂ 7d ⊂ 30d (the largest inbound payment is a running maximum).
  for (let w = 1; w < WINDOWS.length; w++) {
    const base = w * FIELDS;
    const previous = base - FIELDS;
    for (let f = 0; f < FIELDS; f++) {
      if (f === F.largestIn) accumulator[base + f] = Math.max(accumulator[base + f]!, accumulator[previous + f]!);
      else accumulator[base + f]! += accumulator[previous + f]!;
    }
  }
  const numbers = vector.numbers;
  const ops = outputs.ops;
  for (let o = 0; o < outputs.count; o++) {
    const at = o * OP_WORDS;
    const w = ops[at + 1]!;
    const index = ops[at + 2]!;
    const base = w * FIELDS;
    const a = ops[at + 3]!;
    switch (ops[at]) {
      case FIELD:
        numbers[index] = accumulator[base + a]!;
        break;
      case RATIO: {
        const denominator = accumulator[base + ops[at + 4]!]!;
        numbers[index] = denominator === 0 ? 0 : accumulator[base + a]! / denominator;
        break;
      }
      case KNOWN:
        numbers[index] = Math.max(0, accumulator[base + a]! - accumulator[base + ops[at + 4]!]!);
        break;
      case CV:
        numbers[index] = coefficientOfVariation(accumulator[base + a]!, accumulator[base + ops[at + 4]!]!, accumulator[base + ops[at + 5]!]!);
        break;
      case ROUND_SHARE: {
        const events = accumulator[base + F.inCount]! + accumulator[base + F.outCount]!;
        numbers[index] = events === 0 ? 0 : accumulator[base + a]! / events;
        break;
      }
      case CHANNEL_SUM: {
        // Summed from the smallest window up, the same order as a prefix sum.
        let sum = channelSums[a]!;
        for (let v = 1; v <= w; v++) sum += channelSums[v * CHANNEL_SLOTS + a]!;
        numbers[index] = sum;
        break;
      }
      case CHANNEL_COUNT: {
        let count = channelCounts[a]!;
        for (let v = 1; v <= w; v++) count += channelCounts[v * CHANNEL_SLOTS + a]!;
        numbers[index] = count;
        break;
      }
    }
  }
}

const FLOW = {
  passThrough48h: indexOf('pass_through_share_48h'),
  passThrough7d: indexOf('pass_through_share_7d'),
  delay: indexOf('pass_through_delay_hours'),
  largestWireOrCrypto: indexOf('largest_in_channel_wire_or_crypto_48h'),
  largest48h: indexOf('largest_in_48h'),
  cryptoCashOut: indexOf('crypto_cash_out_share_7d'),
  cashToMexico: indexOf('cash_to_mexico_share_30d'),
  cashToWireMexico: indexOf('cash_to_wire_mexico_share_30d'),
  cashToTrade: indexOf('cash_to_trade_share_30d'),
  fanInSimilar: indexOf('fan_in_similar_share_72h'),
  fanOutSimilar: indexOf('fan_out_similar_share_72h'),
  fanInNew: indexOf('fan_in_new_senders_72h'),
  fanInSimilar7d: indexOf('fan_in_similar_share_7d'),
  fanInNew7d: indexOf('fan_in_new_senders_7d'),
  episodes: indexOf('pass_through_episodes_30d'),
  fanOutNew: indexOf('fan_out_new_recipients_72h'),
};

const inAmounts = new Float64Array(64);
const inAmounts7d = new Float64Array(64);
const episodeTimes = new Float64Array(64);
const episodeAmounts = new Float64Array(64);
const outAmounts = new Float64Array(64);

/** Share of amounts within ±20 % of their median. */
function similarShare(amounts: Float64Array, n: number): number {
  if (n === 0) return 0;
  const sorted = amounts.subarray(0, n).sort();
  const median = n % 2 === 1 ? sorted[(n - 1) >> 1]! : (sorted[n / 2 - 1]! + sorted[n / 2]!) / 2;
  let similar = 0;
  for (let i = 0; i < n; i++) if (Math.abs(sorted[i]! - median) <= 0.2 * median) similar++;
  return similar / n;
}

/** Writes the flow features (how received money moves on) into the vector. */
export function computeFlowFeatures(state: SubjectState, now: number, currentIsOut: boolean, vector: FeatureVector): void {
  const data = state.data;
  let in48 = 0, out48 = 0, first48 = -1, largest48 = 0, largestTime = -1, largestWireOrCrypto = false;
  let in7 = 0, out7 = 0, first7 = -1;
  let crypto7 = 0, cryptoOut7 = 0, firstCrypto7 = -1;
  let cash30 = 0, cashToMexico = 0, cashToWireMexico = 0, cashToTrade = 0, firstCash30 = -1;
  let openEpisodes = 0, episodes = 0;
  // Oldest first, so "after the first receipt" is known when an outflow is reached.
  for (let k = state.count - 1; k >= 0; k--) {
    const offset = state.offsetOfRecent(k);
    const time = data[offset + TIME]!;
    const age = now - time;
    if (age >= 30 * 86400) continue;
    const dollars = data[offset + AMOUNT]! / 100;
    const flags = data[offset + FLAGS]!;
    const channel = flags & CHANNEL_MASK;
    const out = (flags & OUT) !== 0;
    if (!out) {
      if (channel === CASH_DEPOSIT) {
        cash30 += dollars;
        if (firstCash30 < 0) firstCash30 = time;
      }
      if (age < 7 * 86400) {
        in7 += dollars;
        if (first7 < 0) first7 = time;
        if (channel === CRYPTO) {
          crypto7 += dollars;
          if (firstCrypto7 < 0) firstCrypto7 = time;
        }
      }
      if (age < 48 * 3600) {
        in48 += dollars;
        if (first48 < 0) first48 = time;
        if (dollars > largest48) {
          largest48 = dollars;
          largestTime = time;
          largestWireOrCrypto = channel === WIRE || channel === CRYPTO;
        }
      }
      if (dollars >= 10_000 && openEpisodes < 64) {
        // A large receipt opens an episode; later payments within 48 hours count against it.
        episodeTimes[openEpisodes] = time;
        episodeAmounts[openEpisodes++] = dollars * 0.9;
      }
    } else {
      const mexico = (flags & MEXICO_LEG) !== 0;
      if (firstCash30 >= 0) {
        if (mexico) cashToMexico += dollars;
        if (mexico && (channel === WIRE || channel === SPEI || channel === REMITTANCE || channel === ACH)) cashToWireMexico += dollars;
        if (channel === TRADE_PAYMENT) cashToTrade += dollars;
      }
      if (age < 7 * 86400) {
        if (first7 >= 0) out7 += dollars;
        if (firstCrypto7 >= 0 && (channel === CASH_WITHDRAWAL || channel === SPEI || mexico)) cryptoOut7 += dollars;
      }
      if (age < 48 * 3600 && first48 >= 0) out48 += dollars;
      for (let e = 0; e < openEpisodes; e++) {
        if (episodeAmounts[e]! > 0 && time - episodeTimes[e]! <= 48 * 3600) {
          episodeAmounts[e]! -= dollars;
          if (episodeAmounts[e]! <= 0) episodes++;
        }
      }
    }
  }
  const numbers = vector.numbers;
  numbers[FLOW.passThrough48h] = in48 === 0 ? 0 : out48 / in48;
  numbers[FLOW.passThrough7d] = in7 === 0 ? 0 : out7 / in7;
  numbers[FLOW.delay] = currentIsOut && largestTime >= 0 ? (now - largestTime) / 3600 : -1;
  numbers[FLOW.largestWireOrCrypto] = largestWireOrCrypto ? 1 : 0;
  numbers[FLOW.largest48h] = largest48;
  numbers[FLOW.cryptoCashOut] = crypto7 === 0 ? 0 : cryptoOut7 / crypto7;
  numbers[FLOW.cashToMexico] = cash30 === 0 ? 0 : cashToMexico / cash30;
  numbers[FLOW.cashToWireMexico] = cash30 === 0 ? 0 : cashToWireMexico / cash30;
  numbers[FLOW.cashToTrade] = cash30 === 0 ? 0 : cashToTrade / cash30;
  numbers[FLOW.episodes] = episodes;
}

/** Writes the fan features (how many new counterparties, how similar the amounts) into the vector. */
export function computeFanFeatures(state: SubjectState, now: number, vector: FeatureVector): void {
  const data = state.data;
  let inCount = 0, outCount = 0, newIn = 0, newOut = 0, inCount7d = 0, newIn7d = 0;
  for (let k = 0; k < state.count; k++) {
    const offset = state.offsetOfRecent(k);
    const age = now - data[offset + TIME]!;
    if (age >= 7 * 86400) continue;
    const flags = data[offset + FLAGS]!;
    if (!isTransferChannel(flags & CHANNEL_MASK)) continue;
    const dollars = data[offset + AMOUNT]! / 100;
    const isNew = (flags & NEW_COUNTERPARTY) !== 0;
    if ((flags & OUT) === 0) {
      if (inCount7d < 64) {
        inAmounts7d[inCount7d++] = dollars;
        if (isNew) newIn7d++;
      }
      if (age < 72 * 3600 && inCount < 64) {
        inAmounts[inCount++] = dollars;
        if (isNew) newIn++;
      }
    } else if (age < 72 * 3600 && outCount < 64) {
      outAmounts[outCount++] = dollars;
      if (isNew) newOut++;
    }
  }
  const numbers = vector.numbers;
  numbers[FLOW.fanInSimilar] = similarShare(inAmounts, inCount);
  numbers[FLOW.fanOutSimilar] = similarShare(outAmounts, outCount);
  numbers[FLOW.fanInNew] = newIn;
  numbers[FLOW.fanInSimilar7d] = similarShare(inAmounts7d, inCount7d);
  numbers[FLOW.fanInNew7d] = newIn7d;
  numbers[FLOW.fanOutNew] = newOut;
}

/** Which of the subject's recent events are evidence for a feature, as a predicate over FLAGS. */
export function evidenceMatches(featureIndex: number, flags: number): boolean {
  const feature = FEATURES[featureIndex]!;
  const channel = flags & CHANNEL_MASK;
  const out = (flags & OUT) !== 0;
  switch (feature.evidence) {
    case 'all':
    case 'flow':
      return true;
    case 'in':
      return !out;
    case 'out':
      return out;
    case 'cash':
      return isCashChannel(channel);
    case 'channel':
      return channel === feature.channel && out === (feature.direction === 'out');
    case 'usd_cash_mexico':
      return channel === CASH_DEPOSIT && !out && (flags & USD_CASH_MEXICO) === USD_CASH_MEXICO;
    default:
      return false;
  }
}
