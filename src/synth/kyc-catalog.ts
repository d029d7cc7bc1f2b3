/**
 * Catalogues behind the synthetic parties' KYC files: Mexican colonias, municipalities and INEGI
 * codes per postal code, US street names, driver's-licence formats per state, and the 7-digit
 * actividad económica keys the UIF bank layout (field 28) and the SAT notices ask for.
 *
 * Activity keys are real entries of the Banxico/CNBV catalogue as published in two public
 * implementations (COBIS `cl_actividad_ec` / `cl_negocio_cliente_homologacion`, repository
 * jpparedesm9/bsa, and the `mld_actividades_economicas` table of an Actividades Vulnerables
 * system); each synthetic industry or occupation gets the nearest key in those lists.
 * Colonias are representative names of each postal code, not checked against SEPOMEX.
 */
import type { Country, Place } from './catalog.ts';

export interface EconomicActivity {
  code: string;
  description: string;
}

const activity = (code: string, description: string): EconomicActivity => ({ code, description });

export const ACTIVITIES = {
  restaurant: activity('8711021', 'RESTAURANTE'),
  personalServices: activity('8900004', 'SERVICIOS PERSONALES, PARA EL HOGAR Y DIVERSOS'),
  grocery: activity('6131023', 'TIENDA DE ABARROTES Y MISCELANEA'),
  construction: activity('4111027', 'CONSTRUCCION DE INMUEBLES'),
  produce: activity('2012029', 'EMPACADORA DE FRUTAS Y LEGUMBRES'),
  landTransport: activity('7100001', 'TRANSPORTE TERRESTRE'),
  vehicleParts: activity('6819017', 'COMPRAVENTA DE PARTES Y REFACCIONES PARA VEHICULOS TERRESTRES, AEREOS Y MARITIMOS'),
  machinery: activity('6700000', 'COMPRAVENTA DE MAQUINARIA, EQUIPO, INSTRUMENTOS, APARATOS Y HERRAMIENTAS'),
  textiles: activity('2300002', 'INDUSTRIA TEXTIL'),
  propertyManagement: activity('8314015', 'ADMINISTRACION DE INMUEBLES'),
  departmentStores: activity('6400006', 'COMPRAVENTA EN TIENDAS DE AUTOSERVICIO Y DE DEPARTAMENTOS ESPECIALIZADOS'),
  electricalManufacturing: activity('3700003', 'FABRICACION Y ENSAMBLE DE MAQUINARIA, EQUIPO Y ARTICULOS ELECTRICOS Y ELECTRONICOS'),
  newCars: activity('6811013', 'COMPRAVENTA DE AUTOMOVILES Y CAMIONES NUEVOS'),
  usedCars: activity('6812011', 'COMPRAVENTA DE AUTOMOVILES Y CAMIONES USADOS'),
  realEstateServices: activity('8300006', 'SERVICIOS RELACIONADOS CON INMUEBLES'),
  notary: activity('8411019', 'SERVICIOS DE NOTARIAS PUBLICAS'),
  electricity: activity('5012018', 'DISTRIBUCION DE ENERGIA ELECTRICA'),
  communications: activity('7600001', 'COMUNICACIONES'),
  publicServices: activity('9471012', 'PRESTACION DE SERVICIOS PUBLICOS Y SOCIALES'),
  privateEmployee: activity('9501009', 'EMPLEADO DEL SECTOR PRIVADO'),
  publicEmployee: activity('9411998', 'EMPLEADO PUBLICO'),
  medical: activity('9200007', 'SERVICIOS MEDICOS, DE ASISTENCIA SOCIAL Y VETERINARIOS'),
  homemaker: activity('9900909', 'AMA DE CASA'),
  student: activity('9900905', 'ESTUDIANTE O MENOR DE EDAD SIN OCUPACION'),
  retired: activity('9900907', 'JUBILADO'),
  accounting: activity('8413015', 'SERVICIOS DE CONTADURIA Y AUDITORIA'),
  law: activity('8412017', 'SERVICIOS DE BUFETES JURIDICOS'),
  engineering: activity('8414013', 'SERVICIOS DE ASESORIA Y ESTUDIOS TECNICOS DE ARQUITECTURA E INGENIERIA'),
  produceTrade: activity('6112023', 'COMPRAVENTA DE LEGUMBRES Y HORTALIZAS'),
  carRepair: activity('8911019', 'TALLER DE REPARACION GENERAL DE AUTOMOVILES Y CAMIONES'),
  customsBroker: activity('9900928', 'AGENTE ADUANAL'),
  realEstateBroker: activity('8313017', 'SERVICIO DE CORREDORES DE BIENES RAICES'),
} as const;

/** Activity of a company by business kind; a few kinds depend on the company's name. */
export function companyActivity(businessKind: string, legalName: string): EconomicActivity {
  switch (businessKind) {
    case 'restaurant': return ACTIVITIES.restaurant;
    case 'carWash': return ACTIVITIES.personalServices;
    case 'grocery': return ACTIVITIES.grocery;
    case 'construction': return ACTIVITIES.construction;
    case 'agriculture': return ACTIVITIES.produce;
    case 'logistics': return ACTIVITIES.landTransport;
    case 'autoParts': return ACTIVITIES.vehicleParts;
    case 'electronics': return ACTIVITIES.machinery;
    case 'textiles': return ACTIVITIES.textiles;
    case 'realEstate': return ACTIVITIES.propertyManagement;
    case 'manufacturing': return ACTIVITIES.electricalManufacturing;
    case 'carDealer': return /seminuevos/i.test(legalName) ? ACTIVITIES.usedCars : ACTIVITIES.newCars;
    case 'titleCompany': return /notar/i.test(legalName) ? ACTIVITIES.notary : ACTIVITIES.realEstateServices;
    case 'utility':
      if (/electricidad|power/i.test(legalName)) return ACTIVITIES.electricity;
      if (/telefon|wireless/i.test(legalName)) return ACTIVITIES.communications;
      return ACTIVITIES.publicServices;
    default: return ACTIVITIES.departmentStores;
  }
}

const OCCUPATION_ACTIVITIES: Record<string, EconomicActivity> = {
  comerciante: ACTIVITIES.grocery,
  'empleada doméstica': ACTIVITIES.personalServices,
  maestra: ACTIVITIES.publicEmployee,
  teacher: ACTIVITIES.publicEmployee,
  enfermera: ACTIVITIES.medical,
  'registered nurse': ACTIVITIES.medical,
  médico: ACTIVITIES.medical,
  'home health aide': ACTIVITIES.medical,
  'dental assistant': ACTIVITIES.medical,
  'ama de casa': ACTIVITIES.homemaker,
  estudiante: ACTIVITIES.student,
  student: ACTIVITIES.student,
  jubilado: ACTIVITIES.retired,
  retired: ACTIVITIES.retired,
  contador: ACTIVITIES.accounting,
  accountant: ACTIVITIES.accounting,
  abogado: ACTIVITIES.law,
  ingeniero: ACTIVITIES.engineering,
  agricultor: ACTIVITIES.produceTrade,
  mecánico: ACTIVITIES.carRepair,
  'auto mechanic': ACTIVITIES.carRepair,
  'customs broker': ACTIVITIES.customsBroker,
  'real estate agent': ACTIVITIES.realEstateBroker,
};

/** Activity of a person by occupation; wage earners are private-sector employees. */
export function personActivity(occupation: string | undefined): EconomicActivity {
  return (occupation === undefined ? undefined : OCCUPATION_ACTIVITIES[occupation]) ?? ACTIVITIES.privateEmployee;
}

export interface MexicanArea {
  colonia: string;
  municipality: string;
  /** INEGI entidad (2 digits) + municipio (3 digits). */
  inegiMunicipality: string;
}

/** ISO 3166-2:MX subdivision code (3 letters, fits every address field) and INEGI entidad number per state. */
export const MX_STATES: Record<string, { iso: string; inegi: string; name: string }> = {
  BC: { iso: 'BCN', inegi: '02', name: 'Baja California' },
  CHIH: { iso: 'CHH', inegi: '08', name: 'Chihuahua' },
  SON: { iso: 'SON', inegi: '26', name: 'Sonora' },
  TAMPS: { iso: 'TAM', inegi: '28', name: 'Tamaulipas' },
  SIN: { iso: 'SIN', inegi: '25', name: 'Sinaloa' },
  JAL: { iso: 'JAL', inegi: '14', name: 'Jalisco' },
  NL: { iso: 'NLE', inegi: '19', name: 'Nuevo León' },
  CDMX: { iso: 'CMX', inegi: '09', name: 'Ciudad de México' },
  MICH: { iso: 'MIC', inegi: '16', name: 'Michoacán' },
  ZAC: { iso: 'ZAC', inegi: '32', name: 'Zacatecas' },
  OAX: { iso: 'OAX', inegi: '20', name: 'Oaxaca' },
  PUE: { iso: 'PUE', inegi: '21', name: 'Puebla' },
  GTO: { iso: 'GUA', inegi: '11', name: 'Guanajuato' },
};

/** INEGI entidad of a CURP state-of-birth code (NE, born abroad, has none). */
export const CURP_STATE_INEGI: Record<string, string> = {
  BC: '02', CH: '08', SR: '26', TS: '28', SL: '25', JC: '14', NL: '19', DF: '09', MN: '16', ZS: '32', OC: '20', PL: '21', GT: '11',
};

const area = (colonia: string, municipality: string, inegiMunicipality: string): MexicanArea => ({ colonia, municipality, inegiMunicipality });

/** Colonia and municipality of each Mexican postal code the population uses. */
export const MX_POSTAL_AREAS: Record<string, MexicanArea> = {
  '22000': area('Zona Centro', 'Tijuana', '02004'),
  '22010': area('Zona Urbana Río Tijuana', 'Tijuana', '02004'),
  '22105': area('Libertad', 'Tijuana', '02004'),
  '22420': area('Otay Constituyentes', 'Tijuana', '02004'),
  '22640': area('Lomas de Agua Caliente', 'Tijuana', '02004'),
  '21000': area('Centro Cívico', 'Mexicali', '02002'),
  '21100': area('Pueblo Nuevo', 'Mexicali', '02002'),
  '21230': area('Valle de Puebla', 'Mexicali', '02002'),
  '32000': area('Centro', 'Juárez', '08037'),
  '32310': area('Partido Romero', 'Juárez', '08037'),
  '32500': area('Chihuahua', 'Juárez', '08037'),
  '32695': area('Parajes del Sur', 'Juárez', '08037'),
  '84000': area('Centro', 'Nogales', '26043'),
  '84065': area('Kennedy', 'Nogales', '26043'),
  '88000': area('Centro', 'Nuevo Laredo', '28027'),
  '88260': area('Guerrero', 'Nuevo Laredo', '28027'),
  '88500': area('Centro', 'Reynosa', '28032'),
  '88630': area('Las Fuentes', 'Reynosa', '28032'),
  '80000': area('Centro', 'Culiacán', '25006'),
  '80020': area('Las Quintas', 'Culiacán', '25006'),
  '80100': area('Humaya', 'Culiacán', '25006'),
  '80199': area('Valle Alto', 'Culiacán', '25006'),
  '44100': area('Centro', 'Guadalajara', '14039'),
  '44160': area('Americana', 'Guadalajara', '14039'),
  '44600': area('Providencia', 'Guadalajara', '14039'),
  '45050': area('Ciudad del Sol', 'Zapopan', '14120'),
  '64000': area('Centro', 'Monterrey', '19039'),
  '64620': area('Mitras Centro', 'Monterrey', '19039'),
  '64700': area('Obispado', 'Monterrey', '19039'),
  '66220': area('Del Valle', 'San Pedro Garza García', '19019'),
  '06000': area('Centro', 'Cuauhtémoc', '09015'),
  '06700': area('Roma Norte', 'Cuauhtémoc', '09015'),
  '03100': area('Del Valle Centro', 'Benito Juárez', '09014'),
  '11560': area('Polanco V Sección', 'Miguel Hidalgo', '09016'),
  '09000': area('San Lucas', 'Iztapalapa', '09007'),
  '58000': area('Centro', 'Morelia', '16053'),
  '58088': area('Félix Ireta', 'Morelia', '16053'),
  '58260': area('Chapultepec Sur', 'Morelia', '16053'),
  '60600': area('Centro', 'Apatzingán', '16006'),
  '98000': area('Centro', 'Zacatecas', '32056'),
  '98600': area('Centro', 'Guadalupe', '32017'),
  '68000': area('Centro', 'Oaxaca de Juárez', '20067'),
  '68050': area('Reforma', 'Oaxaca de Juárez', '20067'),
  '72000': area('Centro', 'Puebla', '21114'),
  '72160': area('La Paz', 'Puebla', '21114'),
  '37000': area('Centro', 'León', '11020'),
  '37160': area('Jardines del Moral', 'León', '11020'),
};

export const MX_STREETS = [
  'Avenida Benito Juárez', 'Calle Miguel Hidalgo', 'Calle Ignacio Zaragoza', 'Avenida Revolución', 'Calle José María Morelos',
  'Calle Vicente Guerrero', 'Boulevard Independencia', 'Calle 5 de Mayo', 'Avenida Insurgentes', 'Calle Francisco I. Madero',
  'Calle Niños Héroes', 'Avenida Lázaro Cárdenas', 'Calle Juan Aldama', 'Calle Ignacio Allende', 'Privada de los Pinos',
  'Calle Emiliano Zapata', 'Avenida Constitución', 'Calle Guadalupe Victoria', 'Boulevard Agua Caliente', 'Calle Venustiano Carranza',
] as const;

export const US_STREET_NAMES = [
  'Mesa', 'Main', 'Alameda', 'Montana', 'Palm', 'Cesar Chavez', 'Oak', 'Elm', 'Washington', 'Lincoln', 'Rio Grande', 'Sunset',
  'Mission', 'Guadalupe', 'Zaragoza', 'Magnolia', 'Cedar', 'Pecan', 'Mulberry', 'Franklin',
] as const;
export const US_STREET_SUFFIXES = ['St', 'Ave', 'Blvd', 'Dr', 'Rd', 'Ln'] as const;

/** US driver's licence number shape and issuer per state, with the years a licence is valid. */
export const US_LICENCES: Record<string, { letters: number; digits: number; issuer: string; years: number }> = {
  CA: { letters: 1, digits: 7, issuer: 'California Department of Motor Vehicles', years: 5 },
  AZ: { letters: 1, digits: 8, issuer: 'Arizona Motor Vehicle Division', years: 8 },
  NM: { letters: 0, digits: 9, issuer: 'New Mexico Motor Vehicle Division', years: 8 },
  TX: { letters: 0, digits: 8, issuer: 'Texas Department of Public Safety', years: 8 },
  IL: { letters: 1, digits: 11, issuer: 'Illinois Secretary of State', years: 4 },
  CO: { letters: 0, digits: 9, issuer: 'Colorado Division of Motor Vehicles', years: 5 },
  GA: { letters: 0, digits: 9, issuer: 'Georgia Department of Driver Services', years: 8 },
  NC: { letters: 0, digits: 12, issuer: 'North Carolina Division of Motor Vehicles', years: 8 },
  NY: { letters: 0, digits: 9, issuer: 'New York State Department of Motor Vehicles', years: 8 },
};

/** Postal area of a Mexican place's postal code; every code of MX_PLACES is listed. */
export function mexicanArea(place: Place, postalCode: string): MexicanArea {
  const found = MX_POSTAL_AREAS[postalCode];
  if (found === undefined) throw new RangeError(`no colonia is catalogued for ${place.city} postal code ${postalCode}`);
  return found;
}

export const isMexico = (country: Country): boolean => country === 'MX';
