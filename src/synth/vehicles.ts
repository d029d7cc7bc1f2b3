/**
 * The vehicles behind the corridor's car purchases. Normal behaviour already pays car dealers
 * ("VEHICLE PURCHASE", "AUTO PURCHASE", "TRUCK PURCHASE"); what was bought (make, model, model
 * year, VIN) is drawn here from a stream keyed by the seed and the transaction id, so the
 * transaction stream stays exactly as it was and any holder of a transaction can tell its vehicle.
 */
import type { Transaction } from '../domain/index.ts';
import { createRandom } from './random.ts';

export interface Vehicle {
  make: string;
  model: string;
  year: number;
  /** 17 characters with the North American check digit in position 9 (49 CFR 565). */
  vin: string;
}

export interface VehicleSale extends Vehicle {
  transactionId: string;
  dealerPartyId: string;
  buyerPartyId: string;
}

const VEHICLE_PURPOSE = /\b(VEHICLE|AUTO|TRUCK) PURCHASE\b/;

/** World manufacturer identifiers (first three VIN characters) of US-built lines. */
const PICKUPS = [
  { make: 'Ford', model: 'F-150', wmi: '1FT' },
  { make: 'Chevrolet', model: 'Silverado 1500', wmi: '1GC' },
  { make: 'RAM', model: '1500', wmi: '1C6' },
  { make: 'GMC', model: 'Sierra 1500', wmi: '1GT' },
  { make: 'Toyota', model: 'Tacoma', wmi: '3TM' },
  { make: 'Nissan', model: 'Frontier', wmi: '1N6' },
] as const;
const CARS = [
  { make: 'Toyota', model: 'Camry', wmi: '4T1' },
  { make: 'Honda', model: 'Civic', wmi: '2HG' },
  { make: 'Nissan', model: 'Altima', wmi: '1N4' },
  { make: 'Hyundai', model: 'Elantra', wmi: '5NP' },
  { make: 'Jeep', model: 'Grand Cherokee', wmi: '1C4' },
  { make: 'Kia', model: 'Sorento', wmi: '5XY' },
  { make: 'Toyota', model: 'RAV4', wmi: '2T3' },
  { make: 'Honda', model: 'CR-V', wmi: '5J6' },
  { make: 'Chevrolet', model: 'Equinox', wmi: '2GN' },
  { make: 'Ford', model: 'Explorer', wmi: '1FM' },
] as const;

const VIN_ALPHABET = 'ABCDEFGHJKLMNPRSTUVWXYZ0123456789';
const VIN_WEIGHTS = [8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2];
/** Model-year letters from 2010 (A) on; I, O, Q, U, Z and 0 are never used. */
const YEAR_CODES = 'ABCDEFGHJKLMNPRSTVWXY';

/** Letter values of the VIN check digit (I, O and Q never appear). */
const LETTER_VALUES: Record<string, number> = {
  A: 1, B: 2, C: 3, D: 4, E: 5, F: 6, G: 7, H: 8, J: 1, K: 2, L: 3, M: 4, N: 5, P: 7, R: 9, S: 2, T: 3, U: 4, V: 5, W: 6, X: 7, Y: 8, Z: 9,
};

function transliterate(character: string): number {
  return /\d/.test(character) ? Number(character) : (LETTER_VALUES[character] ?? 0);
}

/**
 * The check digit (position 9) of a 17-character VIN: weighted sum of the transliterated
 * characters modulo 11, 10 written as X.
 * @example vinCheckDigit('1M8GDM9A_KP042788') === '9'
 */
export function vinCheckDigit(vin: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) if (i !== 8) sum += transliterate(vin[i]!) * VIN_WEIGHTS[i]!;
  const remainder = sum % 11;
  return remainder === 10 ? 'X' : String(remainder);
}

/** Whether a transaction is a vehicle purchase: a payment to a dealer with a vehicle purpose text. */
export function isVehiclePurchase(transaction: Transaction, dealerPartyIds: ReadonlySet<string>): boolean {
  return transaction.beneficiary.partyId !== undefined && dealerPartyIds.has(transaction.beneficiary.partyId) && VEHICLE_PURPOSE.test(transaction.purpose ?? '');
}

/**
 * The vehicle a purchase paid for, from the seed and the transaction alone.
 * @example vehicleOf(7, transaction).vin.length === 17
 */
export function vehicleOf(seed: number, transaction: Pick<Transaction, 'id' | 'time' | 'amountMinor' | 'purpose'>): Vehicle {
  const random = createRandom(seed, 'vehicle', transaction.id);
  const line = /TRUCK/.test(transaction.purpose ?? '') ? random.pick(PICKUPS) : random.pick(CARS);
  const saleYear = Number(transaction.time.slice(0, 4));
  // Dearer purchases are newer vehicles: the next model year is on sale from the autumn.
  const year = transaction.amountMinor >= 3_000_000 ? saleYear + random.int(-1, 1) : saleYear - random.int(1, 8);
  const yearCode = YEAR_CODES[(((year - 2010) % 30) + 30) % 30] ?? 'A';
  const partial = `${line.wmi}${random.characters(VIN_ALPHABET.slice(0, 23), 5)}0${yearCode}${random.characters(VIN_ALPHABET.slice(0, 23), 1)}${random.digits(6)}`;
  const vin = `${partial.slice(0, 8)}${vinCheckDigit(partial)}${partial.slice(9)}`;
  return { make: line.make, model: line.model, year, vin };
}
