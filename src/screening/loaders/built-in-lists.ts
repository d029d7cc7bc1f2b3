/**
 * Small lists Frontera ships because no machine-readable official file carries them (or a loaded
 * snapshot may predate them). Each entry cites its public source; a later official list load
 * with the same designations simply adds a second, independent hit.
 */
import { ListEntrySchema, type ListEntryInput, type ListSnapshot } from '../list-entry.ts';

/**
 * FinCEN orders of 25 June 2025 under section 2313a of the FEND Off Fentanyl Act (21 U.S.C. 2313a):
 * the three institutions found of primary money-laundering concern in connection with illicit
 * opioid trafficking; covered institutions may not send funds to or receive funds from them. The
 * effective date was extended twice (9 July and 19 August 2025) to 20 October 2025.
 * Bank codes are the SPEI participant codes (CLABE prefixes) of the Banco de México catalogue.
 */
const SECTION_2313A: ListEntryInput[] = [
  {
    listId: 'us-2313a', entryId: 'CIBANCO', type: 'organization', name: 'CIBanco, S.A., Institución de Banca Múltiple',
    aliases: [{ name: 'CIBanco', quality: 'strong' }, { name: 'CI Banco', quality: 'strong' }, { name: 'CIBanco S.A.', quality: 'strong' }],
    programs: ['2313A'], countries: ['MX'], identifiers: [{ kind: 'mx_bank_code', value: '143', country: 'MX', label: 'SPEI participant 40143' }],
    listedOn: '2025-06-25', remarks: 'FinCEN order under 21 U.S.C. 2313a, issued 25 June 2025, in force 20 October 2025: transmittals of funds to or from the institution are prohibited.',
  },
  {
    listId: 'us-2313a', entryId: 'INTERCAM', type: 'organization', name: 'Intercam Banco, S.A., Institución de Banca Múltiple',
    aliases: [{ name: 'Intercam Banco', quality: 'strong' }, { name: 'Intercam', quality: 'strong' }],
    programs: ['2313A'], countries: ['MX'], identifiers: [{ kind: 'mx_bank_code', value: '136', country: 'MX', label: 'SPEI participant 40136' }],
    listedOn: '2025-06-25', remarks: 'FinCEN order under 21 U.S.C. 2313a, issued 25 June 2025, in force 20 October 2025: transmittals of funds to or from the institution are prohibited.',
  },
  {
    listId: 'us-2313a', entryId: 'VECTOR', type: 'organization', name: 'Vector Casa de Bolsa, S.A. de C.V.',
    aliases: [{ name: 'Vector Casa de Bolsa', quality: 'strong' }, { name: 'Vector', quality: 'weak' }],
    programs: ['2313A'], countries: ['MX'], identifiers: [{ kind: 'mx_bank_code', value: '608', country: 'MX', label: 'SPEI participant 90608' }],
    listedOn: '2025-06-25', remarks: 'FinCEN order under 21 U.S.C. 2313a, issued 25 June 2025, in force 20 October 2025: transmittals of funds to or from the institution are prohibited.',
  },
];

/**
 * Department of State designations published in the Federal Register on 20 February 2025 as
 * Foreign Terrorist Organizations (INA section 219) and Specially Designated Global Terrorists
 * (E.O. 13224), following E.O. 14157. Names as the Department announced them, with the English
 * and Spanish forms and acronyms in common use.
 */
const FTO_2025: Array<[string, string, string[], string[]]> = [
  ['CARTEL-DE-SINALOA', 'Cártel de Sinaloa', ['Sinaloa Cartel', 'Cartel de Sinaloa'], ['CDS']],
  ['CJNG', 'Cártel de Jalisco Nueva Generación', ['Jalisco New Generation Cartel', 'Cartel Jalisco Nueva Generacion'], ['CJNG']],
  ['CARTEL-DEL-NORESTE', 'Cártel del Noreste', ['Northeast Cartel', 'Cartel del Noreste', 'Los Zetas'], ['CDN']],
  ['LA-NUEVA-FAMILIA-MICHOACANA', 'La Nueva Familia Michoacana', ['Nueva Familia Michoacana', 'New Michoacan Family'], ['LNFM']],
  ['CARTEL-DEL-GOLFO', 'Cártel del Golfo', ['Gulf Cartel', 'Cartel de Golfo', 'Cartel del Golfo'], ['CDG']],
  ['CARTELES-UNIDOS', 'Cárteles Unidos', ['United Cartels', 'Carteles Unidos'], []],
  ['TREN-DE-ARAGUA', 'Tren de Aragua', ['Tren de Aragua'], ['TdA']],
  ['MS-13', 'Mara Salvatrucha', ['MS-13', 'MS 13', 'Mara Salvatrucha 13'], []],
];

function snapshot(listId: string, version: string, inputs: ListEntryInput[]): ListSnapshot {
  return { listId, version, entries: inputs.map((input) => ListEntrySchema.parse(input)) };
}

/**
 * The section 2313a institutions (CIBanco, Intercam Banco, Vector Casa de Bolsa).
 * @example section2313aList().entries.map((e) => e.entryId) // ['CIBANCO', 'INTERCAM', 'VECTOR']
 */
export function section2313aList(): ListSnapshot {
  return snapshot('us-2313a', '2025-08-19', SECTION_2313A);
}

/**
 * The eight organisations designated FTO/SDGT on 20 February 2025 (six Mexican cartels, Tren de
 * Aragua, MS-13).
 * @example usFto2025List().entries.length === 8
 */
export function usFto2025List(): ListSnapshot {
  return snapshot('us-fto-2025', '2025-02-20', FTO_2025.map(([entryId, name, names, acronyms]) => ({
    listId: 'us-fto-2025',
    entryId,
    type: 'organization' as const,
    name,
    aliases: [...names.map((n) => ({ name: n, quality: 'strong' as const })), ...acronyms.map((n) => ({ name: n, quality: 'weak' as const }))],
    programs: ['FTO', 'SDGT'],
    listedOn: '2025-02-20',
    remarks: 'Designated Foreign Terrorist Organization and Specially Designated Global Terrorist, Federal Register, 20 February 2025.',
  })));
}
