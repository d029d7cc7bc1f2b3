/**
 * A Spanish-aware phonetic key for one folded token (lower-case ASCII, see `foldText`).
 *
 * It encodes how Mexican Spanish is pronounced, so spellings a clerk could write for the same
 * sound share a key: b/v (and w), s/z/soft c, ll/y, silent h, qu/k/hard c, x/j/soft g (as in
 * México, Ximena), gue/gui → g, ph → f, kh → j, n → m before b/p, doubled letters collapsed.
 * Vowels are kept: in Spanish they are stable and carry most of the identity of a short name.
 */

const VOWELS = new Set(['a', 'e', 'i', 'o', 'u']);

/**
 * @example phoneticKey('oseguera') === phoneticKey('ozeguera') // both 'osegera'
 * @example phoneticKey('cervantes') === phoneticKey('servantez') // both 'serbantes'
 * @example phoneticKey('ximena') === phoneticKey('jimena')
 */
export function phoneticKey(token: string): string {
  const out: string[] = [];
  const length = token.length;
  for (let i = 0; i < length; i++) {
    const c = token[i]!;
    const next = i + 1 < length ? token[i + 1]! : '';
    const afterNext = i + 2 < length ? token[i + 2]! : '';
    switch (c) {
      case 'c':
        if (next === 'h') { out.push('C'); i++; }
        else if (next === 'e' || next === 'i' || next === 'y') out.push('s');
        else out.push('k');
        break;
      case 'q':
        out.push('k');
        if (next === 'u') i++;
        break;
      case 'k':
        if (next === 'h') { out.push('j'); i++; } else out.push('k');
        break;
      case 'g':
        if (next === 'e' || next === 'i' || next === 'y') out.push('j');
        else if (next === 'u' && (afterNext === 'e' || afterNext === 'i')) { out.push('g'); i++; }
        else if (next === 'h') { out.push('g'); i++; }
        else out.push('g');
        break;
      case 'x':
      case 'j':
        out.push('j');
        break;
      case 'h':
        break;
      case 'p':
        if (next === 'h') { out.push('f'); i++; } else out.push('p');
        break;
      case 't':
        if (next === 'h') i++;
        out.push('t');
        break;
      case 's':
        if (next === 'h') i++;
        out.push('s');
        break;
      case 'z':
        out.push('s');
        break;
      case 'v':
      case 'b':
        out.push('b');
        break;
      case 'w':
        out.push('u');
        break;
      case 'l':
        if (next === 'l') { out.push('y'); i++; } else out.push('l');
        break;
      case 'y':
        out.push(VOWELS.has(next) ? 'y' : 'i');
        break;
      case 'n':
        out.push(next === 'b' || next === 'v' || next === 'p' ? 'm' : 'n');
        break;
      default:
        out.push(c);
    }
  }
  let key = '';
  let previous = '';
  for (const symbol of out) {
    if (symbol !== previous) key += symbol;
    previous = symbol;
  }
  return key;
}
