/**
 * Hand-built transaction sequences for the typology-library tests: each case runs one built-in
 * typology alone through the engine and reports its alerts.
 */
import { createEngine } from '../src/engine/index.ts';
import type { Alert, Transaction } from '../src/domain/index.ts';
import { loadBuiltinTypologies, type CompiledTypology } from '../src/typologies/index.ts';

export type End = { account?: string; party?: string; country?: string; postalCode?: string };
export type Spec = {
  id: string;
  /** Hours after `start`. */
  hour: number;
  amount: number;
  currency?: string;
  channel: Transaction['channel'];
  from: End;
  to: End;
  location?: { country: string; postalCode?: string; branchId?: string };
};

let library: CompiledTypology[] | undefined;

export function builtin(id: string): CompiledTypology {
  library ??= loadBuiltinTypologies();
  const found = library.find((t) => t.id === id);
  if (!found) throw new Error(`no built-in typology ${id}`);
  return found;
}

export function transaction(spec: Spec, start = '2026-03-02T00:00:00Z'): Transaction {
  const end = (e: End): Transaction['originator'] => {
    const result: Transaction['originator'] = { country: e.country ?? 'US' };
    if (e.account !== undefined) result.accountId = e.account;
    if (e.party !== undefined) result.partyId = e.party;
    if (e.postalCode !== undefined) result.postalCode = e.postalCode;
    return result;
  };
  const built: Transaction = {
    id: spec.id,
    time: new Date(Date.parse(start) + spec.hour * 3_600_000).toISOString(),
    amountMinor: Math.round(spec.amount * 100),
    currency: spec.currency ?? 'USD',
    channel: spec.channel,
    originator: end(spec.from),
    beneficiary: end(spec.to),
  };
  if (spec.location) built.location = spec.location;
  return built;
}

/** Runs the typology alone over the transactions; returns its alerts (with later evidence merged). */
export function alertsOf(typologyId: string, specs: readonly Spec[], start?: string): Alert[] {
  const engine = createEngine({ typologies: [builtin(typologyId)] });
  const alerts = new Map<string, Alert>();
  for (const spec of specs) {
    const result = engine.process(transaction(spec, start));
    if (result.status === 'rejected') throw new Error(`${spec.id} rejected: ${JSON.stringify(result.issues)}`);
    if (result.errors.length > 0) throw new Error(`${spec.id}: evaluation error ${JSON.stringify(result.errors[0])}`);
    for (const alert of result.alerts) alerts.set(alert.id, alert);
    for (const update of result.updates) alerts.get(update.alertId)?.transactionIds.push(...update.transactionIds);
  }
  return [...alerts.values()];
}

export const fired = (alert: Alert | undefined): string[] => (alert?.explanation.rules ?? []).filter((rule) => rule.fired).map((rule) => rule.id);
