/**
 * The UIF's acknowledgement (acuse) of a report file submitted through SITI PLD/FT, read back so
 * that the reception folio and any per-record observation or rejection land on the filed cases.
 *
 * The UIF publishes no machine-readable acuse layout that could be read for this work. SITI's
 * "Seguimiento" screen lists a submission as CASFIM, PERIODO, FOLIO, NOMBRE ENTIDAD, OBLIGACIÓN,
 * ESTADO, FECHA (as shown by compliance consultancies helping entities with SITI incidents), and
 * the validators written against the bank layout report problems per record folio. Frontera
 * accepts that content as a `;`-separated text file, one header and any number of record lines:
 *
 *   A;<file name>;<CASFIM key, 6 digits>;<period AAAAMM|AAAAMMDD>;<reception folio>;<status>;<date AAAAMMDD[HHMMSS]>
 *   R;<record folio, 6 digits>;<status>;<field>;<description>
 *
 * File status: ACEPTADO, ACEPTADO CON OBSERVACIONES or RECHAZADO. Record status: ACEPTADO,
 * OBSERVACION or RECHAZADO. Lines that do not follow the layout are quarantined with their line
 * number and reason; they never stop the other lines from being applied.
 */

export type UifAcknowledgementStatus = 'accepted' | 'accepted_with_warnings' | 'rejected';

export type UifAcknowledgement = {
  fileName: string;
  casfimKey: string;
  period: string;
  receptionFolio: string;
  status: UifAcknowledgementStatus;
  /** ISO date (or date-time, UTC as written) of the reception. */
  receivedAt: string;
  records: Array<{ folio: string; status: UifAcknowledgementStatus; field: string; description: string; line: number }>;
};

export type QuarantinedLine = { line: number; text: string; reason: string };

export type UifAcknowledgementParse =
  | { ok: true; value: UifAcknowledgement; quarantined: QuarantinedLine[] }
  | { ok: false; quarantined: QuarantinedLine[] };

const FILE_STATUS: Record<string, UifAcknowledgementStatus> = { ACEPTADO: 'accepted', 'ACEPTADO CON OBSERVACIONES': 'accepted_with_warnings', RECHAZADO: 'rejected' };
const RECORD_STATUS: Record<string, UifAcknowledgementStatus> = { ACEPTADO: 'accepted', OBSERVACION: 'accepted_with_warnings', RECHAZADO: 'rejected' };
const MAX_LINES = 100_000;
const MAX_LINE_CHARACTERS = 5_000;

/** Upper case without accents: SITI writes OBSERVACIÓN and OBSERVACION alike. */
const plain = (text: string) => text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toUpperCase().trim();

function receptionDate(text: string): string | null {
  const match = /^(\d{4})(\d{2})(\d{2})(?:(\d{2})(\d{2})(\d{2}))?$/.exec(text);
  if (!match) return null;
  const [, year, month, day, hour, minute, second] = match;
  const iso = hour === undefined ? `${year}-${month}-${day}` : `${year}-${month}-${day}T${hour}:${minute}:${second}Z`;
  const parsed = new Date(hour === undefined ? `${iso}T00:00:00Z` : iso);
  if (Number.isNaN(parsed.getTime()) || parsed.toISOString().slice(0, 10) !== `${year}-${month}-${day}`) return null;
  return iso;
}

/**
 * Reads an acuse file (layout above). The header must be valid; bad record lines are quarantined.
 * @example parseUifAcknowledgement('A;2013005260305.002;013005;20260305;R-2026-000123;ACEPTADO;20260306\n').ok === true
 */
export function parseUifAcknowledgement(content: string): UifAcknowledgementParse {
  const quarantined: QuarantinedLine[] = [];
  const lines = content.replace(/^\uFEFF/, '').split(/\r?\n/);
  if (lines.length > MAX_LINES) return { ok: false, quarantined: [{ line: 0, text: '', reason: `the file has ${lines.length} lines; at most ${MAX_LINES} are read` }] };
  let header: Omit<UifAcknowledgement, 'records'> | undefined;
  const records: UifAcknowledgement['records'] = [];
  const seenFolios = new Set<string>();
  lines.forEach((raw, index) => {
    const line = index + 1;
    if (raw.trim() === '') return;
    const text = raw.length > 200 ? `${raw.slice(0, 200)}…` : raw;
    const reject = (reason: string) => quarantined.push({ line, text, reason });
    if (raw.length > MAX_LINE_CHARACTERS) return reject(`line is ${raw.length} characters; at most ${MAX_LINE_CHARACTERS}`);
    const fields = raw.split(';').map((field) => field.trim());
    const kind = fields[0];
    if (kind === 'A') {
      if (header) return reject('a second header (A) line; the acuse describes one file');
      if (fields.length !== 7) return reject(`header has ${fields.length} fields; expected 7 (A;file;CASFIM;period;reception folio;status;date)`);
      const [, fileName, casfimKey, period, receptionFolio, statusText, dateText] = fields as [string, string, string, string, string, string, string];
      if (fileName === '' || fileName.length > 64) return reject('file name must be 1–64 characters');
      if (!/^\d{6}$/.test(casfimKey)) return reject(`CASFIM key '${casfimKey}' must be 6 digits`);
      if (!/^\d{6}(\d{2})?$/.test(period)) return reject(`period '${period}' must be AAAAMM or AAAAMMDD`);
      if (!/^[A-Z0-9-]{1,40}$/i.test(receptionFolio)) return reject(`reception folio '${receptionFolio}' must be 1–40 letters, digits or hyphens`);
      const status = FILE_STATUS[plain(statusText)];
      if (!status) return reject(`file status '${statusText}' is not ACEPTADO, ACEPTADO CON OBSERVACIONES or RECHAZADO`);
      const receivedAt = receptionDate(dateText);
      if (!receivedAt) return reject(`date '${dateText}' is not a valid AAAAMMDD or AAAAMMDDHHMMSS`);
      header = { fileName, casfimKey, period, receptionFolio: receptionFolio.toUpperCase(), status, receivedAt };
      return;
    }
    if (kind === 'R') {
      if (fields.length !== 5) return reject(`record line has ${fields.length} fields; expected 5 (R;folio;status;field;description)`);
      const [, folio, statusText, field, description] = fields as [string, string, string, string, string];
      if (!/^\d{6}$/.test(folio) || folio === '000000') return reject(`record folio '${folio}' must be 6 digits from 000001`);
      const status = RECORD_STATUS[plain(statusText)];
      if (!status) return reject(`record status '${statusText}' is not ACEPTADO, OBSERVACION or RECHAZADO`);
      if (status !== 'accepted' && description === '') return reject(`an ${plain(statusText)} record needs a description`);
      if (status === 'accepted' && seenFolios.has(folio)) return reject(`folio ${folio} is acknowledged as accepted twice`);
      seenFolios.add(folio);
      records.push({ folio, status, field: field.slice(0, 100), description: description.slice(0, 1000), line });
      return;
    }
    reject(`unknown record type '${(kind ?? '').slice(0, 10)}'; lines start with A (file) or R (record)`);
  });
  if (!header) return { ok: false, quarantined: [...quarantined, { line: 0, text: '', reason: 'no valid header (A) line: not a UIF acuse' }] };
  return { ok: true, value: { ...header, records }, quarantined };
}

const RANK: Record<UifAcknowledgementStatus, number> = { accepted: 0, accepted_with_warnings: 1, rejected: 2 };

/**
 * What the acuse says about each case of the file: the reception folio, the worst status of the
 * file and of the case's records, and their messages. A case's records are those from its first
 * folio (its filing's `batchReference`) up to the next case's first folio, the order in which
 * `renderUifReport` numbers them. Record folios that belong to no case are returned apart.
 * @example uifAcknowledgementsByCase(ack, [{ caseId: 'C-1', batchReference: '000001' }])[0]?.regulatorFilingId
 */
export function uifAcknowledgementsByCase(
  ack: UifAcknowledgement,
  filings: ReadonlyArray<{ caseId: string; batchReference: string }>,
): { cases: Array<{ caseId: string; batchReference: string; regulatorFilingId: string; status: UifAcknowledgementStatus; messages: string[] }>; unmatched: UifAcknowledgement['records'] } {
  const ordered = [...filings].filter((filing) => /^\d{6}$/.test(filing.batchReference)).sort((a, b) => a.batchReference.localeCompare(b.batchReference));
  const owner = (folio: string) => {
    let found: (typeof ordered)[number] | undefined;
    for (const filing of ordered) if (filing.batchReference <= folio) found = filing;
    return found;
  };
  const unmatched: UifAcknowledgement['records'] = [];
  const byCase = new Map(ordered.map((filing) => [filing.caseId, { caseId: filing.caseId, batchReference: filing.batchReference, regulatorFilingId: ack.receptionFolio, status: ack.status, messages: [] as string[] }]));
  for (const record of ack.records) {
    const filing = owner(record.folio);
    if (!filing) {
      unmatched.push(record);
      continue;
    }
    const entry = byCase.get(filing.caseId)!;
    if (RANK[record.status] > RANK[entry.status]) entry.status = record.status;
    if (record.status !== 'accepted') entry.messages.push(`folio ${record.folio}${record.field ? ` ${record.field}` : ''}: ${record.description}`);
  }
  return { cases: [...byCase.values()], unmatched };
}
