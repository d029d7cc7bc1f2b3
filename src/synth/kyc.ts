/**
 * Know-your-customer files of the synthetic parties: the address (street, number, colonia,
 * municipality, state, postal code, locality code), economic activity, the identity document
 * seen at onboarding and, for companies, the legal representative. These are what the UIF,
 * goAML and SAT reports ask for beyond the domain `Party`.
 *
 * Every KYC file is drawn from its own random stream keyed by the seed and the party id, never
 * from the population or transaction streams: adding or changing KYC attributes leaves the
 * parties, accounts, transactions and labels of a seed byte-for-byte as they were.
 */
import type { Party } from '../domain/index.ts';
import { HISPANIC_US_GIVEN_FEMALE, HISPANIC_US_GIVEN_MALE, MX_FEMALE_GIVEN, MX_MALE_GIVEN, MX_SURNAMES, US_FEMALE_GIVEN, US_MALE_GIVEN, US_SURNAMES, type Country } from './catalog.ts';
import { curp, keyLetters, personRfc } from './identity.ts';
import {
  companyActivity, CURP_STATE_INEGI, mexicanArea, MX_STATES, MX_STREETS, personActivity, US_LICENCES, US_STREET_NAMES, US_STREET_SUFFIXES,
  type EconomicActivity,
} from './kyc-catalog.ts';
import { DAY_SECONDS, type PartyRecord } from './population.ts';
import { createRandom, type Random } from './random.ts';

export interface KycAddress {
  /** Street name; the house number is kept apart in `number` (Mexican layouts ask for it apart). */
  street: string;
  /** Exterior number, with the interior number when there is one ("1204 Int. 3", "88 Apt 12"). */
  number: string;
  /** Mexican colonia; absent for US addresses. */
  colonia?: string;
  /** Mexican municipio or alcaldía; absent for US addresses. */
  municipality?: string;
  city: string;
  /** US state (2 letters) or Mexican state (ISO 3166-2:MX, 3 letters). */
  state: string;
  stateName: string;
  postalCode: string;
  country: Country;
  /**
   * Mexican places only: INEGI entidad (2) + municipio (3) + 001, the 8-digit shape of the CNBV
   * localidad catalogue the UIF layout asks for (a stand-in: that catalogue is not shipped).
   */
  localityCode?: string;
}

export type KycDocumentType = 'passport' | 'national_id' | 'drivers_license' | 'voter_id' | 'residence_permit';

export interface KycDocument {
  type: KycDocumentType;
  number: string;
  issuedBy: string;
  issueCountry: Country;
  issueDate: string;
  expiryDate: string;
}

export interface KycRepresentative {
  given: string;
  paternal: string;
  maternal?: string;
  birthDate: string;
  rfc?: string;
  curp?: string;
}

/** A person who works for a bank of the corridor: the filer of an internal ("interna preocupante") report. */
export interface KycEmployment {
  /** The bank the person works for, always one that holds one of the person's own accounts (payroll banks with its staff). */
  institutionId: string;
  employeeNumber: string;
  position: string;
  /** YYYY-MM-DD, before the corridor starts. */
  since: string;
}

export interface PartyKyc {
  partyId: string;
  /** Persons only. */
  gender?: 'male' | 'female';
  address: KycAddress;
  economicActivity: EconomicActivity;
  /** Persons: the identity document seen at onboarding. */
  identityDocument?: KycDocument;
  /** Companies: the legal representative (apoderado). */
  representative?: KycRepresentative;
  /** Persons who work for a bank of the corridor (see `EMPLOYEE_SHARE`). */
  employment?: KycEmployment;
}

/** A party with its KYC file. */
export interface PartyProfile {
  party: Party;
  kyc: PartyKyc;
}

/** YYYY-MM-DD of epoch seconds. */
const isoDate = (seconds: number): string => new Date(seconds * 1000).toISOString().slice(0, 10);

function addYears(date: string, years: number): string {
  const [year, month, day] = date.split('-');
  // 29 February moves to 28 February in a year that has none.
  const safeDay = month === '02' && day === '29' ? '28' : day;
  return `${String(Number(year) + years).padStart(4, '0')}-${month}-${safeDay}`;
}

/** A document issued before the corridor starts and still valid on its first day. */
function validity(random: Random, startSeconds: number, years: number): { issueDate: string; expiryDate: string } {
  const issued = startSeconds - random.int(30, years * 365 - 30) * DAY_SECONDS;
  const issueDate = isoDate(issued);
  return { issueDate, expiryDate: addYears(issueDate, years) };
}

function drawAddress(random: Random, record: PartyRecord): KycAddress {
  const place = record.place;
  const postalCode = record.postalCode;
  if (place.country === 'MX') {
    const area = mexicanArea(place, postalCode);
    const state = MX_STATES[place.state];
    if (state === undefined) throw new RangeError(`no state code is catalogued for ${place.state}`);
    const exterior = String(random.int(1, 3999));
    return {
      street: random.pick(MX_STREETS),
      number: random.chance(0.25) ? `${exterior} Int. ${random.int(1, 40)}` : exterior,
      colonia: area.colonia,
      municipality: area.municipality,
      city: place.city,
      state: state.iso,
      stateName: state.name,
      postalCode,
      country: 'MX',
      localityCode: `${area.inegiMunicipality}001`,
    };
  }
  const direction = random.chance(0.4) ? `${random.pick(['N', 'S', 'E', 'W'])} ` : '';
  const exterior = String(random.int(100, 12_999));
  return {
    street: `${direction}${random.pick(US_STREET_NAMES)} ${random.pick(US_STREET_SUFFIXES)}`,
    number: random.chance(0.3) ? `${exterior} Apt ${random.int(1, 320)}` : exterior,
    city: place.city,
    state: place.state,
    stateName: place.state,
    postalCode,
    country: 'US',
  };
}

/** First letter and first internal vowel of a key word (the INE voter key takes two per name). */
function twoLetters(word: string): string {
  const letters = keyLetters(word).replace(/ /g, '');
  const vowel = letters.slice(1).match(/[AEIOU]/)?.[0] ?? 'X';
  return `${letters[0] ?? 'X'}${vowel}`;
}

/**
 * INE voter card (credencial para votar): the clave de elector is two letters of each of the
 * paternal surname, maternal surname and given name, the birth date YYMMDD, the INEGI number of
 * the state of birth, the sex (H/M) and a three-digit homonym key; the card is valid ten years.
 */
function voterCard(random: Random, party: Extract<Party, { type: 'person' }>, female: boolean, birthState: string, startSeconds: number): KycDocument {
  const birth = party.birthDate ?? '1980-01-01';
  const key = `${twoLetters(party.name.paternal)}${twoLetters(party.name.maternal ?? 'X')}${twoLetters(party.name.given)}${birth.slice(2, 4)}${birth.slice(5, 7)}${birth.slice(8, 10)}${birthState}${female ? 'M' : 'H'}${random.digits(3)}`;
  return { type: 'voter_id', number: key, issuedBy: 'Instituto Nacional Electoral', issueCountry: 'MX', ...validity(random, startSeconds, 10) };
}

function driversLicence(random: Random, state: string, startSeconds: number): KycDocument {
  const format = US_LICENCES[state] ?? US_LICENCES['TX']!;
  const number = `${random.characters('ABCDEFGHJKLMNPRSTUVWXYZ', format.letters)}${random.int(1, 9)}${random.digits(format.digits - 1)}`;
  return { type: 'drivers_license', number, issuedBy: format.issuer, issueCountry: 'US', ...validity(random, startSeconds, format.years) };
}

function identityDocument(random: Random, record: PartyRecord, party: Extract<Party, { type: 'person' }>, female: boolean, startSeconds: number): KycDocument {
  const identifier = (kind: string): string | undefined => party.identifiers.find((candidate) => candidate.kind === kind)?.value;
  const curpValue = identifier('curp');
  switch (record.category) {
    case 'mx_resident':
      return voterCard(random, party, female, CURP_STATE_INEGI[curpValue?.slice(11, 13) ?? ''] ?? '09', startSeconds);
    case 'mx_national_in_us': {
      const passport = identifier('passport');
      // Without a US SSN the customer was identified with the Mexican passport on record.
      if (passport !== undefined) return { type: 'passport', number: passport, issuedBy: 'Secretaría de Relaciones Exteriores', issueCountry: 'MX', ...validity(random, startSeconds, 6) };
      return driversLicence(random, record.place.state, startSeconds);
    }
    default:
      if (random.chance(0.15)) return { type: 'passport', number: `${random.int(1, 9)}${random.digits(8)}`, issuedBy: 'U.S. Department of State', issueCountry: 'US', ...validity(random, startSeconds, 10) };
      return driversLicence(random, record.place.state, startSeconds);
  }
}

function representative(random: Random, country: Country, startSeconds: number): KycRepresentative {
  const female = random.chance(0.4);
  const birthDate = isoDate(startSeconds - random.int(28 * 365, 70 * 365) * DAY_SECONDS);
  if (country === 'MX') {
    const given = female ? random.pick(MX_FEMALE_GIVEN) : random.pick(MX_MALE_GIVEN);
    const paternal = random.pick(MX_SURNAMES);
    const maternal = random.pick(MX_SURNAMES);
    const keyInput = { given, paternal, maternal, birthDate };
    return { given, paternal, maternal, birthDate, rfc: personRfc(keyInput, random), curp: curp(keyInput, female ? 'M' : 'H', random.pick(Object.keys(CURP_STATE_INEGI)), random) };
  }
  const hispanic = random.chance(0.4);
  const given = hispanic ? (female ? random.pick(HISPANIC_US_GIVEN_FEMALE) : random.pick(HISPANIC_US_GIVEN_MALE)) : female ? random.pick(US_FEMALE_GIVEN) : random.pick(US_MALE_GIVEN);
  const paternal = hispanic ? random.pick(MX_SURNAMES).normalize('NFD').replace(/[\u0300-\u036f]/g, '') : random.pick(US_SURNAMES);
  return { given, paternal: paternal.replace(/^./, (c) => c.toUpperCase()), birthDate };
}

/**
 * Share of persons banking with a bank who work for it. Far above a real bank's staff share (a
 * few per thousand customers) on purpose: a corridor of 20,000 transactions then holds a few
 * dozen employees, so alerts on staff — the internal reports — occur at all.
 */
export const EMPLOYEE_SHARE = 0.03;

const POSITIONS: Record<Country, readonly string[]> = {
  MX: ['Cajero', 'Ejecutivo de cuenta', 'Gerente de sucursal', 'Asesor de inversiones', 'Analista de crédito', 'Subgerente operativo'],
  US: ['Teller', 'Personal banker', 'Branch manager', 'Loan officer', 'Operations analyst', 'Relationship manager'],
};

/**
 * Whether a person works for one of the banks holding their accounts, from a stream of its own
 * (seed + "employment" + party id): the KYC attributes drawn before it are unchanged by it.
 */
function drawEmployment(seed: number, record: PartyRecord, partyId: string, startSeconds: number): KycEmployment | undefined {
  const random = createRandom(seed, 'employment', partyId);
  if (!random.chance(EMPLOYEE_SHARE)) return undefined;
  const banks = record.accounts.filter((account) => account.institution.seed.kind === 'bank');
  if (banks.length === 0) return undefined;
  const employer = random.pick(banks).institution;
  return {
    institutionId: employer.institution.id,
    employeeNumber: random.digits(7),
    position: random.pick(POSITIONS[employer.seed.country]),
    since: isoDate(startSeconds - random.int(120, 25 * 365) * DAY_SECONDS),
  };
}

/**
 * The KYC file of a party, from the party's own KYC stream (seed + party id).
 * @example drawKyc(7, record, party, true, startSeconds).address.colonia // 'Zona Centro'
 */
export function drawKyc(seed: number, record: PartyRecord, party: Party, female: boolean | undefined, startSeconds: number): PartyKyc {
  const random = createRandom(seed, 'kyc', party.id);
  const address = drawAddress(random, record);
  if (party.type === 'company') {
    return {
      partyId: party.id,
      address,
      economicActivity: companyActivity(record.businessKind ?? 'retail', party.legalName),
      representative: representative(random, record.country, startSeconds),
    };
  }
  const employment = drawEmployment(seed, record, party.id, startSeconds);
  return {
    partyId: party.id,
    gender: female ? 'female' : 'male',
    address,
    economicActivity: personActivity(party.occupation),
    identityDocument: identityDocument(random, record, party, female ?? false, startSeconds),
    ...(employment ? { employment } : {}),
  };
}
