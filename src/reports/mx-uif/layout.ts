/**
 * Mexico: the record layout banks use for the UIF reports of operaciones relevantes (tipo 1),
 * inusuales (tipo 2) and internas preocupantes (tipo 3), filed through the CNBV (SITI PLD/FT).
 *
 * Legal basis: art. 115 of the Ley de Instituciones de Crédito and the CNBV "Disposiciones de
 * carácter general a que se refiere el artículo 115 de la Ley de Instituciones de Crédito"
 * (the official "Formato oficial" / instructivo de llenado of the reports). The official layout
 * document could not be read in full; this field list follows the research note
 * `shared/reference/mx-uif-bank-reports.md` (section 3, the 41-field variant used by regulated
 * entities), which compiles it from implementations and validators written against the layout
 * and tags each field's confidence. Where that note marks a rule uncertain ([U]) the choice made
 * here is written next to the field. Check against the current instructivo before filing for real.
 *
 * File: plain text, one operation per line, fields separated by `;`, no header, upper case,
 * no `;` or line breaks inside data, LF line ends. Name: T + clave CASFIM (6) + period
 * (YYMM relevantes, YYMMDD others) + `.` + last 3 digits of the órgano supervisor key.
 */

export type UifReportKind = 'relevante' | 'inusual' | 'interna-preocupante';
export const UIF_TYPE_CODE: Record<UifReportKind, '1' | '2' | '3'> = { relevante: '1', inusual: '2', 'interna-preocupante': '3' };

/** required: must have a value; optional: may be empty; empty: must be empty. */
type Use = 'required' | 'optional' | 'empty';

export type UifField = {
  number: number;
  name: string;
  /** A alphanumeric, N numeric (digits), M amount (14 integer digits, point, 2 decimals), D date. */
  type: 'A' | 'N' | 'M' | 'D6' | 'D8';
  max: number;
  fixed?: boolean;
  relevante: Use;
  inusualPreocupante: Use;
  /** Confidence tag of the research note: C2 two sources agree, C1 one source, U uncertain. */
  confidence: 'C2' | 'C1' | 'U';
  note?: string;
};

export const UIF_FIELDS: readonly UifField[] = [
  { number: 1, name: 'TIPO DE REPORTE', type: 'A', max: 1, fixed: true, relevante: 'required', inusualPreocupante: 'required', confidence: 'C2', note: '1 relevante, 2 inusual, 3 interna preocupante' },
  { number: 2, name: 'PERIODO DEL REPORTE', type: 'D6', max: 8, relevante: 'required', inusualPreocupante: 'required', confidence: 'C2', note: 'relevantes AAAAMM of the quarter’s last month; others AAAAMMDD (here: the date of the file, [U])' },
  { number: 3, name: 'FOLIO', type: 'N', max: 6, fixed: true, relevante: 'required', inusualPreocupante: 'required', confidence: 'C2', note: 'from 000001 per file, +1 per principal operation' },
  { number: 4, name: 'ORGANO SUPERVISOR', type: 'N', max: 6, fixed: true, relevante: 'required', inusualPreocupante: 'required', confidence: 'C2', note: 'CNBV = 001002' },
  { number: 5, name: 'CLAVE DEL SUJETO OBLIGADO', type: 'N', max: 6, fixed: true, relevante: 'required', inusualPreocupante: 'required', confidence: 'C2', note: 'CASFIM clave without hyphen' },
  { number: 6, name: 'LOCALIDAD', type: 'N', max: 8, fixed: true, relevante: 'required', inusualPreocupante: 'required', confidence: 'C2', note: 'CNBV localidad of the branch' },
  { number: 7, name: 'SUCURSAL', type: 'A', max: 8, relevante: 'required', inusualPreocupante: 'required', confidence: 'U', note: 'branch key (or branch postal code)' },
  { number: 8, name: 'TIPO DE OPERACION', type: 'N', max: 2, fixed: true, relevante: 'required', inusualPreocupante: 'required', confidence: 'C2', note: '01 depósito, 02 retiro, 08 otorgamiento de crédito …' },
  { number: 9, name: 'INSTRUMENTO MONETARIO', type: 'N', max: 2, fixed: true, relevante: 'required', inusualPreocupante: 'required', confidence: 'C2', note: '01 efectivo, 03 transferencia, 10 cheques, 00 se desconoce' },
  { number: 10, name: 'NUMERO DE CUENTA', type: 'A', max: 16, relevante: 'required', inusualPreocupante: 'required', confidence: 'C2' },
  { number: 11, name: 'MONTO', type: 'M', max: 17, relevante: 'required', inusualPreocupante: 'required', confidence: 'C2' },
  { number: 12, name: 'MONEDA', type: 'A', max: 3, relevante: 'required', inusualPreocupante: 'required', confidence: 'U', note: 'sources conflict (numeric 1/2 vs three-letter); Frontera writes the three-letter catalogue form (MXN, USD, EUR)' },
  { number: 13, name: 'FECHA DE LA OPERACION', type: 'D8', max: 8, relevante: 'required', inusualPreocupante: 'required', confidence: 'C2' },
  { number: 14, name: 'FECHA DE DETECCION DE LA OPERACION', type: 'D8', max: 8, relevante: 'empty', inusualPreocupante: 'required', confidence: 'C2' },
  { number: 15, name: 'NACIONALIDAD', type: 'A', max: 2, relevante: 'required', inusualPreocupante: 'required', confidence: 'U', note: 'country code form (MX), the form banks most likely use' },
  { number: 16, name: 'TIPO DE PERSONA', type: 'N', max: 1, fixed: true, relevante: 'required', inusualPreocupante: 'required', confidence: 'C2', note: '1 física, 2 moral' },
  { number: 17, name: 'RAZON SOCIAL O DENOMINACION', type: 'A', max: 125, relevante: 'optional', inusualPreocupante: 'optional', confidence: 'C2', note: 'personas morales only' },
  { number: 18, name: 'NOMBRE', type: 'A', max: 60, relevante: 'optional', inusualPreocupante: 'optional', confidence: 'C2', note: 'personas físicas only' },
  { number: 19, name: 'APELLIDO PATERNO', type: 'A', max: 60, relevante: 'optional', inusualPreocupante: 'optional', confidence: 'C2', note: 'XXXX when none' },
  { number: 20, name: 'APELLIDO MATERNO', type: 'A', max: 30, relevante: 'optional', inusualPreocupante: 'optional', confidence: 'C2', note: 'XXXX when none' },
  { number: 21, name: 'RFC', type: 'A', max: 13, relevante: 'optional', inusualPreocupante: 'optional', confidence: 'C2' },
  { number: 22, name: 'CURP', type: 'A', max: 18, relevante: 'optional', inusualPreocupante: 'optional', confidence: 'C2' },
  { number: 23, name: 'FECHA DE NACIMIENTO O CONSTITUCION', type: 'D8', max: 8, relevante: 'optional', inusualPreocupante: 'optional', confidence: 'C2', note: 'at least one of fields 21, 22 and 23' },
  { number: 24, name: 'DOMICILIO', type: 'A', max: 60, relevante: 'required', inusualPreocupante: 'required', confidence: 'C2' },
  { number: 25, name: 'COLONIA', type: 'A', max: 30, relevante: 'optional', inusualPreocupante: 'optional', confidence: 'C2' },
  { number: 26, name: 'CIUDAD O POBLACION', type: 'N', max: 8, fixed: true, relevante: 'required', inusualPreocupante: 'required', confidence: 'C2', note: 'CNBV localidad code' },
  { number: 27, name: 'TELEFONO', type: 'A', max: 40, relevante: 'optional', inusualPreocupante: 'optional', confidence: 'C2' },
  { number: 28, name: 'ACTIVIDAD ECONOMICA', type: 'N', max: 7, fixed: true, relevante: 'required', inusualPreocupante: 'required', confidence: 'C2' },
  { number: 29, name: 'AGENTE O APODERADO DE SEGUROS Y/O FIANZAS: NOMBRE', type: 'A', max: 60, relevante: 'empty', inusualPreocupante: 'empty', confidence: 'C2', note: 'insurers only; empty for banks' },
  { number: 30, name: 'AGENTE: APELLIDO PATERNO', type: 'A', max: 60, relevante: 'empty', inusualPreocupante: 'empty', confidence: 'C2' },
  { number: 31, name: 'AGENTE: APELLIDO MATERNO', type: 'A', max: 30, relevante: 'empty', inusualPreocupante: 'empty', confidence: 'C1' },
  { number: 32, name: 'AGENTE: RFC', type: 'A', max: 13, relevante: 'empty', inusualPreocupante: 'empty', confidence: 'C1' },
  { number: 33, name: 'AGENTE: CURP', type: 'A', max: 18, relevante: 'empty', inusualPreocupante: 'empty', confidence: 'C1' },
  { number: 34, name: 'CONSECUTIVO DE CUENTAS Y/O PERSONAS RELACIONADAS', type: 'N', max: 2, fixed: true, relevante: 'empty', inusualPreocupante: 'required', confidence: 'C2', note: '00 on the principal row' },
  { number: 35, name: 'NUMERO DE CUENTA RELACIONADA', type: 'A', max: 16, relevante: 'empty', inusualPreocupante: 'optional', confidence: 'C2' },
  { number: 36, name: 'CLAVE DEL SUJETO OBLIGADO RELACIONADA', type: 'N', max: 6, fixed: true, relevante: 'empty', inusualPreocupante: 'optional', confidence: 'C2' },
  { number: 37, name: 'NOMBRE DEL TITULAR RELACIONADO', type: 'A', max: 60, relevante: 'empty', inusualPreocupante: 'optional', confidence: 'C2' },
  { number: 38, name: 'APELLIDO PATERNO RELACIONADO', type: 'A', max: 60, relevante: 'empty', inusualPreocupante: 'optional', confidence: 'C2' },
  { number: 39, name: 'APELLIDO MATERNO RELACIONADO', type: 'A', max: 30, relevante: 'empty', inusualPreocupante: 'optional', confidence: 'C2' },
  { number: 40, name: 'DESCRIPCION DE LA OPERACION', type: 'A', max: 4000, relevante: 'empty', inusualPreocupante: 'required', confidence: 'C1', note: '4,000 characters as in the validators the note cites' },
  { number: 41, name: 'RAZONES POR LAS QUE SE CONSIDERA INUSUAL O INTERNA PREOCUPANTE', type: 'A', max: 4000, relevante: 'empty', inusualPreocupante: 'required', confidence: 'C1' },
];

export type UifLineIssue = { line: number; field: string; reason: string };

function validDate(text: string): boolean {
  const date = new Date(`${text.slice(0, 4)}-${text.slice(4, 6)}-${text.slice(6, 8)}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10).replace(/-/g, '') === text;
}

/**
 * Checks a UIF report file against the 41-field layout: field count, types, lengths, fields
 * that must be filled or left empty for the report type, folio sequence, the 21/22/23 rule,
 * upper case and no line breaks. There is no official XSD for this layout; this is the check
 * that must pass before a UIF report is marked filed.
 * @example validateUifReport(content, 'inusual') // [] when the file follows the layout
 */
export function validateUifReport(content: string, kind: UifReportKind): UifLineIssue[] {
  const issues: UifLineIssue[] = [];
  const lines = content.endsWith('\n') ? content.slice(0, -1).split('\n') : content.split('\n');
  if (lines.length === 0 || (lines.length === 1 && lines[0] === '')) return [{ line: 0, field: 'file', reason: 'the file is empty' }];
  let expectedFolio = 1;
  // After a line that cannot be read, the next principal line's folio is taken as given: the
  // unreadable line may have held the folios in between, and one bad line must not fail the rest.
  let resynchronise = false;
  lines.forEach((line, index) => {
    const number = index + 1;
    if (line.includes('\r')) issues.push({ line: number, field: 'line', reason: 'line ends with CR; the layout uses LF' });
    const values = line.replace(/\r$/, '').split(';');
    if (values.length !== UIF_FIELDS.length) {
      issues.push({ line: number, field: 'line', reason: `has ${values.length} fields; the layout has ${UIF_FIELDS.length}` });
      resynchronise = true;
      return;
    }
    const emptyQuarter = kind === 'relevante' && values[2] === '000000';
    for (const field of UIF_FIELDS) {
      const value = values[field.number - 1]!;
      const label = `${field.number} ${field.name}`;
      const use = emptyQuarter ? ([1, 2, 3, 4, 5].includes(field.number) ? 'required' : 'empty') : kind === 'relevante' ? field.relevante : field.inusualPreocupante;
      if (value === '') {
        if (use === 'required') issues.push({ line: number, field: label, reason: 'is required and empty' });
        continue;
      }
      if (use === 'empty') {
        issues.push({ line: number, field: label, reason: `must be empty in a ${kind} report` });
        continue;
      }
      if (value !== value.toUpperCase()) issues.push({ line: number, field: label, reason: 'must be upper case' });
      if (value.length > field.max) issues.push({ line: number, field: label, reason: `is ${value.length} characters; at most ${field.max}` });
      if (field.fixed && value.length !== field.max) issues.push({ line: number, field: label, reason: `must be exactly ${field.max} characters` });
      if (field.type === 'N' && !/^\d+$/.test(value)) issues.push({ line: number, field: label, reason: 'must be digits only' });
      if (field.type === 'M' && !/^\d{1,14}\.\d{2}$/.test(value)) issues.push({ line: number, field: label, reason: 'must be an amount with 2 decimals and no separators, e.g. 150000.00' });
      if (field.type === 'D8' && (!/^\d{8}$/.test(value) || !validDate(value))) issues.push({ line: number, field: label, reason: 'must be a valid date AAAAMMDD' });
      if (field.type === 'D6') {
        const ok = kind === 'relevante' ? /^\d{4}(0[1-9]|1[0-2])$/.test(value) && ['03', '06', '09', '12'].includes(value.slice(4)) : /^\d{8}$/.test(value) && validDate(value);
        if (!ok) issues.push({ line: number, field: label, reason: kind === 'relevante' ? 'must be AAAAMM of the last month of a quarter' : 'must be a valid date AAAAMMDD' });
      }
    }
    if (emptyQuarter) return;
    if (values[0] !== UIF_TYPE_CODE[kind]) issues.push({ line: number, field: '1 TIPO DE REPORTE', reason: `must be ${UIF_TYPE_CODE[kind]} in a ${kind} report` });
    const consecutive = values[33] ?? '';
    const principal = kind === 'relevante' || consecutive === '00';
    if (principal) {
      const folio = values[2] ?? '';
      if (resynchronise && /^\d{6}$/.test(folio) && Number(folio) >= expectedFolio) expectedFolio = Number(folio);
      resynchronise = false;
      if (folio !== String(expectedFolio).padStart(6, '0')) issues.push({ line: number, field: '3 FOLIO', reason: `must be ${String(expectedFolio).padStart(6, '0')} (consecutive from 000001)` });
      expectedFolio++;
      if (!values[20] && !values[21] && !values[22]) issues.push({ line: number, field: '21-23 RFC / CURP / FECHA', reason: 'at least one of RFC, CURP and date of birth or incorporation is required' });
      const personType = values[15];
      if (personType === '1' && (!values[17] || !values[18])) issues.push({ line: number, field: '18-19 NOMBRE', reason: 'a persona física needs name and first surname' });
      if (personType === '2' && !values[16]) issues.push({ line: number, field: '17 RAZON SOCIAL', reason: 'a persona moral needs its razón social' });
    }
  });
  return issues;
}
