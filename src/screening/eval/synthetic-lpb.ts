/**
 * A fictitious Lista de Personas Bloqueadas in Frontera's LPB CSV column set, for the benchmark
 * and the evaluation set: the UIF's list is not published as an open file, so its size and its
 * Mexican name density are simulated. Every name is invented from name pools; none describes a
 * real designated person. Deterministic for a seed.
 */
import { rfcCheckCharacter } from '../../domain/index.ts';
import { MX_LPB_COLUMNS } from '../loaders/csv-lists.ts';
import { seededRandom } from './evaluation-set.ts';

const GIVEN = ['Abundio', 'Baldomero', 'Cipriano', 'Delfino', 'Eleazar', 'Filiberto', 'Gumersindo', 'Heriberto', 'Isidro', 'Jacinto', 'Leobardo', 'Macario', 'Nazario', 'Onésimo', 'Porfirio', 'Rigoberto', 'Saturnino', 'Teódulo', 'Ubaldo', 'Venustiano', 'Wenceslao', 'Zacarías', 'Amalia', 'Brígida', 'Cenobia', 'Dominga', 'Eustolia', 'Felícitas', 'Herlinda', 'Irene', 'Jovita', 'Leonor', 'Maximina', 'Natividad', 'Obdulia', 'Petra', 'Rufina', 'Socorro', 'Tranquilina', 'Zenaida', 'José Guadalupe', 'Juan Pablo', 'María Trinidad', 'Luis Enrique'];
const SURNAMES = ['Arreola', 'Barragán', 'Cisneros', 'Durán', 'Echeverría', 'Fierro', 'Gallardo', 'Huerta', 'Iturbide', 'Jáuregui', 'Lozoya', 'Madrigal', 'Nava', 'Olvera', 'Palafox', 'Quintana', 'Rentería', 'Saldaña', 'Tapia', 'Urrutia', 'Valenzuela', 'Villaseñor', 'Yáñez', 'Zamudio', 'Zavala', 'Ochoa', 'Beltrán', 'Carrasco', 'Elizondo', 'Fonseca', 'Galindo', 'Hinojosa', 'Lizárraga', 'Montaño', 'Noriega', 'Pantoja', 'Quiroz', 'Sepúlveda', 'Treviño', 'Urquídez'];
const COMPANY_HEADS = ['Comercializadora', 'Inmobiliaria', 'Transportes', 'Servicios Integrales', 'Distribuidora', 'Exportadora', 'Agropecuaria', 'Casa de Cambio'];
const COMPANY_NAMES = ['Alcatraz', 'Bugambilia', 'Cempasúchil', 'Datilera', 'Encino Real', 'Flor de Nopal', 'Guayabo', 'Huizache', 'Jacaranda', 'Mezquite', 'Nogal Alto', 'Ocotillo', 'Pitahaya', 'Sauce Llorón', 'Tule Viejo', 'Zapote'];
const FORMS = ['S.A. de C.V.', 'S. de R.L. de C.V.', 'S.A.P.I. de C.V.'];

function csvCell(value: string): string {
  return /[",\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

function fold(text: string): string {
  return text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toUpperCase();
}

/** A syntactically valid company RFC (three letters, YYMMDD, homoclave, check character). */
function companyRfc(name: string, random: () => number): string {
  const letters = fold(name).replace(/[^A-Z]/g, '').padEnd(3, 'X').slice(0, 3);
  const yy = String(90 + Math.floor(random() * 10)).padStart(2, '0');
  const mm = String(1 + Math.floor(random() * 12)).padStart(2, '0');
  const dd = String(1 + Math.floor(random() * 28)).padStart(2, '0');
  const homoclave = 'A' + String(Math.floor(random() * 10));
  const body = `${letters}${yy}${mm}${dd}${homoclave}`;
  return body + rfcCheckCharacter(body);
}

/**
 * @example syntheticLpbCsv({ persons: 10, companies: 2 }).split('\n')[0] // the header row
 */
export function syntheticLpbCsv(options: { persons?: number; companies?: number; seed?: number } = {}): string {
  const random = seededRandom(options.seed ?? 2313);
  const choose = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const lines: string[] = [MX_LPB_COLUMNS.join(',')];
  const seen = new Set<string>();
  let folio = 1;
  const persons = options.persons ?? 400;
  for (let i = 0; i < persons * 3 && seen.size < persons; i++) {
    const given = choose(GIVEN);
    const paternal = choose(SURNAMES);
    const maternal = random() < 0.9 ? choose(SURNAMES) : '';
    const key = `${given}|${paternal}|${maternal}`;
    if (seen.has(key) || paternal === maternal) continue;
    seen.add(key);
    const year = 1950 + Math.floor(random() * 50);
    const birth = `${String(1 + Math.floor(random() * 28)).padStart(2, '0')}/${String(1 + Math.floor(random() * 12)).padStart(2, '0')}/${year}`;
    const alias = random() < 0.15 ? `El ${choose(['Güero', 'Flaco', 'Chato', 'Tigre', 'Compadre', 'Profe', 'Ingeniero', 'Charro'])}` : '';
    const row: Record<string, string> = {
      folio: `LPB-${String(folio++).padStart(5, '0')}`, tipo_persona: 'fisica', nombre: given, apellido_paterno: paternal, apellido_materno: maternal,
      alias, fecha_nacimiento: birth, nacionalidad: 'MX', pais: 'México', fecha_inclusion: '2025-03-01', fundamento: 'Lista de Personas Bloqueadas (ficticia)',
    };
    lines.push(MX_LPB_COLUMNS.map((c) => csvCell(row[c] ?? '')).join(','));
  }
  const companies = options.companies ?? 150;
  for (let i = 0; i < companies * 3 && seen.size < persons + companies; i++) {
    const name = `${choose(COMPANY_HEADS)} ${choose(COMPANY_NAMES)} ${choose(SURNAMES)}`;
    if (seen.has(name)) continue;
    seen.add(name);
    const row: Record<string, string> = {
      folio: `LPB-${String(folio++).padStart(5, '0')}`, tipo_persona: 'moral', razon_social: `${name}, ${choose(FORMS)}`,
      rfc: companyRfc(name, random), nacionalidad: 'MX', pais: 'México', fecha_inclusion: '2025-03-01', fundamento: 'Lista de Personas Bloqueadas (ficticia)',
    };
    lines.push(MX_LPB_COLUMNS.map((c) => csvCell(row[c] ?? '')).join(','));
  }
  return `${lines.join('\n')}\n`;
}
