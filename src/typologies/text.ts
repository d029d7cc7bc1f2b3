/**
 * Text normalisation and the bounded term matcher behind `contains_any`. Free text (a payment's
 * purpose) is compared after folding: lower case, accents removed (NFD without combining marks),
 * every run of characters that is not a letter or digit turned into one space. Terms are folded the
 * same way once, when the typology is loaded, and matched as whole words or phrases — plain
 * substring scans over at most MAX_TEXT_LENGTH characters, no regular expression from user input.
 */

/** Longest purpose text read (the transaction schema allows 500 characters). */
export const MAX_TEXT_LENGTH = 500;
/** Most terms one `contains_any` call may hold, and the longest term. */
export const MAX_TERMS = 256;
export const MAX_TERM_LENGTH = 100;

const COMBINING_MARKS = /[\u0300-\u036f]/g;
const SEPARATORS = /[^\p{L}\p{N}]+/gu;

/**
 * Folds text for matching: lower case, no accents, single spaces between words, trimmed.
 * @example foldText('Prensa  TABLETEADORA, 1-BOC-4-Piperidona') === 'prensa tableteadora 1 boc 4 piperidona'
 */
export function foldText(text: string): string {
  const length = Math.min(text.length, MAX_TEXT_LENGTH);
  // ASCII fast path (most purpose text): one pass into a reused buffer, no regular expressions.
  let out = 0;
  let space = false;
  for (let i = 0; i < length; i++) {
    let code = text.charCodeAt(i);
    if (code >= 128) return foldUnicode(text.slice(0, length));
    if (code >= 65 && code <= 90) code += 32;
    if ((code >= 97 && code <= 122) || (code >= 48 && code <= 57)) {
      if (space && out > 0) folded[out++] = 32;
      space = false;
      folded[out++] = code;
    } else space = true;
  }
  return out === 0 ? '' : String.fromCharCode.apply(null, folded.subarray(0, out) as unknown as number[]);
}

const folded = new Uint16Array(MAX_TEXT_LENGTH);

function foldUnicode(text: string): string {
  return text.normalize('NFD').replace(COMBINING_MARKS, '').toLowerCase().replace(SEPARATORS, ' ').trim();
}

/**
 * True when any folded term occurs in the folded text as whole words (a space or the text's edge on
 * both sides). Both arguments must already be folded.
 * @example containsAnyTerm('pago prensa tableteadora', ['tableteadora']) === true
 * @example containsAnyTerm('snapped', ['npp']) === false
 */
export function containsAnyTerm(folded: string, terms: readonly string[]): boolean {
  if (folded.length === 0) return false;
  for (let t = 0; t < terms.length; t++) {
    const term = terms[t]!;
    if (term.length === 0) continue;
    let from = 0;
    for (;;) {
      const at = folded.indexOf(term, from);
      if (at < 0) break;
      const end = at + term.length;
      if ((at === 0 || folded.charCodeAt(at - 1) === 32) && (end === folded.length || folded.charCodeAt(end) === 32)) return true;
      from = at + 1;
    }
  }
  return false;
}
