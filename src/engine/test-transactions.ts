/**
 * Builders of small hand-made transaction sequences for the engine's tests.
 */
import type { Transaction } from '../domain/index.ts';

export type EndSpec = { account?: string; party?: string; country?: string; postalCode?: string };

export type TransactionSpec = {
  id: string;
  /** Hours after 2026-03-02T00:00:00Z. */
  hour: number;
  amount: number;
  currency?: string;
  channel: Transaction['channel'];
  from: EndSpec;
  to: EndSpec;
  location?: { country: string; postalCode?: string; branchId?: string };
};

const START = Date.parse('2026-03-02T00:00:00Z');

/** Builds a domain transaction from a compact spec (amount in major units). */
export function makeTransaction(spec: TransactionSpec): Transaction {
  const end = (e: EndSpec): Transaction['originator'] => {
    const result: Transaction['originator'] = { country: e.country ?? 'US' };
    if (e.account !== undefined) result.accountId = e.account;
    if (e.party !== undefined) result.partyId = e.party;
    if (e.postalCode !== undefined) result.postalCode = e.postalCode;
    return result;
  };
  const transaction: Transaction = {
    id: spec.id,
    time: new Date(START + spec.hour * 3600_000).toISOString(),
    amountMinor: Math.round(spec.amount * 100),
    currency: spec.currency ?? 'USD',
    channel: spec.channel,
    originator: end(spec.from),
    beneficiary: end(spec.to),
  };
  if (spec.location) transaction.location = spec.location;
  return transaction;
}
