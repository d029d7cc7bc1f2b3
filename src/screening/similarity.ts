/**
 * Token similarity: edit distance on the spelling and on the phonetic key, Spanish hypocorisms
 * (Pepe = José), initials and truncated tokens. Pure functions over folded tokens.
 */

/** Common Spanish (and a few English) diminutives and the given names they stand for. */
const HYPOCORISMS: Record<string, string[]> = {
  pepe: ['jose'], pepito: ['jose'], chepe: ['jose'], chema: ['jose', 'maria'], josema: ['jose'],
  paco: ['francisco'], pancho: ['francisco'], frank: ['francisco', 'franklin'], kiko: ['francisco', 'enrique'],
  lupe: ['guadalupe'], lupita: ['guadalupe'], chuy: ['jesus'], chucho: ['jesus'], memo: ['guillermo'],
  beto: ['alberto', 'roberto', 'humberto', 'norberto', 'heriberto', 'gilberto'], tito: ['alberto', 'roberto'],
  nacho: ['ignacio'], tono: ['antonio'], tonio: ['antonio'], tony: ['antonio', 'anthony'], lalo: ['eduardo'],
  chente: ['vicente'], quique: ['enrique'], rafa: ['rafael'], poncho: ['alfonso'], tere: ['teresa'],
  concha: ['concepcion'], conchita: ['concepcion'], chelo: ['consuelo'], gera: ['gerardo'], manolo: ['manuel'],
  manu: ['manuel'], chava: ['salvador'], chavo: ['salvador'], nando: ['fernando', 'hernando'], fer: ['fernando'],
  toni: ['antonio'], pili: ['pilar'], charo: ['rosario'], meche: ['mercedes'], rosy: ['rosa', 'rosario'],
  juanito: ['juan'], juancho: ['juan'], panchito: ['francisco'], goyo: ['gregorio'], licho: ['luis'],
  lucho: ['luis'], nico: ['nicolas'], santi: ['santiago'], alex: ['alejandro', 'alexander', 'alexis'],
  alejo: ['alejandro'], sandro: ['alejandro'], mencho: ['nemesio'], bill: ['william'],
  will: ['william'], bob: ['robert'], rob: ['robert'], bobby: ['robert'], jim: ['james'], jimmy: ['james'],
  mike: ['michael'], dave: ['david'], joe: ['joseph'], tom: ['thomas'], dick: ['richard'], rick: ['richard'],
  chris: ['christopher', 'christian'], kate: ['katherine'], liz: ['elizabeth'], beth: ['elizabeth'],
  peggy: ['margaret'], maggie: ['margaret'], jack: ['john'], johnny: ['john'], nacha: ['ignacia'],
  chayo: ['rosario'], lencho: ['lorenzo'], chencho: ['lorenzo', 'crescencio'], cuco: ['refugio'], cuca: ['refugio'],
  trini: ['trinidad'], lola: ['dolores'], loli: ['dolores'], paquita: ['francisca'], pancha: ['francisca'],
};

const EQUIVALENT = new Map<string, Set<string>>();
function link(a: string, b: string): void {
  const set = EQUIVALENT.get(a) ?? new Set<string>();
  set.add(b);
  EQUIVALENT.set(a, set);
}
for (const [nickname, names] of Object.entries(HYPOCORISMS)) {
  for (const name of names) { link(nickname, name); link(name, nickname); }
}

/** True when one token is a known diminutive of the other ("pepe" / "jose"). */
export function areHypocorisms(a: string, b: string): boolean {
  return EQUIVALENT.get(a)?.has(b) ?? false;
}

/** Given names a diminutive may stand for (for candidate generation). */
export function hypocorismsOf(token: string): readonly string[] {
  const set = EQUIVALENT.get(token);
  return set ? [...set] : [];
}

// Reused rows keep the distance allocation-free on the hot path.
let rowA = new Int32Array(64);
let rowB = new Int32Array(64);
let rowC = new Int32Array(64);

/**
 * Optimal string alignment distance (Levenshtein plus adjacent transposition).
 * @example editDistance('oseguera', 'osegeura') === 1
 */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  const n = a.length;
  const m = b.length;
  if (n === 0) return m;
  if (m === 0) return n;
  if (m + 1 > rowA.length) { rowA = new Int32Array(m + 1); rowB = new Int32Array(m + 1); rowC = new Int32Array(m + 1); }
  let twoBack = rowA;
  let previous = rowB;
  let current = rowC;
  for (let j = 0; j <= m; j++) previous[j] = j;
  for (let i = 1; i <= n; i++) {
    current[0] = i;
    const ai = a.charCodeAt(i - 1);
    for (let j = 1; j <= m; j++) {
      const bj = b.charCodeAt(j - 1);
      const cost = ai === bj ? 0 : 1;
      let value = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      if (i > 1 && j > 1 && ai === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === bj) value = Math.min(value, twoBack[j - 2]! + 1);
      current[j] = value;
    }
    const spare = twoBack;
    twoBack = previous;
    previous = current;
    current = spare;
  }
  return previous[m]!;
}

/** How two tokens were found alike, for the explanation of a hit. */
export type TokenMatchKind = 'exact' | 'phonetic' | 'nickname' | 'spelling' | 'initial' | 'prefix' | 'particle';

export type TokenComparison = { similarity: number; kind: TokenMatchKind };

const NO_MATCH: TokenComparison = { similarity: 0, kind: 'spelling' };

/**
 * Similarity of two folded tokens in [0, 1], with the reason. `keyA`/`keyB` are their phonetic keys.
 * @example compareTokens('ozeguera', 'oseguera', 'osegera', 'osegera') // { similarity: 0.95, kind: 'phonetic' }
 * @example compareTokens('c', 'cervantes', 'k', 'serbantes') // { similarity: 0.9, kind: 'initial' }
 */
export function compareTokens(a: string, b: string, keyA: string, keyB: string): TokenComparison {
  if (a === b) return { similarity: 1, kind: 'exact' };
  const lengthA = a.length;
  const lengthB = b.length;
  if (lengthA === 1 || lengthB === 1) {
    return a[0] === b[0] ? { similarity: 0.9, kind: 'initial' } : NO_MATCH;
  }
  if (keyA === keyB && keyA.length >= 2) return { similarity: 0.95, kind: 'phonetic' };
  if (areHypocorisms(a, b)) return { similarity: 0.9, kind: 'nickname' };
  const shorter = Math.min(lengthA, lengthB);
  const longer = Math.max(lengthA, lengthB);
  if (shorter <= 2) return NO_MATCH;
  // Truncated fields (35-character wire lines) cut the last token: "CERVAN" for "CERVANTES".
  if (shorter >= 4 && longer - shorter >= 2 && (a.startsWith(b) || b.startsWith(a))) return { similarity: 0.85, kind: 'prefix' };
  if (longer - shorter > 3) return NO_MATCH;
  const spelling = 1 - editDistance(a, b) / longer;
  const keyLonger = Math.max(keyA.length, keyB.length);
  const sound = keyLonger === 0 ? 0 : (1 - editDistance(keyA, keyB) / keyLonger) * 0.97;
  let similarity = Math.max(spelling, sound);
  // Short names differ by one letter far more often by chance (Luis / Luisa, Ana / Ama).
  if (longer <= 4) similarity -= 0.08;
  // Typists rarely get the first letter wrong; a different first sound is usually a different name (Hernández / Fernández).
  if (a[0] !== b[0] && keyA[0] !== keyB[0]) similarity -= 0.06;
  return similarity > 0 ? { similarity, kind: 'spelling' } : NO_MATCH;
}
