/**
 * Identifiers for synthetic parties and accounts, built with the official construction rules so
 * that every value passes the check-digit validators in `src/domain/identifiers.ts`.
 */
import { clabeCheckDigit, curpCheckDigit, rfcCheckCharacter } from '../domain/index.ts';
import type { Random } from './random.ts';

/** Words SAT and RENAPO replace because the four initials would spell something offensive. */
const INCONVENIENT_WORDS = new Set(
  'BACA BAKA BUEI BUEY CACA CACO CAGA CAGO CAKA CAKO COGE COGI COJA COJE COJI COJO COLA CULO FALO FETO GETA GUEI GUEY JETA JOTO KACA KACO KAGA KAGO KAKA KAKO KOGE KOGI KOJA KOJE KOJI KOJO KOLA KULO LILO LOCA LOCO LOKA LOKO MAME MAMO MEAR MEAS MEON MIAR MION MOCO MOKO MULA MULO NACA NACO PEDA PEDO PENE PIPI PITO POPO PUTA PUTO QULO RATA ROBA ROBE ROBO RUIN SENO TETA VACA VAGA VAGO VAKA VUEI VUEY WUEI WUEY'.split(' '),
);

const PARTICLES = new Set(['DE', 'DEL', 'LA', 'LAS', 'LOS', 'Y', 'MC', 'MAC', 'VON', 'VAN']);
const COMMON_FIRST_GIVEN = new Set(['JOSE', 'J', 'MARIA', 'MA', 'M']);
const COMPANY_SKIP_WORDS = new Set(['DE', 'DEL', 'LA', 'LAS', 'LOS', 'EL', 'Y', 'SA', 'CV', 'RL', 'SAPI', 'SC', 'AC', 'COMPANIA', 'CIA', 'SOCIEDAD', 'S', 'A', 'C', 'V', 'R', 'L', 'P', 'I']);
const VOWELS = 'AEIOU';

/** Upper case, accents removed, Ñ written as X (as both RFC and CURP keys do), only letters and spaces. */
export function keyLetters(text: string): string {
  return text
    .toUpperCase()
    .replace(/Ñ/g, 'X')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Z ]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

function significantWords(text: string, skip: ReadonlySet<string>): string[] {
  return keyLetters(text)
    .split(' ')
    .filter((word) => word !== '' && !skip.has(word));
}

function firstInternal(word: string, wanted: (letter: string) => boolean): string {
  for (let i = 1; i < word.length; i++) if (wanted(word[i]!)) return word[i]!;
  return 'X';
}

function givenForKey(given: string): string {
  const words = significantWords(given, PARTICLES);
  if (words.length > 1 && COMMON_FIRST_GIVEN.has(words[0]!)) return words[1]!;
  return words[0] ?? 'X';
}

function surnameForKey(surname: string | undefined): string {
  if (surname === undefined) return '';
  const words = significantWords(surname, PARTICLES);
  return words[0] ?? '';
}

function yymmdd(isoDate: string): string {
  return `${isoDate.slice(2, 4)}${isoDate.slice(5, 7)}${isoDate.slice(8, 10)}`;
}

export interface PersonKeyInput {
  given: string;
  paternal: string;
  maternal?: string | undefined;
  birthDate: string;
}

function personInitials({ given, paternal, maternal }: PersonKeyInput): { initials: string; paternalKey: string; maternalKey: string; givenKey: string } {
  const paternalKey = surnameForKey(paternal) || 'X';
  const maternalKey = surnameForKey(maternal);
  const givenKey = givenForKey(given);
  const initials = maternalKey === ''
    ? `${paternalKey[0]}${firstInternal(paternalKey, (c) => VOWELS.includes(c))}${givenKey.slice(0, 2).padEnd(2, 'X')}`
    : `${paternalKey[0]}${firstInternal(paternalKey, (c) => VOWELS.includes(c))}${maternalKey[0]}${givenKey[0]}`;
  return { initials, paternalKey, maternalKey, givenKey };
}

const HOMOCLAVE_ALPHABET = '123456789ABCDEFGHIJKLMNPQRSTUVWXYZ';

/**
 * RFC of a person (13 characters) with a random homoclave and the computed check character.
 * @example personRfc({ given: 'José Luis', paternal: 'Hernández', maternal: 'Núñez', birthDate: '1984-03-09' }, random) // 'HENL840309…'
 */
export function personRfc(input: PersonKeyInput, random: Random): string {
  let { initials } = personInitials(input);
  if (INCONVENIENT_WORDS.has(initials)) initials = `${initials.slice(0, 3)}X`;
  const body = `${initials}${yymmdd(input.birthDate)}${random.characters(HOMOCLAVE_ALPHABET, 2)}`;
  return `${body}${rfcCheckCharacter(body)}`;
}

/**
 * RFC of a company (12 characters): initials of the first three significant words of the name.
 * @example companyRfc('Transportes Río Bravo, S.A. de C.V.', '2011-06-01', random) // 'TRB110601…'
 */
export function companyRfc(legalName: string, incorporationDate: string, random: Random): string {
  const words = significantWords(legalName.replace(/,.*$/, ''), COMPANY_SKIP_WORDS);
  let letters: string;
  if (words.length >= 3) letters = `${words[0]![0]}${words[1]![0]}${words[2]![0]}`;
  else if (words.length === 2) letters = `${words[0]![0]}${words[1]!.slice(0, 2)}`;
  else letters = (words[0] ?? 'XXX').slice(0, 3);
  letters = letters.padEnd(3, 'X');
  const body = `${letters}${yymmdd(incorporationDate)}${random.characters(HOMOCLAVE_ALPHABET, 2)}`;
  return `${body}${rfcCheckCharacter(body)}`;
}

const CONSONANT = (c: string): boolean => /[B-DF-HJ-NP-TV-Z]/.test(c);

/**
 * CURP (18 characters): name initials, birth date, sex, state of birth, internal consonants,
 * differentiator (digit before 2000, letter from 2000) and the computed check digit.
 * @example curp({ given: 'María de los Ángeles', paternal: 'Peña', maternal: 'Ibarra', birthDate: '1990-07-21' }, 'M', 'JC', random)
 */
export function curp(input: PersonKeyInput, sex: 'H' | 'M', state: string, random: Random): string {
  const { paternalKey, maternalKey, givenKey } = personInitials(input);
  let initials = `${paternalKey[0]}${firstInternal(paternalKey, (c) => VOWELS.includes(c))}${maternalKey[0] ?? 'X'}${givenKey[0]}`;
  if (INCONVENIENT_WORDS.has(initials)) initials = `${initials[0]}X${initials.slice(2)}`;
  const consonants = `${firstInternal(paternalKey, CONSONANT)}${maternalKey === '' ? 'X' : firstInternal(maternalKey, CONSONANT)}${firstInternal(givenKey, CONSONANT)}`;
  const differentiator = Number(input.birthDate.slice(0, 4)) < 2000 ? random.digits(1) : random.characters('ABCDEFGHIJKLMNPQRSTUVWXYZ', 1);
  const body = `${initials}${yymmdd(input.birthDate)}${sex}${state}${consonants}${differentiator}`;
  return `${body}${curpCheckDigit(body)}`;
}

/** A US Social Security number with an issuable area, group and serial. */
export function ssn(random: Random): string {
  let area = random.int(1, 899);
  if (area === 666) area = 667;
  return `${String(area).padStart(3, '0')}-${String(random.int(1, 99)).padStart(2, '0')}-${String(random.int(1, 9999)).padStart(4, '0')}`;
}

const EIN_PREFIXES = ['20', '26', '27', '45', '46', '47', '74', '75', '76', '81', '82', '83', '84', '85', '86', '87', '88', '90', '91', '92', '93', '94', '95', '98', '99', '71', '72', '73', '61', '62', '63', '64', '65'];

/** A US employer identification number with a prefix the IRS assigns. */
export function ein(random: Random): string {
  return `${random.pick(EIN_PREFIXES)}-${random.digits(7)}`;
}

/** E.164 phone number: US area code + 7 digits, or Mexican area code + digits up to 10. */
export function phone(country: 'US' | 'MX', area: string, random: Random): string {
  const local = `${random.int(2, 9)}${random.digits(country === 'US' ? 6 : 9 - area.length)}`;
  return `${country === 'US' ? '+1' : '+52'}${area}${local}`;
}

/**
 * CLABE: bank code, plaza, 11-digit account number and the 3-7-1 check digit.
 * @example clabe('012', '180', '00001835971') // '012180000018359712'-style, valid check digit
 */
export function clabe(bankCode: string, plaza: string, accountNumber: string): string {
  const first17 = `${bankCode}${plaza}${accountNumber}`;
  return `${first17}${clabeCheckDigit(first17)}`;
}

const BASE58 = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';
const BECH32 = 'qpzry9x8gf2tvdw0s3jn54khce6mua7l';

/** A well-formed (not checksummed) address for the chain: Tron, Bitcoin bech32 or Ethereum. */
export function cryptoAddress(chain: 'tron' | 'bitcoin' | 'ethereum', random: Random): string {
  if (chain === 'tron') return `T${random.characters(BASE58, 33)}`;
  if (chain === 'bitcoin') return `bc1q${random.characters(BECH32, 38)}`;
  return `0x${random.characters('0123456789abcdef', 40)}`;
}
