/**
 * The synthetic population: institutions, parties, accounts and the relationships that drive normal
 * behaviour (employers and employees, tenants and landlords, remitters and their relatives, trade
 * partners, cash businesses, merchants) plus the pool of mule and front accounts used by the
 * laundering patterns. Only compact records are kept in memory; the full domain `Party` is
 * re-rendered from its own random stream whenever it is needed, so 10 million transactions'
 * worth of population stays small.
 */
import type { Account, Institution, Party, TransactionEnd } from '../domain/index.ts';
import {
  BUSINESS_KINDS, HISPANIC_US_GIVEN_FEMALE, HISPANIC_US_GIVEN_MALE, MX_BANKS, MX_FEMALE_COMPOUND, MX_FEMALE_GIVEN, MX_LEGAL_FORMS,
  MX_MALE_COMPOUND, MX_MALE_GIVEN, MX_NAME_WORDS, MX_PLACES, MX_SURNAMES, NON_BANKS, OCCUPATIONS_MX, OCCUPATIONS_US, TRADE_GOODS,
  US_BANKS, US_FEMALE_GIVEN, US_LEGAL_FORMS, US_MALE_GIVEN, US_MIDDLE_INITIALS, US_NAME_WORDS, US_PLACES, US_SURNAMES,
  type Country, type InstitutionSeed, type Place,
} from './catalog.ts';
import { clabe, companyRfc, curp, ein, personRfc, phone, ssn } from './identity.ts';
import { createRandom, type Random } from './random.ts';

export const DAY_SECONDS = 86_400;

export interface InstitutionRecord {
  institution: Institution;
  seed: InstitutionSeed;
}

/** Who a party is, enough to re-render the full record from its random stream. */
export type PartyCategory = 'mx_resident' | 'mx_national_in_us' | 'us_hispanic' | 'us_other' | 'us_company' | 'mx_company';

export interface PartyRecord {
  /** Generation index: the key of the party's own random stream. */
  index: number;
  id: string;
  category: PartyCategory;
  businessKind?: string;
  fixedName?: string;
  country: Country;
  place: Place;
  postalCode: string;
  name: string;
  /** The party as a transaction end without an account (cash depositor, cash pickup). */
  end: TransactionEnd;
  accounts: AccountRecord[];
}

export type AccountKind = Account['kind'];

export interface AccountRecord {
  id: string;
  party: PartyRecord;
  institution: InstitutionRecord;
  currency: 'USD' | 'MXN';
  kind: AccountKind;
  clabe?: string;
  openedAt: string;
  /** The account as a transaction end; shared by every transaction that touches it. */
  end: TransactionEnd;
}

export interface Employer {
  account: AccountRecord;
  employees: Array<{ account: AccountRecord; payMinor: number }>;
  /** US: every other Friday (phase 0/1); MX: quincena, the 15th and the last day of the month. */
  schedule: 'biweekly' | 'quincena';
  phase: number;
}

export interface RecurringBill {
  payer: AccountRecord;
  payee: AccountRecord;
  amountMinor: number;
  dayOfMonth: number;
  everyMonths: 1 | 2;
  kind: 'rent' | 'utility';
}

export interface RemittanceRecipient {
  /** The relative's bank account; the money goes to it, or is picked up in cash by its holder. */
  relative: AccountRecord;
  cashPickup: boolean;
  payoutInstitutionId: string;
}

export interface Remitter {
  sender: AccountRecord;
  recipients: RemittanceRecipient[];
  baseMinor: number;
  intervalDays: number;
  firstDay: number;
}

export interface TradePair {
  us: AccountRecord;
  mx: AccountRecord;
  /** Who pays: the Mexican importer pays the US exporter, or the US buyer pays the Mexican supplier. */
  mexicoPays: boolean;
  baseMinor: number;
  intervalDays: number;
  firstDay: number;
  goods: string;
}

export interface CashBusiness {
  account: AccountRecord;
  depositsPerWeek: number;
  medianMinor: number;
  /** Now and then deposits USD 9,000–12,000 (a legitimate look-alike of structuring). */
  occasionalLarge: boolean;
  /** A border wholesaler that deposits USD 15,000–40,000 weekly and pays suppliers in Mexico. */
  bulkWholesaler: boolean;
  mexicanSupplier?: AccountRecord;
}

export interface CryptoCustomer {
  bank: AccountRecord;
  exchange: AccountRecord;
  /** Buys crypto with bank transfers (US) or receives crypto income and sells it (MX). */
  style: 'buyer' | 'earner';
}

export interface Population {
  seed: number;
  startSeconds: number;
  days: number;
  institutions: InstitutionRecord[];
  parties: PartyRecord[];
  accounts: AccountRecord[];
  employers: Employer[];
  bills: RecurringBill[];
  remitters: Remitter[];
  tradePairs: TradePair[];
  cashBusinesses: CashBusiness[];
  cryptoCustomers: CryptoCustomer[];
  /** Persons' everyday bank accounts by country: card purchases, ATM, person-to-person. */
  everyday: Record<Country, AccountRecord[]>;
  merchantsByPlace: Map<Place, AccountRecord[]>;
  merchantsByCountry: Record<Country, AccountRecord[]>;
  titleCompanies: AccountRecord[];
  carDealers: AccountRecord[];
  /** Fresh accounts opened by mules and front companies; they have no normal behaviour. */
  mules: {
    usPersons: AccountRecord[];
    mxPersons: AccountRecord[];
    usCompanies: AccountRecord[];
    mxCompanies: AccountRecord[];
    mxCrypto: AccountRecord[];
    /** Persons without accounts of their own who deposit cash for others. */
    couriers: PartyRecord[];
  };
  exporters: AccountRecord[];
  mexicanImporters: AccountRecord[];
  institutionById: Map<string, InstitutionRecord>;
  branchesByCountry: Record<Country, Array<{ institution: InstitutionRecord; place: Place }>>;
}

export interface PopulationOptions {
  seed: number;
  transactions: number;
  days: number;
  startSeconds: number;
  /** How many pattern instances will be injected (0 for the clean population). */
  launderingInstances: number;
}

/** Transactions per population unit per day: about 25 per account over 90 days once second, remittance and crypto accounts are counted. */
const TRANSACTIONS_PER_ACCOUNT_DAY = 32 / 90;

/** Account count for the requested volume; at least enough to form every relationship. */
export function populationSize(transactions: number, days: number): number {
  return Math.max(40, Math.round(transactions / (days * TRANSACTIONS_PER_ACCOUNT_DAY)));
}

/** YYYY-MM-DD of epoch seconds (civil-from-days; much faster than formatting a Date). */
function isoDate(seconds: number): string {
  const z = Math.floor(seconds / DAY_SECONDS) + 719_468;
  const era = Math.floor(z / 146_097);
  const dayOfEra = z - era * 146_097;
  const yearOfEra = Math.floor((dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36_524) - Math.floor(dayOfEra / 146_096)) / 365);
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const monthIndex = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * monthIndex + 2) / 5) + 1;
  const month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9;
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  return `${year}-${month < 10 ? '0' : ''}${month}-${day < 10 ? '0' : ''}${day}`;
}

function placeWeights(places: readonly Place[]): Array<readonly [Place, number]> {
  return places.map((place) => [place, place.weight] as const);
}

/** Banks (or other institutions of `kinds`) serving a place, weighted. */
function institutionsAt(records: InstitutionRecord[], place: Place, kinds: ReadonlyArray<InstitutionSeed['kind']>): Array<readonly [InstitutionRecord, number]> {
  return records
    .filter((record) => record.seed.country === place.country && kinds.includes(record.seed.kind) && (record.seed.places === undefined || record.seed.places.includes(place.city)))
    .map((record) => [record, record.seed.weight] as const);
}

function drawBirthDate(random: Random, startSeconds: number, minAge: number, maxAge: number): string {
  const ageDays = random.int(minAge * 365, maxAge * 365);
  return isoDate(startSeconds - ageDays * DAY_SECONDS);
}

function mexicanName(random: Random, female: boolean): { given: string; paternal: string; maternal: string } {
  const compound = random.chance(0.3);
  const given = female ? (compound ? random.pick(MX_FEMALE_COMPOUND) : random.pick(MX_FEMALE_GIVEN)) : compound ? random.pick(MX_MALE_COMPOUND) : random.pick(MX_MALE_GIVEN);
  const paternal = random.pick(MX_SURNAMES);
  let maternal = random.pick(MX_SURNAMES);
  if (maternal === paternal && random.chance(0.7)) maternal = random.pick(MX_SURNAMES);
  return { given, paternal, maternal };
}

const stripAccents = (text: string): string => text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').normalize('NFC');

/**
 * Re-renders the full domain party from its record; deterministic for the seed.
 * @example renderParty(population.seed, population.parties[0]!, population.startSeconds).type
 */
export function renderParty(seed: number, record: PartyRecord, startSeconds: number): Party {
  return (drawParty(seed, record, startSeconds, false) as RenderedParty).party;
}

/** A rendered party and, for persons, the sex its name and CURP were drawn for. */
export interface RenderedParty {
  party: Party;
  female?: boolean;
}

/**
 * The party with the sex drawn for it (the KYC file needs it; `Party` does not carry it).
 * @example renderPartyDetails(population.seed, population.parties[0]!, population.startSeconds).female
 */
export function renderPartyDetails(seed: number, record: PartyRecord, startSeconds: number): RenderedParty {
  return drawParty(seed, record, startSeconds, false) as RenderedParty;
}

/** The display name alone: the same draws as `renderParty`, stopping once the name is known. */
function renderName(seed: number, record: PartyRecord, startSeconds: number): string {
  return drawParty(seed, record, startSeconds, true) as string;
}

function drawParty(seed: number, record: PartyRecord, startSeconds: number, nameOnly: boolean): RenderedParty | string {
  const random = createRandom(seed, 'party', record.index);
  const place = record.place;
  if (record.category === 'us_company' || record.category === 'mx_company') {
    const kind = BUSINESS_KINDS[record.businessKind ?? 'retail']!;
    const mexican = record.category === 'mx_company';
    const legalForm = mexican ? random.weighted([[MX_LEGAL_FORMS[0], 6], [MX_LEGAL_FORMS[1], 3], [MX_LEGAL_FORMS[2], 1]]) : random.weighted([[US_LEGAL_FORMS[0], 6], [US_LEGAL_FORMS[1], 3], [US_LEGAL_FORMS[2], 1]]);
    const template = random.pick(mexican ? kind.namesMx : kind.namesUs);
    const word = random.chance(0.25) ? place.city : random.pick(mexican ? MX_NAME_WORDS : US_NAME_WORDS);
    const base = record.fixedName ?? template.replace('{word}', word);
    const legalName = mexican ? `${base}, ${legalForm}` : `${base} ${legalForm}`;
    if (nameOnly) return legalName;
    const incorporationDate = drawBirthDate(random, startSeconds, 1, 40);
    const identifiers: Party['identifiers'] = mexican
      ? [{ kind: 'rfc', value: companyRfc(base, incorporationDate, random), country: 'MX' }]
      : [{ kind: 'ein', value: ein(random), country: 'US' }];
    identifiers.push({ kind: 'phone', value: phone(record.country, place.phoneArea, random) });
    const company: Party = {
      type: 'company',
      id: record.id,
      legalName,
      legalForm,
      incorporationDate,
      country: record.country,
      postalCode: record.postalCode,
      industry: kind.industry,
      identifiers,
      aliases: random.chance(0.3) ? [base.toUpperCase()] : [],
    };
    return { party: company };
  }

  const female = random.chance(0.5);
  const birthDate = drawBirthDate(random, startSeconds, 18, 78);
  const identifiers: Party['identifiers'] = [];
  let name: { given: string; paternal: string; maternal?: string };
  let nationality: 'US' | 'MX';
  let occupation: string;
  const curpState = (): string => (record.place.curpState ?? random.pick(MX_PLACES).curpState ?? 'NE');
  switch (record.category) {
    case 'mx_resident':
    case 'mx_national_in_us': {
      name = mexicanName(random, female);
      nationality = 'MX';
      occupation = random.pick(record.category === 'mx_resident' ? OCCUPATIONS_MX : OCCUPATIONS_US);
      break;
    }
    case 'us_hispanic': {
      const given = female ? random.pick(HISPANIC_US_GIVEN_FEMALE) : random.pick(HISPANIC_US_GIVEN_MALE);
      const paternal = stripAccents(random.pick(MX_SURNAMES));
      const style = random.next();
      // US documents often drop accents and either keep one surname or hyphenate both.
      if (style < 0.55) name = { given, paternal: paternal.replace(/^de la |^del |^de /, (p) => p.replace(/^./, (c) => c.toUpperCase())) };
      else if (style < 0.8) name = { given, paternal, maternal: stripAccents(random.pick(MX_SURNAMES)) };
      else name = { given, paternal: `${paternal}-${stripAccents(random.pick(MX_SURNAMES))}` };
      nationality = 'US';
      occupation = random.pick(OCCUPATIONS_US);
      break;
    }
    default: {
      const given = female ? random.pick(US_FEMALE_GIVEN) : random.pick(US_MALE_GIVEN);
      name = { given: random.chance(0.3) ? `${given} ${random.characters(US_MIDDLE_INITIALS, 1)}.` : given, paternal: random.pick(US_SURNAMES) };
      nationality = 'US';
      occupation = random.pick(OCCUPATIONS_US);
    }
  }
  if (nameOnly) return name.maternal === undefined ? `${name.given} ${name.paternal}` : `${name.given} ${name.paternal} ${name.maternal}`;
  const keyInput = { given: name.given, paternal: name.paternal, maternal: name.maternal, birthDate };
  if (record.category === 'mx_resident') {
    identifiers.push({ kind: 'rfc', value: personRfc(keyInput, random), country: 'MX' });
    identifiers.push({ kind: 'curp', value: curp(keyInput, female ? 'M' : 'H', curpState(), random), country: 'MX' });
  } else if (record.category === 'mx_national_in_us') {
    identifiers.push({ kind: 'curp', value: curp(keyInput, female ? 'M' : 'H', random.pick(MX_PLACES).curpState ?? 'NE', random), country: 'MX' });
    if (random.chance(0.65)) identifiers.push({ kind: 'ssn', value: ssn(random), country: 'US' });
    else identifiers.push({ kind: 'passport', value: `G${random.digits(8)}`, country: 'MX' });
  } else identifiers.push({ kind: 'ssn', value: ssn(random), country: 'US' });
  identifiers.push({ kind: 'phone', value: phone(record.country, place.phoneArea, random) });
  const aliases: string[] = [];
  if (name.maternal !== undefined && random.chance(0.15)) aliases.push(`${name.given.split(' ')[0]} ${name.paternal}`);
  if (record.category !== 'us_other' && random.chance(0.08)) aliases.push(stripAccents(`${name.given} ${name.paternal}${name.maternal ? ` ${name.maternal}` : ''}`).toUpperCase());
  const person: Party = {
    type: 'person',
    id: record.id,
    name: name.maternal === undefined ? { given: name.given, paternal: name.paternal } : { given: name.given, paternal: name.paternal, maternal: name.maternal },
    birthDate,
    nationality,
    country: record.country,
    postalCode: record.postalCode,
    occupation,
    identifiers,
    aliases,
  };
  return { party: person, female };
}

/** The domain account of a record. */
export function toAccount(record: AccountRecord): Account {
  const account: Account = {
    id: record.id,
    partyId: record.party.id,
    institutionId: record.institution.institution.id,
    country: record.institution.institution.country,
    currency: record.currency,
    kind: record.kind,
    openedAt: record.openedAt,
  };
  if (record.clabe !== undefined) account.clabe = record.clabe;
  return account;
}

/** A rough company size: most have a handful of employees, a few have hundreds. */
function employerSize(random: Random): number {
  return Math.round(random.logNormal(8, 1.1, 2, 400));
}

/**
 * Builds the population for the requested volume and period.
 * @example buildPopulation({ seed: 1, transactions: 200_000, days: 90, startSeconds: Date.UTC(2026, 0, 1) / 1000, launderingInstances: 406 })
 */
export function buildPopulation(options: PopulationOptions): Population {
  const { seed, startSeconds, days } = options;
  const random = createRandom(seed, 'population');
  const size = populationSize(options.transactions, options.days);

  const institutions: InstitutionRecord[] = [...US_BANKS, ...MX_BANKS, ...NON_BANKS].map((institutionSeed) => {
    const institution: Institution = { id: institutionSeed.id, name: institutionSeed.name, kind: institutionSeed.kind, country: institutionSeed.country };
    if (institutionSeed.aba !== undefined) institution.aba = institutionSeed.aba;
    if (institutionSeed.bic !== undefined) institution.bic = institutionSeed.bic;
    if (institutionSeed.mxBankCode !== undefined) institution.mxBankCode = institutionSeed.mxBankCode;
    return { institution, seed: institutionSeed };
  });
  const institutionById = new Map(institutions.map((record) => [record.institution.id, record]));
  const branchesByCountry: Population['branchesByCountry'] = { US: [], MX: [] };
  for (const place of [...US_PLACES, ...MX_PLACES]) {
    for (const [record] of institutionsAt(institutions, place, ['bank'])) branchesByCountry[place.country].push({ institution: record, place });
  }

  const parties: PartyRecord[] = [];
  const accounts: AccountRecord[] = [];
  const usedAccountIds = new Set<string>();

  const newParty = (category: PartyCategory, place: Place, extra: { businessKind?: string; fixedName?: string } = {}): PartyRecord => {
    const record: PartyRecord = {
      index: parties.length,
      id: '',
      category,
      country: place.country,
      place,
      postalCode: random.pick(place.postalCodes),
      name: '',
      end: { country: place.country },
      accounts: [],
    };
    if (extra.businessKind !== undefined) record.businessKind = extra.businessKind;
    if (extra.fixedName !== undefined) record.fixedName = extra.fixedName;
    parties.push(record);
    return record;
  };

  const accountNumber = (institution: InstitutionRecord, place: Place): { id: string; clabe?: string } => {
    for (;;) {
      if (institution.seed.kind === 'bank' && institution.seed.country === 'MX') {
        // Plaza codes are synthetic but stable per city.
        const plaza = String((MX_PLACES.indexOf(place) * 37 + 10) % 1000).padStart(3, '0');
        const value = clabe(institution.institution.mxBankCode ?? institution.institution.id, plaza, random.digits(11));
        if (!usedAccountIds.has(value)) {
          usedAccountIds.add(value);
          return { id: value, clabe: value };
        }
        continue;
      }
      const value = `${random.int(1, 9)}${random.digits(institution.seed.kind === 'bank' ? 11 : 9)}`;
      if (!usedAccountIds.has(value)) {
        usedAccountIds.add(value);
        return { id: value };
      }
    }
  };

  const openedBeforeStart = (fresh: boolean): string => {
    const daysBefore = fresh ? random.int(10, 240) : random.chance(0.1) ? random.int(15, 240) : Math.round(random.logNormal(1500, 0.8, 30, 11_000));
    return isoDate(startSeconds - daysBefore * DAY_SECONDS);
  };

  const openAccount = (party: PartyRecord, institution: InstitutionRecord, kind: AccountKind, fresh = false): AccountRecord => {
    const number = accountNumber(institution, party.place);
    const record: AccountRecord = {
      id: number.id,
      party,
      institution,
      currency: institution.seed.country === 'MX' ? 'MXN' : 'USD',
      kind,
      openedAt: openedBeforeStart(fresh),
      end: { country: institution.seed.country },
    };
    if (number.clabe !== undefined) record.clabe = number.clabe;
    party.accounts.push(record);
    accounts.push(record);
    return record;
  };

  const banksByPlace = new Map<Place, Array<readonly [InstitutionRecord, number]>>();
  const bankAt = (place: Place): InstitutionRecord => {
    let banks = banksByPlace.get(place);
    if (banks === undefined) {
      banks = institutionsAt(institutions, place, ['bank']);
      banksByPlace.set(place, banks);
    }
    return random.weighted(banks);
  };
  const nonBank = (country: Country, kind: InstitutionSeed['kind'], place?: Place): InstitutionRecord => {
    const candidates = institutions.filter((record) => record.seed.kind === kind && record.seed.country === country && (place === undefined || record.seed.places === undefined || record.seed.places.includes(place.city)));
    return random.weighted((candidates.length > 0 ? candidates : institutions.filter((record) => record.seed.kind === kind && record.seed.country === country)).map((record) => [record, record.seed.weight] as const));
  };

  const usPlaceWeights = placeWeights(US_PLACES);
  const mxPlaceWeights = placeWeights(MX_PLACES);
  const usPersonCategory = (place: Place): PartyCategory =>
    random.weighted(place.border ? [['mx_national_in_us', 45], ['us_hispanic', 38], ['us_other', 17]] : [['mx_national_in_us', 30], ['us_hispanic', 30], ['us_other', 40]]);

  // Companies first: they anchor employment, rent, merchants and trade.
  const usCompanyCount = Math.max(8, Math.round(size * 0.05));
  const mxCompanyCount = Math.max(6, Math.round(size * 0.045));
  const companyKindWeights: Array<readonly [string, number]> = [
    ['restaurant', 18], ['carWash', 6], ['grocery', 10], ['construction', 8], ['agriculture', 6], ['logistics', 8], ['autoParts', 7],
    ['electronics', 6], ['textiles', 4], ['realEstate', 9], ['retail', 10], ['manufacturing', 5], ['carDealer', 3], ['titleCompany', 2],
  ];
  const companiesByPlace = new Map<Place, AccountRecord[]>();
  const allCompanies: Record<Country, AccountRecord[]> = { US: [], MX: [] };
  const byKind = (country: Country, kinds: readonly string[]): AccountRecord[] => allCompanies[country].filter((account) => kinds.includes(account.party.businessKind ?? ''));
  const makeCompany = (country: Country, kind: string, fixedName?: string, placeOverride?: Place): AccountRecord => {
    const place = placeOverride ?? random.weighted(country === 'US' ? usPlaceWeights : mxPlaceWeights);
    const party = newParty(country === 'US' ? 'us_company' : 'mx_company', place, fixedName === undefined ? { businessKind: kind } : { businessKind: kind, fixedName });
    const account = openAccount(party, bankAt(place), 'business');
    if (random.chance(0.15)) openAccount(party, bankAt(place), 'business');
    allCompanies[country].push(account);
    const list = companiesByPlace.get(place) ?? [];
    list.push(account);
    companiesByPlace.set(place, list);
    return account;
  };
  for (let i = 0; i < usCompanyCount; i++) makeCompany('US', random.weighted(companyKindWeights));
  for (let i = 0; i < mxCompanyCount; i++) makeCompany('MX', random.weighted(companyKindWeights));
  // Utilities: one per region in the US, the national electricity company plus water and telephone in Mexico.
  const usUtilities = [0, 1, 2, 3].map(() => makeCompany('US', 'utility'));
  const mxUtilities = [makeCompany('MX', 'utility', 'Comisión Federal de Electricidad', MX_PLACES[9]), makeCompany('MX', 'utility'), makeCompany('MX', 'utility')];
  const titleCompanies = byKind('US', ['titleCompany']);
  if (titleCompanies.length < 2) titleCompanies.push(makeCompany('US', 'titleCompany'), makeCompany('US', 'titleCompany'));
  const carDealers = byKind('US', ['carDealer']);
  if (carDealers.length < 2) carDealers.push(makeCompany('US', 'carDealer'), makeCompany('US', 'carDealer'));

  // Persons.
  const usPersonCount = Math.round(size * 0.45);
  const mxPersonCount = Math.round(size * 0.36);
  const everyday: Record<Country, AccountRecord[]> = { US: [], MX: [] };
  const usPersons: AccountRecord[] = [];
  const mxPersons: AccountRecord[] = [];
  for (let i = 0; i < usPersonCount; i++) {
    const place = random.weighted(usPlaceWeights);
    const party = newParty(usPersonCategory(place), place);
    const account = openAccount(party, bankAt(place), 'checking');
    if (random.chance(0.15)) openAccount(party, account.institution, 'savings');
    everyday.US.push(account);
    usPersons.push(account);
  }
  for (let i = 0; i < mxPersonCount; i++) {
    const place = random.weighted(mxPlaceWeights);
    const party = newParty('mx_resident', place);
    const account = openAccount(party, bankAt(place), 'checking');
    everyday.MX.push(account);
    mxPersons.push(account);
  }

  // Employment: most people work for a company in their own city (or country).
  const employers: Employer[] = [];
  const employerOf = new Map<AccountRecord, Employer>();
  for (const country of ['US', 'MX'] as const) {
    for (const account of allCompanies[country]) {
      if (account.party.businessKind === 'utility') continue;
      const employer: Employer = { account, employees: [], schedule: country === 'US' ? 'biweekly' : 'quincena', phase: random.int(0, 1) };
      employers.push(employer);
      employerOf.set(account, employer);
    }
  }
  const capacity = new Map<Employer, number>(employers.map((employer) => [employer, employerSize(random)]));
  const assignEmployment = (persons: AccountRecord[], country: Country, share: number): void => {
    const local = employers.filter((employer) => employer.account.institution.seed.country === country);
    for (const person of persons) {
      if (!random.chance(share)) continue;
      const nearby = companiesByPlace.get(person.party.place) ?? [];
      let employer: Employer | undefined;
      for (let attempt = 0; attempt < 6 && employer === undefined && nearby.length > 0 && random.chance(0.85); attempt++) {
        const candidate = employerOf.get(random.pick(nearby));
        if (candidate !== undefined && capacity.get(candidate)! > candidate.employees.length) employer = candidate;
      }
      employer ??= random.pick(local);
      const payMinor = country === 'US' ? Math.round(random.logNormal(1650, 0.35, 700, 6500)) * 100 : Math.round(random.logNormal(7500, 0.45, 3200, 40_000)) * 100;
      employer.employees.push({ account: person, payMinor });
    }
  };
  assignEmployment(usPersons, 'US', 0.7);
  assignEmployment(mxPersons, 'MX', 0.55);

  // Rent and utilities.
  const bills: RecurringBill[] = [];
  const usLandlords = [...byKind('US', ['realEstate']), ...usPersons.filter(() => random.chance(0.01))];
  const mxLandlords = [...byKind('MX', ['realEstate']), ...mxPersons.filter(() => random.chance(0.015))];
  for (const [persons, landlords, utilities, country] of [[usPersons, usLandlords, usUtilities, 'US'], [mxPersons, mxLandlords, mxUtilities, 'MX']] as const) {
    const landlordsByPlace = new Map<Place, AccountRecord[]>();
    for (const landlord of landlords) {
      const list = landlordsByPlace.get(landlord.party.place) ?? [];
      list.push(landlord);
      landlordsByPlace.set(landlord.party.place, list);
    }
    for (const person of persons) {
      if (landlords.length > 0 && random.chance(country === 'US' ? 0.55 : 0.3)) {
        const sameCity = landlordsByPlace.get(person.party.place) ?? [];
        const landlord = sameCity.length > 0 ? random.pick(sameCity) : random.pick(landlords);
        if (landlord !== person) {
          const amountMinor = country === 'US' ? Math.round(random.logNormal(1450, 0.3, 650, 3800) / 25) * 2500 : Math.round(random.logNormal(8000, 0.4, 3500, 30_000) / 100) * 10_000;
          bills.push({ payer: person, payee: landlord, amountMinor, dayOfMonth: random.weighted([[1, 6], [2, 2], [3, 2], [5, 1]]), everyMonths: 1, kind: 'rent' });
        }
      }
      if (random.chance(0.8)) {
        const count = random.int(1, 2);
        for (const utility of random.sample(utilities, count)) {
          const amountMinor = country === 'US' ? random.int(4500, 32_000) : random.int(25_000, 250_000);
          bills.push({ payer: person, payee: utility, amountMinor, dayOfMonth: random.int(5, 28), everyMonths: country === 'MX' && utility === mxUtilities[0] ? 2 : 1, kind: 'utility' });
        }
      }
    }
  }

  // Remittances home: Mexican nationals and some Hispanic Americans send to relatives; some relatives have several senders.
  const remitters: Remitter[] = [];
  const recipients: RemittanceRecipient[] = [];
  const payoutAgents = institutions.filter((record) => record.seed.country === 'MX' && (record.seed.kind === 'casa_de_cambio' || ['127', '137', '012', '002'].includes(record.institution.id)));
  for (const person of usPersons) {
    const category = person.party.category;
    const probability = category === 'mx_national_in_us' ? 0.6 : category === 'us_hispanic' ? 0.25 : 0.02;
    if (!random.chance(probability) || mxPersons.length === 0) continue;
    const msbAccount = openAccount(person.party, nonBank('US', 'msb'), 'msb_agent');
    const count = random.weighted([[1, 6], [2, 3], [3, 1]]);
    const chosen: RemittanceRecipient[] = [];
    for (let i = 0; i < count; i++) {
      if (recipients.length > 0 && random.chance(0.25)) {
        chosen.push(random.pick(recipients));
        continue;
      }
      const relative = random.pick(mxPersons);
      const cashPickup = random.chance(0.4);
      const recipient: RemittanceRecipient = {
        relative,
        cashPickup,
        payoutInstitutionId: cashPickup ? random.pick(payoutAgents).institution.id : relative.institution.institution.id,
      };
      recipients.push(recipient);
      chosen.push(recipient);
    }
    remitters.push({
      sender: msbAccount,
      recipients: [...new Set(chosen)],
      baseMinor: Math.round(random.logNormal(380, 0.4, 150, 900)) * 100,
      intervalDays: random.int(24, 36),
      firstDay: random.int(0, 30),
    });
  }

  // Trade between US and Mexican companies: repeat partners, invoice purpose text.
  const exporters = byKind('US', ['electronics', 'autoParts', 'textiles', 'agriculture', 'manufacturing', 'logistics', 'retail']);
  const mexicanImporters = byKind('MX', ['electronics', 'autoParts', 'textiles', 'agriculture', 'manufacturing', 'logistics', 'retail', 'grocery']);
  const tradePairs: TradePair[] = [];
  for (const us of exporters) {
    if (mexicanImporters.length === 0) break;
    for (const mx of random.sample(mexicanImporters, random.int(1, 4))) {
      tradePairs.push({
        us,
        mx,
        mexicoPays: random.chance(0.65),
        baseMinor: Math.round(random.logNormal(42_000, 0.8, 4_000, 450_000)) * 100,
        intervalDays: random.int(7, 30),
        firstDay: random.int(0, 20),
        goods: random.pick(TRADE_GOODS),
      });
    }
  }

  // Cash-intensive businesses, some at border branches; a few are legitimate large depositors.
  const cashBusinesses: CashBusiness[] = [];
  for (const country of ['US', 'MX'] as const) {
    for (const account of byKind(country, ['restaurant', 'carWash', 'grocery', 'retail'])) {
      const kind = account.party.businessKind;
      const medianUsd = kind === 'grocery' ? 2400 : kind === 'restaurant' ? 1700 : kind === 'carWash' ? 850 : 1300;
      const business: CashBusiness = {
        account,
        depositsPerWeek: random.int(2, 6),
        medianMinor: Math.round(medianUsd * (country === 'MX' ? 18.5 : 1) * random.between(0.6, 1.5) * 100),
        occasionalLarge: country === 'US' && random.chance(0.12),
        bulkWholesaler: false,
      };
      cashBusinesses.push(business);
    }
  }
  const wholesalers = byKind('US', ['grocery', 'retail', 'autoParts']).filter((account) => account.party.place.border);
  for (const account of random.sample(wholesalers, Math.max(1, Math.round(size / 6000)))) {
    if (mexicanImporters.length === 0) break;
    cashBusinesses.push({ account, depositsPerWeek: 1, medianMinor: 2_400_000, occasionalLarge: false, bulkWholesaler: true, mexicanSupplier: random.pick(mexicanImporters) });
  }

  const merchantsByPlace = new Map<Place, AccountRecord[]>();
  const merchantsByCountry: Record<Country, AccountRecord[]> = { US: [], MX: [] };
  for (const country of ['US', 'MX'] as const) {
    for (const account of byKind(country, ['restaurant', 'grocery', 'retail', 'carWash', 'autoParts'])) {
      merchantsByCountry[country].push(account);
      const list = merchantsByPlace.get(account.party.place) ?? [];
      list.push(account);
      merchantsByPlace.set(account.party.place, list);
    }
  }

  // Crypto: US buyers, Mexican earners paid in stablecoins.
  const cryptoCustomers: CryptoCustomer[] = [];
  for (const person of usPersons) if (random.chance(0.04)) cryptoCustomers.push({ bank: person, exchange: openAccount(person.party, nonBank('US', 'crypto_exchange'), 'crypto_wallet'), style: 'buyer' });
  for (const person of mxPersons) if (random.chance(0.02)) cryptoCustomers.push({ bank: person, exchange: openAccount(person.party, nonBank('MX', 'crypto_exchange'), 'crypto_wallet'), style: 'earner' });

  // Mules and front companies: fresh accounts with no normal behaviour.
  const poolSize = options.launderingInstances === 0 ? 0 : Math.max(40, Math.round(options.launderingInstances * 2.6));
  const mules: Population['mules'] = { usPersons: [], mxPersons: [], usCompanies: [], mxCompanies: [], mxCrypto: [], couriers: [] };
  for (let i = 0; i < poolSize; i++) {
    const role = random.weighted([['usPerson', 50], ['mxPerson', 25], ['usCompany', 8], ['mxCompany', 7], ['mxCrypto', 4], ['courier', 6]] as const);
    if (role === 'usPerson' || role === 'courier') {
      const place = random.weighted(usPlaceWeights);
      const party = newParty(usPersonCategory(place), place);
      if (role === 'courier') mules.couriers.push(party);
      else mules.usPersons.push(openAccount(party, bankAt(place), 'checking', true));
    } else if (role === 'mxPerson' || role === 'mxCrypto') {
      const place = random.weighted(mxPlaceWeights);
      const party = newParty('mx_resident', place);
      if (role === 'mxCrypto') mules.mxCrypto.push(openAccount(party, nonBank('MX', 'crypto_exchange'), 'crypto_wallet', true));
      else mules.mxPersons.push(openAccount(party, bankAt(place), 'checking', true));
    } else {
      const country: Country = role === 'usCompany' ? 'US' : 'MX';
      const place = random.weighted(country === 'US' ? usPlaceWeights : mxPlaceWeights);
      const kind = random.pick(['electronics', 'autoParts', 'textiles', 'logistics', 'retail', 'construction', 'realEstate']);
      const party = newParty(country === 'US' ? 'us_company' : 'mx_company', place, { businessKind: kind });
      (country === 'US' ? mules.usCompanies : mules.mxCompanies).push(openAccount(party, bankAt(place), 'business', true));
    }
  }

  // Identifiers are assigned in shuffled order, so nothing about a party's role shows in its id.
  const partyOrder = random.shuffle(parties.slice());
  partyOrder.forEach((party, position) => {
    party.id = `P${String(position + 1).padStart(8, '0')}`;
  });
  for (const party of parties) {
    party.name = renderName(seed, party, startSeconds);
    party.end = { partyId: party.id, name: party.name, country: party.country, postalCode: party.postalCode };
    // Arrays grown by push keep spare capacity; exact copies save memory at a million parties.
    party.accounts = party.accounts.slice();
  }
  for (const employer of employers) employer.employees = employer.employees.slice();
  for (const account of accounts) {
    account.end = {
      partyId: account.party.id,
      name: account.party.name,
      accountId: account.id,
      institutionId: account.institution.institution.id,
      country: account.institution.institution.country,
      postalCode: account.party.postalCode,
    };
  }
  const accountOrder = accounts.slice().sort((a, b) => (a.id < b.id ? -1 : 1));
  partyOrder.sort((a, b) => (a.id < b.id ? -1 : 1));

  return {
    seed,
    startSeconds,
    days,
    institutions,
    parties: partyOrder,
    accounts: accountOrder,
    employers: employers.filter((employer) => employer.employees.length > 0),
    bills,
    remitters,
    tradePairs,
    cashBusinesses,
    cryptoCustomers,
    everyday,
    merchantsByPlace,
    merchantsByCountry,
    titleCompanies,
    carDealers,
    mules,
    exporters,
    mexicanImporters,
    institutionById,
    branchesByCountry,
  };
}
