/**
 * Text normalisation for name matching: case, accents, ñ, punctuation, honorifics, particles and
 * company legal forms. Pure functions, no I/O.
 */

/** Honorifics and titles that carry no identity (EN and ES, with their abbreviations). */
const HONORIFICS = new Set([
  'sr', 'sra', 'srta', 'senor', 'senora', 'senorita', 'don', 'dona', 'lic', 'licenciado', 'licenciada', 'ing',
  'ingeniero', 'ingeniera', 'dr', 'dra', 'doctor', 'doctora', 'arq', 'mtro', 'mtra', 'prof', 'profr', 'profra',
  'cp', 'mr', 'mrs', 'ms', 'miss', 'sir', 'jr', 'ii', 'iii', 'iv', 'esq', 'phd', 'md',
  'sheikh', 'shaykh', 'haji', 'hajji', 'mullah', 'maulana',
]);
const TRAILING_ONLY_HONORIFICS = new Set(['jr', 'ii', 'iii', 'iv', 'esq', 'phd', 'md']);
/** Generational and degree suffixes removed at the end of a name ("John Smith Sr.", "Juan Pérez Jr."). */
const TRAILING_HONORIFICS = new Set([...TRAILING_ONLY_HONORIFICS, 'sr']);

/** Name particles: kept in the display name, ignored for matching (they are rarely typed consistently). */
export const PARTICLES = new Set(['de', 'del', 'la', 'las', 'los', 'y', 'e', 'da', 'das', 'do', 'dos', 'di', 'van', 'von', 'der', 'den', 'le', 'el', 'al', 'bin', 'ibn', 'bint', 'abu', 'the', 'of', 'and']);

/**
 * Company legal forms as token sequences (after punctuation is removed). Longest first so
 * "s de rl de cv" wins over "sa". Matched at the end of a name, or anywhere for the multi-token ones.
 */
const LEGAL_FORMS: string[][] = [
  'sociedad anonima promotora de inversion de capital variable',
  'sociedad de responsabilidad limitada de capital variable',
  'sociedad anonima de capital variable',
  'sociedad anonima bursatil de capital variable',
  'institucion de banca multiple',
  'sociedad financiera de objeto multiple entidad no regulada',
  'sociedad financiera de objeto multiple',
  'sociedad cooperativa de responsabilidad limitada',
  's de pr de rl de cv', 's de pr de rl', 'spr de rl de cv', 'spr de rl',
  's de rl de cv', 's de rl mi', 's de rl', 'srl de cv', 'srl',
  'sapi de cv', 'sab de cv', 'sa de cv sofom enr', 'sa de cv sofom er', 'sa de cv', 'sa cv', 'sa de c v',
  'sofom enr', 'sofom er', 'sofom', 'ibm', 'sa', 'sc', 'ac', 'iap', 'sas', 'scl', 'scs',
  'limited liability company', 'llc', 'l l c', 'inc', 'incorporated', 'corp', 'corporation', 'co', 'company',
  'ltd', 'limited', 'lp', 'llp', 'plc', 'gmbh', 'ag', 'bv', 'nv', 'srl', 'spa', 'sarl', 'fze', 'fzco', 'fzc', 'jsc', 'ojsc', 'cjsc', 'pjsc', 'ooo', 'zao', 'oao', 'pte', 'pty',
].map((form) => form.split(' '));
const LEGAL_FORM_HEAD = new Map<string, string[][]>();
for (const form of LEGAL_FORMS) {
  const head = form[0]!;
  const list = LEGAL_FORM_HEAD.get(head) ?? [];
  list.push(form);
  LEGAL_FORM_HEAD.set(head, list);
}
for (const list of LEGAL_FORM_HEAD.values()) list.sort((a, b) => b.length - a.length);

const COMBINING_MARKS = /[\u0300-\u036f]/g;
const NON_ALPHANUMERIC = /[^a-z0-9]+/g;

/**
 * Folds case and accents to plain ASCII letters; ñ becomes n, ü becomes u, ß becomes ss.
 * @example foldText('José Núñez') === 'jose nunez'
 */
export function foldText(text: string): string {
  return text
    .normalize('NFD')
    .replace(COMBINING_MARKS, '')
    .toLowerCase()
    .replace(/ß/g, 'ss')
    .replace(/æ/g, 'ae')
    .replace(/ø/g, 'o')
    .replace(/đ|ð/g, 'd')
    .replace(/ł/g, 'l')
    .replace(/ı/g, 'i');
}

/**
 * Splits folded text into ASCII tokens. Dots inside abbreviations are dropped first so that
 * "S.A. de C.V." gives `sa de cv` and "C." stays the initial `c`; apostrophes join ("O'Brien" → obrien).
 * @example tokenize('S.A. de C.V.') // ['sa', 'de', 'cv']
 */
export function tokenize(text: string): string[] {
  const folded = foldText(text)
    .replace(/([a-z])\.(?=[a-z]\.)/g, '$1')
    .replace(/\b([a-z])\.([a-z])\b/g, '$1$2')
    .replace(/['’`´]/g, '');
  return folded.split(NON_ALPHANUMERIC).filter((token) => token.length > 0);
}

export type StrippedName = {
  /** Identity-bearing tokens in order (particles included; callers decide). */
  tokens: string[];
  /** The legal form found, as normalised tokens ("sa de cv"), or null. */
  legalForm: string | null;
  /** Honorifics removed, for the explanation. */
  honorifics: string[];
};

/**
 * Removes honorifics (leading, and trailing generational suffixes) and company legal forms.
 * A legal form is removed at the end of the name, or anywhere when it has two or more tokens.
 * @example stripDecorations(['lic', 'jose', 'perez']).tokens // ['jose', 'perez']
 * @example stripDecorations(['grupo', 'abc', 'sa', 'de', 'cv']).legalForm === 'sa de cv'
 */
export function stripDecorations(tokens: readonly string[]): StrippedName {
  const honorifics: string[] = [];
  let start = 0;
  while (start < tokens.length - 1 && HONORIFICS.has(tokens[start]!) && !TRAILING_ONLY_HONORIFICS.has(tokens[start]!)) {
    honorifics.push(tokens[start]!);
    start++;
  }
  let end = tokens.length;
  while (end - 1 > start && TRAILING_HONORIFICS.has(tokens[end - 1]!)) {
    honorifics.push(tokens[end - 1]!);
    end--;
  }
  const kept: string[] = [];
  let legalForm: string | null = null;
  for (let i = start; i < end; ) {
    const token = tokens[i]!;
    const forms = LEGAL_FORM_HEAD.get(token);
    let consumed = 0;
    if (forms && i > start) {
      for (const form of forms) {
        if (i + form.length > end) continue;
        let same = true;
        for (let k = 0; k < form.length; k++) if (tokens[i + k] !== form[k]) { same = false; break; }
        if (!same) continue;
        const atEnd = i + form.length === end || everyTokenIsLegalForm(tokens, i + form.length, end);
        if (atEnd || form.length >= 3) { consumed = form.length; break; }
      }
    }
    if (consumed > 0) {
      const found = tokens.slice(i, i + consumed).join(' ');
      legalForm = legalForm === null ? found : `${legalForm} ${found}`;
      i += consumed;
    } else {
      kept.push(token);
      i++;
    }
  }
  // A name that is only a legal form ("Corporation") keeps its tokens: removing everything would match anything.
  if (kept.length === 0) return { tokens: tokens.slice(start, end), legalForm: null, honorifics };
  return { tokens: kept, legalForm, honorifics };
}

function everyTokenIsLegalForm(tokens: readonly string[], from: number, end: number): boolean {
  let i = from;
  while (i < end) {
    const forms = LEGAL_FORM_HEAD.get(tokens[i]!);
    if (!forms) return false;
    let advanced = 0;
    for (const form of forms) {
      if (i + form.length > end) continue;
      let same = true;
      for (let k = 0; k < form.length; k++) if (tokens[i + k] !== form[k]) { same = false; break; }
      if (same) { advanced = form.length; break; }
    }
    if (advanced === 0) return false;
    i += advanced;
  }
  return true;
}

/** True for particles such as de, del, la, y that are ignored when names are compared. */
export function isParticle(token: string): boolean {
  return PARTICLES.has(token);
}
