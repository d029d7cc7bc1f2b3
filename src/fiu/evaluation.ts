import { generateCorridor, createRandom, type Random } from '../synth/index.ts';
import type { Party } from '../domain/index.ts';
import { normaliseIdentifierValue, type FiuIdentifier, type FiuIdentifierKind, type FiuReport, type FiuSubject } from './records.ts';

/**
 * Evaluation data for entity resolution: reports generated from the synthetic corridor's parties,
 * each mention written the way filers really write names (accents dropped, surname order
 * changed, second surname missing, a typing error, identifiers omitted), with the generator's
 * party id as ground truth.
 */

export type VariantRates = {
  dropAccents: number;
  surnameFirst: number;
  dropMaternal: number;
  swapSurnames: number;
  typo: number;
  /** Probability that each identifier the party holds appears on a given report. */
  keepIdentifier: number;
  keepBirthDate: number;
  keepAccount: number;
  dropLegalForm: number;
};

export const DEFAULT_VARIANT_RATES: VariantRates = {
  dropAccents: 0.35,
  surnameFirst: 0.15,
  dropMaternal: 0.15,
  swapSurnames: 0.05,
  typo: 0.1,
  keepIdentifier: 0.6,
  keepBirthDate: 0.75,
  keepAccount: 0.5,
  dropLegalForm: 0.4,
};

export type EvaluationSet = {
  reports: FiuReport[];
  /** subjectId → generator party id. */
  truth: Map<string, string>;
};

const KIND_MAP: Partial<Record<string, FiuIdentifierKind>> = { rfc: 'rfc', curp: 'curp', ssn: 'ssn', ein: 'ein', passport: 'passport', phone: 'phone', crypto_address: 'crypto_address', clabe: 'clabe', account: 'account' };

function stripAccents(text: string): string {
  return text.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
}

function typo(text: string, random: Random): string {
  const words = text.split(' ');
  const candidates = words.map((word, index) => ({ word, index })).filter(({ word }) => word.length >= 5);
  if (candidates.length === 0) return text;
  const { word, index } = candidates[random.int(0, candidates.length - 1)]!;
  const position = random.int(1, word.length - 2);
  const operation = random.int(0, 2);
  const letter = 'aeiourlnst'[random.int(0, 9)]!;
  const changed = operation === 0 ? word.slice(0, position) + word.slice(position + 1) : operation === 1 ? word.slice(0, position) + letter + word.slice(position + 1) : word.slice(0, position) + word[position + 1]! + word[position]! + word.slice(position + 2);
  words[index] = changed;
  return words.join(' ');
}

const LEGAL_FORM = /,?\s*(S\.A\. de C\.V\.|S\. de R\.L\. de C\.V\.|S\.A\.P\.I\. de C\.V\.|S\.C\.|A\.C\.|LLC|Inc\.|Corp\.|LP|Ltd\.)$/;

function mentionOf(party: Party, accounts: readonly string[], reportId: string, index: number, random: Random, rates: VariantRates): FiuSubject {
  const identifiers: FiuIdentifier[] = [];
  for (const identifier of party.identifiers) {
    const kind = KIND_MAP[identifier.kind];
    if (kind !== undefined && random.chance(rates.keepIdentifier)) identifiers.push({ kind, value: normaliseIdentifierValue(kind, identifier.value) });
  }
  for (const account of accounts) if (random.chance(rates.keepAccount)) identifiers.push({ kind: account.length === 18 ? 'clabe' : 'account', value: account });
  const accents = random.chance(rates.dropAccents);
  const write = (text: string): string => (accents ? stripAccents(text).toUpperCase() : text);
  const subjectId = `${reportId}/s${index}`;
  const addresses = party.postalCode ? [`${party.postalCode}, ${party.country}`] : [];
  if (party.type === 'company') {
    let name = party.legalName;
    if (random.chance(rates.dropLegalForm)) name = name.replace(LEGAL_FORM, '');
    if (random.chance(rates.typo)) name = typo(name, random);
    const birthDate = party.incorporationDate !== undefined && random.chance(rates.keepBirthDate) ? party.incorporationDate : undefined;
    return { subjectId, reportId, kind: 'company', role: 'subject', fullName: write(name), ...(birthDate ? { birthDate } : {}), country: party.country, identifiers, addresses };
  }
  let given = party.name.given;
  let paternal = party.name.paternal;
  let maternal = party.name.maternal;
  if (maternal !== undefined && random.chance(rates.dropMaternal)) maternal = undefined;
  if (maternal !== undefined && random.chance(rates.swapSurnames)) [paternal, maternal] = [maternal, paternal];
  if (random.chance(rates.typo)) {
    const which = random.int(0, 2);
    if (which === 0) given = typo(given, random);
    else if (which === 1 || maternal === undefined) paternal = typo(paternal, random);
    else maternal = typo(maternal, random);
  }
  const surnames = [paternal, maternal].filter((part): part is string => part !== undefined).join(' ');
  const surnameFirst = random.chance(rates.surnameFirst);
  // Surname-first mentions arrive as one free-text name (as in a narrative or a goAML last_name field).
  const structured = !surnameFirst;
  const fullName = surnameFirst ? `${surnames}, ${given}` : `${given} ${surnames}`;
  const birthDate = party.birthDate !== undefined && random.chance(rates.keepBirthDate) ? party.birthDate : undefined;
  return {
    subjectId,
    reportId,
    kind: 'person',
    role: 'subject',
    fullName: write(fullName),
    ...(structured ? { given: write(given), paternal: write(paternal), ...(maternal ? { maternal: write(maternal) } : {}) } : {}),
    ...(birthDate ? { birthDate } : {}),
    country: party.country,
    identifiers,
    addresses,
  };
}

/**
 * Builds `reports` reports over a corridor of `transactions` transactions: each report names one
 * to three parties; a few parties (the busy ones) recur in many reports, as in real filings.
 * @example
 * const { reports, truth } = buildEvaluationSet({ seed: 7, reports: 5_000 });
 * const result = resolveEntities(reports.flatMap((report) => report.subjects));
 * pairwiseScores(result.entityOf, truth);
 */
export function buildEvaluationSet(options: { seed: number; reports: number; transactions?: number; rates?: VariantRates }): EvaluationSet {
  const rates = options.rates ?? DEFAULT_VARIANT_RATES;
  const corridor = generateCorridor({ seed: options.seed, transactions: options.transactions ?? Math.max(1_000, options.reports * 4), days: 30 });
  const parties = [...corridor.parties()];
  const accountsOf = new Map<string, string[]>();
  for (const account of corridor.accounts()) {
    const list = accountsOf.get(account.partyId) ?? [];
    list.push(account.clabe ?? account.id);
    accountsOf.set(account.partyId, list);
  }
  const institutions = corridor.institutions;
  const random = createRandom(options.seed, 'fiu-evaluation');
  const reports: FiuReport[] = [];
  const truth = new Map<string, string>();
  for (let index = 0; index < options.reports; index++) {
    const reportId = `eval#${index + 1}`;
    const institution = institutions[random.int(0, institutions.length - 1)]!;
    const subjectCount = random.chance(0.6) ? 1 : random.chance(0.7) ? 2 : 3;
    const subjects: FiuSubject[] = [];
    const used = new Set<string>();
    for (let s = 0; s < subjectCount; s++) {
      // Squared uniform: low indexes (busy parties) recur far more often than high ones.
      const party = parties[Math.floor(random.next() ** 2 * parties.length)]!;
      if (used.has(party.id)) continue;
      used.add(party.id);
      const subject = mentionOf(party, accountsOf.get(party.id) ?? [], reportId, subjects.length + 1, random, rates);
      subjects.push(subject);
      truth.set(subject.subjectId, party.id);
    }
    const amountMinor = random.int(500_000, 5_000_000);
    const day = `2026-0${random.int(1, 3)}-${String(random.int(10, 28))}`;
    reports.push({
      reportId,
      fileId: 'eval',
      sequence: index + 1,
      kind: institution.country === 'MX' ? 'uif-inusual' : 'fincen-sar',
      filerReference: String(index + 1),
      institution: { institutionId: institution.id, name: institution.name, country: institution.country },
      filedOn: day,
      activityFrom: day,
      activityTo: day,
      amountMinor,
      currency: institution.country === 'MX' ? 'MXN' : 'USD',
      categories: [],
      narrative: '',
      subjects,
      transactions: [{ date: day, amountMinor, currency: institution.country === 'MX' ? 'MXN' : 'USD' }],
    });
  }
  return { reports, truth };
}
