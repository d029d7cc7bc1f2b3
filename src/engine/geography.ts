/**
 * Places: the state a postal code belongs to (for "cash in several states") and the southwest
 * border postal codes (for "border-ZIP cash").
 */

/**
 * The 30 ZIP codes of FinCEN's March 2025 southwest-border Geographic Targeting Order (Imperial and
 * San Diego counties in California; Cameron, El Paso, Hidalgo, Maverick and Webb counties in Texas).
 * Engines can be given another list (`borderPostalCodes`).
 */
export const SOUTHWEST_BORDER_ZIP_CODES: readonly string[] = [
  '92231', '92249', '92281', '92283',
  '91910', '92101', '92113', '92117', '92126', '92154', '92173',
  '78520', '78521',
  '79901', '79902', '79903', '79905', '79907', '79935',
  '78503', '78557', '78572', '78577', '78596',
  '78852',
  '78040', '78041', '78043', '78045', '78046',
];

/**
 * Postal codes of the US counties on the Mexican border (California: San Diego, Imperial; Arizona:
 * Yuma, Pima, Santa Cruz, Cochise; New Mexico: Hidalgo, Luna, Doña Ana; Texas: El Paso, Hudspeth,
 * Presidio, Brewster, Val Verde, Maverick, Webb, Zapata, Starr, Hidalgo, Cameron) plus the GTO list.
 * Entries of three digits are ZIP prefixes whose whole area lies in those counties.
 */
export const SOUTHWEST_BORDER_POSTAL_CODES: readonly string[] = [
  ...SOUTHWEST_BORDER_ZIP_CODES,
  // San Diego County; El Paso; Rio Grande Valley (Hidalgo, Cameron, Starr, Willacy); Tucson (Pima).
  '919', '920', '921', '798', '799', '785', '857',
  // Imperial County.
  '92227', '92232', '92233', '92243', '92244', '92250', '92251', '92257', '92259', '92273',
  // Yuma, Santa Cruz and Cochise counties.
  '85336', '85349', '85350', '85356', '85364', '85365', '85366', '85367',
  '85603', '85607', '85608', '85610', '85613', '85615', '85616', '85617', '85620', '85624', '85628', '85635', '85637', '85640', '85646', '85648', '85650',
  // Doña Ana, Luna and Hidalgo counties (New Mexico).
  '880', '88021', '88029', '88030', '88045', '88063',
  // Hudspeth, Presidio, Brewster, Val Verde, Maverick, Webb, Zapata.
  '79830', '79834', '79839', '79843', '79845', '79851', '78840', '78841', '78842', '78860', '78877', '78044', '78076',
];

/**
 * Whether a postal code is on the southwest border, given a list of 5-digit codes and 3-digit prefixes.
 * @example isBorderPostalCode(new Set(SOUTHWEST_BORDER_POSTAL_CODES), '85621') === true
 */
export function isBorderPostalCode(codes: ReadonlySet<string>, postalCode: string | undefined): boolean {
  if (!postalCode) return false;
  return codes.has(postalCode) || (postalCode.length >= 5 && codes.has(postalCode.slice(0, 3)));
}

// US ZIP code prefixes (first three digits) to USPS state codes, as ranges [from, to, state].
const US_ZIP3_RANGES: ReadonlyArray<readonly [number, number, string]> = [
  [5, 5, 'NY'], [6, 9, 'PR'], [10, 27, 'MA'], [28, 29, 'RI'], [30, 38, 'NH'], [39, 49, 'ME'], [50, 59, 'VT'],
  [60, 69, 'CT'], [70, 89, 'NJ'], [90, 99, 'AE'], [100, 149, 'NY'], [150, 196, 'PA'], [197, 199, 'DE'],
  [200, 205, 'DC'], [206, 219, 'MD'], [220, 246, 'VA'], [247, 268, 'WV'], [270, 289, 'NC'], [290, 299, 'SC'],
  [300, 319, 'GA'], [320, 349, 'FL'], [350, 369, 'AL'], [370, 385, 'TN'], [386, 397, 'MS'], [398, 399, 'GA'],
  [400, 427, 'KY'], [430, 459, 'OH'], [460, 479, 'IN'], [480, 499, 'MI'], [500, 528, 'IA'], [530, 549, 'WI'],
  [550, 567, 'MN'], [569, 569, 'DC'], [570, 577, 'SD'], [580, 588, 'ND'], [590, 599, 'MT'], [600, 629, 'IL'],
  [630, 658, 'MO'], [660, 679, 'KS'], [680, 693, 'NE'], [700, 714, 'LA'], [716, 729, 'AR'], [730, 749, 'OK'],
  [750, 799, 'TX'], [800, 816, 'CO'], [820, 831, 'WY'], [832, 838, 'ID'], [840, 847, 'UT'], [850, 865, 'AZ'],
  [870, 884, 'NM'], [885, 885, 'TX'], [889, 898, 'NV'], [900, 961, 'CA'], [962, 966, 'AP'], [967, 968, 'HI'],
  [969, 969, 'GU'], [970, 979, 'OR'], [980, 994, 'WA'], [995, 999, 'AK'],
];

/**
 * The state (or Mexican state prefix) of a postal code, or '' when it cannot be told.
 * US: from the ZIP prefix; Mexico: the first two digits of the código postal identify the state.
 * @example stateOfPostalCode('US', '79901') === 'TX'; stateOfPostalCode('MX', '44100') === 'MX-44'
 */
export function stateOfPostalCode(country: string, postalCode: string | undefined): string {
  if (!postalCode) return '';
  const digits = /^\d{5}/.exec(postalCode)?.[0];
  if (!digits) return '';
  if (country === 'US') {
    const prefix = Number(digits.slice(0, 3));
    for (const [from, to, state] of US_ZIP3_RANGES) if (prefix >= from && prefix <= to) return state;
    return '';
  }
  if (country === 'MX') return `MX-${digits.slice(0, 2)}`;
  return '';
}
