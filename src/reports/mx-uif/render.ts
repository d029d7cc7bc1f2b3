import { DEFAULT_RATES, formatMinorUnits, toUsdMinor, validateClabe, type RateTable, type Transaction } from '../../domain/index.ts';
import type { Case } from '../../cases/index.ts';
import type { FilerProfile } from '../profile.ts';
import { checkResult, type CheckResult, type ReportIssue } from '../issues.ts';
import { satUpper, yyyymmdd } from '../text.ts';
import { identifierOf, streetLine } from '../subject.ts';
import { UIF_FIELDS, UIF_TYPE_CODE, type UifReportKind } from './layout.ts';

/** Relevantes: cash operations of USD 7,500 or more (equivalent), per the CNBV provisions for banks. */
export const RELEVANT_CASH_THRESHOLD_USD_MINOR = 750_000;

/** Upper case, no accents (Ñ kept), no `;` or line breaks: the layout's text rules. */
export function uifText(value: string, max: number): string {
  return satUpper(value.replace(/[;\r\n\t]+/g, ' ')).slice(0, max).trim();
}

function isCash(transaction: Transaction): boolean {
  return transaction.channel === 'cash_deposit' || transaction.channel === 'cash_withdrawal';
}

/** The operations a report of this kind lists for a case. */
export function uifOperations(kase: Case, kind: UifReportKind, rates: RateTable = DEFAULT_RATES): Transaction[] {
  if (kind === 'relevante') return kase.transactions.filter((t) => isCash(t) && toUsdMinor(t.amountMinor, t.currency, rates) >= RELEVANT_CASH_THRESHOLD_USD_MINOR);
  return kase.transactions;
}

/**
 * The account number for field 10 (≤ 16 characters). A CLABE (18 digits) is bank (3), plaza (3),
 * account (11) and check digit: its 11-digit account part is the account number at the bank.
 */
export function uifAccountNumber(account: string): string {
  return /^\d{18}$/.test(account) && validateClabe(account) === null ? account.slice(6, 17) : account;
}

function accountOf(kase: Case, transaction: Transaction): string | undefined {
  const own = transaction.beneficiary.partyId === kase.subject.party.id ? transaction.beneficiary.accountId : transaction.originator.accountId;
  const account = own ?? kase.subject.accounts[0]?.accountNumber;
  return account === undefined ? undefined : uifAccountNumber(account);
}

/**
 * Everything a UIF bank report needs that the case or profile lacks.
 * @example checkUifCase(kase, profile, 'inusual').ok
 */
export function checkUifCase(kase: Case, profile: FilerProfile, kind: UifReportKind, rates: RateTable = DEFAULT_RATES): CheckResult {
  const issues: ReportIssue[] = [];
  if (!profile.mexico) issues.push({ field: 'profile.mexico', reason: 'the filer profile has no CASFIM key, supervisor, locality and branch', xsdPath: 'field 5 CLAVE DEL SUJETO OBLIGADO' });
  const operations = uifOperations(kase, kind, rates);
  if (operations.length === 0) issues.push({ field: 'transactions', reason: kind === 'relevante' ? 'the case has no cash operation of USD 7,500 or more' : 'the case has no operation to report', xsdPath: 'field 11 MONTO' });
  const subject = kase.subject;
  const party = subject.party;
  if (!subject.economicActivityCode) issues.push({ field: 'subject.economicActivityCode', reason: 'the 7-digit economic activity of the client is missing', xsdPath: 'field 28 ACTIVIDAD ECONOMICA' });
  if (!subject.address) issues.push({ field: 'subject.address', reason: 'the client’s address is missing', xsdPath: 'field 24 DOMICILIO' });
  else if (subject.address.country === 'MX' && !subject.address.cnbvLocalityCode) issues.push({ field: 'subject.address.cnbvLocalityCode', reason: 'the CNBV locality code of the client’s city is missing', xsdPath: 'field 26 CIUDAD O POBLACION' });
  const birth = party.type === 'person' ? party.birthDate : party.incorporationDate;
  if (!identifierOf(party, 'rfc') && !identifierOf(party, 'curp') && !birth) issues.push({ field: 'subject.party.identifiers', reason: 'at least one of RFC, CURP and date of birth or incorporation is required', xsdPath: 'fields 21-23' });
  for (const transaction of operations) {
    const account = accountOf(kase, transaction);
    if (!account) issues.push({ field: `transactions.${transaction.id}`, reason: 'no account or contract number for the operation', xsdPath: 'field 10 NUMERO DE CUENTA' });
    else if (account.length > 16) issues.push({ field: `transactions.${transaction.id}`, reason: `account ${account} is longer than 16 characters`, xsdPath: 'field 10 NUMERO DE CUENTA' });
  }
  if (kind !== 'relevante') {
    if (!(kase.narrative.es ?? '').trim()) issues.push({ field: 'narrative.es', reason: 'the Spanish description of the operation is empty', xsdPath: 'field 40 DESCRIPCION DE LA OPERACION' });
    if (!kase.committeeDecisionAt) issues.push({ field: 'committeeDecisionAt', reason: 'the Comité de Comunicación y Control has not recorded its decision', xsdPath: 'field 2 PERIODO DEL REPORTE' });
  }
  return checkResult(issues);
}

function operationType(kase: Case, transaction: Transaction): string {
  // 01 depósito when the client receives, 02 retiro when the client pays out.
  return transaction.beneficiary.partyId === kase.subject.party.id || transaction.channel === 'cash_deposit' ? '01' : '02';
}

function instrument(transaction: Transaction): string {
  if (isCash(transaction)) return '01';
  if (transaction.channel === 'check') return '10';
  if (['wire', 'spei', 'ach', 'remittance', 'trade_payment'].includes(transaction.channel)) return '03';
  return '00';
}

function reasonsText(kase: Case): string {
  const flags = kase.typologyHints.map((h) => h.redFlag?.es).filter((t): t is string => Boolean(t));
  const alerts = kase.alerts.map((a) => `${a.typologyId}: ${a.explanation.summary}`);
  return [...flags, ...alerts].join(' ') || (kase.narrative.es ?? '');
}

/** The period of a relevantes file: AAAAMM of the last month of the quarter of `date`. */
export function quarterPeriod(date: string): string {
  const month = Number(date.slice(5, 7));
  return `${date.slice(0, 4)}${String(Math.ceil(month / 3) * 3).padStart(2, '0')}`;
}

/**
 * Renders a UIF report file for checked cases (see `layout.ts` for the field list and sources).
 * `period` is any date of the quarter for relevantes, the report date for the others.
 * @example const { fileName, content } = renderUifReport('inusual', [kase], profile, { period: '2026-03-04' });
 */
export function renderUifReport(kind: UifReportKind, cases: readonly Case[], profile: FilerProfile, options: { period: string; rates?: RateTable }): { fileName: string; content: string; folios: Array<{ caseId: string; folio: string }> } {
  const mexico = profile.mexico!;
  const rates = options.rates ?? DEFAULT_RATES;
  const period = kind === 'relevante' ? quarterPeriod(options.period) : yyyymmdd(options.period);
  const lines: string[] = [];
  const folios: Array<{ caseId: string; folio: string }> = [];
  let folio = 0;
  for (const kase of cases) {
    const subject = kase.subject;
    const party = subject.party;
    const person = party.type === 'person' ? party : null;
    const description = uifText(kase.narrative.es ?? '', 4000);
    const reasons = uifText(reasonsText(kase), 4000);
    for (const transaction of uifOperations(kase, kind, rates)) {
      folio++;
      const folioText = String(folio).padStart(6, '0');
      folios.push({ caseId: kase.id, folio: folioText });
      const address = subject.address!;
      const street = [streetLine(address), address.postalCode].filter(Boolean).join(' ');
      const values: Record<number, string> = {
        1: UIF_TYPE_CODE[kind],
        2: period,
        3: folioText,
        4: mexico.supervisorKey,
        5: mexico.casfimKey,
        6: mexico.localityCode,
        7: mexico.branchCode,
        8: operationType(kase, transaction),
        9: instrument(transaction),
        10: uifText(accountOf(kase, transaction)!, 16),
        11: formatMinorUnits(transaction.amountMinor, transaction.currency),
        12: transaction.currency,
        13: yyyymmdd(transaction.time),
        14: kind === 'relevante' ? '' : yyyymmdd(kase.detectedAt),
        15: person?.nationality ?? party.country,
        16: person ? '1' : '2',
        17: person ? '' : uifText(party.type === 'company' ? party.legalName : '', 125),
        18: person ? uifText(person.name.given, 60) : '',
        19: person ? uifText(person.name.paternal, 60) || 'XXXX' : '',
        20: person ? uifText(person.name.maternal ?? '', 30) || 'XXXX' : '',
        21: (identifierOf(party, 'rfc') ?? '').toUpperCase(),
        22: person ? (identifierOf(party, 'curp') ?? '').toUpperCase() : '',
        23: (() => {
          const date = person ? person.birthDate : party.type === 'company' ? party.incorporationDate : undefined;
          return date ? yyyymmdd(date) : '';
        })(),
        24: uifText(street, 60),
        25: uifText(address.colonia ?? '', 30),
        // The CNBV localidad catalogue codes Mexican localities; a client domiciled abroad is
        // reported with the locality of the reporting branch (field 6) and the foreign address in field 24.
        26: address.cnbvLocalityCode ?? mexico.localityCode,
        27: uifText((subject.phone ?? '').replace(/[^\d/]/g, ''), 40),
        28: subject.economicActivityCode!,
        34: kind === 'relevante' ? '' : '00',
        40: kind === 'relevante' ? '' : description,
        41: kind === 'relevante' ? '' : reasons,
      };
      lines.push(UIF_FIELDS.map((f) => values[f.number] ?? '').join(';'));
    }
  }
  if (lines.length === 0 && kind === 'relevante') {
    // A quarter with no relevant operation is still reported: one record with fields 1, 2, 4 and 5.
    lines.push(UIF_FIELDS.map((f) => ({ 1: '1', 2: period, 3: '000000', 4: mexico.supervisorKey, 5: mexico.casfimKey } as Record<number, string>)[f.number] ?? '').join(';'));
  }
  const fileName = `${UIF_TYPE_CODE[kind]}${mexico.casfimKey}${period.slice(2)}.${mexico.supervisorKey.slice(-3)}`;
  return { fileName, content: `${lines.join('\n')}\n`, folios };
}
