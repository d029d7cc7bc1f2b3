/**
 * Static catalogues for the synthetic corridor: names, places with postal codes, institutions,
 * industries. Real public facts (Mexican bank codes, city postal codes, phone area codes) are used
 * where they make the data look like the corridor; every person and company is fictional.
 */

import { abaCheckDigit } from '../domain/index.ts';

export type Country = 'US' | 'MX';

/** A routing number completed with its checksum digit (first two digits: Federal Reserve district). */
function routing(first8: string): string {
  return `${first8}${abaCheckDigit(first8)}`;
}

export interface Place {
  city: string;
  /** US state or Mexican state abbreviation as used on addresses. */
  state: string;
  country: Country;
  postalCodes: readonly string[];
  /** Hours to add to local time to get UTC (standard time; the default period is January–March). */
  utcOffsetHours: number;
  phoneArea: string;
  /** A place on the southwest border (ports of entry and their twin cities). */
  border: boolean;
  /** Relative weight of the place in the population. */
  weight: number;
  /** CURP state-of-birth code for Mexican places. */
  curpState?: string;
}

const range = (from: number, to: number): string[] => Array.from({ length: to - from + 1 }, (_, i) => String(from + i));

export const US_PLACES: readonly Place[] = [
  { city: 'San Ysidro', state: 'CA', country: 'US', postalCodes: ['92173'], utcOffsetHours: 8, phoneArea: '619', border: true, weight: 3 },
  { city: 'Calexico', state: 'CA', country: 'US', postalCodes: ['92231'], utcOffsetHours: 8, phoneArea: '760', border: true, weight: 2 },
  { city: 'San Diego', state: 'CA', country: 'US', postalCodes: ['92101', '92105', '92113', '92154'], utcOffsetHours: 8, phoneArea: '619', border: false, weight: 5 },
  { city: 'Los Angeles', state: 'CA', country: 'US', postalCodes: ['90011', '90022', '90033', '90063'], utcOffsetHours: 8, phoneArea: '323', border: false, weight: 8 },
  { city: 'Nogales', state: 'AZ', country: 'US', postalCodes: ['85621'], utcOffsetHours: 7, phoneArea: '520', border: true, weight: 2 },
  { city: 'Douglas', state: 'AZ', country: 'US', postalCodes: ['85607'], utcOffsetHours: 7, phoneArea: '520', border: true, weight: 1 },
  { city: 'Phoenix', state: 'AZ', country: 'US', postalCodes: ['85009', '85031', '85035'], utcOffsetHours: 7, phoneArea: '602', border: false, weight: 5 },
  { city: 'Tucson', state: 'AZ', country: 'US', postalCodes: ['85706', '85713'], utcOffsetHours: 7, phoneArea: '520', border: false, weight: 2 },
  { city: 'Columbus', state: 'NM', country: 'US', postalCodes: ['88029'], utcOffsetHours: 7, phoneArea: '575', border: true, weight: 1 },
  { city: 'Las Cruces', state: 'NM', country: 'US', postalCodes: ['88001', '88005'], utcOffsetHours: 7, phoneArea: '575', border: false, weight: 2 },
  { city: 'El Paso', state: 'TX', country: 'US', postalCodes: range(79901, 79936), utcOffsetHours: 7, phoneArea: '915', border: true, weight: 6 },
  { city: 'Laredo', state: 'TX', country: 'US', postalCodes: range(78040, 78046), utcOffsetHours: 6, phoneArea: '956', border: true, weight: 4 },
  { city: 'McAllen', state: 'TX', country: 'US', postalCodes: range(78501, 78504), utcOffsetHours: 6, phoneArea: '956', border: true, weight: 4 },
  { city: 'Brownsville', state: 'TX', country: 'US', postalCodes: range(78520, 78526), utcOffsetHours: 6, phoneArea: '956', border: true, weight: 3 },
  { city: 'Eagle Pass', state: 'TX', country: 'US', postalCodes: ['78852'], utcOffsetHours: 6, phoneArea: '830', border: true, weight: 1 },
  { city: 'Del Rio', state: 'TX', country: 'US', postalCodes: ['78840'], utcOffsetHours: 6, phoneArea: '830', border: true, weight: 1 },
  { city: 'San Antonio', state: 'TX', country: 'US', postalCodes: ['78207', '78237', '78228'], utcOffsetHours: 6, phoneArea: '210', border: false, weight: 4 },
  { city: 'Houston', state: 'TX', country: 'US', postalCodes: ['77011', '77023', '77036', '77087'], utcOffsetHours: 6, phoneArea: '713', border: false, weight: 6 },
  { city: 'Dallas', state: 'TX', country: 'US', postalCodes: ['75211', '75212', '75216'], utcOffsetHours: 6, phoneArea: '214', border: false, weight: 4 },
  { city: 'Chicago', state: 'IL', country: 'US', postalCodes: ['60608', '60623', '60632'], utcOffsetHours: 6, phoneArea: '773', border: false, weight: 5 },
  { city: 'Denver', state: 'CO', country: 'US', postalCodes: ['80204', '80219'], utcOffsetHours: 7, phoneArea: '303', border: false, weight: 2 },
  { city: 'Atlanta', state: 'GA', country: 'US', postalCodes: ['30340', '30360'], utcOffsetHours: 5, phoneArea: '770', border: false, weight: 2 },
  { city: 'Charlotte', state: 'NC', country: 'US', postalCodes: ['28205', '28212'], utcOffsetHours: 5, phoneArea: '704', border: false, weight: 2 },
  { city: 'New York', state: 'NY', country: 'US', postalCodes: ['10032', '11372'], utcOffsetHours: 5, phoneArea: '718', border: false, weight: 3 },
];

export const MX_PLACES: readonly Place[] = [
  { city: 'Tijuana', state: 'BC', country: 'MX', postalCodes: ['22000', '22010', '22105', '22420', '22640'], utcOffsetHours: 8, phoneArea: '664', border: true, weight: 6, curpState: 'BC' },
  { city: 'Mexicali', state: 'BC', country: 'MX', postalCodes: ['21000', '21100', '21230'], utcOffsetHours: 8, phoneArea: '686', border: true, weight: 2, curpState: 'BC' },
  { city: 'Ciudad Juárez', state: 'CHIH', country: 'MX', postalCodes: ['32000', '32310', '32500', '32695'], utcOffsetHours: 7, phoneArea: '656', border: true, weight: 5, curpState: 'CH' },
  { city: 'Heroica Nogales', state: 'SON', country: 'MX', postalCodes: ['84000', '84065'], utcOffsetHours: 7, phoneArea: '631', border: true, weight: 1, curpState: 'SR' },
  { city: 'Nuevo Laredo', state: 'TAMPS', country: 'MX', postalCodes: ['88000', '88260'], utcOffsetHours: 6, phoneArea: '867', border: true, weight: 2, curpState: 'TS' },
  { city: 'Reynosa', state: 'TAMPS', country: 'MX', postalCodes: ['88500', '88630'], utcOffsetHours: 6, phoneArea: '899', border: true, weight: 2, curpState: 'TS' },
  { city: 'Culiacán', state: 'SIN', country: 'MX', postalCodes: ['80000', '80020', '80100', '80199'], utcOffsetHours: 7, phoneArea: '667', border: false, weight: 4, curpState: 'SL' },
  { city: 'Guadalajara', state: 'JAL', country: 'MX', postalCodes: ['44100', '44160', '44600', '45050'], utcOffsetHours: 6, phoneArea: '33', border: false, weight: 6, curpState: 'JC' },
  { city: 'Monterrey', state: 'NL', country: 'MX', postalCodes: ['64000', '64620', '64700', '66220'], utcOffsetHours: 6, phoneArea: '81', border: false, weight: 6, curpState: 'NL' },
  { city: 'Ciudad de México', state: 'CDMX', country: 'MX', postalCodes: ['06000', '06700', '03100', '11560', '09000'], utcOffsetHours: 6, phoneArea: '55', border: false, weight: 8, curpState: 'DF' },
  { city: 'Morelia', state: 'MICH', country: 'MX', postalCodes: ['58000', '58088', '58260'], utcOffsetHours: 6, phoneArea: '443', border: false, weight: 3, curpState: 'MN' },
  { city: 'Apatzingán', state: 'MICH', country: 'MX', postalCodes: ['60600'], utcOffsetHours: 6, phoneArea: '453', border: false, weight: 1, curpState: 'MN' },
  { city: 'Zacatecas', state: 'ZAC', country: 'MX', postalCodes: ['98000', '98600'], utcOffsetHours: 6, phoneArea: '492', border: false, weight: 2, curpState: 'ZS' },
  { city: 'Oaxaca de Juárez', state: 'OAX', country: 'MX', postalCodes: ['68000', '68050'], utcOffsetHours: 6, phoneArea: '951', border: false, weight: 2, curpState: 'OC' },
  { city: 'Puebla', state: 'PUE', country: 'MX', postalCodes: ['72000', '72160'], utcOffsetHours: 6, phoneArea: '222', border: false, weight: 3, curpState: 'PL' },
  { city: 'León', state: 'GTO', country: 'MX', postalCodes: ['37000', '37160'], utcOffsetHours: 6, phoneArea: '477', border: false, weight: 3, curpState: 'GT' },
];

export const MX_MALE_GIVEN = [
  'José', 'Juan', 'Luis', 'Carlos', 'Jesús', 'Miguel', 'Francisco', 'Alejandro', 'Jorge', 'Ricardo', 'Fernando', 'Roberto',
  'Eduardo', 'Arturo', 'Javier', 'Manuel', 'Antonio', 'Raúl', 'Sergio', 'Héctor', 'Óscar', 'Martín', 'Rubén', 'Ángel', 'Iván',
  'Omar', 'Adrián', 'Gerardo', 'Joaquín', 'Ramón', 'Efraín', 'Rogelio', 'Saúl', 'Gustavo', 'Andrés', 'Julián', 'Emiliano',
  'Santiago', 'Mateo', 'Diego', 'Ulises', 'Néstor', 'Abraham', 'Hugo', 'Alfredo',
] as const;
export const MX_MALE_COMPOUND = [
  'José Luis', 'Juan Carlos', 'José Antonio', 'Luis Fernando', 'Juan Pablo', 'José Manuel', 'Miguel Ángel', 'Jesús Alberto',
  'Carlos Alberto', 'Juan Manuel', 'Francisco Javier', 'José de Jesús', 'José Guadalupe', 'Juan de Dios', 'Luis Ángel', 'José Ramón',
] as const;
export const MX_FEMALE_GIVEN = [
  'María', 'Guadalupe', 'Ana', 'Rosa', 'Patricia', 'Leticia', 'Verónica', 'Alejandra', 'Adriana', 'Gabriela', 'Claudia', 'Mónica',
  'Sofía', 'Valeria', 'Fernanda', 'Ximena', 'Daniela', 'Itzel', 'Yolanda', 'Araceli', 'Beatriz', 'Lucía', 'Marisol', 'Rocío', 'Inés',
  'Noemí', 'Citlali', 'Xóchitl', 'Elena', 'Silvia', 'Karla', 'Brenda', 'Maricela',
] as const;
export const MX_FEMALE_COMPOUND = [
  'María de los Ángeles', 'María Guadalupe', 'María José', 'Ana María', 'María Fernanda', 'María del Carmen', 'Rosa María',
  'María de Jesús', 'María Elena', 'Ana Sofía', 'María del Rosario', 'Luz María', 'María Isabel', 'Martha Alicia',
] as const;
export const MX_SURNAMES = [
  'Hernández', 'García', 'Martínez', 'López', 'González', 'Pérez', 'Rodríguez', 'Sánchez', 'Ramírez', 'Cruz', 'Flores', 'Gómez',
  'Morales', 'Vázquez', 'Reyes', 'Jiménez', 'Torres', 'Díaz', 'Gutiérrez', 'Ruiz', 'Mendoza', 'Aguilar', 'Ortiz', 'Moreno',
  'Castillo', 'Romero', 'Álvarez', 'Méndez', 'Chávez', 'Rivera', 'Juárez', 'Ramos', 'Domínguez', 'Herrera', 'Medina', 'Castro',
  'Vargas', 'Velázquez', 'Muñoz', 'Rojas', 'Salazar', 'Núñez', 'Peña', 'Ibarra', 'Ochoa', 'Zúñiga', 'Báez', 'Cervantes',
  'Quiñones', 'Villaseñor', 'Treviño', 'Carreño', 'Montaño', 'Patiño', 'Avendaño', 'Ordóñez', 'Beltrán', 'Cárdenas', 'Gálvez',
  'Sepúlveda', 'Valenzuela', 'Félix', 'Acosta', 'Estrada', 'Luna', 'Meza', 'Solís', 'Osuna', 'Lizárraga', 'Urías',
  'de la Cruz', 'del Río', 'de León', 'de la Torre', 'de la Rosa',
] as const;

export const US_MALE_GIVEN = [
  'James', 'Michael', 'Robert', 'John', 'David', 'William', 'Richard', 'Joseph', 'Thomas', 'Christopher', 'Daniel', 'Matthew',
  'Anthony', 'Mark', 'Steven', 'Andrew', 'Joshua', 'Kevin', 'Brian', 'Ryan', 'Tyler', 'Brandon', 'Justin', 'Eric',
] as const;
export const US_FEMALE_GIVEN = [
  'Jennifer', 'Linda', 'Elizabeth', 'Susan', 'Jessica', 'Sarah', 'Karen', 'Emily', 'Ashley', 'Michelle', 'Amanda', 'Melissa',
  'Stephanie', 'Rebecca', 'Laura', 'Megan', 'Hannah', 'Nicole', 'Heather', 'Rachel', 'Kimberly', 'Amy',
] as const;
export const US_SURNAMES = [
  'Smith', 'Johnson', 'Williams', 'Brown', 'Jones', 'Miller', 'Davis', 'Wilson', 'Anderson', 'Taylor', 'Thomas', 'Moore',
  'Jackson', 'Martin', 'Lee', 'Thompson', 'White', 'Harris', 'Clark', 'Lewis', 'Walker', 'Hall', 'Allen', 'Young', 'King',
  'Wright', 'Scott', 'Green', 'Baker', 'Adams', 'Nelson', 'Carter', 'Mitchell', 'Roberts', 'Turner', 'Phillips', 'Campbell',
  'Parker', 'Evans', 'Edwards', 'Collins', 'Stewart', 'Murphy', 'Cook', 'Rogers', 'Nguyen', 'Kim', 'Patel', 'Sullivan', 'Bennett',
] as const;
/** Given names common among Hispanic Americans, often written without accents on US documents. */
export const HISPANIC_US_GIVEN_MALE = ['Daniel', 'Marco', 'Alex', 'Eric', 'Ruben', 'Adrian', 'Victor', 'Oscar', 'Jesse', 'Gabriel', 'Ivan', 'Christian', 'Jose', 'Luis'] as const;
export const HISPANIC_US_GIVEN_FEMALE = ['Jessica', 'Adriana', 'Jasmine', 'Vanessa', 'Monica', 'Cynthia', 'Veronica', 'Yesenia', 'Priscilla', 'Marisol', 'Diana', 'Alicia'] as const;

export const US_MIDDLE_INITIALS = 'ABCDEFGHJKLMNPRSTW';

export const OCCUPATIONS_US = [
  'construction worker', 'farmworker', 'cook', 'truck driver', 'registered nurse', 'teacher', 'software developer', 'retail clerk',
  'warehouse associate', 'auto mechanic', 'electrician', 'landscaper', 'housekeeper', 'accountant', 'student', 'retired',
  'home health aide', 'dental assistant', 'customs broker', 'welder', 'security guard', 'real estate agent',
] as const;
export const OCCUPATIONS_MX = [
  'comerciante', 'empleada doméstica', 'obrero', 'maestra', 'ama de casa', 'jornalero', 'chofer', 'estudiante', 'contador',
  'ingeniero', 'agricultor', 'mecánico', 'enfermera', 'jubilado', 'operador de maquiladora', 'albañil', 'abogado', 'médico',
] as const;

export interface BusinessKind {
  key: string;
  industry: string;
  /** Name templates; `{place}` is replaced by a city or regional word. */
  namesUs: readonly string[];
  namesMx: readonly string[];
}

export const MX_NAME_WORDS = ['del Norte', 'del Pacífico', 'Fronteriza', 'Río Bravo', 'Santa Fe', 'Hermanos Peña', 'San Judas', 'La Esperanza', 'Los Altos', 'del Bajío', 'Sierra Madre', 'Cumbres', 'Aztlán', 'El Mirador', 'Las Palmas', 'del Valle', 'Tres Ríos', 'San Miguel', 'La Noria', 'Mar de Cortés'] as const;
export const US_NAME_WORDS = ['Rio Grande', 'Border', 'Sunbelt', 'Desert', 'Mesa', 'Lone Star', 'Pacific', 'Sonoran', 'Valley', 'Gateway', 'Frontier', 'Alamo', 'Cactus', 'Southwest', 'Coronado', 'Franklin', 'Palo Verde', 'Bluebonnet'] as const;

/** Business kinds used for employers, merchants, trade partners and cash-intensive businesses. */
export const BUSINESS_KINDS: Record<string, BusinessKind> = {
  restaurant: { key: 'restaurant', industry: 'restaurant', namesUs: ['Tacos El Güero', '{word} Grill', 'La Michoacana Ice Cream', '{word} Diner', 'Mariscos {word}'], namesMx: ['Restaurante {word}', 'Taquería {word}', 'Mariscos {word}'] },
  carWash: { key: 'carWash', industry: 'car wash', namesUs: ['{word} Car Wash', 'Sparkle Auto Spa {word}'], namesMx: ['Autolavado {word}'] },
  grocery: { key: 'grocery', industry: 'grocery retail', namesUs: ['{word} Supermarket', 'El Super {word}', '{word} Food Mart'], namesMx: ['Abarrotes {word}', 'Súper {word}'] },
  construction: { key: 'construction', industry: 'construction', namesUs: ['{word} Builders', '{word} Roofing & Drywall'], namesMx: ['Constructora {word}'] },
  agriculture: { key: 'agriculture', industry: 'agriculture', namesUs: ['{word} Produce', '{word} Farms'], namesMx: ['Agroindustrias {word}', 'Hortalizas {word}'] },
  logistics: { key: 'logistics', industry: 'freight and logistics', namesUs: ['{word} Logistics', '{word} Freight Lines'], namesMx: ['Transportes {word}', 'Logística {word}'] },
  autoParts: { key: 'autoParts', industry: 'auto parts', namesUs: ['{word} Auto Parts', '{word} Tire & Wheel'], namesMx: ['Autopartes {word}', 'Refaccionaria {word}'] },
  electronics: { key: 'electronics', industry: 'electronics wholesale', namesUs: ['{word} Electronics Supply', '{word} Components'], namesMx: ['Electrónica {word}', 'Importadora {word}'] },
  textiles: { key: 'textiles', industry: 'textiles and apparel', namesUs: ['{word} Apparel', '{word} Textile Mills'], namesMx: ['Textiles {word}', 'Maquiladora {word}'] },
  realEstate: { key: 'realEstate', industry: 'property management', namesUs: ['{word} Property Management', '{word} Apartments'], namesMx: ['Inmobiliaria {word}'] },
  retail: { key: 'retail', industry: 'general retail', namesUs: ['{word} Discount Store', '{word} Furniture', '{word} Pharmacy'], namesMx: ['Comercializadora {word}', 'Farmacia {word}', 'Mueblería {word}'] },
  manufacturing: { key: 'manufacturing', industry: 'manufacturing', namesUs: ['{word} Manufacturing', '{word} Plastics'], namesMx: ['Maquiladora {word}', 'Industrias {word}'] },
  carDealer: { key: 'carDealer', industry: 'motor vehicle dealer', namesUs: ['{word} Motors', '{word} Auto Sales'], namesMx: ['Autos {word}', 'Seminuevos {word}'] },
  titleCompany: { key: 'titleCompany', industry: 'title and escrow', namesUs: ['{word} Title & Escrow', '{word} Title Company'], namesMx: ['Notaría {word}'] },
  utility: { key: 'utility', industry: 'utilities', namesUs: ['{word} Power & Light', '{word} Water Utility', '{word} Wireless'], namesMx: ['Comisión Federal de Electricidad', 'Agua y Drenaje {word}', 'Telefonía {word}'] },
};

/** Goods named in trade invoices between US exporters and Mexican importers. */
export const TRADE_GOODS = [
  'auto parts', 'consumer electronics', 'LED televisions', 'cell phones and accessories', 'textiles', 'steel tubing', 'resin pellets',
  'farm equipment parts', 'frozen poultry', 'used clothing', 'tires', 'medical supplies', 'appliances', 'cosmetics',
] as const;

export const MX_LEGAL_FORMS = ['S.A. de C.V.', 'S. de R.L. de C.V.', 'S.A.P.I. de C.V.'] as const;
export const US_LEGAL_FORMS = ['LLC', 'Inc.', 'Corp.'] as const;

export interface InstitutionSeed {
  id: string;
  name: string;
  kind: 'bank' | 'msb' | 'casa_de_cambio' | 'crypto_exchange';
  country: Country;
  aba?: string;
  bic?: string;
  mxBankCode?: string;
  /** Places where it has branches or agents; empty means everywhere in its country. */
  places?: readonly string[];
  weight: number;
}

/**
 * US banks: real names with their published routing numbers and BICs; regional banks fictional
 * (routing numbers synthetic with a valid checksum, completed at population time).
 */
export const US_BANKS: readonly InstitutionSeed[] = [
  { id: '021000021', name: 'JPMorgan Chase Bank, N.A.', kind: 'bank', country: 'US', aba: '021000021', bic: 'CHASUS33', weight: 6 },
  { id: '026009593', name: 'Bank of America, N.A.', kind: 'bank', country: 'US', aba: '026009593', bic: 'BOFAUS3N', weight: 6 },
  { id: '121000248', name: 'Wells Fargo Bank, N.A.', kind: 'bank', country: 'US', aba: '121000248', bic: 'WFBIUS6S', weight: 6 },
  { id: '021000089', name: 'Citibank, N.A.', kind: 'bank', country: 'US', aba: '021000089', bic: 'CITIUS33', weight: 3 },
  { id: '114000093', name: 'Frost Bank', kind: 'bank', country: 'US', aba: '114000093', weight: 3, places: ['San Antonio', 'Houston', 'Dallas', 'Laredo', 'McAllen', 'El Paso'] },
  { id: '114902528', name: 'International Bank of Commerce', kind: 'bank', country: 'US', aba: '114902528', weight: 3, places: ['Laredo', 'McAllen', 'Brownsville', 'Eagle Pass', 'Del Rio', 'San Antonio', 'Houston'] },
  { id: routing('11490318'), name: 'Rio Grande Valley Community Bank', kind: 'bank', country: 'US', aba: routing('11490318'), bic: 'RGVCUS41', weight: 2, places: ['McAllen', 'Brownsville', 'Laredo'] },
  { id: routing('12220476'), name: 'Sonoran Desert Federal Credit Union', kind: 'bank', country: 'US', aba: routing('12220476'), weight: 2, places: ['Nogales', 'Douglas', 'Tucson', 'Phoenix'] },
  { id: routing('12224201'), name: 'Imperial Border Bank', kind: 'bank', country: 'US', aba: routing('12224201'), bic: 'IMBBUS61', weight: 2, places: ['Calexico', 'San Ysidro', 'San Diego', 'Los Angeles'] },
  { id: routing('11201735'), name: 'Paso del Norte Savings Bank', kind: 'bank', country: 'US', aba: routing('11201735'), weight: 2, places: ['El Paso', 'Las Cruces', 'Columbus'] },
];

/** Mexican banks with their real three-digit codes (the first digits of every CLABE). */
export const MX_BANKS: readonly InstitutionSeed[] = [
  { id: '002', name: 'Banco Nacional de México (Banamex)', kind: 'bank', country: 'MX', mxBankCode: '002', bic: 'BNMXMXMM', weight: 6 },
  { id: '012', name: 'BBVA México', kind: 'bank', country: 'MX', mxBankCode: '012', bic: 'BCMRMXMM', weight: 8 },
  { id: '014', name: 'Banco Santander México', kind: 'bank', country: 'MX', mxBankCode: '014', bic: 'BMSXMXMM', weight: 5 },
  { id: '021', name: 'HSBC México', kind: 'bank', country: 'MX', mxBankCode: '021', bic: 'BIMEMXMM', weight: 3 },
  { id: '030', name: 'Banco del Bajío', kind: 'bank', country: 'MX', mxBankCode: '030', bic: 'BJIOMXML', weight: 2 },
  { id: '036', name: 'Banco Inbursa', kind: 'bank', country: 'MX', mxBankCode: '036', weight: 2 },
  { id: '044', name: 'Scotiabank Inverlat', kind: 'bank', country: 'MX', mxBankCode: '044', bic: 'MBCOMXMM', weight: 2 },
  { id: '058', name: 'Banregio', kind: 'bank', country: 'MX', mxBankCode: '058', weight: 2, places: ['Monterrey', 'Nuevo Laredo', 'Reynosa', 'Ciudad de México', 'Guadalajara'] },
  { id: '072', name: 'Banco Mercantil del Norte (Banorte)', kind: 'bank', country: 'MX', mxBankCode: '072', bic: 'MENOMXMT', weight: 6 },
  { id: '127', name: 'Banco Azteca', kind: 'bank', country: 'MX', mxBankCode: '127', weight: 5 },
  { id: '137', name: 'BanCoppel', kind: 'bank', country: 'MX', mxBankCode: '137', weight: 4 },
];

/** Money transmitters, casas de cambio and crypto exchanges: fictional, with BIC-shaped identifiers. */
export const NON_BANKS: readonly InstitutionSeed[] = [
  { id: 'ENFEUS41', name: 'Envíos Frontera Express Inc.', kind: 'msb', country: 'US', bic: 'ENFEUS41', weight: 4 },
  { id: 'REVAUS41', name: 'Remesas del Valle LLC', kind: 'msb', country: 'US', bic: 'REVAUS41', weight: 3 },
  { id: 'SOPAUS61', name: 'SolPago Money Transfer Inc.', kind: 'msb', country: 'US', bic: 'SOPAUS61', weight: 3 },
  { id: 'CCRBMXM1', name: 'Casa de Cambio Río Bravo, S.A. de C.V.', kind: 'casa_de_cambio', country: 'MX', bic: 'CCRBMXM1', weight: 2, places: ['Ciudad Juárez', 'Nuevo Laredo', 'Reynosa', 'Tijuana'] },
  { id: 'CCPAMXM1', name: 'Centro Cambiario del Pacífico, S.A. de C.V.', kind: 'casa_de_cambio', country: 'MX', bic: 'CCPAMXM1', weight: 2, places: ['Tijuana', 'Mexicali', 'Culiacán', 'Heroica Nogales'] },
  { id: 'LUDXUS61', name: 'Lumen Digital Exchange Inc.', kind: 'crypto_exchange', country: 'US', bic: 'LUDXUS61', weight: 1 },
  { id: 'IDNOMXM1', name: 'Intercambio Digital del Norte, S.A.P.I. de C.V.', kind: 'crypto_exchange', country: 'MX', bic: 'IDNOMXM1', weight: 1 },
];

/** Holidays and paydays that move volume: Día de Reyes, Super Bowl weekend, Valentine's, Presidents' Day. */
export const REMITTANCE_HOLIDAYS: ReadonlyArray<{ month: number; day: number }> = [
  { month: 1, day: 6 },
  { month: 2, day: 14 },
  { month: 5, day: 10 },
  { month: 9, day: 16 },
  { month: 12, day: 12 },
  { month: 12, day: 24 },
];
