/**
 * The corridor generator: builds the population, plans the laundering instances across the
 * period, then produces the transactions day by day in time order. Nothing but the current day
 * (and the few instance legs already scheduled for later days) is held in memory, so the volume
 * streamed out is bounded only by the population, which scales with the requested count.
 */
import { z } from 'zod';
import type { Account, Institution, Party, Transaction } from '../domain/index.ts';
import { ValidationError } from '../errors.ts';
import { fieldIssues } from '../domain/index.ts';
import { PATTERNS, type Draft, type PatternName } from './draft.ts';
import { calendarOf, createNormalBehaviour, dayWeight } from './normal.ts';
import { createPatternInjector, PATTERN_SPAN_DAYS } from './patterns.ts';
import { drawKyc, type PartyProfile } from './kyc.ts';
import { buildPopulation, DAY_SECONDS, renderParty, renderPartyDetails, toAccount, type Population } from './population.ts';
import { createRandom } from './random.ts';
import { isVehiclePurchase, vehicleOf, type VehicleSale } from './vehicles.ts';

export const SynthOptionsSchema = z.object({
  seed: z.number().int('seed must be an integer').min(0).max(4_294_967_295),
  transactions: z.number().int('transactions must be an integer').min(100, 'at least 100 transactions').max(200_000_000),
  days: z.number().int().min(1).max(3_660).default(90),
  start: z.iso.date('start must be a date YYYY-MM-DD').default('2026-01-01'),
  /** No laundering at all: the clean population, to measure false-alert volume. */
  clean: z.boolean().default(false),
});
export type SynthOptions = z.infer<typeof SynthOptionsSchema>;
export type SynthOptionsInput = z.input<typeof SynthOptionsSchema>;

/** Ground truth: one row per transaction of an injected instance. */
export interface Label {
  transactionId: string;
  pattern: PatternName;
  instanceId: string;
}

/** Up to 8,192 transactions of one day, in time order; a day spans one or more batches. */
export interface CorridorBatch {
  date: string;
  transactions: Transaction[];
  labels: Label[];
}

export interface PlannedInstance {
  index: number;
  pattern: PatternName;
  startDay: number;
}

export interface Corridor {
  options: SynthOptions;
  institutions: Institution[];
  /** Instances planned per pattern (a few legs may fall outside a very short period). */
  plannedInstances: Record<PatternName, number>;
  /** Parties, re-rendered from their random streams on each iteration. */
  parties(): Iterable<Party>;
  /** Parties with their KYC files (address, activity, identity document, representative), in party order. */
  profiles(): Iterable<PartyProfile>;
  /** Party ids of the car dealers, whose vehicle sales `vehicleSale` describes. */
  dealerPartyIds: ReadonlySet<string>;
  /** The vehicle sold by a purchase from a dealer, or undefined for any other transaction. */
  vehicleSale(transaction: Transaction): VehicleSale | undefined;
  accounts(): Iterable<Account>;
  /** The transactions in time order, in batches within a day; every call starts again from the first day. */
  batches(): Iterable<CorridorBatch>;
  partyCount: number;
  accountCount: number;
}

/** Instances per pattern: about 29 at 200,000 transactions, at least one unless clean. */
export function instancesPerPattern(transactions: number, clean: boolean): number {
  return clean ? 0 : Math.max(1, Math.round(transactions / 7_000));
}

/** Day budgets that add up to exactly `total`, shaped by weekday and season. */
function dayBudgets(total: number, days: number, startSeconds: number): number[] {
  const weights = Array.from({ length: days }, (_, day) => dayWeight(calendarOf(startSeconds, day)));
  const sum = weights.reduce((a, b) => a + b, 0);
  const budgets: number[] = [];
  let cumulative = 0;
  let assigned = 0;
  for (const weight of weights) {
    cumulative += weight;
    const target = Math.round((total * cumulative) / sum);
    budgets.push(target - assigned);
    assigned = target;
  }
  return budgets;
}

const toIsoSeconds = (seconds: number): string => `${new Date(seconds * 1000).toISOString().slice(0, 19)}Z`;

let timesOfDay: string[] | undefined;
/** "hh:mm:ssZ" for every second of a day, built once: formatting dates is the hot path at 10 million rows. */
function timeOfDay(second: number): string {
  if (timesOfDay === undefined) {
    timesOfDay = new Array<string>(DAY_SECONDS);
    for (let s = 0; s < DAY_SECONDS; s++) {
      const hh = Math.floor(s / 3600);
      const mm = Math.floor((s % 3600) / 60);
      timesOfDay[s] = [hh < 10 ? '0' : '', hh, ':', mm < 10 ? '0' : '', mm, ':', s % 60 < 10 ? '0' : '', s % 60, 'Z'].join('');
    }
  }
  return timesOfDay[second]!;
}

const INDEX_BITS = 2 ** 25;
/** Transactions per batch: small enough that a consumer holding one batch stays light. */
const BATCH_LIMIT = 8_192;

/**
 * Generates a synthetic US–Mexico corridor. Deterministic: the same options give the same records.
 * @example
 * const corridor = generateCorridor({ seed: 7, transactions: 200_000 });
 * for (const batch of corridor.batches()) for (const transaction of batch.transactions) engine.process(transaction);
 */
export function generateCorridor(input: SynthOptionsInput): Corridor {
  const parsed = SynthOptionsSchema.safeParse(input);
  if (!parsed.success) throw new ValidationError('invalid synth options', fieldIssues(parsed.error));
  const options = parsed.data;
  const startSeconds = Date.parse(`${options.start}T00:00:00Z`) / 1000;
  const perPattern = instancesPerPattern(options.transactions, options.clean);

  const planRandom = createRandom(options.seed, 'plan');
  const plan: PlannedInstance[] = [];
  for (const pattern of PATTERNS) {
    for (let i = 0; i < perPattern; i++) {
      const latestStart = Math.max(0, options.days - PATTERN_SPAN_DAYS[pattern]);
      plan.push({ index: 0, pattern, startDay: planRandom.int(0, latestStart) });
    }
  }
  planRandom.shuffle(plan);
  plan.sort((a, b) => a.startDay - b.startDay);
  plan.forEach((instance, index) => {
    instance.index = index + 1;
  });

  const population = buildPopulation({
    seed: options.seed,
    transactions: options.transactions,
    days: options.days,
    startSeconds,
    launderingInstances: plan.length,
  });

  const dealerPartyIds: ReadonlySet<string> = new Set(population.carDealers.map((account) => account.party.id));
  const plannedInstances = Object.fromEntries(PATTERNS.map((pattern) => [pattern, perPattern])) as Record<PatternName, number>;
  return {
    options,
    institutions: population.institutions.map((record) => record.institution),
    plannedInstances,
    partyCount: population.parties.length,
    accountCount: population.accounts.length,
    *parties() {
      for (const party of population.parties) yield renderParty(population.seed, party, startSeconds);
    },
    *profiles() {
      for (const record of population.parties) {
        const { party, female } = renderPartyDetails(population.seed, record, startSeconds);
        yield { party, kyc: drawKyc(population.seed, record, party, female, startSeconds) };
      }
    },
    dealerPartyIds,
    vehicleSale(transaction) {
      if (!isVehiclePurchase(transaction, dealerPartyIds)) return undefined;
      return { transactionId: transaction.id, dealerPartyId: transaction.beneficiary.partyId!, buyerPartyId: transaction.originator.partyId ?? '', ...vehicleOf(options.seed, transaction) };
    },
    *accounts() {
      for (const account of population.accounts) yield toAccount(account);
    },
    batches: () => generateBatches(population, options, plan, startSeconds),
  };
}

function* generateBatches(population: Population, options: SynthOptions, plan: PlannedInstance[], startSeconds: number): Generator<CorridorBatch> {
  const { seed, days } = options;
  const normal = createNormalBehaviour(population);
  const injector = createPatternInjector(population);
  const budgets = dayBudgets(options.transactions, days, startSeconds);
  const plansByDay = new Map<number, PlannedInstance[]>();
  for (const instance of plan) {
    const list = plansByDay.get(instance.startDay);
    if (list === undefined) plansByDay.set(instance.startDay, [instance]);
    else list.push(instance);
  }
  const pending = new Map<number, Draft[]>();
  const schedule = (draft: Draft): void => {
    const day = Math.floor((draft.at - startSeconds) / DAY_SECONDS);
    if (day < 0 || day >= days) return;
    const list = pending.get(day);
    if (list === undefined) pending.set(day, [draft]);
    else list.push(draft);
  };
  let sequence = 0;
  let deficit = 0;

  for (let day = 0; day < days; day++) {
    for (const instance of plansByDay.get(day) ?? []) {
      const tag = (draft: Draft): void => {
        draft.pattern = instance.pattern;
        draft.instance = instance.index;
        schedule(draft);
      };
      injector.inject(instance.pattern, day, createRandom(seed, 'instance', instance.index), tag);
    }
    const random = createRandom(seed, 'day', day);
    normal.scheduled(day, random, schedule);
    const today = pending.get(day) ?? [];
    pending.delete(day);

    let fillerCount = budgets[day]! - today.length - deficit;
    if (fillerCount < 0) {
      deficit = -fillerCount;
      fillerCount = 0;
    } else deficit = 0;
    const wanted = today.length + fillerCount;
    for (let attempt = 0; attempt < 4 && today.length < wanted; attempt++) {
      normal.filler(day, wanted - today.length, random, (draft) => {
        today.push(draft);
      });
    }
    // Sort by time, ties in emission order: numeric keys (second of day, index) sort natively.
    const dayStart = startSeconds + day * DAY_SECONDS;
    const keys = new Float64Array(today.length);
    for (let i = 0; i < today.length; i++) keys[i] = (today[i]!.at - dayStart) * INDEX_BITS + i;
    keys.sort();

    const date = toIsoSeconds(dayStart).slice(0, 10);
    const datePrefix = `${date}T`;
    const compactDate = date.replaceAll('-', '');
    let transactions: Transaction[] = [];
    let labels: Label[] = [];
    let wires = 0;
    for (let i = 0; i < today.length; i++) {
      if (transactions.length === BATCH_LIMIT) {
        yield { date, transactions, labels };
        transactions = [];
        labels = [];
      }
      const draft = today[keys[i]! % INDEX_BITS]!;
      sequence++;
      const id = `T${String(sequence).padStart(10, '0')}`;
      const transaction: Transaction = {
        id,
        time: datePrefix + timeOfDay(draft.at - dayStart),
        amountMinor: draft.amountMinor,
        currency: draft.currency,
        channel: draft.channel,
        originator: draft.originator,
        beneficiary: draft.beneficiary,
      };
      // Wires travel in ISO 20022 messages of up to 1,000 transfers per day.
      if (draft.channel === 'wire') transaction.messageId = `M${compactDate}${String(Math.floor(wires++ / 1000) + 1).padStart(3, '0')}`;
      if (draft.location !== undefined) transaction.location = draft.location;
      if (draft.purpose !== undefined) transaction.purpose = draft.purpose;
      if (draft.crypto !== undefined) transaction.crypto = draft.crypto;
      transactions.push(transaction);
      if (draft.pattern !== undefined && draft.instance !== undefined) {
        labels.push({ transactionId: id, pattern: draft.pattern, instanceId: `I${String(draft.instance).padStart(6, '0')}` });
      }
    }
    today.length = 0;
    if (transactions.length > 0) yield { date, transactions, labels };
  }
}
