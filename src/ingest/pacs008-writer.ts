import { formatMinorUnits, validateAba, validateBic, validateClabe, type Transaction, type TransactionEnd } from '../domain/index.ts';
import { ValidationError, type FieldIssue } from '../errors.ts';
import { buildXml, type XmlNode } from '../xml/index.ts';

export type Pacs008Version = '08' | '09' | '10';
export type SettlementMethod = 'CLRG' | 'INDA' | 'INGA' | 'COVE';
export type ChargeBearer = 'SLEV' | 'SHAR' | 'DEBT' | 'CRED';

export type RenderPacs008Options = {
  /** Message version: pacs.008.001.08 (Fedwire, CBPR+), .09 or .10. */
  version: Pacs008Version;
  /** GrpHdr/MsgId, at most 35 characters. Every transaction read back carries it as `messageId`. */
  messageId: string;
  /** GrpHdr/CreDtTm, an ISO 8601 date-time with a zone. */
  createdAt: string;
  /** GrpHdr/SttlmInf/SttlmMtd; default CLRG (settled through a clearing system). */
  settlementMethod?: SettlementMethod;
  /** GrpHdr/SttlmInf/ClrSys/Cd, e.g. `FDW` for Fedwire Funds; left out when absent. */
  clearingSystem?: string;
  /** CdtTrfTxInf/ChrgBr for every transaction; default SLEV. */
  chargeBearer?: ChargeBearer;
};

/** ISO 20022 text limits that are tighter than the domain model's. */
const MAX35 = 35;
const MAX34 = 34;
const MAX140 = 140;
const IBAN_SHAPE = /^[A-Z]{2}[0-9]{2}[A-Za-z0-9]{1,30}$/;
const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
/** The agent of an end we know nothing about: ISO 20022 requires the element, and the reader treats this as absent. */
export const NOT_PROVIDED = 'NOTPROVIDED';

/** IBAN check (ISO 13616): move the first four characters to the end, letters to numbers, mod 97 = 1. */
export function isValidIban(value: string): boolean {
  if (!IBAN_SHAPE.test(value)) return false;
  const rearranged = (value.slice(4) + value.slice(0, 4)).toUpperCase();
  let remainder = 0;
  for (const character of rearranged) {
    const code = character.charCodeAt(0);
    const digits = code >= 65 ? String(code - 55) : character;
    for (const digit of digits) remainder = (remainder * 10 + Number(digit)) % 97;
  }
  return remainder === 1;
}

/**
 * Lists why a transaction cannot be written to pacs.008 without losing or changing data;
 * empty when it can. Field names are the domain's (`originator.accountId`).
 * @example pacs008Problems({ ...tx, channel: 'cash_deposit' }) // [{ field: 'channel', reason: … }]
 */
export function pacs008Problems(transaction: Transaction): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const tooLong = (field: string, value: string | undefined, limit: number, element: string) => {
    if (value !== undefined && value.length > limit) issues.push({ field, reason: `is ${value.length} characters; ${element} allows at most ${limit}` });
  };
  if (transaction.channel !== 'wire') issues.push({ field: 'channel', reason: `is ${transaction.channel}; pacs.008 carries credit transfers, read back as channel wire` });
  if (transaction.location !== undefined) issues.push({ field: 'location', reason: 'a cash location has no place in pacs.008' });
  if (transaction.crypto !== undefined) issues.push({ field: 'crypto', reason: 'crypto details have no place in pacs.008' });
  if (!ISO_DATE_TIME.test(transaction.time)) issues.push({ field: 'time', reason: 'must be YYYY-MM-DDThh:mm:ss with a zone for AccptncDtTm' });
  tooLong('id', transaction.id, MAX35, 'EndToEndId');
  if (transaction.id === NOT_PROVIDED) issues.push({ field: 'id', reason: `${NOT_PROVIDED} is reserved for an absent EndToEndId` });
  for (const side of ['originator', 'beneficiary'] as const) {
    const end = transaction[side];
    tooLong(`${side}.name`, end.name, MAX140, 'Nm');
    tooLong(`${side}.partyId`, end.partyId, MAX35, 'Id/OrgId/Othr/Id');
    if (end.accountId !== undefined && !isValidIban(end.accountId)) tooLong(`${side}.accountId`, end.accountId, MAX34, 'Acct/Id/Othr/Id');
    tooLong(`${side}.institutionId`, end.institutionId, MAX35, 'FinInstnId/Othr/Id');
    if (end.institutionId === NOT_PROVIDED) issues.push({ field: `${side}.institutionId`, reason: `${NOT_PROVIDED} is reserved for an absent agent` });
  }
  return issues;
}

function party(end: TransactionEnd): XmlNode {
  return {
    Nm: end.name,
    PstlAdr: { PstCd: end.postalCode, Ctry: end.country },
    Id: end.partyId === undefined ? undefined : { OrgId: { Othr: { Id: end.partyId, SchmeNm: { Cd: 'CUST' } } } },
  };
}

function account(accountId: string | undefined): XmlNode | undefined {
  if (accountId === undefined) return undefined;
  if (isValidIban(accountId)) return { Id: { IBAN: accountId } };
  // An 18-digit account with a valid CLABE check digit is named as such for the receiving side.
  const scheme = validateClabe(accountId) === null ? { SchmeNm: { Prtry: 'CLABE' } } : {};
  return { Id: { Othr: { Id: accountId, ...scheme } } };
}

/** BIC → BICFI; ABA routing number → USABA member id; Mexican bank code → SPEI member id; else Othr. */
function agent(institutionId: string | undefined): XmlNode {
  if (institutionId === undefined) return { FinInstnId: { Othr: { Id: NOT_PROVIDED } } };
  if (validateBic(institutionId) === null) return { FinInstnId: { BICFI: institutionId } };
  if (validateAba(institutionId) === null) return { FinInstnId: { ClrSysMmbId: { ClrSysId: { Cd: 'USABA' }, MmbId: institutionId } } };
  if (/^\d{3}$/.test(institutionId)) return { FinInstnId: { ClrSysMmbId: { ClrSysId: { Prtry: 'SPEI' }, MmbId: institutionId } } };
  return { FinInstnId: { Othr: { Id: institutionId } } };
}

/** Splits remittance text into Max140Text lines at spaces, so the reader's space-join restores it. */
export function splitRemittance(text: string): string[] {
  const lines: string[] = [];
  let rest = text;
  while (rest.length > MAX140) {
    const cut = rest.lastIndexOf(' ', MAX140);
    if (cut <= 0) {
      lines.push(rest.slice(0, MAX140));
      rest = rest.slice(MAX140);
    } else {
      lines.push(rest.slice(0, cut));
      rest = rest.slice(cut + 1);
    }
  }
  if (rest.length > 0) lines.push(rest);
  return lines;
}

function creditTransfer(transaction: Transaction, chargeBearer: ChargeBearer): XmlNode {
  return {
    PmtId: { EndToEndId: transaction.id },
    IntrBkSttlmAmt: { '@_Ccy': transaction.currency, '#text': formatMinorUnits(transaction.amountMinor, transaction.currency) },
    IntrBkSttlmDt: transaction.time.slice(0, 10),
    AccptncDtTm: transaction.time,
    ChrgBr: chargeBearer,
    Dbtr: party(transaction.originator),
    DbtrAcct: account(transaction.originator.accountId),
    DbtrAgt: agent(transaction.originator.institutionId),
    CdtrAgt: agent(transaction.beneficiary.institutionId),
    Cdtr: party(transaction.beneficiary),
    CdtrAcct: account(transaction.beneficiary.accountId),
    RmtInf: transaction.purpose === undefined || transaction.purpose === '' ? undefined : { Ustrd: splitRemittance(transaction.purpose) },
  };
}

/**
 * Renders transactions as one pacs.008 FI-to-FI customer credit transfer message that validates
 * against the official ISO 20022 XSD of the version, and that `readTransactions(…, { format:
 * 'iso20022' })` reads back to the same transactions (with `messageId` = `options.messageId`).
 * Throws a ValidationError naming every transaction that pacs.008 cannot carry unchanged
 * (see `pacs008Problems`).
 * @example
 * const xml = renderPacs008(wires, { version: '08', messageId: 'FRONTERA-0001', createdAt: '2026-03-02T15:00:00Z' });
 */
export function renderPacs008(transactions: readonly Transaction[], options: RenderPacs008Options): string {
  const issues: FieldIssue[] = [];
  if (options.messageId.length === 0 || options.messageId.length > MAX35) issues.push({ field: 'messageId', reason: 'must be 1 to 35 characters (Max35Text)' });
  if (!ISO_DATE_TIME.test(options.createdAt)) issues.push({ field: 'createdAt', reason: 'must be an ISO 8601 date-time with seconds and a zone' });
  if (transactions.length === 0) issues.push({ field: 'transactions', reason: 'a pacs.008 message needs at least one transaction' });
  transactions.forEach((transaction, index) => {
    for (const issue of pacs008Problems(transaction)) issues.push({ field: `transactions[${index}].${issue.field}`, reason: issue.reason });
  });
  if (issues.length > 0) throw new ValidationError(`cannot render pacs.008: ${issues.length} problem(s)`, issues);
  const chargeBearer = options.chargeBearer ?? 'SLEV';
  return buildXml({
    Document: {
      '@_xmlns': `urn:iso:std:iso:20022:tech:xsd:pacs.008.001.${options.version}`,
      FIToFICstmrCdtTrf: {
        GrpHdr: {
          MsgId: options.messageId,
          CreDtTm: options.createdAt,
          NbOfTxs: String(transactions.length),
          SttlmInf: {
            SttlmMtd: options.settlementMethod ?? 'CLRG',
            ClrSys: options.clearingSystem === undefined ? undefined : { Cd: options.clearingSystem },
          },
        },
        CdtTrfTxInf: transactions.map((transaction) => creditTransfer(transaction, chargeBearer)),
      },
    },
  });
}
