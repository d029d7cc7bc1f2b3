/**
 * The streaming monitoring engine. Pure: state lives in memory, time comes only from the data,
 * and the same input always gives the same alerts (alert ids are derived from their content).
 *
 * For each transaction: exactly-once filter → convert to USD → update the state of both ends →
 * for each end, evaluate the typologies in scope over that end's features → alerts, alert
 * updates (cooldown) and evaluation errors (fail closed: never scored as "no risk").
 */
import { DEFAULT_RATES, UnknownCurrencyError, currencyExponent, toUsdMinor } from '../domain/index.ts';
import type { Alert, FieldIssue, RateTable, Transaction, TransactionEnd } from '../domain/index.ts';
import { EvaluationFault, FEATURES, featureByName, positionOf } from '../typologies/index.ts';
import type { CompiledTypology, FeatureGroup, FeatureVector } from '../typologies/index.ts';
import { BinaryReader, BinaryWriter, CorruptCheckpointError } from './binary.ts';
import {
  CASH_DEPOSIT, CHANNEL_INDEX, DEFAULT_BANDS, computeFlowFeatures, computeWindowFeatures, evidenceMatches, isCashChannel,
  type ThresholdBands,
} from './features.ts';
import { SOUTHWEST_BORDER_ZIP_CODES, stateOfPostalCode } from './geography.ts';
import {
  DEFAULT_GRAPH_OPTIONS, detectCycle, detectBlock, detectGatherScatter, detectScatterGather, detectStack, type GraphOptions,
} from './graph.ts';
import { hash32, hashHex } from './hash.ts';
import { IdempotencyFilter } from './idempotency.ts';
import {
  BORDER_ZIP, CROSS_BORDER, FLAGS, HAS_LOCATION, LOCATION_MEXICO, MEXICO_LEG, NEW_COUNTERPARTY, NO_COUNTERPARTY, OUT, ROUND_AMOUNT,
  SubjectState, TIME, WORDS_PER_EVENT,
} from './subject-state.ts';

export type EngineOptions = {
  typologies: readonly CompiledTypology[];
  /** Units of each currency per USD; DEFAULT_RATES when absent. */
  rates?: RateTable;
  /** Postal codes counted as southwest-border cash locations. */
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

type OpenAlert = { alertId: string; until: number; transactionIds: Set<string> };

const CHECKPOINT_MAGIC = 0x46524531; // "FRE1"
const HORIZON_SECONDS = 30 * 86400;

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

/** The subject key of one end: its account, else its party, else its name. */
export function subjectKeyOf(end: TransactionEnd): string | undefined {
  if (end.accountId) return end.accountId;
  if (end.partyId) return `party:${end.partyId}`;
  if (end.name) return `name:${end.country}:${end.name}`;
  return undefined;
}

type Side = {
  end: TransactionEnd;
  other: TransactionEnd;
  state: SubjectState;
  out: boolean;
  flags: number;
};

/**
 * Creates an engine over compiled typologies.
 * @example
 * const engine = createEngine({ typologies: loadBuiltinTypologies() });
 * const { alerts } = engine.process(transaction);
 */
export function createEngine(options: EngineOptions): Engine {
  const typologies = options.typologies;
  const rates = options.rates ?? DEFAULT_RATES;
  const borderPostalCodes = new Set(options.borderPostalCodes ?? SOUTHWEST_BORDER_ZIP_CODES);
  const bands = options.bands ?? DEFAULT_BANDS;
  const maxEvents = options.maxEventsPerSubject ?? 32;
  const graphOptions: GraphOptions = { ...DEFAULT_GRAPH_OPTIONS, ...options.graph };
  const maxIds = options.maxTransactionIdsPerAlert ?? 200;
  const idempotencyHorizon = (options.idempotencyHorizonDays ?? 35) * 86400;
  const fingerprint = typologies.map((t) => `${t.id}@${t.version}`).join(',');

  let registry = new Map<string, number>();
  let nodes: SubjectState[] = [];
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
      nodes.push(new SubjectState(key, node, country));
    }
    return node;
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

  function process(transaction: Transaction, logPosition?: number): ProcessResult {
    counters.received++;
    position = logPosition ?? position + 1;
    const result: ProcessResult = { status: 'evaluated', transactionId: transaction.id, alerts: [], updates: [], errors: [], issues: [] };
    let cents: number;
    try {
      cents = toUsdMinor(transaction.amountMinor, transaction.currency, rates);
    } catch (error) {
      if (!(error instanceof UnknownCurrencyError)) throw error;
      counters.rejected++;
      result.status = 'rejected';
      result.issues.push({ field: 'currency', reason: error.message });
      return result;
    }
    const time = Math.floor(Date.parse(transaction.time) / 1000);
    if (!Number.isFinite(time)) {
      counters.rejected++;
      result.status = 'rejected';
      result.issues.push({ field: 'time', reason: 'is not a valid date-time' });
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
    let stateCode = 0;
    let postalHash = 0;
    let branchHash = 0;
    if (cash) {
      if (cashPostal !== undefined && borderPostalCodes.has(cashPostal)) common |= BORDER_ZIP;
      if (cashCountry === 'MX') common |= LOCATION_MEXICO;
      if (location) {
        common |= HAS_LOCATION;
        stateCode = stateCodeOf(stateOfPostalCode(location.country, location.postalCode));
        postalHash = location.postalCode ? hash32(location.postalCode) & 0xffff : 0;
        branchHash = location.branchId ? hash32(location.branchId) & 0xffff : 0;
      }
    }

    const originatorKey = subjectKeyOf(transaction.originator);
    const beneficiaryKey = subjectKeyOf(transaction.beneficiary);
    const originatorNode = originatorKey === undefined ? -1 : nodeOf(originatorKey, transaction.originator.country);
    const beneficiaryNode = beneficiaryKey === undefined || beneficiaryKey === originatorKey ? -1 : nodeOf(beneficiaryKey, transaction.beneficiary.country);
    const sides: Side[] = [];
    const record = (node: number, counterpartyNode: number, end: TransactionEnd, other: TransactionEnd, out: boolean): void => {
      const state = nodes[node]!;
      let flags = common | (out ? OUT : 0);
      const otherCountry = cash ? cashCountry : other.country;
      if (otherCountry !== end.country || (location !== undefined && location.country !== end.country)) flags |= CROSS_BORDER;
      if (otherCountry === 'MX' || location?.country === 'MX') flags |= MEXICO_LEG;
      const counterparty = counterpartyNode < 0 ? NO_COUNTERPARTY : counterpartyNode;
      if (counterparty !== NO_COUNTERPARTY && !state.knows(counterparty)) {
        flags |= NEW_COUNTERPARTY;
        state.remember(counterparty);
      }
      state.push({ time, amountCents: cents, counterparty, flags, stateCode, postalHash, branchHash, id: transaction.id }, maxEvents, HORIZON_SECONDS);
      sides.push({ end, other, state, out, flags });
    };
    if (originatorNode >= 0) record(originatorNode, beneficiaryNode, transaction.originator, transaction.beneficiary, true);
    if (beneficiaryNode >= 0) record(beneficiaryNode, originatorNode, transaction.beneficiary, transaction.originator, false);

    const edgeCache: { cycle?: ReturnType<typeof detectCycle>; block?: ReturnType<typeof detectBlock>; stack?: ReturnType<typeof detectStack> } = {};
    for (let s = 0; s < sides.length; s++) {
      const side = sides[s]!;
      const vector = vectors[s]!;
      let computed = 0;
      const graphEvidence = new Map<FeatureGroup, string[]>();
      for (let t = 0; t < typologies.length; t++) {
        const typology = typologies[t]!;
        if (side.out ? !typology.evaluatesOriginator : !typology.evaluatesBeneficiary) continue;
        if (typology.channels && !typology.channels.has(transaction.channel)) continue;
        if (time < typology.effectiveFromSeconds || time > typology.effectiveUntilSeconds) continue;
        if (computed === 0) {
          fillCurrent(vector, side, transaction, cents, time);
          computed = 1;
        }
        for (const group of typology.groups) {
          const bit = GROUP_BITS[group];
          if (computed & bit) continue;
          computed |= bit;
          computeGroup(group, side, vector, time, originatorNode, beneficiaryNode, cents, transaction.id, edgeCache, graphEvidence);
        }
        evaluateTypology(t, typology, side, vector, transaction, time, graphEvidence, result);
      }
    }
    return result;
  }

  const GROUP_BITS: Record<FeatureGroup, number> = {
    current: 1, window: 2, flow: 4, cycle: 8, scatter_gather: 16, gather_scatter: 32, bipartite: 64, stack: 128,
  };

  function fillCurrent(vector: FeatureVector, side: Side, transaction: Transaction, cents: number, time: number): void {
    const numbers = vector.numbers;
    numbers.fill(Number.NaN);
    const strings = vector.strings;
    strings.fill(undefined);
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
    cache: { cycle?: ReturnType<typeof detectCycle>; block?: ReturnType<typeof detectBlock>; stack?: ReturnType<typeof detectStack> },
    graphEvidence: Map<FeatureGroup, string[]>,
  ): void {
    const numbers = vector.numbers;
    const isEdge = originatorNode >= 0 && beneficiaryNode >= 0 && !isCashChannel(side.flags & 0xf);
    switch (group) {
      case 'current':
        return;
      case 'window':
        computeWindowFeatures(side.state, time, bands, vector);
        return;
      case 'flow':
        computeFlowFeatures(side.state, time, side.out, vector);
        return;
      case 'cycle': {
        const cycle = isEdge ? (cache.cycle ??= detectCycle(nodes, originatorNode, beneficiaryNode, time, cents, transactionId, graphOptions)) : undefined;
        numbers[GRAPH.cycleLength] = cycle?.length ?? 0;
        numbers[GRAPH.cycleRetention] = cycle?.retention ?? 0;
        numbers[GRAPH.cycleCross] = cycle?.crossBorderHops ?? 0;
        graphEvidence.set(group, cycle?.transactionIds ?? []);
        return;
      }
      case 'scatter_gather': {
        const found = detectScatterGather(nodes, side.state.node, time, graphOptions);
        numbers[GRAPH.sgIntermediaries] = found.intermediaries;
        graphEvidence.set(group, found.transactionIds);
        return;
      }
      case 'gather_scatter': {
        const found = detectGatherScatter(nodes, side.state.node, time, graphOptions);
        numbers[GRAPH.gsSources] = found.sources;
        numbers[GRAPH.gsDestinations] = found.destinations;
        graphEvidence.set(group, found.transactionIds);
        return;
      }
      case 'bipartite': {
        const block = isEdge ? (cache.block ??= detectBlock(nodes, originatorNode, beneficiaryNode, time, graphOptions)) : undefined;
        numbers[GRAPH.bipartiteSenders] = block?.senders ?? 0;
        numbers[GRAPH.bipartiteReceivers] = block?.receivers ?? 0;
        numbers[GRAPH.bipartiteDensity] = block?.density ?? 0;
        graphEvidence.set(group, block?.transactionIds ?? []);
        return;
      }
      case 'stack': {
        const stack = isEdge ? (cache.stack ??= detectStack(nodes, originatorNode, beneficiaryNode, time, graphOptions)) : undefined;
        numbers[GRAPH.stackLayers] = stack?.layers ?? 0;
        numbers[GRAPH.stackDensity] = stack?.density ?? 0;
        graphEvidence.set(group, stack?.transactionIds ?? []);
        return;
      }
    }
  }

  function evaluateTypology(
    typologyIndex: number,
    typology: CompiledTypology,
    side: Side,
    vector: FeatureVector,
    transaction: Transaction,
    time: number,
    graphEvidence: Map<FeatureGroup, string[]>,
    result: ProcessResult,
  ): void {
    let score = 0;
    let firedMask = 0;
    const rules = typology.rules;
    for (let r = 0; r < rules.length; r++) {
      const rule = rules[r]!;
      try {
        if (rule.expression.evaluate(vector) === true) {
          score += rule.weight;
          firedMask |= 1 << r;
        }
      } catch (error) {
        if (!(error instanceof EvaluationFault)) throw error;
        counters.evaluationErrors++;
        const { line, column } = positionOf(rule.expression.source, error.offset);
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
    if (score < typology.document.alertThreshold) return;

    const openKey = `${typologyIndex}|${side.state.node}`;
    const open = openAlerts.get(openKey);
    const evidence = collectEvidence(typology, firedMask, side.state, time, transaction.id, graphEvidence);
    if (open && time < open.until) {
      const added = evidence.filter((id) => !open.transactionIds.has(id));
      if (added.length > 0 && open.transactionIds.size < maxIds) {
        const room = added.slice(-(maxIds - open.transactionIds.size));
        for (const id of room) open.transactionIds.add(id);
        counters.alertUpdates++;
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
    result.alerts.push(alert);
  }

  /** The transactions behind the fired rules: graph edges, then the subject's matching events, oldest first. */
  function collectEvidence(
    typology: CompiledTypology,
    firedMask: number,
    state: SubjectState,
    time: number,
    transactionId: string,
    graphEvidence: Map<FeatureGroup, string[]>,
  ): string[] {
    const evidenceSeconds = typology.document.window.evidenceHours * 3600;
    const wanted: Array<{ index: number; since: number }> = [];
    const ids = new Set<string>();
    typology.rules.forEach((rule, r) => {
      if ((firedMask & (1 << r)) === 0) return;
      for (const index of rule.featureIndices) {
        const feature = FEATURES[index]!;
        if (feature.evidence === 'graph') for (const id of graphEvidence.get(feature.group) ?? []) ids.add(id);
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
        if (wanted.some((w) => eventTime > w.since && evidenceMatches(w.index, flags))) events.push(state.ids[state.slotOfRecent(k)]!);
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
    let bytes = 0;
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
      writer.u32Array(state.data.subarray(0, 16));
      const events = new Uint32Array(state.count * WORDS_PER_EVENT);
      for (let k = 0; k < state.count; k++) {
        const offset = state.offsetOfRecent(state.count - 1 - k);
        events.set(state.data.subarray(offset, offset + WORDS_PER_EVENT), k * WORDS_PER_EVENT);
        writer.string(state.ids[state.slotOfRecent(state.count - 1 - k)]!);
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
    for (let n = reader.u32(), node = 0; node < n; node++) {
      const key = reader.string();
      const state = new SubjectState(key, node, reader.string());
      state.firstTime = reader.f64();
      state.lastTime = reader.f64();
      state.previousTime = reader.f64();
      const capacity = reader.u32();
      const count = reader.u32();
      const bloom = reader.u32Array();
      const ids: string[] = [];
      for (let k = 0; k < count; k++) ids.push(reader.string());
      const events = reader.u32Array();
      if (bloom.length !== 16 || events.length !== count * WORDS_PER_EVENT || count > capacity) throw new CorruptCheckpointError(`subject ${key} has an inconsistent ring`);
      state.capacity = capacity;
      state.data = new Uint32Array(16 + capacity * WORDS_PER_EVENT);
      state.data.set(bloom, 0);
      state.data.set(events, 16);
      state.ids = new Array<string>(capacity);
      ids.forEach((id, k) => (state.ids[k] = id));
      state.count = count;
      state.head = 0;
      restoredNodes.push(state);
      restoredRegistry.set(key, node);
    }
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

