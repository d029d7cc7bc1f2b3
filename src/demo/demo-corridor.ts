/**
 * The demo's data: a synthetic corridor held in memory, split into a history loaded at start-up
 * and a tail fed in live, plus the party register (with each party's KYC file) that describes
 * case subjects, and the vehicle sales behind the payments to car dealers.
 */
import { CaseSubjectSchema, type CaseSubject, type VulnerableActivity } from '../cases/index.ts';
import type { Account, Alert, Institution, Party, Transaction } from '../domain/index.ts';
import { vehicleSaleOperation } from '../reports/index.ts';
import { generateCorridor, type Label, type PartyKyc, type VehicleSale } from '../synth/index.ts';

export type DemoCorridor = {
  history: Transaction[];
  live: Transaction[];
  labels: Label[];
  parties: Map<string, Party>;
  /** KYC files by party id: address, economic activity, identity document, representative. */
  kyc: Map<string, PartyKyc>;
  accounts: Map<string, Account>;
  institutions: Map<string, Institution>;
  /** Vehicle sales by transaction id (payments to car dealers with a vehicle purpose text). */
  vehicleSales: Map<string, VehicleSale>;
};

/**
 * @example const demo = prepareDemoCorridor({ seed: 7, transactions: 30_000, days: 60, liveShare: 0.1 });
 */
export function prepareDemoCorridor(options: { seed: number; transactions: number; days: number; liveShare: number }): DemoCorridor {
  const corridor = generateCorridor({ seed: options.seed, transactions: options.transactions, days: options.days });
  const all: Transaction[] = [];
  const labels: Label[] = [];
  const vehicleSales = new Map<string, VehicleSale>();
  for (const batch of corridor.batches()) {
    all.push(...batch.transactions);
    labels.push(...batch.labels);
    for (const transaction of batch.transactions) {
      const sale = corridor.vehicleSale(transaction);
      if (sale) vehicleSales.set(transaction.id, sale);
    }
  }
  const split = Math.floor(all.length * (1 - options.liveShare));
  const parties = new Map<string, Party>();
  const kyc = new Map<string, PartyKyc>();
  for (const profile of corridor.profiles()) {
    parties.set(profile.party.id, profile.party);
    kyc.set(profile.party.id, profile.kyc);
  }
  return {
    history: all.slice(0, split),
    live: all.slice(split),
    labels,
    parties,
    kyc,
    accounts: new Map([...corridor.accounts()].map((account) => [account.id, account])),
    institutions: new Map(corridor.institutions.map((institution) => [institution.id, institution])),
    vehicleSales,
  };
}

/**
 * A case subject from a party and its KYC file: address (with colonia and locality code in
 * Mexico), phone, sex, 7-digit economic activity, the identity document seen at onboarding, the
 * legal representative of a company, and the party's accounts (CLABE for Mexican ones).
 * @example subjectFromParty(party, kyc, accounts, institutions).address?.colonia
 */
export function subjectFromParty(party: Party, kyc: PartyKyc | undefined, accounts: readonly Account[], institutions: ReadonlyMap<string, Institution>): CaseSubject {
  const phone = party.identifiers.find((identifier) => identifier.kind === 'phone')?.value.replace(/\D/g, '').slice(-16);
  const address = kyc?.address;
  const document = kyc?.identityDocument;
  const representative = kyc?.representative;
  return CaseSubjectSchema.parse({
    party,
    relationship: 'customer',
    ...(phone ? { phone } : {}),
    ...(kyc?.gender ? { gender: kyc.gender } : {}),
    ...(kyc ? { economicActivityCode: kyc.economicActivity.code } : {}),
    ...(address
      ? {
          address: {
            street: address.street,
            number: address.number,
            ...(address.colonia ? { colonia: address.colonia } : {}),
            city: address.city,
            state: address.state,
            postalCode: address.postalCode,
            country: address.country,
            ...(address.localityCode ? { cnbvLocalityCode: address.localityCode } : {}),
          },
        }
      : {}),
    identityDocuments: document ? [{ type: document.type, number: document.number, issueDate: document.issueDate, expiryDate: document.expiryDate, issueCountry: document.issueCountry, issuedBy: document.issuedBy }] : [],
    ...(representative
      ? {
          representative: {
            given: representative.given,
            paternal: representative.paternal,
            ...(representative.maternal ? { maternal: representative.maternal } : {}),
            birthDate: representative.birthDate,
            ...(representative.rfc ? { rfc: representative.rfc } : {}),
            ...(representative.curp ? { curp: representative.curp } : {}),
          },
        }
      : {}),
    accounts: accounts.slice(0, 10).map((held) => ({
      accountNumber: held.id.slice(0, 40),
      ...(held.clabe ? { clabe: held.clabe } : {}),
      ...(institutions.get(held.institutionId) ? { institutionName: institutions.get(held.institutionId)!.name.slice(0, 150) } : {}),
      ...(held.openedAt ? { openedAt: held.openedAt } : {}),
      closed: false,
    })),
  });
}

/**
 * The vehicle sale a subject paid for among a case's transactions, as the operation of a SAT
 * VEH notice (the dealer's postal code, the vehicle, the payment); undefined when none.
 * @example demoVehicleOperation(demo, subject, kase.transactions)?.vehicles[0]?.vin
 */
export function demoVehicleOperation(demo: Pick<DemoCorridor, 'vehicleSales'>, subject: CaseSubject, transactions: readonly Transaction[]): VulnerableActivity | undefined {
  for (const transaction of transactions) {
    const sale = demo.vehicleSales.get(transaction.id);
    if (sale && sale.buyerPartyId === subject.party.id) return vehicleSaleOperation(transaction, sale);
  }
  return undefined;
}

/**
 * Describes the subject of a case from the demo's party register: the alert's account → its
 * holder, with the holder's KYC file and accounts (see `subjectFromParty`). Null when unknown.
 */
export function resolveDemoSubject(demo: Pick<DemoCorridor, 'parties' | 'accounts' | 'institutions'> & Partial<Pick<DemoCorridor, 'kyc'>>, alerts: readonly Alert[]): CaseSubject | null {
  const alert = alerts[0];
  if (!alert) return null;
  return resolveDemoSubjectKey(demo, alert.partyId ?? alert.subjectKey);
}

/**
 * The case subject for a subject key: a party id, or an account id resolved to its holder.
 * @example resolveDemoSubjectKey(demo, 'P00000257')?.address?.city
 */
export function resolveDemoSubjectKey(demo: Pick<DemoCorridor, 'parties' | 'accounts' | 'institutions'> & Partial<Pick<DemoCorridor, 'kyc'>>, subjectKey: string): CaseSubject | null {
  const party = demo.parties.get(subjectKey) ?? demo.parties.get(demo.accounts.get(subjectKey)?.partyId ?? '');
  if (!party) return null;
  const holderAccounts = [...demo.accounts.values()].filter((candidate) => candidate.partyId === party.id);
  return subjectFromParty(party, demo.kyc?.get(party.id), holderAccounts, demo.institutions);
}
