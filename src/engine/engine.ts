/**
 * The streaming monitoring engine. Pure: state lives in memory, time comes only from the data,
 * and the same input always gives the same alerts (alert ids are derived from their content).
 *
 * For each transaction: exactly-once filter → convert to USD → update the state of both ends →
 * for each end, evaluate the typologies in scope over that end's features → alerts, alert
 * updates (cooldown) and evaluation errors (fail closed: never scored as "no risk").
 */
import { DEFAULT_RATES, UnknownCurrencyError, currencyExponent, toUsdMinor, validateClabe } from '../domain/index.ts';
import type { Alert, FieldIssue, RateTable, Transaction, TransactionEnd } from '../domain/index.ts';
import { EvaluationFault, FEATURES, featureByName, foldText, positionOf } from '../typologies/index.ts';
import type { CompiledTypology, FeatureGroup, FeatureVector } from '../typologies/index.ts';
import { BinaryReader, BinaryWriter, CorruptCheckpointError } from './binary.ts';
import * as features from './features.ts';
import type { ThresholdBands } from './features.ts';
import { SOUTHWEST_BORDER_POSTAL_CODES, isBorderPostalCode, stateOfPostalCode } from './geography.ts';
import {
  DEFAULT_GRAPH_OPTIONS, detectCycle, detectBlock, detectGatherScatter, detectScatterGather, detectStack, type GraphOptions,
} from './graph.ts';
import { hash32, hashHex } from './hash.ts';
import { IdempotencyFilter } from './idempotency.ts';
import * as layout from './subject-state.ts';
import { RingPool, SubjectState } from './subject-state.ts';

// Local copies: imported bindings may be compiled to getters, which the hot path should not call.
const { BLOOM_WORDS, BORDER_ZIP, CROSS_BORDER, FLAGS, HAS_LOCATION, LOCATION_MEXICO, MEXICO_LEG, NEW_COUNTERPARTY, NO_COUNTERPARTY, OUT, ROUND_AMOUNT, TIME, USD_CURRENCY, WORDS_PER_EVENT } = layout;
const { CASH_DEPOSIT, CHANNEL_INDEX, DEFAULT_BANDS, computeFanFeatures, computeFlowFeatures, computeWindowFeatures, evidenceMatches, isCashChannel, isTransferChannel, windowOutputsFor } = features;

export type EngineOptions = {
  typologies: readonly CompiledTypology[];
  /** Units of each currency per USD; DEFAULT_RATES when absent. */
  rates?: RateTable;
  /** Postal codes (5 digits) or ZIP prefixes (3 digits) counted as southwest-border cash locations. */
  borderPostalCodes?: readonly string[];
  bands?: ThresholdBands;
  /** Most events kept per subject (the ring grows up to this). */
  maxEventsPerSubject?: number;
  /** How long (data time) a transaction id is remembered for exactly-once, in days. */
  idempotencyHorizonDays?: number;
  graph?: Partial<GraphOptions>;
  /** Most transaction ids listed on one alert (the most recent are kept). */
  maxTransactionIdsPerAlert?: number;
};

/** A typology that could not be evaluated for a subject; surfaced, never treated as "no risk". */
export type EvaluationErrorRecord = {
  kind: 'evaluation_error';
  typologyId: string;
  typologyVersion: string;
  subjectKey: string;
  transactionId: string;
  time: string;
  ruleId: string;
  expression: string;
  line: number;
  column: number;
  reason: string;
};

/** More transactions for an alert still in its cooldown window. */
export type AlertUpdate = { alertId: string; typologyId: string; subjectKey: string; time: string; transactionIds: string[] };

export type ProcessResult = {
  status: 'evaluated' | 'duplicate' | 'rejected';
  transactionId: string;
  alerts: Alert[];
  updates: AlertUpdate[];
  errors: EvaluationErrorRecord[];
  issues: FieldIssue[];
};

export type EngineStats = {
  received: number;
  evaluated: number;
  duplicates: number;
  rejected: number;
  alerts: number;
  alertUpdates: number;
  evaluationErrors: number;
  subjects: number;
  /** Estimated bytes of all per-subject state (rings, counterparty filters, keys, registry). */
  subjectStateBytes: number;
  bytesPerSubject: number;
  idempotencyBytes: number;
  alertsByTypology: Record<string, number>;
  position: number;
};

export type Engine = {
  /** Evaluates one transaction; `position` is its place in the durable log (defaults to a counter). */
  process(transaction: Transaction, position?: number): ProcessResult;
  processBatch(transactions: readonly Transaction[], firstPosition?: number): ProcessResult[];
  /** Serialises the whole state and the log position of the last transaction processed. */
  checkpoint(): Uint8Array;
  /** Replaces the state with a checkpoint's; returns its log position. */
  restore(checkpoint: Uint8Array): number;
  stats(): EngineStats;
  readonly position: number;
  readonly typologies: readonly CompiledTypology[];
};

/** Edge-centric graph results, computed at most once per transaction and shared by both ends. */
type EdgeCache = {
  cycle?: ReturnType<typeof detectCycle> | undefined;
  block?: ReturnType<typeof detectBlock> | undefined;
  stack?: ReturnType<typeof detectStack> | undefined;
  scatterGather?: ReturnType<typeof detectScatterGather> | undefined;
};

type OpenAlert = { alertId: string; until: number; transactionIds: Set<string> };

const CHECKPOINT_MAGIC = 0x46524531; // "FRE1"
const HORIZON_SECONDS = 30 * 86400;
/** Largest ring a checkpoint may hold (a damaged size must not allocate gigabytes). */
const MAX_RESTORED_CAPACITY = 1 << 16;

const CURRENT = {
  amount: featureByName('amount_usd')!.index,
  channel: featureByName('channel')!.index,
  direction: featureByName('direction')!.index,
  isCash: featureByName('is_cash')!.index,
  isCrossBorder: featureByName('is_cross_border')!.index,
  isMexicoLeg: featureByName('is_mexico_leg')!.index,
  isNew: featureByName('is_new_counterparty')!.index,
  isRound: featureByName('is_round_amount')!.index,
  isBorderZip: featureByName('is_border_zip')!.index,
  subjectCountry: featureByName('subject_country')!.index,
  counterpartyCountry: featureByName('counterparty_country')!.index,
  postalCode: featureByName('location_postal_code')!.index,
  isParty: featureByName('is_party_subject')!.index,
  daysSincePrevious: featureByName('days_since_previous')!.index,
  ageDays: featureByName('subject_age_days')!.index,
  currency: featureByName('currency')!.index,
  counterpartyInstitution: featureByName('counterparty_institution')!.index,
  purpose: featureByName('purpose')!.index,
};
const GRAPH = {
  cycleLength: featureByName('cycle_length')!.index,
  cycleRetention: featureByName('cycle_amount_retention')!.index,
  cycleCross: featureByName('cycle_cross_border_hops')!.index,
  sgIntermediaries: featureByName('scatter_gather_intermediaries')!.index,
  gsSources: featureByName('gather_scatter_sources')!.index,
  gsDestinations: featureByName('gather_scatter_destinations')!.index,
  bipartiteSenders: featureByName('bipartite_senders')!.index,
  bipartiteReceivers: featureByName('bipartite_receivers')!.index,
  bipartiteDensity: featureByName('bipartite_density')!.index,
  stackLayers: featureByName('stack_layers')!.index,
  stackDensity: featureByName('stack_density')!.index,
};

const digit = (text: string, index: number): number => text.charCodeAt(index) - 48;

/** Days since 1970-01-01 of a proleptic Gregorian date (the civil-from-days inverse). */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146097 + dayOfEra - 719468;
}

// The date part of the last time read and its day number: transactions arrive in time order, so
// most share their date with the one before and only the time of day needs reading.
let lastDate = '';
let lastDays = 0;

/**
 * Epoch seconds of an ISO date-time. The common shape `YYYY-MM-DDTHH:MM:SS[.fff]Z` is read digit by
 * digit without allocating; anything else (offsets, odd shapes) goes through Date.parse.
 */
export function secondsOf(text: string): number {
  if (text.length >= 20 && text.charCodeAt(4) === 45 && text.charCodeAt(7) === 45 && text.charCodeAt(10) === 84 && text.charCodeAt(13) === 58 && text.charCodeAt(16) === 58 && text.charCodeAt(text.length - 1) === 90) {
    const hours = digit(text, 11) * 10 + digit(text, 12);
    const minutes = digit(text, 14) * 10 + digit(text, 15);
    const seconds = digit(text, 17) * 10 + digit(text, 18);
    if (hours >= 0 && hours < 24 && minutes >= 0 && minutes < 60 && seconds >= 0 && seconds < 61) {
      if (lastDate.length === 10 && text.startsWith(lastDate)) return lastDays * 86400 + hours * 3600 + minutes * 60 + seconds;
      const year = digit(text, 0) * 1000 + digit(text, 1) * 100 + digit(text, 2) * 10 + digit(text, 3);
      const month = digit(text, 5) * 10 + digit(text, 6);
      const day = digit(text, 8) * 10 + digit(text, 9);
      if (month >= 1 && month <= 12 && day >= 1 && day <= 31 && year >= 1970) {
        lastDate = text.slice(0, 10);
        lastDays = daysFromCivil(year, month, day);
        return lastDays * 86400 + hours * 3600 + minutes * 60 + seconds;
      }
    }
  }
  return Math.floor(Date.parse(text) / 1000);
}

const isDigits = (text: string): boolean => {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 48 || code > 57) return false;
  }
  return true;
};

/**
 * The institution of one end as the `counterparty_institution` feature reads it: a CLABE (18 digits)
 * or a SPEI participant code (5 digits, e.g. 40143) given as institution becomes its 3-digit bank
 * code; an ABA or BIC is upper-cased; with no institution, an account number that is a valid CLABE
 * gives its bank code; otherwise ''.
 * @example institutionCodeOf({ country: 'MX', accountId: '143180000000000005' }) === '143'
 */
export function institutionCodeOf(end: TransactionEnd): string {
  const id = end.institutionId;
  if (id !== undefined) {
    if ((id.length === 18 || id.length === 5) && isDigits(id)) return id.length === 18 ? id.slice(0, 3) : id.slice(2);
    // Most identifiers are upper case already: return them without allocating.
    for (let i = 0; i < id.length; i++) {
      const code = id.charCodeAt(i);
      if (code >= 97 && code <= 122) return id.toUpperCase();
    }
    return id;
  }
  const account = end.accountId;
  if (account !== undefined && account.length === 18 && isDigits(account) && validateClabe(account) === null) return account.slice(0, 3);
  return '';
}

/** The subject key of one end: its account, else its party, else its name. */
export function subjectKeyOf(end: TransactionEnd): string | undefined {
  if (end.accountId) return end.accountId;
  if (end.partyId) return `party:${end.partyId}`;
  if (end.name) return `name:${end.country}:${end.name}`;
  return undefined;
}

/** The transactions behind each graph feature group, for the evidence of an alert. */
type GraphEvidence = { cycle: string[]; scatter_gather: string[]; gather_scatter: string[]; bipartite: string[]; stack: string[] };
type GraphGroup = keyof GraphEvidence;
const isGraphGroup = (group: FeatureGroup): group is GraphGroup =>
  group === 'cycle' || group === 'scatter_gather' || group === 'gather_scatter' || group === 'bipartite' || group === 'stack';

type Side = {
  end: TransactionEnd;
  other: TransactionEnd;
  state: SubjectState;
  out: boolean;
  flags: number;
  /** Read only for groups computed for this transaction, so never cleared (clearing a Map per transaction allocated a new table). */
  graphEvidence: GraphEvidence;
  /** Bit set of the feature groups already computed for this side and transaction. */
  computed: number;
};

/** Shared empty list for results without findings (frozen: pushing into it throws). */
const NONE = Object.freeze([]) as unknown as never[];

/**
 * Creates an engine over compiled typologies.
 * @example
 * const engine = createEngine({ typologies: loadBuiltinTypologies() });
 * const { alerts } = engine.process(transaction);
 */
export function createEngine(options: EngineOptions): Engine {
  const typologies = options.typologies;
  const rates = options.rates ?? DEFAULT_RATES;
  const borderPostalCodes = new Set(options.borderPostalCodes ?? SOUTHWEST_BORDER_POSTAL_CODES);
  const bands = options.bands ?? DEFAULT_BANDS;
  const maxEvents = options.maxEventsPerSubject ?? 32;
  const graphOptions: GraphOptions = { ...DEFAULT_GRAPH_OPTIONS, ...options.graph };
  const maxIds = options.maxTransactionIdsPerAlert ?? 200;
  const idempotencyHorizon = (options.idempotencyHorizonDays ?? 35) * 86400;
  const fingerprint = typologies.map((t) => `${t.id}@${t.version}`).join(',');
  // Only the windowed features some rule reads are written (rules read nothing else).
  const windowOutputs = windowOutputsFor(typologies.flatMap((typology) => typology.rules.flatMap((rule) => rule.featureIndices)));

  let registry = new Map<string, number>();
  let nodes: SubjectState[] = [];
  let pool = new RingPool();
  let stateCodes = new Map<string, number>();
  let stateNames: string[] = [''];
  let idempotency = new IdempotencyFilter(idempotencyHorizon);
  let openAlerts = new Map<string, OpenAlert>();
  let position = 0;
  const counters = { received: 0, evaluated: 0, duplicates: 0, rejected: 0, alerts: 0, alertUpdates: 0, evaluationErrors: 0 };
  let alertsByTypology = new Map<string, number>();

  const vectors: [FeatureVector, FeatureVector] = [
    { numbers: new Float64Array(FEATURES.length), strings: new Array<string | undefined>(FEATURES.length) },
    { numbers: new Float64Array(FEATURES.length), strings: new Array<string | undefined>(FEATURES.length) },
  ];

  const nodeOf = (key: string, country: string): number => {
    let node = registry.get(key);
    if (node === undefined) {
      node = nodes.length;
      registry.set(key, node);
      nodes.push(new SubjectState(pool, key, node, country));
    }
    return node;
  };
  // Places recur constantly (branches, postal codes), so their derived codes are cached, keyed by
  // country, postal code and branch in nested maps (no key string is built per transaction).
  type Place = { stateCode: number; postalHash: number; branchHash: number };
  const places = new Map<string, Map<string, Map<string, Place>>>();
  let placeCount = 0;
  const placeOf = (country: string, postalCode: string | undefined, branchId: string | undefined): Place => {
    const postal = postalCode ?? '';
    const branch = branchId ?? '';
    const cached = places.get(country)?.get(postal)?.get(branch);
    if (cached !== undefined) return cached;
    const place: Place = {
      stateCode: stateCodeOf(stateOfPostalCode(country, postalCode)),
      postalHash: postalCode ? hash32(postalCode) & 0xffff : 0,
      branchHash: branchId ? hash32(branchId) & 0xffff : 0,
    };
    if (placeCount < 100_000) {
      let byPostal = places.get(country);
      if (byPostal === undefined) places.set(country, (byPostal = new Map()));
      let byBranch = byPostal.get(postal);
      if (byBranch === undefined) byPostal.set(postal, (byBranch = new Map()));
      byBranch.set(branch, place);
      placeCount++;
    }
    return place;
  };
  const stateCodeOf = (name: string): number => {
    if (name === '') return 0;
    let code = stateCodes.get(name);
    if (code === undefined) {
      code = stateNames.length;
      stateCodes.set(name, code);
      stateNames.push(name);
    }
    return code;
  };

  const sides: [Side, Side] = [
    { end: { country: 'US' }, other: { country: 'US' }, state: new SubjectState(new RingPool(), '', -1, ''), out: true, flags: 0, graphEvidence: { cycle: NONE, scatter_gather: NONE, gather_scatter: NONE, bipartite: NONE, stack: NONE }, computed: 0 },
    { end: { country: 'US' }, other: { country: 'US' }, state: new SubjectState(new RingPool(), '', -1, ''), out: false, flags: 0, graphEvidence: { cycle: NONE, scatter_gather: NONE, gather_scatter: NONE, bipartite: NONE, stack: NONE }, computed: 0 },
  ];
  let sideCount = 0;
  const edgeCache: EdgeCache = {};
  const GROUP_BITS: Record<FeatureGroup, number> = {
    current: 1, window: 2, flow: 4, cycle: 8, scatter_gather: 16, gather_scatter: 32, bipartite: 64, stack: 128, fan: 256, text: 512,
  };
  /** Per typology, the scope as bit masks so the hot path tests integers, not sets of strings. */
  const plans = typologies.map((typology) => ({
    sides: (typology.evaluatesOriginator ? 1 : 0) | (typology.evaluatesBeneficiary ? 2 : 0),
    channels: typology.channels ? [...typology.channels].reduce((mask, channel) => mask | (1 << CHANNEL_INDEX[channel]!), 0) : 0xffff,
    from: typology.effectiveFromSeconds,
    until: typology.effectiveUntilSeconds,
    alertThreshold: typology.document.alertThreshold,
    /** Per rule (by index), the bit set of the feature groups it reads. */
    ruleGroupBits: typology.rules.map((rule) => rule.groups.reduce((mask, group) => mask | GROUP_BITS[group], 0)),
  }));
  /** For the originator (0–15) and the beneficiary (16–31) of each channel, the typologies in scope, in order. */
  const typologiesInScope = Array.from({ length: 32 }, (_, slot) => {
    const sideBit = slot < 16 ? 1 : 2;
    const channelBit = 1 << slot % 16;
    return Int32Array.from(plans.flatMap((plan, t) => ((plan.sides & sideBit) !== 0 && (plan.channels & channelBit) !== 0 ? [t] : [])));
  });

  /** Appends the transaction to one end's ring and prepares that end for evaluation. */
  function recordSide(
    node: number,
    counterpartyNode: number,
    transaction: Transaction,
    out: boolean,
    common: number,
    cash: boolean,
    cashCountry: string,
    time: number,
    cents: number,
    stateCode: number,
    postalHash: number,
    branchHash: number,
  ): void {
    const state = nodes[node]!;
    const end = out ? transaction.originator : transaction.beneficiary;
    const other = out ? transaction.beneficiary : transaction.originator;
    const location = transaction.location;
    let flags = common | (out ? OUT : 0);
    const otherCountry = cash ? cashCountry : other.country;
    if (otherCountry !== end.country || (location !== undefined && location.country !== end.country)) flags |= CROSS_BORDER;
    if (otherCountry === 'MX' || location?.country === 'MX') flags |= MEXICO_LEG;
    const counterparty = counterpartyNode < 0 ? NO_COUNTERPARTY : counterpartyNode;
    // Newness is per direction: the first payment to someone who has paid us before is still new.
    const relationship = ((counterparty << 1) | (out ? 1 : 0)) >>> 0;
    if (counterparty !== NO_COUNTERPARTY && !state.knows(relationship)) {
      flags |= NEW_COUNTERPARTY;
      state.remember(relationship);
    }
    state.push(time, cents, counterparty, flags, stateCode, postalHash, branchHash, transaction.id, maxEvents, HORIZON_SECONDS);
    const side = sides[sideCount++]!;
    side.end = end;
    side.other = other;
    side.state = state;
    side.out = out;
    side.flags = flags;
  }

  function process(transaction: Transaction, logPosition?: number): ProcessResult {
    counters.received++;
    position = logPosition ?? position + 1;
    const result: ProcessResult = { status: 'evaluated', transactionId: transaction.id, alerts: NONE, updates: NONE, errors: NONE, issues: NONE };
    let cents: number;
    try {
      cents = toUsdMinor(transaction.amountMinor, transaction.currency, rates);
    } catch (error) {
      if (!(error instanceof UnknownCurrencyError)) throw error;
      counters.rejected++;
      result.status = 'rejected';
      result.issues = [{ field: 'currency', reason: error.message }];
      return result;
    }
    const time = secondsOf(transaction.time);
    if (!Number.isFinite(time)) {
      counters.rejected++;
      result.status = 'rejected';
      result.issues = [{ field: 'time', reason: 'is not a valid date-time' }];
      return result;
    }
    if (!idempotency.admit(transaction.id, time)) {
      counters.duplicates++;
      result.status = 'duplicate';
      return result;
    }
    counters.evaluated++;

    const channel = CHANNEL_INDEX[transaction.channel]!;
    const location = transaction.location;
    const cash = isCashChannel(channel);
    // Where cash changed hands: the branch location, else the bank end's postal code.
    const bankEnd = channel === CASH_DEPOSIT ? transaction.beneficiary : transaction.originator;
    const cashCountry = location?.country ?? bankEnd.country;
    const cashPostal = location?.postalCode ?? bankEnd.postalCode;
    let common = channel;
    if (transaction.amountMinor % (1000 * 10 ** currencyExponent(transaction.currency)) === 0) common |= ROUND_AMOUNT;
    if (transaction.currency === 'USD') common |= USD_CURRENCY;
    let stateCode = 0;
    let postalHash = 0;
    let branchHash = 0;
    if (cash) {
      if (cashCountry === 'US' && isBorderPostalCode(borderPostalCodes, cashPostal)) common |= BORDER_ZIP;
      if (cashCountry === 'MX') common |= LOCATION_MEXICO;
      if (location) {
        common |= HAS_LOCATION;
        const place = placeOf(location.country, location.postalCode, location.branchId);
        stateCode = place.stateCode;
        postalHash = place.postalHash;
        branchHash = place.branchHash;
      }
    }

    const originatorKey = subjectKeyOf(transaction.originator);
    const beneficiaryKey = subjectKeyOf(transaction.beneficiary);
    const originatorNode = originatorKey === undefined ? -1 : nodeOf(originatorKey, transaction.originator.country);
    const beneficiaryNode = beneficiaryKey === undefined || beneficiaryKey === originatorKey ? -1 : nodeOf(beneficiaryKey, transaction.beneficiary.country);
    sideCount = 0;
    if (originatorNode >= 0) recordSide(originatorNode, beneficiaryNode, transaction, true, common, cash, cashCountry, time, cents, stateCode, postalHash, branchHash);
    if (beneficiaryNode >= 0) recordSide(beneficiaryNode, originatorNode, transaction, false, common, cash, cashCountry, time, cents, stateCode, postalHash, branchHash);

    edgeCache.cycle = undefined;
    edgeCache.block = undefined;
    edgeCache.stack = undefined;
    edgeCache.scatterGather = undefined;
    currentOriginator = originatorNode;
    currentBeneficiary = beneficiaryNode;
    currentCents = cents;
    currentTime = time;
    currentTransaction = transaction;
    currentPurpose = undefined;
    for (let s = 0; s < sideCount; s++) {
      const side = sides[s]!;
      side.computed = 0;
      const inScope = typologiesInScope[(side.out ? 0 : 16) + channel]!;
      for (let i = 0; i < inScope.length; i++) {
        const t = inScope[i]!;
        const plan = plans[t]!;
        if (time < plan.from || time > plan.until) continue;
        evaluateTypology(t, typologies[t]!, side, vectors[s]!, result);
      }
    }
    if (pool.wantsCompaction) pool.compact(nodes);
    return result;
  }

  function fillCurrent(vector: FeatureVector, side: Side, transaction: Transaction, cents: number, time: number): void {
    // Every other group is computed before any rule that reads it (ensureGroups), so the vector
    // needs no clearing: values left from an earlier transaction are never read.
    const numbers = vector.numbers;
    const strings = vector.strings;
    const flags = side.flags;
    numbers[CURRENT.amount] = cents / 100;
    strings[CURRENT.channel] = transaction.channel;
    strings[CURRENT.direction] = side.out ? 'out' : 'in';
    numbers[CURRENT.isCash] = isCashChannel(flags & 0xf) ? 1 : 0;
    numbers[CURRENT.isCrossBorder] = flags & CROSS_BORDER ? 1 : 0;
    numbers[CURRENT.isMexicoLeg] = flags & MEXICO_LEG ? 1 : 0;
    numbers[CURRENT.isNew] = flags & NEW_COUNTERPARTY ? 1 : 0;
    numbers[CURRENT.isRound] = flags & ROUND_AMOUNT ? 1 : 0;
    numbers[CURRENT.isBorderZip] = flags & BORDER_ZIP ? 1 : 0;
    strings[CURRENT.subjectCountry] = side.end.country;
    strings[CURRENT.counterpartyCountry] = side.other.country;
    strings[CURRENT.postalCode] = transaction.location?.postalCode ?? '';
    numbers[CURRENT.isParty] = side.end.accountId === undefined ? 1 : 0;
    numbers[CURRENT.daysSincePrevious] = side.state.previousTime < 0 ? -1 : (time - side.state.previousTime) / 86400;
    numbers[CURRENT.ageDays] = (time - side.state.firstTime) / 86400;
    strings[CURRENT.currency] = transaction.currency;
    strings[CURRENT.counterpartyInstitution] = institutionCodeOf(side.other);
  }

  function computeGroup(
    group: FeatureGroup,
    side: Side,
    vector: FeatureVector,
    time: number,
    originatorNode: number,
    beneficiaryNode: number,
    cents: number,
    transactionId: string,
    cache: EdgeCache,
    graphEvidence: GraphEvidence,
  ): void {
    const numbers = vector.numbers;
    const isEdge = originatorNode >= 0 && beneficiaryNode >= 0 && isTransferChannel(side.flags & 0xf);
    switch (group) {
      case 'current':
        return;
      case 'text':
        // Folded once per transaction and shared by both ends.
        vector.strings[CURRENT.purpose] = (currentPurpose ??= foldText(currentTransaction!.purpose ?? ''));
        return;
      case 'window':
        computeWindowFeatures(side.state, time, bands, vector, windowOutputs);
        return;
      case 'flow':
        computeFlowFeatures(side.state, time, side.out, vector);
        return;
      case 'fan':
        computeFanFeatures(side.state, time, vector);
        return;
      case 'cycle': {
        const cycle = isEdge ? (cache.cycle ??= detectCycle(nodes, originatorNode, beneficiaryNode, time, cents, transactionId, graphOptions)) : undefined;
        numbers[GRAPH.cycleLength] = cycle?.length ?? 0;
        numbers[GRAPH.cycleRetention] = cycle?.retention ?? 0;
        numbers[GRAPH.cycleCross] = cycle?.crossBorderHops ?? 0;
        graphEvidence.cycle = cycle?.transactionIds ?? NONE;
        return;
      }
      case 'scatter_gather': {
        const found = isEdge ? (cache.scatterGather ??= detectScatterGather(nodes, originatorNode, beneficiaryNode, time, graphOptions)) : undefined;
        numbers[GRAPH.sgIntermediaries] = found?.intermediaries ?? 0;
        graphEvidence.scatter_gather = found?.transactionIds ?? NONE;
        return;
      }
      case 'gather_scatter': {
        const found = detectGatherScatter(nodes, side.state.node, time, graphOptions);
        numbers[GRAPH.gsSources] = found.sources;
        numbers[GRAPH.gsDestinations] = found.destinations;
        graphEvidence.gather_scatter = found.transactionIds;
        return;
      }
      case 'bipartite': {
        const block = isEdge ? (cache.block ??= detectBlock(nodes, originatorNode, beneficiaryNode, time, graphOptions)) : undefined;
        numbers[GRAPH.bipartiteSenders] = block?.senders ?? 0;
        numbers[GRAPH.bipartiteReceivers] = block?.receivers ?? 0;
        numbers[GRAPH.bipartiteDensity] = block?.density ?? 0;
        graphEvidence.bipartite = block?.transactionIds ?? NONE;
        return;
      }
      case 'stack': {
        const stack = isEdge ? (cache.stack ??= detectStack(nodes, (cache.block ??= detectBlock(nodes, originatorNode, beneficiaryNode, time, graphOptions)), time, graphOptions)) : undefined;
        numbers[GRAPH.stackLayers] = stack?.layers ?? 0;
        numbers[GRAPH.stackDensity] = stack?.density ?? 0;
        graphEvidence.stack = stack?.transactionIds ?? NONE;
        return;
      }
    }
  }

  let currentOriginator = -1;
  let currentBeneficiary = -1;
  let currentCents = 0;
  let currentTime = 0;
  let currentTransaction: Transaction | undefined;
  let currentPurpose: string | undefined;

  /** Computes the feature groups a rule needs that this side has not computed yet for this transaction. */
  function ensureGroups(side: Side, vector: FeatureVector, groups: readonly FeatureGroup[], groupBits: number): void {
    const transaction = currentTransaction!;
    if (side.computed === 0) {
      fillCurrent(vector, side, transaction, currentCents, currentTime);
      side.computed = GROUP_BITS.current;
    }
    if ((side.computed & groupBits) === groupBits) return;
    for (let g = 0; g < groups.length; g++) {
      const group = groups[g]!;
      const bit = GROUP_BITS[group];
      if (side.computed & bit) continue;
      side.computed |= bit;
      computeGroup(group, side, vector, currentTime, currentOriginator, currentBeneficiary, currentCents, transaction.id, edgeCache, side.graphEvidence);
    }
  }

  /**
   * Scores one typology for one side. Rules run from the cheapest to the most expensive, each
   * computing the feature groups it needs on first use; once the alert threshold can no longer be
   * reached the outcome is decided and the remaining rules are not run. Any rule that runs and
   * faults is reported as an evaluation error.
   */
  function evaluateTypology(typologyIndex: number, typology: CompiledTypology, side: Side, vector: FeatureVector, result: ProcessResult): void {
    const transaction = currentTransaction!;
    const time = currentTime;
    const graphEvidence = side.graphEvidence;
    let score = 0;
    let firedMask = 0;
    const rules = typology.rules;
    const order = typology.evaluationOrder;
    const remaining = typology.remainingPositive;
    const plan = plans[typologyIndex]!;
    const threshold = plan.alertThreshold;
    const ruleGroupBits = plan.ruleGroupBits;
    for (let i = 0; i < order.length; i++) {
      if (score + remaining[i]! < threshold) return;
      const r = order[i]!;
      const rule = rules[r]!;
      ensureGroups(side, vector, rule.groups, ruleGroupBits[r]!);
      try {
        if (rule.expression.evaluate(vector) === true) {
          score += rule.weight;
          firedMask |= 1 << r;
        }
      } catch (error) {
        if (!(error instanceof EvaluationFault)) throw error;
        counters.evaluationErrors++;
        const { line, column } = positionOf(rule.expression.source, error.offset);
        if (result.errors === NONE) result.errors = [];
        result.errors.push({
          kind: 'evaluation_error',
          typologyId: typology.id,
          typologyVersion: typology.version,
          subjectKey: side.state.key,
          transactionId: transaction.id,
          time: transaction.time,
          ruleId: rule.id,
          expression: rule.expression.source,
          line,
          column,
          reason: error.reason,
        });
      }
    }
    if (score < threshold) return;

    const openKey = `${typologyIndex}|${side.state.node}`;
    const open = openAlerts.get(openKey);
    const evidence = collectEvidence(typology, firedMask, side.state, time, transaction.id, graphEvidence);
    if (open && time < open.until) {
      const added = evidence.filter((id) => !open.transactionIds.has(id));
      if (added.length > 0 && open.transactionIds.size < maxIds) {
        const room = added.slice(-(maxIds - open.transactionIds.size));
        for (const id of room) open.transactionIds.add(id);
        counters.alertUpdates++;
        if (result.updates === NONE) result.updates = [];
        result.updates.push({ alertId: open.alertId, typologyId: typology.id, subjectKey: side.state.key, time: transaction.time, transactionIds: room });
      }
      return;
    }
    if (openAlerts.size > 100_000) {
      for (const [key, value] of openAlerts) if (value.until <= time) openAlerts.delete(key);
    }
    const alertId = `alert-${typology.id}-${hashHex(`${typology.id}@${typology.version}|${side.state.key}|${transaction.id}`)}`;
    openAlerts.set(openKey, { alertId, until: time + typology.document.window.cooldownHours * 3600, transactionIds: new Set(evidence) });
    const features: Record<string, number | string | boolean | null> = {};
    const explainedRules = rules.map((rule, r) => {
      for (const index of rule.featureIndices) features[FEATURES[index]!.name] = featureValue(vector, index);
      return {
        id: rule.id,
        description: rule.description.en,
        fired: (firedMask & (1 << r)) !== 0,
        weight: rule.weight,
        reads: rule.expression.features,
      };
    });
    const interdiction = typology.document.interdictionThreshold;
    const severity = interdiction !== undefined && score >= interdiction ? 'interdict' : 'alert';
    const firedIds = explainedRules.filter((rule) => rule.fired).map((rule) => rule.id);
    const alert: Alert = {
      id: alertId,
      typologyId: typology.id,
      typologyVersion: typology.version,
      subjectKey: side.state.key,
      score,
      severity,
      time: transaction.time,
      triggerTransactionId: transaction.id,
      transactionIds: evidence,
      patterns: [...typology.document.patterns],
      explanation: {
        rules: explainedRules,
        features,
        summary: `${typology.document.name.en}: score ${round(score)} ≥ ${typology.document.alertThreshold} for ${side.state.key} (${firedIds.join(', ')}) over ${evidence.length} transaction(s)`,
      },
    };
    if (side.end.partyId !== undefined) alert.partyId = side.end.partyId;
    counters.alerts++;
    alertsByTypology.set(typology.id, (alertsByTypology.get(typology.id) ?? 0) + 1);
    if (result.alerts === NONE) result.alerts = [];
    result.alerts.push(alert);
  }

  /** The transactions behind the fired rules: graph edges, then the subject's matching events, oldest first. */
  function collectEvidence(
    typology: CompiledTypology,
    firedMask: number,
    state: SubjectState,
    time: number,
    transactionId: string,
    graphEvidence: GraphEvidence,
  ): string[] {
    const evidenceSeconds = typology.document.window.evidenceHours * 3600;
    const wanted: Array<{ index: number; since: number }> = [];
    const ids = new Set<string>();
    typology.rules.forEach((rule, r) => {
      if ((firedMask & (1 << r)) === 0) return;
      for (const index of rule.featureIndices) {
        const feature = FEATURES[index]!;
        if (feature.evidence === 'graph') {
          if (isGraphGroup(feature.group)) for (const id of graphEvidence[feature.group]) ids.add(id);
        }
        else if (feature.evidence !== 'current' && !wanted.some((w) => w.index === index)) {
          wanted.push({ index, since: time - Math.min(feature.windowSeconds ?? evidenceSeconds, evidenceSeconds) });
        }
      }
    });
    const events: string[] = [];
    if (wanted.length > 0) {
      for (let k = state.count - 1; k >= 0; k--) {
        const offset = state.offsetOfRecent(k);
        const eventTime = state.data[offset + TIME]!;
        const flags = state.data[offset + FLAGS]!;
        if (wanted.some((w) => eventTime > w.since && evidenceMatches(w.index, flags))) events.push(state.idOfRecent(k));
      }
    }
    const all = new Set<string>([...ids, ...events]);
    all.delete(transactionId);
    const list = [...all, transactionId];
    return list.length > maxIds ? list.slice(-maxIds) : list;
  }

  function featureValue(vector: FeatureVector, index: number): number | string | boolean | null {
    const feature = FEATURES[index]!;
    if (feature.type === 'string') return vector.strings[index] ?? null;
    const value = vector.numbers[index]!;
    if (Number.isNaN(value)) return null;
    return feature.type === 'boolean' ? value !== 0 : round(value);
  }

  function stats(): EngineStats {
    let bytes = pool.heldBytes;
    for (const node of nodes) bytes += node.bytes();
    return {
      ...counters,
      subjects: nodes.length,
      subjectStateBytes: Math.round(bytes),
      bytesPerSubject: nodes.length === 0 ? 0 : Math.round(bytes / nodes.length),
      idempotencyBytes: idempotency.bytes,
      alertsByTypology: Object.fromEntries(alertsByTypology),
      position,
    };
  }

  function checkpoint(): Uint8Array {
    const writer = new BinaryWriter();
    writer.u32(CHECKPOINT_MAGIC);
    writer.string(fingerprint);
    writer.f64(position);
    for (const value of Object.values(counters)) writer.f64(value);
    writer.u32(alertsByTypology.size);
    for (const [id, count] of alertsByTypology) {
      writer.string(id);
      writer.f64(count);
    }
    writer.u32(stateNames.length);
    for (const name of stateNames) writer.string(name);
    writer.u32(nodes.length);
    for (const state of nodes) {
      writer.string(state.key);
      writer.string(state.country);
      writer.f64(state.firstTime);
      writer.f64(state.lastTime);
      writer.f64(state.previousTime);
      writer.u32(state.capacity);
      writer.u32(state.count);
      writer.u32Array(state.bloom());
      const events = new Uint32Array(state.count * WORDS_PER_EVENT);
      for (let k = 0; k < state.count; k++) {
        const offset = state.offsetOfRecent(state.count - 1 - k);
        events.set(state.data.subarray(offset, offset + WORDS_PER_EVENT), k * WORDS_PER_EVENT);
        writer.string(state.idOfRecent(state.count - 1 - k));
      }
      writer.u32Array(events);
    }
    const filter = idempotency.exportState();
    writer.f64(filter.generationStart);
    for (const table of [filter.current, filter.previous]) {
      writer.u32Array(table[0]);
      writer.u32Array(table[1]);
      writer.u32(table[2]);
    }
    writer.u32(openAlerts.size);
    for (const [key, open] of openAlerts) {
      writer.string(key);
      writer.string(open.alertId);
      writer.f64(open.until);
      writer.u32(open.transactionIds.size);
      for (const id of open.transactionIds) writer.string(id);
    }
    return writer.finish();
  }

  function restore(bytes: Uint8Array): number {
    const reader = new BinaryReader(bytes);
    if (reader.u32() !== CHECKPOINT_MAGIC) throw new CorruptCheckpointError('not a Frontera engine checkpoint');
    const savedFingerprint = reader.string();
    if (savedFingerprint !== fingerprint) {
      throw new CorruptCheckpointError(`it was taken with typologies [${savedFingerprint}] but this engine runs [${fingerprint}]`);
    }
    const restoredPosition = reader.f64();
    const restoredCounters = { ...counters };
    for (const key of Object.keys(counters) as Array<keyof typeof counters>) restoredCounters[key] = reader.f64();
    const restoredByTypology = new Map<string, number>();
    for (let i = reader.u32(); i > 0; i--) restoredByTypology.set(reader.string(), reader.f64());
    const restoredStateNames: string[] = [];
    for (let i = reader.u32(); i > 0; i--) restoredStateNames.push(reader.string());
    const restoredNodes: SubjectState[] = [];
    const restoredRegistry = new Map<string, number>();
    const restoredPool = new RingPool();
    for (let n = reader.u32(), node = 0; node < n; node++) {
      const key = reader.string();
      const state = new SubjectState(restoredPool, key, node, reader.string());
      state.firstTime = reader.f64();
      state.lastTime = reader.f64();
      state.previousTime = reader.f64();
      const capacity = reader.u32();
      const count = reader.u32();
      const bloom = reader.u32Array();
      const ids: string[] = [];
      for (let k = 0; k < count; k++) ids.push(reader.string());
      const events = reader.u32Array();
      if (bloom.length !== BLOOM_WORDS || events.length !== count * WORDS_PER_EVENT || count > capacity || capacity < 1 || capacity > Math.max(maxEvents, MAX_RESTORED_CAPACITY)) {
        throw new CorruptCheckpointError(`subject ${key} has an inconsistent ring`);
      }
      state.load(capacity, bloom, events, ids);
      restoredNodes.push(state);
      restoredRegistry.set(key, node);
    }
    // Each restored ring replaced a first small region: drop that dead space now.
    if (restoredPool.wantsCompaction) restoredPool.compact(restoredNodes);
    const generationStart = reader.f64();
    const tables: Array<[Uint32Array, Uint32Array, number]> = [];
    for (let i = 0; i < 2; i++) tables.push([reader.u32Array(), reader.u32Array(), reader.u32()]);
    const restoredOpen = new Map<string, OpenAlert>();
    for (let i = reader.u32(); i > 0; i--) {
      const key = reader.string();
      const alertId = reader.string();
      const until = reader.f64();
      const ids = new Set<string>();
      for (let j = reader.u32(); j > 0; j--) ids.add(reader.string());
      restoredOpen.set(key, { alertId, until, transactionIds: ids });
    }
    if (!reader.done) throw new CorruptCheckpointError('trailing bytes');
    // Only replace the live state once the whole checkpoint has been read.
    position = restoredPosition;
    Object.assign(counters, restoredCounters);
    alertsByTypology = restoredByTypology;
    stateNames = restoredStateNames;
    stateCodes = new Map(restoredStateNames.map((name, code) => [name, code]));
    nodes = restoredNodes;
    pool = restoredPool;
    registry = restoredRegistry;
    idempotency = new IdempotencyFilter(idempotencyHorizon);
    idempotency.importState({ generationStart, current: tables[0]!, previous: tables[1]! });
    openAlerts = restoredOpen;
    return position;
  }

  return {
    process,
    processBatch(transactions, firstPosition) {
      return transactions.map((transaction, i) => process(transaction, firstPosition === undefined ? undefined : firstPosition + i));
    },
    checkpoint,
    restore,
    stats,
    get position() {
      return position;
    },
    typologies,
  };
}

function round(value: number): number {
  return Math.round(value * 10_000) / 10_000;
}

