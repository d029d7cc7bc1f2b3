import { Parser, type CsvError } from 'csv-parse';
import { currencyExponent, toMinorUnits, TransactionSchema, type Transaction } from '../domain/index.ts';
import { ValidationError, type FieldIssue } from '../errors.ts';
import { CsvRecordSplitter } from './record-splitter.ts';
import { resolveLimits, truncateRaw, type IngestRecord, type ReadOptions } from './types.ts';

/** The transactions.csv columns of docs/data-format.md. */
export const TRANSACTION_CSV_COLUMNS = [
  'id', 'message_id', 'time', 'amount', 'currency', 'channel',
  'originator_party_id', 'originator_name', 'originator_account_id', 'originator_institution_id', 'originator_country', 'originator_postal_code',
  'beneficiary_party_id', 'beneficiary_name', 'beneficiary_account_id', 'beneficiary_institution_id', 'beneficiary_country', 'beneficiary_postal_code',
  'location_country', 'location_postal_code', 'location_branch_id',
  'purpose',
  'crypto_chain', 'crypto_address', 'crypto_asset', 'crypto_asset_amount',
] as const;
type Column = (typeof TRANSACTION_CSV_COLUMNS)[number];
export const REQUIRED_CSV_COLUMNS: readonly Column[] = ['id', 'time', 'amount', 'currency', 'channel', 'originator_country', 'beneficiary_country'];

/** Column positions from the header; -1 for a column the file does not have. */
type ColumnIndex = Record<Column, number>;

/** Schema field path → CSV column, so a schema problem names the column the user wrote. */
function columnOf(path: string): string {
  if (path === 'amountMinor') return 'amount';
  return path.replace(/\./g, '_').replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);
}

function reasonOf(message: string): string {
  return /received undefined/.test(message) ? 'is required' : message;
}

function quoteField(field: string): string {
  return /[",\r\n]/.test(field) ? `"${field.replace(/"/g, '""')}"` : field;
}

/**
 * Turns one CSV row into a Transaction, or into issues named by CSV column. Pure.
 * @example rowToTransaction(['t1', '2026-03-02T14:05:00Z', …], columnIndex)
 */
function rowToTransaction(fields: readonly string[], index: ColumnIndex): { ok: true; transaction: Transaction } | { ok: false; issues: FieldIssue[] } {
  const get = (column: Column): string | undefined => {
    const position = index[column];
    if (position < 0) return undefined;
    const value = fields[position];
    return value === undefined || value === '' ? undefined : value;
  };
  const issues: FieldIssue[] = [];
  const currency = get('currency');
  const amountText = get('amount');
  let amountMinor: number | undefined;
  if (amountText === undefined) issues.push({ field: 'amount', reason: 'is required' });
  else if (currency !== undefined && /^[A-Z]{3}$/.test(currency)) {
    const parsed = toMinorUnits(amountText, currency);
    if (parsed === null) issues.push({ field: 'amount', reason: `'${amountText}' is not a decimal amount with at most ${currencyExponent(currency)} decimal places for ${currency}` });
    else amountMinor = parsed;
  }
  const end = (side: 'originator' | 'beneficiary') => {
    const result: Record<string, string> = {};
    const put = (key: string, column: Column) => {
      const value = get(column);
      if (value !== undefined) result[key] = value;
    };
    put('partyId', `${side}_party_id`);
    put('name', `${side}_name`);
    put('accountId', `${side}_account_id`);
    put('institutionId', `${side}_institution_id`);
    put('country', `${side}_country`);
    put('postalCode', `${side}_postal_code`);
    return result;
  };
  const candidate: Record<string, unknown> = {
    id: get('id'),
    time: get('time'),
    amountMinor: amountMinor ?? 1,
    currency,
    channel: get('channel'),
    originator: end('originator'),
    beneficiary: end('beneficiary'),
  };
  const messageId = get('message_id');
  if (messageId !== undefined) candidate['messageId'] = messageId;
  const purpose = get('purpose');
  if (purpose !== undefined) candidate['purpose'] = purpose;
  const locationCountry = get('location_country');
  const locationPostalCode = get('location_postal_code');
  const locationBranchId = get('location_branch_id');
  if (locationCountry !== undefined || locationPostalCode !== undefined || locationBranchId !== undefined) {
    candidate['location'] = {
      country: locationCountry,
      ...(locationPostalCode === undefined ? {} : { postalCode: locationPostalCode }),
      ...(locationBranchId === undefined ? {} : { branchId: locationBranchId }),
    };
  }
  const chain = get('crypto_chain');
  const address = get('crypto_address');
  const asset = get('crypto_asset');
  const assetAmount = get('crypto_asset_amount');
  if (chain !== undefined || address !== undefined || asset !== undefined || assetAmount !== undefined) {
    candidate['crypto'] = {
      chain,
      address,
      ...(asset === undefined ? {} : { asset }),
      ...(assetAmount === undefined ? {} : { assetAmount }),
    };
  }
  const parsed = TransactionSchema.safeParse(candidate);
  if (parsed.success && issues.length === 0) return { ok: true, transaction: parsed.data };
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = issue.path.length === 0 ? 'row' : columnOf(issue.path.map(String).join('.'));
      // An amount that did not parse is already reported; its placeholder must not add a second issue.
      if (field === 'amount' && amountMinor === undefined) continue;
      issues.push({ field, reason: reasonOf(issue.message) });
    }
  }
  return { ok: false, issues };
}

/** csv-parse's stream, with each record handed over synchronously together with its line number. */
class LineNumberedParser extends Parser {
  onRecord: (fields: string[], line: number) => void = () => {};

  override push(chunk: unknown): boolean {
    if (chunk === null) return super.push(null);
    this.onRecord(chunk as string[], this.info.lines);
    return true;
  }
}

/**
 * Reads transactions.csv (docs/data-format.md) with the csv-parse stream: header-driven, unknown
 * columns ignored, a missing required column is a ValidationError naming it, and each bad row is
 * quarantined with its line number, the CSV column and the reason while the rest go on. Rows
 * larger than `maxRecordBytes` are cut out before parsing and quarantined.
 * @example for await (const batch of readCsvBatches(fs.createReadStream('tx.csv'), { format: 'csv', sourceName: 'tx.csv' })) …
 */
export async function* readCsvBatches(input: AsyncIterable<Buffer | Uint8Array | string>, options: ReadOptions): AsyncGenerator<IngestRecord[]> {
  const { maxRecordBytes, maxRawChars } = resolveLimits(options);
  const source = options.sourceName;
  let out: IngestRecord[] = [];
  let columnIndex: ColumnIndex | undefined;
  let headerLength = 0;
  let failure: Error | undefined;
  const quarantine = (line: number, issues: FieldIssue[], raw: string) => {
    out.push({ ok: false, quarantined: { source, location: `line ${line}`, issues, raw: truncateRaw(raw, maxRawChars) } });
  };
  const parser = new LineNumberedParser({
    bom: true,
    skip_empty_lines: true,
    // Rows of the wrong length are quarantined below with a clearer reason.
    relax_column_count: true,
    skip_records_with_error: true,
    on_skip: (error: CsvError | undefined) => {
      if (error === undefined) return;
      const line = typeof error.lines === 'number' ? error.lines : 0;
      quarantine(line, [{ field: 'row', reason: error.message }], '');
    },
  });
  parser.onRecord = (fields, endLine) => {
    if (columnIndex === undefined) {
      const names = fields.map((name) => name.trim());
      const missing = REQUIRED_CSV_COLUMNS.filter((column) => !names.includes(column));
      if (missing.length > 0) {
        failure = new ValidationError(
          `${source}: missing required column${missing.length > 1 ? 's' : ''} ${missing.join(', ')}`,
          missing.map((column) => ({ field: column, reason: 'required column is missing from the header' })),
          { source },
        );
        return;
      }
      const duplicated = TRANSACTION_CSV_COLUMNS.filter((column) => names.indexOf(column) !== names.lastIndexOf(column));
      if (duplicated.length > 0) {
        failure = new ValidationError(`${source}: column ${duplicated.join(', ')} appears more than once`, duplicated.map((column) => ({ field: column, reason: 'column appears more than once' })), { source });
        return;
      }
      columnIndex = Object.fromEntries(TRANSACTION_CSV_COLUMNS.map((column) => [column, names.indexOf(column)])) as ColumnIndex;
      headerLength = fields.length;
      return;
    }
    // A quoted field may span lines; the record starts that many lines before its last one.
    let line = endLine;
    for (const field of fields) if (field.includes('\n')) line -= field.split('\n').length - 1;
    if (fields.length !== headerLength) {
      quarantine(line, [{ field: 'row', reason: `has ${fields.length} fields; the header has ${headerLength}` }], fields.map(quoteField).join(','));
      return;
    }
    const result = rowToTransaction(fields, columnIndex);
    if (result.ok) out.push({ ok: true, transaction: result.transaction, location: `line ${line}` });
    else quarantine(line, result.issues, fields.map(quoteField).join(','));
  };
  parser.on('error', (error) => {
    failure ??= new ValidationError(`${source}: CSV cannot be read: ${error.message}`, [{ field: 'document', reason: error.message }], { source });
  });
  parser.resume();
  const ended = new Promise<void>((resolve) => {
    parser.once('end', resolve);
    parser.once('error', () => resolve());
  });

  const splitter = new CsvRecordSplitter(maxRecordBytes, maxRawChars);
  const take = (step: { pass: Buffer; oversized: Array<{ line: number; bytes: number; head: string }> }) => {
    if (step.pass.length > 0) parser.write(step.pass);
    for (const record of step.oversized) {
      if (columnIndex === undefined) {
        failure ??= new ValidationError(`${source}: the header row is larger than the limit of ${maxRecordBytes} bytes`, [{ field: 'header', reason: `larger than ${maxRecordBytes} bytes` }], { source });
        return;
      }
      quarantine(record.line, [{ field: 'row', reason: `row is ${record.bytes} bytes, larger than the limit of ${maxRecordBytes}` }], record.head);
    }
  };
  // An oversized row is reported after the parsed rows of the same chunk, so a batch can be
  // slightly out of file order; each record carries its line number.
  for await (const chunk of input) {
    take(splitter.push(typeof chunk === 'string' ? Buffer.from(chunk) : Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength)));
    if (failure !== undefined) throw failure;
    if (out.length > 0) {
      yield out;
      out = [];
    }
  }
  take(splitter.end());
  parser.end();
  await ended;
  if (failure !== undefined) throw failure;
  if (columnIndex === undefined) throw new ValidationError(`${source}: the CSV has no header row`, [{ field: 'header', reason: 'is missing' }], { source });
  if (out.length > 0) yield out;
}
