/**
 * The demo's data: a synthetic corridor held in memory, split into a history loaded at start-up
 * and a tail fed in live, plus the party register that describes case subjects.
 */
import { CaseSubjectSchema, type CaseSubject } from '../cases/index.ts';
import type { Account, Alert, Institution, Party, Transaction } from '../domain/index.ts';
import { generateCorridor, type Label } from '../synth/index.ts';

export type DemoCorridor = {
  history: Transaction[];
  live: Transaction[];
  labels: Label[];
  parties: Map<string, Party>;
  accounts: Map<string, Account>;
  institutions: Map<string, Institution>;
};

/**
 * @example const demo = prepareDemoCorridor({ seed: 7, transactions: 30_000, days: 60, liveShare: 0.1 });
 */
export function prepareDemoCorridor(options: { seed: number; transactions: number; days: number; liveShare: number }): DemoCorridor {
  const corridor = generateCorridor({ seed: options.seed, transactions: options.transactions, days: options.days });
  const all: Transaction[] = [];
  const labels: Label[] = [];
  for (const batch of corridor.batches()) {
    all.push(...batch.transactions);
    labels.push(...batch.labels);
  }
  const split = Math.floor(all.length * (1 - options.liveShare));
  return {
    history: all.slice(0, split),
    live: all.slice(split),
    labels,
    parties: new Map([...corridor.parties()].map((party) => [party.id, party])),
    accounts: new Map([...corridor.accounts()].map((account) => [account.id, account])),
    institutions: new Map(corridor.institutions.map((institution) => [institution.id, institution])),
  };
}

/**
 * Describes the subject of a case from the demo's party register: the alert's account → its
 * holder, with the holder's accounts (CLABE for Mexican ones) and phone. Null when unknown.
 */
export function resolveDemoSubject(demo: Pick<DemoCorridor, 'parties' | 'accounts' | 'institutions'>, alerts: readonly Alert[]): CaseSubject | null {
  const alert = alerts[0];
  if (!alert) return null;
  const account = demo.accounts.get(alert.subjectKey);
  const party = demo.parties.get(alert.partyId ?? account?.partyId ?? alert.subjectKey);
  if (!party) return null;
  const holderAccounts = [...demo.accounts.values()].filter((candidate) => candidate.partyId === party.id);
  const phone = party.identifiers.find((identifier) => identifier.kind === 'phone')?.value.replace(/\D/g, '').slice(-16);
  return CaseSubjectSchema.parse({
    party,
    relationship: 'customer',
    ...(phone ? { phone } : {}),
    accounts: holderAccounts.slice(0, 10).map((held) => ({
      accountNumber: held.id.slice(0, 40),
      ...(held.clabe ? { clabe: held.clabe } : {}),
      ...(demo.institutions.get(held.institutionId) ? { institutionName: demo.institutions.get(held.institutionId)!.name.slice(0, 150) } : {}),
      ...(held.openedAt ? { openedAt: held.openedAt } : {}),
      closed: false,
    })),
  });
}
