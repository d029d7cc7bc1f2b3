import { CaseSubjectSchema, type CaseSubject } from '../cases/index.ts';
import type { Alert, Transaction, TransactionEnd } from '../domain/index.ts';

const COMPANY_MARKERS = /\b(S\.?A\.?( de C\.?V\.?)?|S\. de R\.L\.|S\.A\.P\.I\.|LLC|Inc\.?|Corp\.?|Ltd\.?|LP|S\.C\.|A\.C\.)$/i;

/**
 * Describes a case subject from the transactions alone, for when no party register is wired in:
 * the end of the trigger transaction whose account or party is the alert's subject, with its
 * postal code. Names of Mexican parties follow the given-names + paternal + maternal surname
 * convention. The KYC file (address, activity, identity documents) comes only from a register:
 * see `ApiServices.resolveSubject` and the demo's `resolveDemoSubject`.
 * @example fallbackSubject([alert], transactions).party.type === 'person'
 */
export function fallbackSubject(alerts: readonly Alert[], transactions: readonly Transaction[]): CaseSubject {
  const alert = alerts[0]!;
  const key = alert.partyId ?? alert.subjectKey;
  const matches = (end: TransactionEnd) => end.accountId === alert.subjectKey || end.partyId === key || end.accountId === key;
  let end: TransactionEnd | undefined;
  for (const tx of transactions) {
    if (matches(tx.originator)) end = tx.originator;
    else if (matches(tx.beneficiary)) end = tx.beneficiary;
    if (end) break;
  }
  const country = end?.country ?? 'US';
  const name = (end?.name ?? key).trim();
  const id = end?.partyId ?? key;
  const accounts = end?.accountId ? [{ accountNumber: end.accountId.slice(0, 40), closed: false }] : [];
  // Without a party register the postal code on the transaction is all the address there is.
  const postalCode = end?.postalCode ? { postalCode: end.postalCode } : {};
  if (COMPANY_MARKERS.test(name)) {
    return CaseSubjectSchema.parse({ party: { type: 'company', id, legalName: name.slice(0, 200), country, ...postalCode }, relationship: 'customer', accounts });
  }
  const tokens = name.split(/\s+/).filter(Boolean);
  let given = tokens[0] ?? name;
  let paternal = tokens.length > 1 ? tokens[tokens.length - 1]! : name;
  let maternal: string | undefined;
  if (country === 'MX' && tokens.length >= 3) {
    given = tokens.slice(0, -2).join(' ');
    paternal = tokens[tokens.length - 2]!;
    maternal = tokens[tokens.length - 1]!;
  } else if (tokens.length > 1) {
    given = tokens.slice(0, -1).join(' ');
  }
  return CaseSubjectSchema.parse({
    party: { type: 'person', id, name: { given, paternal, ...(maternal ? { maternal } : {}) }, country, ...postalCode },
    relationship: 'customer',
    accounts,
  });
}
