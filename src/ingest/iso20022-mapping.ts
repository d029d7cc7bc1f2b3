import { bicCountry, toMinorUnits, TransactionSchema, type Transaction } from '../domain/index.ts';
import type { FieldIssue } from '../errors.ts';
import { childAt, childrenNamed, textAt, type CapturedElement } from './captured-element.ts';

export type MessageKind = 'pacs.008' | 'pain.001';

/** Everything one credit transfer is read from: its own element plus the blocks above it. */
export type CreditTransferContext = {
  kind: MessageKind;
  groupHeader: CapturedElement | undefined;
  /** Element path of the group header, e.g. `/Document/FIToFICstmrCdtTrf/GrpHdr`. */
  groupHeaderPath: string;
  /** pain.001 only: the PmtInf block (debtor, debtor account and agent, execution date). */
  paymentInformation?: CapturedElement | undefined;
  paymentInformationPath?: string | undefined;
  transaction: CapturedElement;
  /** Element path of the transaction, e.g. `/Document/FIToFICstmrCdtTrf/CdtTrfTxInf[3]`. */
  transactionPath: string;
  /** Offset applied to date-times that carry no zone (e.g. `-06:00`); without it they are not used. */
  localTimeOffset?: string | undefined;
};

export type MappingResult = { ok: true; transaction: Transaction } | { ok: false; issues: FieldIssue[] };

const NOT_PROVIDED = 'NOTPROVIDED';
const MAX_PURPOSE = 500;
const DATE_TIME_WITH_ZONE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
const DATE_TIME_WITHOUT_ZONE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const COUNTRY = /^[A-Z]{2}$/;

/** A value and the element path it came from, so a later schema problem names the element. */
type Sourced = { value: string; path: string };

function usable(text: string | undefined): text is string {
  return text !== undefined && text !== '' && text.toUpperCase() !== NOT_PROVIDED;
}

function pick(element: CapturedElement | undefined, basePath: string, paths: readonly string[]): Sourced | undefined {
  for (const path of paths) {
    const value = textAt(element, path);
    if (usable(value)) return { value, path: `${basePath}/${path}` };
  }
  return undefined;
}

function mapTime(context: CreditTransferContext, issues: FieldIssue[]): Sourced | undefined {
  const { transaction, transactionPath, groupHeader, groupHeaderPath, paymentInformation, paymentInformationPath } = context;
  const dateTimes: Array<Sourced | undefined> = [
    pick(transaction, transactionPath, ['AccptncDtTm']),
    pick(groupHeader, groupHeaderPath, ['CreDtTm']),
  ];
  const dates: Array<Sourced | undefined> = [
    pick(transaction, transactionPath, ['IntrBkSttlmDt']),
    pick(groupHeader, groupHeaderPath, ['IntrBkSttlmDt']),
    pick(paymentInformation, paymentInformationPath ?? '', ['ReqdExctnDt/DtTm', 'ReqdExctnDt/Dt', 'ReqdExctnDt']),
  ];
  let zoneless: Sourced | undefined;
  for (const candidate of dateTimes) {
    if (candidate === undefined) continue;
    if (DATE_TIME_WITH_ZONE.test(candidate.value)) return candidate;
    if (DATE_TIME_WITHOUT_ZONE.test(candidate.value)) {
      if (context.localTimeOffset !== undefined) return { value: candidate.value + context.localTimeOffset, path: candidate.path };
      zoneless ??= candidate;
      continue;
    }
    issues.push({ field: candidate.path, reason: `'${candidate.value}' is not an ISO 8601 date-time` });
    return undefined;
  }
  for (const candidate of dates) {
    if (candidate === undefined) continue;
    // A ReqdExctnDt/DtTm (pain.001 v09+) is a date-time; the other date elements are dates.
    if (DATE_TIME_WITH_ZONE.test(candidate.value)) return candidate;
    if (DATE.test(candidate.value)) return { value: `${candidate.value}T00:00:00Z`, path: candidate.path };
    issues.push({ field: candidate.path, reason: `'${candidate.value}' is not an ISO 8601 date` });
    return undefined;
  }
  if (zoneless !== undefined) {
    issues.push({
      field: zoneless.path,
      reason: `'${zoneless.value}' has no time zone and the transaction has no settlement or execution date; set a local time offset to read it`,
    });
  } else {
    issues.push({ field: `${groupHeaderPath}/CreDtTm`, reason: 'is missing, and the transaction has no acceptance, settlement or execution date' });
  }
  return undefined;
}

function mapId(context: CreditTransferContext, issues: FieldIssue[]): Sourced | undefined {
  const id = pick(context.transaction, context.transactionPath, ['PmtId/EndToEndId', 'PmtId/UETR', 'PmtId/TxId', 'PmtId/InstrId']);
  if (id === undefined) {
    const endToEnd = textAt(context.transaction, 'PmtId/EndToEndId');
    issues.push({
      field: `${context.transactionPath}/PmtId/EndToEndId`,
      reason: `${endToEnd === undefined ? 'is missing' : `is '${endToEnd}'`} and there is no UETR, TxId or InstrId to identify the transaction`,
    });
  }
  return id;
}

type Amount = { amountMinor: number; currency: string; path: string };

function mapAmount(context: CreditTransferContext, issues: FieldIssue[]): Amount | undefined {
  const { transaction, transactionPath } = context;
  const relative = context.kind === 'pacs.008' ? ['IntrBkSttlmAmt'] : ['Amt/InstdAmt', 'Amt/EqvtAmt/Amt'];
  for (const path of relative) {
    const element = childAt(transaction, path);
    if (element === undefined) continue;
    const elementPath = `${transactionPath}/${path}`;
    const currency = element.attributes['Ccy'];
    if (currency === undefined || !/^[A-Z]{3}$/.test(currency)) {
      issues.push({ field: `${elementPath}/@Ccy`, reason: currency === undefined ? 'is missing' : `'${currency}' is not a three-letter ISO 4217 code` });
      return undefined;
    }
    const amountMinor = toMinorUnits(element.text, currency);
    if (amountMinor === null) {
      issues.push({ field: elementPath, reason: `'${element.text}' is not a decimal amount with the decimal places of ${currency}` });
      return undefined;
    }
    return { amountMinor, currency, path: elementPath };
  }
  issues.push({ field: `${transactionPath}/${relative[0]}`, reason: 'is missing' });
  return undefined;
}

type EndSources = Partial<Record<'partyId' | 'name' | 'accountId' | 'institutionId' | 'country' | 'postalCode', Sourced>>;

function mapEnd(
  role: 'Dbtr' | 'Cdtr',
  party: CapturedElement | undefined,
  partyPath: string,
  account: CapturedElement | undefined,
  accountPath: string,
  agent: CapturedElement | undefined,
  agentPath: string,
  issues: FieldIssue[],
): EndSources {
  const sources: EndSources = {};
  const set = (key: keyof EndSources, value: Sourced | undefined) => {
    if (value !== undefined) sources[key] = value;
  };
  if (party === undefined) {
    issues.push({ field: partyPath, reason: 'is missing' });
    return sources;
  }
  set('name', pick(party, partyPath, ['Nm']));
  set('postalCode', pick(party, partyPath, ['PstlAdr/PstCd']));
  set('partyId', pick(party, partyPath, ['Id/OrgId/AnyBIC', 'Id/OrgId/BICOrBEI', 'Id/OrgId/LEI', 'Id/OrgId/Othr/Id', 'Id/PrvtId/Othr/Id']));
  set('accountId', pick(account, accountPath, ['Id/IBAN', 'Id/Othr/Id']));
  const bic = pick(agent, agentPath, ['FinInstnId/BICFI', 'FinInstnId/BIC']);
  set('institutionId', bic ?? pick(agent, agentPath, ['FinInstnId/ClrSysMmbId/MmbId', 'FinInstnId/LEI', 'FinInstnId/Othr/Id']));
  const country =
    pick(party, partyPath, ['PstlAdr/Ctry', 'CtryOfRes']) ??
    (bic !== undefined && COUNTRY.test(bicCountry(bic.value)) ? { value: bicCountry(bic.value), path: bic.path } : undefined) ??
    pick(agent, agentPath, ['FinInstnId/PstlAdr/Ctry']) ??
    (textAt(agent, 'FinInstnId/ClrSysMmbId/ClrSysId/Cd') === 'USABA' ? { value: 'US', path: `${agentPath}/FinInstnId/ClrSysMmbId/ClrSysId/Cd` } : undefined);
  if (country === undefined) {
    issues.push({
      field: `${partyPath}/PstlAdr/Ctry`,
      reason: `is missing, and neither ${role}/CtryOfRes nor the ${role}Agt (BIC, postal address, USABA member) gives a country`,
    });
  }
  set('country', country);
  return sources;
}

function endValue(sources: EndSources): Record<string, string> {
  const end: Record<string, string> = {};
  for (const [key, sourced] of Object.entries(sources)) if (sourced !== undefined) end[key] = sourced.value;
  return end;
}

function mapPurpose(context: CreditTransferContext): Sourced | undefined {
  const { transaction, transactionPath } = context;
  const lines = childrenNamed(childAt(transaction, 'RmtInf'), 'Ustrd').map((line) => line.text).filter((text) => text !== '');
  if (lines.length > 0) {
    // Ustrd repeats up to 140 characters each; Frontera keeps the first 500 characters.
    return { value: lines.join(' ').slice(0, MAX_PURPOSE), path: `${transactionPath}/RmtInf/Ustrd` };
  }
  return pick(transaction, transactionPath, ['Purp/Cd', 'Purp/Prtry']);
}

/**
 * Maps one ISO 20022 credit transfer (pacs.008 CdtTrfTxInf, or pain.001 CdtTrfTxInf with its
 * PmtInf) to a domain Transaction, or to issues that name the XML element path and the reason.
 * Pure: no I/O, no clock.
 * @example
 * const result = mapCreditTransfer({ kind: 'pacs.008', groupHeader, groupHeaderPath: '/Document/FIToFICstmrCdtTrf/GrpHdr', transaction, transactionPath: '/Document/FIToFICstmrCdtTrf/CdtTrfTxInf[1]' });
 * if (!result.ok) console.log(result.issues[0].field); // '/Document/FIToFICstmrCdtTrf/CdtTrfTxInf[1]/IntrBkSttlmAmt'
 */
export function mapCreditTransfer(context: CreditTransferContext): MappingResult {
  const issues: FieldIssue[] = [];
  const { transaction, transactionPath } = context;
  const id = mapId(context, issues);
  const time = mapTime(context, issues);
  const amount = mapAmount(context, issues);
  const debtorBlock = context.kind === 'pain.001' ? context.paymentInformation : transaction;
  const debtorPath = context.kind === 'pain.001' ? (context.paymentInformationPath ?? '') : transactionPath;
  const originator = mapEnd(
    'Dbtr',
    childAt(debtorBlock, 'Dbtr'), `${debtorPath}/Dbtr`,
    childAt(debtorBlock, 'DbtrAcct'), `${debtorPath}/DbtrAcct`,
    childAt(debtorBlock, 'DbtrAgt'), `${debtorPath}/DbtrAgt`,
    issues,
  );
  const beneficiary = mapEnd(
    'Cdtr',
    childAt(transaction, 'Cdtr'), `${transactionPath}/Cdtr`,
    childAt(transaction, 'CdtrAcct'), `${transactionPath}/CdtrAcct`,
    childAt(transaction, 'CdtrAgt'), `${transactionPath}/CdtrAgt`,
    issues,
  );
  if (issues.length > 0) return { ok: false, issues };
  const messageId = pick(context.groupHeader, context.groupHeaderPath, ['MsgId']);
  const purpose = mapPurpose(context);
  const candidate = {
    id: id!.value,
    ...(messageId === undefined ? {} : { messageId: messageId.value }),
    time: time!.value,
    amountMinor: amount!.amountMinor,
    currency: amount!.currency,
    channel: 'wire',
    originator: endValue(originator),
    beneficiary: endValue(beneficiary),
    ...(purpose === undefined ? {} : { purpose: purpose.value }),
  };
  const parsed = TransactionSchema.safeParse(candidate);
  if (parsed.success) return { ok: true, transaction: parsed.data };
  // Name the element each schema problem came from, so the quarantine points into the document.
  const sourceOf: Record<string, string | undefined> = {
    id: id?.path,
    messageId: messageId?.path,
    time: time?.path,
    amountMinor: amount?.path,
    currency: amount === undefined ? undefined : `${amount.path}/@Ccy`,
    purpose: purpose?.path,
  };
  for (const [side, sources] of [['originator', originator], ['beneficiary', beneficiary]] as const) {
    for (const [key, sourced] of Object.entries(sources)) sourceOf[`${side}.${key}`] = sourced?.path;
  }
  return {
    ok: false,
    issues: parsed.error.issues.map((issue) => {
      const key = issue.path.map(String).join('.');
      return { field: sourceOf[key] ?? sourceOf[key.replace(/\.value$/, '')] ?? `${transactionPath} (${key})`, reason: issue.message };
    }),
  };
}
