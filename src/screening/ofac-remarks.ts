/**
 * The OFAC legacy files put dates of birth, nationalities, identity documents and weak aliases
 * into one free-text remarks field ("DOB 17 Jul 1966; nationality Mexico; a.k.a. 'Mencho'; …").
 * This reads the parts screening uses. Pure.
 */
import { countryCode } from './countries.ts';
import type { Alias, ListIdentifier, ScreeningIdentifierKind } from './list-entry.ts';

const MONTHS: Record<string, string> = { jan: '01', feb: '02', mar: '03', apr: '04', may: '05', jun: '06', jul: '07', aug: '08', sep: '09', oct: '10', nov: '11', dec: '12' };

/**
 * Dates as OFAC writes them → ISO partial dates; ranges give every year in the range (at most 10).
 * @example parseOfacDates('17 Jul 1966') // ['1966-07-17']
 * @example parseOfacDates('circa 1962') // ['1962']
 * @example parseOfacDates('1962 to 1964') // ['1962', '1963', '1964']
 */
export function parseOfacDates(text: string): string[] {
  const t = text.trim().replace(/^circa\s+/i, '');
  const range = /^(\d{4})\s+to\s+(\d{4})$/i.exec(t);
  if (range) {
    const from = Number(range[1]);
    const to = Number(range[2]);
    if (to < from || to - from > 10) return [String(from), String(to)];
    return Array.from({ length: to - from + 1 }, (_, i) => String(from + i));
  }
  const full = /^(\d{1,2})\s+([A-Za-z]{3})[a-z]*\.?\s+(\d{4})$/.exec(t);
  if (full) {
    const month = MONTHS[full[2]!.toLowerCase()];
    if (month) return [`${full[3]}-${month}-${full[1]!.padStart(2, '0')}`];
  }
  const monthYear = /^([A-Za-z]{3})[a-z]*\.?\s+(\d{4})$/.exec(t);
  if (monthYear) {
    const month = MONTHS[monthYear[1]!.toLowerCase()];
    if (month) return [`${monthYear[2]}-${month}`];
  }
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(t);
  if (iso) return [t];
  const year = /^(\d{4})$/.exec(t);
  if (year) return [t];
  return [];
}

const IDENTIFIER_LABELS: Array<[RegExp, ScreeningIdentifierKind]> = [
  [/C\.U\.R\.P\.|CURP/, 'curp'],
  [/R\.F\.C\.|RFC/, 'rfc'],
  [/Passport/, 'passport'],
  [/Cedula No\.|National ID No\.|Identification Number|I\.F\.E\.|Credencial electoral|Electoral Registry No\.|D\.N\.I\.|RUC #|NIT #/, 'national_id'],
  [/Tax ID No\.|Registration ID|Company Number|Business Registration Number|Public Registration Number/, 'tax_id'],
  [/SWIFT\/BIC/, 'bic'],
  [/Digital Currency Address - \w+/, 'crypto_address'],
];

export type RemarksFacts = {
  birthDates: string[];
  nationalities: string[];
  identifiers: ListIdentifier[];
  aliases: Alias[];
};

/**
 * @example parseOfacRemarks("DOB 17 Jul 1966; nationality Mexico; a.k.a. 'Mencho'.").aliases[0]?.name === 'Mencho'
 */
export function parseOfacRemarks(remarks: string): RemarksFacts {
  const facts: RemarksFacts = { birthDates: [], nationalities: [], identifiers: [], aliases: [] };
  for (const match of remarks.matchAll(/\b([afn])\.k\.a\.,?\s+'([^']+)'/g)) {
    const kind = match[1] === 'f' ? 'fka' : match[1] === 'n' ? 'nka' : 'aka';
    facts.aliases.push({ name: match[2]!.trim(), quality: 'weak', kind });
  }
  for (const rawPart of remarks.split(';')) {
    const part = rawPart.trim().replace(/\.$/, '');
    const dob = /^(?:alt\.\s+)?DOB\s+(.+)$/i.exec(part);
    if (dob) { facts.birthDates.push(...parseOfacDates(dob[1]!)); continue; }
    const nationality = /^(?:alt\.\s+)?(?:nationality|citizen)\s+(.+)$/i.exec(part);
    if (nationality) {
      const code = countryCode(nationality[1]!);
      if (code && !facts.nationalities.includes(code)) facts.nationalities.push(code);
      continue;
    }
    for (const [label, kind] of IDENTIFIER_LABELS) {
      const found = new RegExp(`^(?:alt\\.\\s+)?(${label.source})\\s+([A-Z0-9][A-Z0-9\\-/. ]*?)(?:\\s+\\(([^)]+)\\))?(?:[,;]?\\s+(?:issued|expires|Expiration).*)?$`, 'i').exec(part);
      if (!found) continue;
      const country = found[3] ? countryCode(found[3]) : null;
      const value = found[2]!.trim().slice(0, 128);
      const labelText = found[1]!.trim();
      facts.identifiers.push(country ? { kind, value, label: labelText, country } : { kind, value, label: labelText });
      break;
    }
  }
  return facts;
}
