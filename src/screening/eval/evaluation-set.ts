/**
 * The labelled evaluation set, generated deterministically from the loaded list entries:
 * positives are realistic variants of listed Mexican persons and companies (typos, accents,
 * swapped order, "Apellido, Nombre", missing maternal surname, maternal initial, respellings,
 * nicknames, legal-form variants); hard negatives are common Mexican and US names that no list
 * carries, and near misses that share a surname (or given name and paternal surname) with a
 * listed person. Pure: same entries and seed, same set.
 */
import type { ListEntry } from '../list-entry.ts';
import { parseName, parseStructuredName } from '../names.ts';
import { tokenize } from '../normalize.ts';

export type EvaluationCase = {
  query: string;
  /** The listed entry the query should find (`listId:entryId`), or null for a negative. */
  expected: string | null;
  category: string;
};

/** Small deterministic PRNG (mulberry32). */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ACCENTED: Record<string, string> = {
  jose: 'José', maria: 'María', ramon: 'Ramón', jesus: 'Jesús', angel: 'Ángel', raul: 'Raúl', martin: 'Martín', ruben: 'Rubén',
  hector: 'Héctor', oscar: 'Óscar', victor: 'Víctor', cesar: 'César', ivan: 'Iván', adrian: 'Adrián', efrain: 'Efraín',
  joaquin: 'Joaquín', agustin: 'Agustín', sebastian: 'Sebastián', nicolas: 'Nicolás', tomas: 'Tomás', andres: 'Andrés',
  simon: 'Simón', dario: 'Darío', ines: 'Inés', monica: 'Mónica', veronica: 'Verónica', lucia: 'Lucía', guzman: 'Guzmán',
  leon: 'León', munoz: 'Muñoz', nunez: 'Núñez', pena: 'Peña', ibanez: 'Ibáñez', zuniga: 'Zúñiga', avila: 'Ávila',
  alvarez: 'Álvarez', lopez: 'López', gomez: 'Gómez', perez: 'Pérez', sanchez: 'Sánchez', rodriguez: 'Rodríguez',
  gonzalez: 'González', hernandez: 'Hernández', fernandez: 'Fernández', martinez: 'Martínez', ramirez: 'Ramírez',
  jimenez: 'Jiménez', dominguez: 'Domínguez', vazquez: 'Vázquez', velazquez: 'Velázquez', diaz: 'Díaz', garcia: 'García',
  mendez: 'Méndez', benitez: 'Benítez', juarez: 'Juárez', marquez: 'Márquez', quinonez: 'Quiñónez', beltran: 'Beltrán',
  caro: 'Caro', felix: 'Félix', german: 'Germán', noe: 'Noé', julian: 'Julián', fabian: 'Fabián', hernan: 'Hernán',
};

function titleCase(token: string): string {
  return token.length === 0 ? token : token[0]!.toUpperCase() + token.slice(1).toLowerCase();
}

function accentWord(word: string): string {
  const key = tokenize(word).join('');
  return ACCENTED[key] ?? titleCase(word);
}

function accentName(text: string): string {
  return text.split(/\s+/).map(accentWord).join(' ');
}

const RESPELLINGS: Array<[RegExp, string]> = [
  [/s/i, 'z'], [/z/i, 's'], [/v/i, 'b'], [/b/i, 'v'], [/ll/i, 'y'], [/y/i, 'll'], [/ce/i, 'se'], [/ci/i, 'si'],
  [/^h/i, ''], [/j/i, 'x'], [/x/i, 'j'], [/qu/i, 'k'], [/gi/i, 'ji'], [/ge/i, 'je'],
];

function respell(word: string, random: () => number): string {
  const start = Math.floor(random() * RESPELLINGS.length);
  for (let k = 0; k < RESPELLINGS.length; k++) {
    const [pattern, replacement] = RESPELLINGS[(start + k) % RESPELLINGS.length]!;
    if (pattern.test(word)) {
      const out = word.replace(pattern, replacement);
      return word === word.toUpperCase() ? out.toUpperCase() : out;
    }
  }
  return word;
}

function typo(word: string, random: () => number): string {
  if (word.length < 5) return word;
  const position = 1 + Math.floor(random() * (word.length - 2));
  const letters = 'aeiournslt';
  const letter = letters[Math.floor(random() * letters.length)]!;
  switch (Math.floor(random() * 4)) {
    case 0: return word.slice(0, position) + word.slice(position + 1);
    case 1: return word.slice(0, position) + word[position + 1] + word[position] + word.slice(position + 2);
    case 2: return word.slice(0, position) + letter + word.slice(position + 1);
    default: return word.slice(0, position) + letter + word.slice(position);
  }
}

type PersonParts = { given: string; paternal: string; maternal: string };

/** "PATERNAL MATERNAL, Given Names" (OFAC) or structured (LPB) → parts, when the name is Spanish-shaped. */
function personParts(entry: ListEntry): PersonParts | null {
  if (entry.structuredName?.paternal && entry.structuredName.given && entry.structuredName.maternal) {
    return { given: entry.structuredName.given, paternal: entry.structuredName.paternal, maternal: entry.structuredName.maternal };
  }
  const comma = entry.name.indexOf(',');
  if (comma < 0) return null;
  const surnames = entry.name.slice(0, comma).trim().split(/\s+/);
  const given = entry.name.slice(comma + 1).trim();
  // Only plain two-surname names: "DE LA CRUZ" style particles are exercised by the unit tests.
  if (surnames.length !== 2 || !given || surnames.some((s) => s.length < 3)) return null;
  return { given, paternal: surnames[0]!, maternal: surnames[1]! };
}

function isMexican(entry: ListEntry): boolean {
  return entry.nationalities.includes('MX') || entry.countries.includes('MX') || /mexico/i.test(entry.remarks ?? '') || entry.listId === 'mx-lpb';
}

const LEGAL_FORM_PATTERN = /,?\s*(S\.?\s?A\.?\s+DE\s+C\.?\s?V\.?|S\.?\s+DE\s+R\.?\s?L\.?\s+DE\s+C\.?\s?V\.?)\s*$/i;

function personVariants(parts: PersonParts, entry: ListEntry, random: () => number): Array<{ query: string; category: string }> {
  const { given, paternal, maternal } = parts;
  const firstGiven = given.split(/\s+/)[0]!;
  const out: Array<{ query: string; category: string }> = [
    { query: `${given} ${paternal} ${maternal}`.toUpperCase(), category: 'person:natural-order' },
    { query: `${accentName(paternal)} ${accentName(maternal)}, ${accentName(given)}`, category: 'person:apellido-nombre-accents' },
    { query: `${given} ${paternal}`.toUpperCase(), category: 'person:missing-maternal' },
    { query: `${paternal} ${maternal} ${given}`.toUpperCase(), category: 'person:swapped-order' },
    { query: `${accentName(paternal)} ${maternal[0]!.toUpperCase()}., ${accentName(given)}`, category: 'person:maternal-initial' },
    { query: `${given} ${typo(paternal, random)} ${maternal}`.toUpperCase(), category: 'person:typo' },
    { query: `${given} ${respell(paternal, random)} ${respell(maternal, random)}`.toUpperCase(), category: 'person:respelling' },
    { query: `Sr. ${accentName(firstGiven)} ${accentName(paternal)} ${accentName(maternal)}`, category: 'person:honorific-first-given-only' },
  ];
  const nickname = entry.aliases.find((a) => a.quality === 'weak' && !a.name.includes(' ') && a.name.length >= 4);
  if (nickname) out.push({ query: `El ${titleCase(nickname.name)}`, category: 'person:nickname' });
  return out;
}

function companyVariants(name: string, random: () => number): Array<{ query: string; category: string }> {
  const base = name.replace(LEGAL_FORM_PATTERN, '').trim();
  const words = base.split(/\s+/);
  const longest = words.reduce((a, b) => (b.length > a.length ? b : a), '');
  return [
    { query: `${base} SA DE CV`, category: 'company:legal-form-compact' },
    { query: `${accentName(base)}, S.A. de C.V.`, category: 'company:legal-form-dotted' },
    { query: base.toUpperCase(), category: 'company:legal-form-dropped' },
    { query: `${base.replace(longest, typo(longest, random))} S DE RL DE CV`, category: 'company:typo-other-form' },
  ];
}

const MX_GIVEN = ['José', 'Juan', 'María', 'Guadalupe', 'Francisco', 'Antonio', 'Jesús', 'Alejandro', 'Miguel', 'Pedro', 'Manuel', 'Carlos', 'Luis', 'Jorge', 'Fernando', 'Ricardo', 'Roberto', 'Eduardo', 'Javier', 'Rafael', 'Daniel', 'Arturo', 'Sergio', 'Martín', 'Raúl', 'Rosa', 'Ana', 'Margarita', 'Verónica', 'Leticia', 'Patricia', 'Gabriela', 'Alejandra', 'Adriana', 'Silvia', 'Laura', 'Claudia', 'Teresa', 'Carmen', 'Yolanda', 'José Luis', 'Juan Carlos', 'María Guadalupe', 'Juan Manuel', 'Luis Alberto', 'María Elena', 'Ana María', 'Miguel Ángel'];
const MX_SURNAMES = ['Hernández', 'García', 'Martínez', 'López', 'González', 'Rodríguez', 'Pérez', 'Sánchez', 'Ramírez', 'Cruz', 'Flores', 'Gómez', 'Morales', 'Vázquez', 'Reyes', 'Jiménez', 'Torres', 'Díaz', 'Gutiérrez', 'Ruiz', 'Mendoza', 'Aguilar', 'Ortiz', 'Moreno', 'Castillo', 'Romero', 'Álvarez', 'Méndez', 'Chávez', 'Rivera', 'Juárez', 'Ramos', 'Domínguez', 'Herrera', 'Medina', 'Castro', 'Vargas', 'Guzmán', 'Velázquez', 'Muñoz'];
const US_GIVEN = ['James', 'John', 'Robert', 'Michael', 'William', 'David', 'Richard', 'Joseph', 'Thomas', 'Charles', 'Mary', 'Patricia', 'Jennifer', 'Linda', 'Barbara', 'Elizabeth', 'Susan', 'Jessica', 'Sarah', 'Karen', 'Christopher', 'Daniel', 'Matthew', 'Anthony', 'Mark', 'Nancy', 'Lisa', 'Betty', 'Ashley', 'Emily'];
const US_SURNAMES = ['Smith', 'Johnson', 'Williams', 'Brown', 'Jones', 'Miller', 'Davis', 'Wilson', 'Anderson', 'Taylor', 'Thomas', 'Moore', 'Martin', 'Jackson', 'Thompson', 'White', 'Harris', 'Clark', 'Lewis', 'Robinson', 'Walker', 'Young', 'Allen', 'King', 'Wright', 'Scott', 'Hill', 'Green', 'Adams', 'Baker'];
const US_MIDDLE = ['A.', 'J.', 'M.', 'R.', 'Lee', 'Ann', 'Marie', 'Edward'];
const MX_COMPANY_WORDS = ['Comercializadora', 'Servicios', 'Grupo', 'Transportes', 'Distribuidora', 'Constructora', 'Inmobiliaria', 'Abarrotes'];
const MX_COMPANY_NAMES = ['del Norte', 'Hermanos López', 'Santa Fe', 'El Sol', 'La Esperanza', 'San José', 'Monterrey', 'Guadalajara', 'Azteca', 'Del Bajío', 'Tres Ríos', 'Los Pinos'];

/**
 * Tests whether every token of the query appears in one listed name: such a query names a listed
 * person (e.g. "José García López" for a listed "José Luis García López") and cannot be a negative.
 */
function coveredByListedName(query: string, listedTokenSets: ReadonlyArray<ReadonlySet<string>>, tokenToNames: ReadonlyMap<string, readonly number[]>): boolean {
  const tokens = parseName(query).tokens;
  if (tokens.length === 0) return true;
  const first = tokenToNames.get(tokens[0]!);
  if (!first) return false;
  return first.some((nameId) => tokens.every((t) => listedTokenSets[nameId]!.has(t)));
}

/**
 * Builds the evaluation set from the list entries under evaluation.
 * @example buildEvaluationSet(entries, { seed: 7 }).filter((c) => c.expected === null).length
 */
export function buildEvaluationSet(entries: readonly ListEntry[], options: { seed?: number; persons?: number; companies?: number; commonNames?: number } = {}): EvaluationCase[] {
  const random = seededRandom(options.seed ?? 20250220);
  const cases: EvaluationCase[] = [];
  const listedTokenSets: Array<Set<string>> = [];
  const tokenToNames = new Map<string, number[]>();
  const addListed = (text: string, parsedTokens: string[]): void => {
    const id = listedTokenSets.length;
    listedTokenSets.push(new Set(parsedTokens));
    for (const token of new Set(parsedTokens)) {
      const list = tokenToNames.get(token);
      if (list) list.push(id); else tokenToNames.set(token, [id]);
    }
    void text;
  };
  for (const entry of entries) {
    const primary = entry.structuredName?.paternal ? parseStructuredName(entry.structuredName) : parseName(entry.name, entry.type === 'person' ? 'person' : 'organization');
    addListed(entry.name, primary.tokens);
    for (const alias of entry.aliases) addListed(alias.name, parseName(alias.name).tokens);
  }

  const persons: Array<{ entry: ListEntry; parts: PersonParts }> = [];
  const companies: ListEntry[] = [];
  for (const entry of entries) {
    if (!isMexican(entry)) continue;
    if (entry.type === 'person') {
      const parts = personParts(entry);
      if (parts) persons.push({ entry, parts });
    } else if (entry.type === 'organization' && LEGAL_FORM_PATTERN.test(entry.name) && entry.name.replace(LEGAL_FORM_PATTERN, '').trim().split(/\s+/).length >= 2) {
      companies.push(entry);
    }
  }
  const pick = <T>(items: readonly T[], count: number): T[] => {
    const copy = [...items];
    for (let i = copy.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [copy[i], copy[j]] = [copy[j]!, copy[i]!];
    }
    return copy.slice(0, count);
  };
  const chosenPersons = pick(persons, options.persons ?? 250);
  for (const { entry, parts } of chosenPersons) {
    for (const variant of personVariants(parts, entry, random)) cases.push({ ...variant, expected: `${entry.listId}:${entry.entryId}` });
  }
  for (const entry of pick(companies, options.companies ?? 120)) {
    for (const variant of companyVariants(entry.name, random)) cases.push({ ...variant, expected: `${entry.listId}:${entry.entryId}` });
  }

  const negatives = new Set<string>();
  const addNegative = (query: string, category: string): void => {
    if (negatives.has(query) || coveredByListedName(query, listedTokenSets, tokenToNames)) return;
    negatives.add(query);
    cases.push({ query, expected: null, category });
  };
  const choose = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const commonCount = options.commonNames ?? 1500;
  for (let i = 0; negatives.size < commonCount && i < commonCount * 4; i++) {
    const roll = random();
    if (roll < 0.55) addNegative(`${choose(MX_GIVEN)} ${choose(MX_SURNAMES)} ${choose(MX_SURNAMES)}`, 'negative:common-mexican');
    else if (roll < 0.65) addNegative(`${choose(MX_GIVEN)} ${choose(MX_SURNAMES)}`, 'negative:common-mexican');
    else if (roll < 0.9) addNegative(`${choose(US_GIVEN)} ${random() < 0.4 ? `${choose(US_MIDDLE)} ` : ''}${choose(US_SURNAMES)}`, 'negative:common-us');
    else addNegative(`${choose(MX_COMPANY_WORDS)} ${choose(MX_COMPANY_NAMES)}, S.A. de C.V.`, 'negative:common-company');
  }
  // Near misses: a relative-like name sharing one surname, or given name and paternal surname.
  for (const { parts } of chosenPersons) {
    const otherGiven = choose(MX_GIVEN.filter((g) => !tokenize(parts.given).includes(tokenize(g)[0]!)));
    const otherSurname = choose(MX_SURNAMES.filter((s) => tokenize(s)[0] !== tokenize(parts.maternal)[0]));
    addNegative(`${otherGiven} ${accentName(parts.paternal)} ${otherSurname}`, 'negative:near-miss-one-surname');
    addNegative(`${accentName(parts.given)} ${accentName(parts.paternal)} ${otherSurname}`, 'negative:near-miss-other-maternal');
  }
  return cases;
}
