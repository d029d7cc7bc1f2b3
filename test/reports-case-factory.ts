/**
 * A small deterministic case factory for the report tests and benchmark: Mexican and US
 * subjects with accents, RFC/CURP/SSN with valid check characters, CLABE accounts, amounts in
 * minor units, alerts with explanations. Same seed, same cases.
 */
import { clabeCheckDigit, curpCheckDigit, rfcCheckCharacter, type Alert, type Transaction } from '../src/domain/index.ts';
import { CaseSchema, draftNarrative, type Case } from '../src/cases/index.ts';
import { FilerProfileSchema, type FilerProfile } from '../src/reports/index.ts';

export type Random = { next(): number; int(min: number, max: number): number; pick<T>(list: readonly T[]): T };

/** mulberry32: tiny, fast, deterministic. */
export function seededRandom(seed: number): Random {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { next, int: (min, max) => min + Math.floor(next() * (max - min + 1)), pick: (list) => list[Math.floor(next() * list.length)]! };
}

const MX_GIVEN = ['José Luis', 'María de los Ángeles', 'Jesús', 'Sofía', 'Ángel', 'Begoña', 'Raúl', 'Inés', 'Héctor', 'Martín', 'Lucía', 'Joaquín'];
const MX_SURNAMES = ['Núñez', 'Pérez', 'Ibáñez', 'Muñoz', 'Peña', 'Gutiérrez', 'Hernández', 'Martínez', 'Ordóñez', 'López', 'Guzmán', 'Oseguera', 'De la Cruz', 'Del Río'];
const US_GIVEN = ['John', 'Mary Ann', 'Robert', 'Linda', 'James', 'Patricia', 'Michael', 'Zoë'];
const US_SURNAMES = ["O'Connor", 'Smith', 'Miller', 'Johnson', 'Brown', 'Davis-Wright', 'García'];
const COMPANIES = ['Transportes del Norte', 'Comercializadora Ñandú', 'Importadora Azteca & Hijos', 'Servicios Logísticos "El Águila"', 'Border Freight <Holdings>', 'Casa de Cambio Peñasco'];
type Place = { city: string; state: string; postalCode: string; colonia?: string; locality?: string };
const MX_CITIES: Place[] = [
  { city: 'Ciudad Juárez', state: 'CHH', postalCode: '32000', colonia: 'Centro', locality: '08037001' },
  { city: 'Tijuana', state: 'BC', postalCode: '22000', colonia: 'Zona Río', locality: '02004001' },
  { city: 'Culiacán', state: 'SIN', postalCode: '80000', colonia: 'Las Quintas', locality: '25006001' },
  { city: 'Guadalajara', state: 'JAL', postalCode: '44100', colonia: 'Americana', locality: '14039001' },
];
const US_CITIES: Place[] = [
  { city: 'El Paso', state: 'TX', postalCode: '79901' },
  { city: 'San Diego', state: 'CA', postalCode: '92101' },
  { city: 'Nogales', state: 'AZ', postalCode: '85621' },
  { city: 'Laredo', state: 'TX', postalCode: '78040' },
];
const CURP_STATES = ['CH', 'BC', 'SL', 'JC', 'DF', 'NL', 'SR'];
const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const CONSONANTS = 'BCDFGHJKLMNPQRSTVWXYZ';

function letters(random: Random, count: number, alphabet = LETTERS): string {
  let out = '';
  for (let i = 0; i < count; i++) out += random.pick(alphabet.split(''));
  return out;
}

export function makeRfc(random: Random, kind: 'person' | 'company', date: string): string {
  const body = `${letters(random, kind === 'person' ? 4 : 3)}${date.slice(2, 4)}${date.slice(5, 7)}${date.slice(8, 10)}${letters(random, 1)}${random.int(0, 9)}`;
  return body + rfcCheckCharacter(body);
}

export function makeCurp(random: Random, birthDate: string, sex: 'H' | 'M'): string {
  const body = `${letters(random, 1, CONSONANTS)}${random.pick(['A', 'E', 'I', 'O', 'U'])}${letters(random, 2)}${birthDate.slice(2, 4)}${birthDate.slice(5, 7)}${birthDate.slice(8, 10)}${sex}${random.pick(CURP_STATES)}${letters(random, 3, CONSONANTS)}${random.int(0, 9)}`;
  return body + curpCheckDigit(body);
}

export function makeSsn(random: Random): string {
  return `${random.int(100, 665)}-${String(random.int(1, 99)).padStart(2, '0')}-${String(random.int(1, 9999)).padStart(4, '0')}`;
}

export function makeClabe(random: Random): string {
  const body = `${random.pick(['002', '012', '014', '021', '072'])}${String(random.int(100, 999))}${String(random.int(0, 99999999999)).padStart(11, '0')}`;
  return body + clabeCheckDigit(body);
}

function isoDate(random: Random, fromYear: number, toYear: number): string {
  return `${random.int(fromYear, toYear)}-${String(random.int(1, 12)).padStart(2, '0')}-${String(random.int(1, 28)).padStart(2, '0')}`;
}

export type FactoryFormat = 'sar' | 'ctr' | 'uif' | 'av' | 'goaml';

/** The filer profile the tests use: a US–Mexico bank with FinCEN, CNBV/UIF, SAT and goAML registrations. */
export function testProfile(): FilerProfile {
  const address = { street: '100 N Stanton St', city: 'El Paso', state: 'TX', postalCode: '79901', country: 'US' };
  return FilerProfileSchema.parse({
    transmitter: { name: 'Banco Frontera Transmisiones', tcc: 'PFRN0001', tin: '741234567', address, phone: '9155550100', contactName: 'Ana Torres Ibáñez' },
    filingInstitution: { name: 'Banco Frontera, N.A.', tin: '741234568', primaryRegulator: '4', organizationType: '2', rssd: '1234567', address },
    contactOffice: { name: 'BSA/AML Office', phone: '9155550101' },
    branch: { address: { street: '1 Bridge Plaza', city: 'Laredo', state: 'TX', postalCode: '78040', country: 'US' } },
    mexico: { casfimKey: '040072', supervisorKey: '001002', localityCode: '08037001', branchCode: '0452', rfc: 'BFM010101AB1' },
    goaml: { rentityId: 1024, rentityBranch: 'Ciudad Juárez', localCurrency: 'MXN', reportingPerson: { firstName: 'Ana', lastName: 'Torres Ibáñez', occupation: 'Oficial de cumplimiento' }, defaultIndicators: ['STRUC'] },
  });
}

/**
 * Builds case number `index` for a format, deterministic from (format, index).
 * @example const kase = makeCase('sar', 7);
 */
export function makeCase(format: FactoryFormat, index: number, seed = 2026): Case {
  const random = seededRandom(seed * 1_000_003 + index * 7919 + format.length * 104_729);
  const mexican = format === 'uif' || format === 'av' || (format !== 'ctr' && random.next() < 0.5);
  const company = format !== 'ctr' && format !== 'goaml' && random.next() < 0.3;
  const id = `${format.toUpperCase()}-${String(index).padStart(5, '0')}`;
  const partyId = `P-${format}-${index}`;
  const birthDate = isoDate(random, 1950, 1999);
  const sex = random.pick(['H', 'M'] as const);
  const identifiers: Array<{ kind: 'rfc' | 'curp' | 'ssn' | 'ein' | 'passport'; value: string; country?: string }> = [];
  if (mexican) {
    identifiers.push({ kind: 'rfc', value: makeRfc(random, company ? 'company' : 'person', company ? isoDate(random, 1990, 2020) : birthDate) });
    if (!company) identifiers.push({ kind: 'curp', value: makeCurp(random, birthDate, sex) });
  } else if (company) identifiers.push({ kind: 'ein', value: `${random.pick(['12', '20', '27', '45', '46', '52', '61', '74', '85'])}-${String(random.int(0, 9999999)).padStart(7, '0')}` });
  else identifiers.push({ kind: 'ssn', value: makeSsn(random) });
  const place = mexican ? random.pick(MX_CITIES) : random.pick(US_CITIES);
  const party = company
    ? { type: 'company' as const, id: partyId, legalName: random.pick(COMPANIES), legalForm: mexican ? ('S.A. de C.V.' as const) : ('LLC' as const), incorporationDate: isoDate(random, 1990, 2020), country: mexican ? 'MX' : 'US', industry: 'Comercio al por mayor', identifiers, aliases: [] }
    : {
        type: 'person' as const,
        id: partyId,
        name: mexican
          ? { given: random.pick(MX_GIVEN), paternal: random.pick(MX_SURNAMES), ...(random.next() < 0.9 ? { maternal: random.pick(MX_SURNAMES) } : {}) }
          : { given: random.pick(US_GIVEN), paternal: random.pick(US_SURNAMES) },
        birthDate,
        nationality: mexican ? 'MX' : 'US',
        country: mexican ? 'MX' : 'US',
        occupation: random.pick(['Comerciante', 'Transportista', 'Agricultor', 'Contractor']),
        identifiers,
        aliases: random.next() < 0.2 ? ['El Güero'] : [],
      };
  const accountNumber = String(random.int(1_000_000, 99_999_999_999));
  const subject = {
    party,
    address: {
      street: mexican ? `Av. ${random.pick(MX_SURNAMES)}` : `${random.int(10, 9999)} ${random.pick(['Main St', 'Oak Ave', 'Border Rd'])}`,
      number: String(random.int(1, 2500)),
      city: place.city,
      state: place.state,
      postalCode: place.postalCode,
      country: mexican ? 'MX' : 'US',
      ...(place.colonia && place.locality ? { colonia: place.colonia, cnbvLocalityCode: place.locality } : {}),
    },
    phone: mexican ? `52656${random.int(1000000, 9999999)}` : `915${random.int(1000000, 9999999)}`,
    gender: sex === 'H' ? ('male' as const) : ('female' as const),
    economicActivityCode: String(random.int(1000000, 9999999)),
    relationship: format === 'uif' && random.next() < 0.2 ? ('employee' as const) : ('customer' as const),
    accounts: [{ accountNumber, ...(mexican ? { clabe: makeClabe(random) } : {}) }],
    identityDocuments: [{ type: 'passport' as const, number: `${mexican ? 'G' : 'P'}${random.int(10000000, 99999999)}`, issueDate: isoDate(random, 2016, 2020), expiryDate: isoDate(random, 2027, 2032), issueCountry: mexican ? 'MX' : 'US' }],
    ...(company ? { representative: { given: random.pick(MX_GIVEN), paternal: random.pick(MX_SURNAMES), maternal: random.pick(MX_SURNAMES) } } : {}),
  };
  const day = `2026-0${random.int(1, 2)}-${String(random.int(10, 27)).padStart(2, '0')}`;
  const transactions: Transaction[] = [];
  const count = format === 'ctr' ? random.int(2, 4) : random.int(1, 6);
  for (let i = 0; i < count; i++) {
    const cash = format === 'ctr' || (format === 'uif' && i === 0) || random.next() < 0.4;
    const currency = mexican ? 'MXN' : 'USD';
    const amountMinor = format === 'ctr' ? random.int(5_200_00, 9_900_00) : currency === 'MXN' ? random.int(140_000_00, 190_000_00) : random.int(3_000_00, 9_950_00);
    const inbound = cash || random.next() < 0.5;
    const channel = cash ? 'cash_deposit' : mexican ? 'spei' : random.pick(['wire', 'ach'] as const);
    const time = format === 'ctr' ? `${day}T${String(9 + i).padStart(2, '0')}:15:00-06:00` : `${day}T${String(9 + i).padStart(2, '0')}:${String(random.int(0, 59)).padStart(2, '0')}:00-06:00`;
    const counterpart = { country: random.pick(['MX', 'US', 'CN', 'GT']), name: random.pick(['Comercializadora Río Bravo', 'Zhang Wei Trading', 'Distribuidora Peñoles']), accountId: `CP${random.int(100000, 999999)}` };
    transactions.push({
      id: `${id}-T${i + 1}`,
      time,
      amountMinor,
      currency,
      channel,
      originator: inbound ? (cash ? { partyId, country: mexican ? 'MX' : 'US' } : counterpart) : { partyId, accountId: accountNumber, country: mexican ? 'MX' : 'US' },
      beneficiary: inbound ? { partyId, accountId: accountNumber, country: mexican ? 'MX' : 'US' } : counterpart,
      ...(cash ? { location: { country: mexican ? 'MX' : 'US', postalCode: place.postalCode, branchId: `BR${random.int(10, 99)}` } } : {}),
    } as Transaction);
  }
  const pattern = random.pick(['structuring_ctr', 'funnel_account', 'fan_in', 'rapid_pass_through', 'tbml_mirror', 'bulk_cash']);
  const alerts: Alert[] = format === 'ctr' ? [] : [{
    id: `${id}-A1`,
    typologyId: `mx-us.${pattern.replace(/_/g, '-')}`,
    typologyVersion: '1.0.0',
    subjectKey: partyId,
    partyId,
    score: Math.round(random.next() * 100) / 100 + 0.5,
    severity: 'alert',
    time: transactions.at(-1)!.time,
    triggerTransactionId: transactions.at(-1)!.id,
    transactionIds: transactions.map((t) => t.id),
    patterns: [pattern],
    explanation: {
      rules: [
        { id: 'r1', description: 'Cash deposits just under the reporting threshold at several branches', fired: true, weight: 0.6 },
        { id: 'r2', description: 'Funds leave for Mexico within 48 hours', fired: random.next() < 0.5, weight: 0.4 },
      ],
      features: { depositCount: count, totalUsd: transactions.reduce((s, t) => s + t.amountMinor, 0) / 100 },
      summary: `${count} operations over ${random.int(1, 5)} day(s) consistent with ${pattern.replace(/_/g, ' ')}.`,
    },
  }];
  const withHints = random.next() < 0.5;
  const input: Record<string, unknown> = {
    id,
    subjectKey: partyId,
    jurisdiction: format === 'uif' || format === 'av' ? 'MX' : 'US',
    status: 'pending_approval',
    subject,
    alerts,
    transactions,
    typologyHints: withHints && alerts[0]
      ? [{ typologyId: alerts[0].typologyId, advisoryKeyTerm: 'CMLN-2025-A003', sarCategories: [{ typeId: 8, subtypeId: 823 }, { typeId: 9, subtypeId: 909 }, { typeId: 9, subtypeId: 913 }], redFlag: { en: 'Cash placed by third parties and moved to Mexico.', es: 'Efectivo depositado por terceros y enviado a México.' } }]
      : [],
    openedAt: '2026-03-01T09:00:00Z',
    detectedAt: transactions.at(-1)!.time,
    committeeDecisionAt: format === 'uif' ? '2026-03-03T17:00:00-06:00' : undefined,
    ctrBusinessDay: format === 'ctr' ? day : undefined,
    preparer: 'analyst.ana',
    approval: { approver: 'supervisor.luis', approvedAt: '2026-03-04T10:00:00Z' },
    vulnerableActivity: format === 'av'
      ? {
          activity: 'VEH',
          operationDate: day,
          operationPostalCode: MX_CITIES[0]!.postalCode,
          operationType: '802',
          vehicles: [{ make: random.pick(['Ford', 'Chevrolet', 'Nissan', 'Toyota']), model: random.pick(['Lobo', 'Silverado', 'Frontier', 'Tacoma']), year: random.int(2018, 2026), vin: `${letters(random, 3)}${random.int(10000000000000, 99999999999999)}`, plates: `${letters(random, 3)}${random.int(1000, 9999)}`, armourLevel: random.pick([0, 0, 3]) }],
          payments: [{ date: day, method: '1', instrument: random.pick(['1', '4']), amountMinor: random.int(450_000_00, 1_800_000_00), currency: 'MXN' }],
        }
      : undefined,
    updatedAt: '2026-03-04T10:00:00Z',
  };
  const parsed = CaseSchema.parse(Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)));
  return {
    ...parsed,
    narrative: {
      en: draftNarrative(parsed, 'en', { institutionName: 'Banco Frontera, N.A.' }),
      es: draftNarrative(parsed, 'es', { institutionName: 'Banco Frontera' }),
    },
  };
}
