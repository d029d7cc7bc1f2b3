/**
 * Transaction drafts: what the normal-behaviour and pattern generators produce before the
 * generator sorts a day, assigns identifiers and turns them into domain transactions. The pattern
 * name and instance stay on the draft and go only to the ground-truth labels.
 */
import type { Channel, TransactionEnd } from '../domain/index.ts';
import type { Place } from './catalog.ts';
import type { Random } from './random.ts';
import type { InstitutionRecord } from './population.ts';
import { DAY_SECONDS } from './population.ts';

export const PATTERNS = [
  'structuring_ctr', 'structuring_mx', 'funnel_account', 'fan_in', 'fan_out', 'cycle', 'scatter_gather', 'gather_scatter',
  'bipartite', 'stack', 'rapid_pass_through', 'tbml_mirror', 'bulk_cash', 'crypto_cash_out',
] as const;
export type PatternName = (typeof PATTERNS)[number];

export interface Location {
  country: string;
  postalCode?: string;
  branchId?: string;
}

export interface CryptoDetails {
  chain: string;
  address: string;
  asset?: string;
  assetAmount?: string;
}

export interface Draft {
  /** Epoch seconds (UTC). */
  at: number;
  amountMinor: number;
  currency: string;
  channel: Channel;
  originator: TransactionEnd;
  beneficiary: TransactionEnd;
  location?: Location;
  purpose?: string;
  crypto?: CryptoDetails;
  /** Ground truth only: never copied onto the transaction. */
  pattern?: PatternName;
  instance?: number;
}

/** Exchange rate used to size peso amounts (the same table as `DEFAULT_RATES`). */
export const MXN_PER_USD = 18.5;

/** UTC seconds for a local hour (may be fractional) on a day of the period, in a place's zone. */
export function localTime(startSeconds: number, day: number, place: Place, localHour: number): number {
  return startSeconds + day * DAY_SECONDS + Math.round((localHour + place.utcOffsetHours) * 3600);
}

/**
 * Same as `localTime` but folded into the UTC day, so a normal event generated for day `d` is
 * always emitted with day `d` (evening hours west of UTC wrap to the small hours of that UTC day).
 */
export function localTimeWithinDay(startSeconds: number, day: number, place: Place, localHour: number): number {
  const seconds = Math.round((localHour + place.utcOffsetHours) * 3600) % DAY_SECONDS;
  return startSeconds + day * DAY_SECONDS + seconds;
}

/** Branch hours, mostly late morning and early afternoon. */
export function branchHour(random: Random): number {
  return random.chance(0.6) ? random.between(10, 14) : random.between(9, 17);
}

/** Business hours for transfers. */
export function officeHour(random: Random): number {
  return random.chance(0.7) ? random.between(9, 13) : random.between(8, 18.5);
}

/** Retail hours with lunch and evening peaks. */
export function retailHour(random: Random): number {
  const r = random.next();
  if (r < 0.3) return random.between(12, 14.5);
  if (r < 0.6) return random.between(17.5, 21.5);
  return random.between(8, 22.5);
}

/** Amounts: rounded the way people handle cash and transfers. */
export function roundTo(minor: number, step: number): number {
  return Math.max(step, Math.round(minor / step) * step);
}

/** A cash amount in dollars: mostly whole hundreds or tens, sometimes with cents. */
export function cashLike(random: Random, minor: number): number {
  const r = random.next();
  if (r < 0.55) return roundTo(minor, 10_000);
  if (r < 0.85) return roundTo(minor, 1_000);
  return Math.max(1, Math.round(minor));
}

/** A branch of an institution at a place, as a transaction location. */
export function branch(institution: InstitutionRecord, place: Place, random: Random, atm = false): Location {
  const postalCode = random.pick(place.postalCodes);
  const number = random.int(1, place.postalCodes.length > 3 ? 2 : 3);
  return {
    country: place.country,
    postalCode,
    branchId: `${institution.institution.id}-${atm ? 'ATM' : 'BR'}-${postalCode}-${number}`,
  };
}
