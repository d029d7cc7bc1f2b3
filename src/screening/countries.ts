/**
 * Country names as sanctions lists write them (English from OFAC and the UN, Spanish from Mexican
 * lists) → ISO 3166-1 alpha-2 codes. Built from the ICU region names shipped with Node plus the
 * list spellings ICU does not use.
 */
import { foldText } from './normalize.ts';

const LIST_SPELLINGS: Record<string, string> = {
  burma: 'MM', 'korea north': 'KP', 'north korea': 'KP', "democratic people's republic of korea": 'KP',
  'democratic peoples republic of korea': 'KP', 'korea south': 'KR', 'south korea': 'KR', 'republic of korea': 'KR',
  iran: 'IR', 'iran islamic republic of': 'IR', 'islamic republic of iran': 'IR', russia: 'RU', 'russian federation': 'RU',
  syria: 'SY', 'syrian arab republic': 'SY', 'congo democratic republic of the': 'CD', 'democratic republic of the congo': 'CD',
  'congo republic of the': 'CG', 'republic of the congo': 'CG', congo: 'CG', 'united states': 'US', usa: 'US',
  'united states of america': 'US', 'estados unidos': 'US', 'estados unidos de america': 'US', 'united kingdom': 'GB',
  'united kingdom of great britain and northern ireland': 'GB', uk: 'GB', 'west bank': 'PS', gaza: 'PS',
  'palestinian territories': 'PS', 'state of palestine': 'PS', palestine: 'PS', 'cote d ivoire': 'CI', "cote d'ivoire": 'CI',
  'ivory coast': 'CI', laos: 'LA', "lao people's democratic republic": 'LA', 'lao peoples democratic republic': 'LA',
  vietnam: 'VN', 'viet nam': 'VN', venezuela: 'VE', 'venezuela bolivarian republic of': 'VE', bolivia: 'BO',
  'bolivia plurinational state of': 'BO', tanzania: 'TZ', 'united republic of tanzania': 'TZ', moldova: 'MD',
  'republic of moldova': 'MD', macedonia: 'MK', 'north macedonia': 'MK', 'the former yugoslav republic of macedonia': 'MK',
  czechia: 'CZ', 'czech republic': 'CZ', turkey: 'TR', turkiye: 'TR', 'kosovo': 'XK', 'netherlands antilles': 'CW',
  'region crimea': 'UA', 'crimea': 'UA', 'hong kong': 'HK', macau: 'MO', macao: 'MO', taiwan: 'TW', 'brunei darussalam': 'BN',
  'cabo verde': 'CV', 'cape verde': 'CV', 'eswatini': 'SZ', swaziland: 'SZ', 'timor leste': 'TL', 'east timor': 'TL',
  'the gambia': 'GM', gambia: 'GM', 'the bahamas': 'BS', bahamas: 'BS', 'micronesia federated states of': 'FM',
  'saint kitts and nevis': 'KN', 'st kitts and nevis': 'KN', 'saint vincent and the grenadines': 'VC',
  'st vincent and the grenadines': 'VC', 'saint lucia': 'LC', 'st lucia': 'LC', 'sao tome and principe': 'ST',
  'bosnia and herzegovina': 'BA', 'bosnia herzegovina': 'BA', 'antigua and barbuda': 'AG', 'trinidad and tobago': 'TT',
  'holy see': 'VA', 'vatican city': 'VA', 'sudan south': 'SS', 'south sudan': 'SS', 'myanmar': 'MM', 'yemen': 'YE',
  mexico: 'MX', 'estados unidos mexicanos': 'MX', colombia: 'CO', guatemala: 'GT', honduras: 'HN', 'el salvador': 'SV',
};

let table: Map<string, string> | null = null;

function countryTable(): Map<string, string> {
  if (table) return table;
  const built = new Map<string, string>();
  const english = new Intl.DisplayNames(['en'], { type: 'region' });
  const spanish = new Intl.DisplayNames(['es'], { type: 'region' });
  for (let a = 65; a <= 90; a++) {
    for (let b = 65; b <= 90; b++) {
      const code = String.fromCharCode(a, b);
      for (const names of [english, spanish]) {
        let name: string | undefined;
        try { name = names.of(code); } catch { name = undefined; }
        if (name && name !== code) built.set(countryKey(name), code);
      }
    }
  }
  for (const [name, code] of Object.entries(LIST_SPELLINGS)) built.set(countryKey(name), code);
  table = built;
  return table;
}

function countryKey(name: string): string {
  return foldText(name).replace(/[^a-z]+/g, ' ').trim();
}

/**
 * ISO alpha-2 code for a country name or code as lists write it, or null when unknown.
 * @example countryCode('Mexico') === 'MX'
 * @example countryCode('Korea, North') === 'KP'
 * @example countryCode('México') === 'MX'
 */
export function countryCode(name: string): string | null {
  const trimmed = name.trim();
  if (/^[A-Z]{2}$/.test(trimmed)) return trimmed;
  const key = countryKey(trimmed);
  if (key.length === 0) return null;
  return countryTable().get(key) ?? null;
}
