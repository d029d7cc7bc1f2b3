/**
 * The enforcement-action library. Figures and findings are quoted from the authorities' public
 * announcements (see `sources`); summaries are ours. Each action names the Frontera typologies
 * whose red flags match the activity the institution failed to catch.
 */
import { EnforcementActionSchema, type EnforcementAction } from './schema.ts';

const t = (en: string, es: string): { en: string; es: string } => ({ en, es });

const ACTIONS: EnforcementAction[] = [
  {
    id: 'td-bank-2024',
    authority: ['FinCEN', 'U.S. Department of Justice', 'OCC', 'Federal Reserve'],
    date: '2024-10-10',
    institution: 'TD Bank, N.A. and TD Bank US Holding Company',
    institutionKind: 'bank',
    country: 'US',
    actionType: 'guilty_plea',
    penalty: { amountMinor: 309_000_000_000, currency: 'USD', note: t('about USD 3.09 billion in total, including a FinCEN civil money penalty of USD 1.3 billion', 'cerca de 3,090 millones de USD en total, incluida una multa civil de FinCEN de 1,300 millones de USD') },
    summary: t(
      'The bank pleaded guilty to Bank Secrecy Act program failures; money-laundering networks moved hundreds of millions of dollars through it, including cash from drug proceeds sent on to Colombia and elsewhere.',
      'El banco se declaró culpable de fallas en su programa de la Ley de Secreto Bancario; redes de lavado movieron cientos de millones de dólares a través de él, incluido efectivo de narcotráfico enviado a Colombia y otros destinos.',
    ),
    controlFailures: [
      t('Transaction monitoring left the large majority of transaction volume unmonitored for years', 'El monitoreo de operaciones dejó sin cubrir la gran mayoría del volumen operado durante años'),
      t('Monitoring scenarios were not updated for new products and risks; alert volume was capped to fit staffing', 'Los escenarios de monitoreo no se actualizaron para nuevos productos y riesgos; el volumen de alertas se limitó según el personal disponible'),
      t('Employees accepted bribes and opened accounts for launderers; cash-intensive activity went unreported', 'Empleados aceptaron sobornos y abrieron cuentas para lavadores; la actividad intensiva en efectivo no se reportó'),
    ],
    redFlags: [
      t('Large cash deposits followed by rapid withdrawals or wires abroad', 'Grandes depósitos en efectivo seguidos de retiros rápidos o transferencias al exterior'),
      t('Cash deposited in several branches and states into accounts that send funds abroad', 'Efectivo depositado en varias sucursales y estados en cuentas que envían fondos al exterior'),
    ],
    typologies: ['funnel-account', 'rapid-pass-through', 'structuring-ctr', 'bulk-cash'],
    sources: [
      { title: 'TD Bank Pleads Guilty to Bank Secrecy Act and Money Laundering Conspiracy Violations in $1.8B Resolution', publisher: 'U.S. Department of Justice', url: 'https://www.justice.gov/opa/pr/td-bank-pleads-guilty-bank-secrecy-act-and-money-laundering-conspiracy-violations-18b' },
      { title: 'FinCEN Assesses Record $1.3 Billion Penalty against TD Bank', publisher: 'FinCEN', url: 'https://www.fincen.gov/news/news-releases/fincen-assesses-record-13-billion-penalty-against-td-bank' },
    ],
  },
  {
    id: 'hsbc-2012',
    authority: ['U.S. Department of Justice', 'OCC', 'Federal Reserve', 'FinCEN'],
    date: '2012-12-11',
    institution: 'HSBC Bank USA, N.A. and HSBC Holdings plc',
    institutionKind: 'bank',
    country: 'US',
    actionType: 'deferred_prosecution',
    penalty: { amountMinor: 192_000_000_000, currency: 'USD', note: t('about USD 1.92 billion: USD 1.256 billion forfeiture plus civil penalties', 'cerca de 1,920 millones de USD: decomiso de 1,256 millones de USD más multas civiles') },
    summary: t(
      'The Sinaloa Cartel in Mexico and the Norte del Valle Cartel in Colombia laundered at least USD 881 million through HSBC Bank USA, much of it as US dollars bought from HSBC Mexico.',
      'El Cártel de Sinaloa en México y el Cártel del Norte del Valle en Colombia lavaron al menos 881 millones de USD a través de HSBC Bank USA, en buena parte como dólares comprados a HSBC México.',
    ),
    controlFailures: [
      t('Mexico was rated standard risk, so wires and banknote purchases from the Mexican affiliate went largely unmonitored', 'México se calificó de riesgo estándar, por lo que transferencias y compras de billetes de la filial mexicana quedaron casi sin monitoreo'),
      t('Correspondent accounts of the affiliate were not subject to due diligence or monitoring', 'Las cuentas corresponsales de la filial no tuvieron debida diligencia ni monitoreo'),
      t('Alert backlogs and understaffed compliance', 'Rezago de alertas y cumplimiento sin personal suficiente'),
    ],
    redFlags: [
      t('Very large US-dollar cash from Mexico and casas de cambio repatriated to the United States', 'Grandes cantidades de efectivo en dólares desde México y casas de cambio repatriadas a Estados Unidos'),
      t('Cash deposits sized to fit the teller windows of the affiliate (box-sized deposits)', 'Depósitos de efectivo de tamaño ajustado a las ventanillas de la filial'),
    ],
    typologies: ['bulk-cash', 'cash-repatriation-to-us', 'casa-de-cambio-concentration', 'nested-correspondent'],
    sources: [
      { title: 'HSBC Holdings Plc. and HSBC Bank USA N.A. Admit to Anti-Money Laundering and Sanctions Violations', publisher: 'U.S. Department of Justice', url: 'https://www.justice.gov/opa/pr/hsbc-holdings-plc-and-hsbc-bank-usa-na-admit-anti-money-laundering-and-sanctions-violations' },
    ],
  },
  {
    id: 'wachovia-2010',
    authority: ['U.S. Department of Justice', 'FinCEN', 'OCC'],
    date: '2010-03-17',
    institution: 'Wachovia Bank, N.A.',
    institutionKind: 'bank',
    country: 'US',
    actionType: 'deferred_prosecution',
    penalty: { amountMinor: 16_000_000_000, currency: 'USD', note: t('USD 110 million forfeiture and a USD 50 million FinCEN civil money penalty', 'decomiso de 110 millones de USD y multa civil de FinCEN de 50 millones de USD') },
    summary: t(
      'The bank failed to apply anti-money-laundering controls to wires, travelers checks and bulk cash from Mexican casas de cambio, some of them used by drug traffickers.',
      'El banco no aplicó controles contra el lavado a transferencias, cheques de viajero y efectivo a granel de casas de cambio mexicanas, algunas usadas por narcotraficantes.',
    ),
    controlFailures: [
      t('Casas de cambio treated as ordinary correspondent customers without enhanced due diligence', 'Casas de cambio tratadas como clientes corresponsales ordinarios sin debida diligencia reforzada'),
      t('Bulk-cash shipments and sequentially numbered travelers checks were not monitored', 'No se monitorearon envíos de efectivo a granel ni cheques de viajero de numeración consecutiva'),
    ],
    redFlags: [
      t('A casa de cambio sends round-amount wires for unrelated third parties', 'Una casa de cambio envía transferencias de montos redondos por cuenta de terceros no relacionados'),
      t('Bulk US-dollar cash shipped from Mexico to a US account', 'Efectivo en dólares enviado a granel desde México a una cuenta en EE. UU.'),
    ],
    typologies: ['casa-de-cambio-concentration', 'nested-correspondent', 'bulk-cash'],
    sources: [
      { title: 'Wachovia Enters into Deferred Prosecution Agreement', publisher: 'U.S. Department of Justice (Southern District of Florida)', url: 'https://www.justice.gov/archive/usao/fls/PressReleases/100317-02.html' },
      { title: 'FinCEN Assessment of Civil Money Penalty: Wachovia Bank', publisher: 'FinCEN', url: 'https://www.fincen.gov/news/news-releases/wachovia-enters-deferred-prosecution-agreement' },
    ],
  },
  {
    id: 'banamex-usa-2017',
    authority: ['U.S. Department of Justice'],
    date: '2017-05-22',
    institution: 'Banamex USA',
    institutionKind: 'bank',
    country: 'US',
    actionType: 'non_prosecution',
    penalty: { amountMinor: 9_744_000_000, currency: 'USD', note: t('USD 97.44 million forfeiture', 'decomiso de 97.44 millones de USD') },
    summary: t(
      'The bank processed millions of remittance transactions to Mexico for money services businesses while its monitoring raised alerts it did not investigate.',
      'El banco procesó millones de remesas a México para transmisores de dinero mientras su monitoreo generaba alertas que no investigaba.',
    ),
    controlFailures: [
      t('Remittances to Mexico through MSB customers monitored by a few staff with a static set of rules', 'Remesas a México mediante clientes transmisores monitoreadas por poco personal con reglas estáticas'),
      t('Alerts on many senders paying one beneficiary were left unreviewed', 'No se revisaron alertas de muchos remitentes que pagaban a un mismo beneficiario'),
    ],
    redFlags: [
      t('Many senders remit to one beneficiary in Mexico', 'Muchos remitentes envían a un mismo beneficiario en México'),
      t('Remittances concentrated through a few money services businesses', 'Remesas concentradas a través de pocos transmisores de dinero'),
    ],
    typologies: ['fan-in', 'casa-de-cambio-concentration', 'cuckoo-smurfing'],
    sources: [
      { title: 'Banamex USA Agrees to Forfeit $97 Million in Connection with Bank Secrecy Act Violations', publisher: 'U.S. Department of Justice', url: 'https://www.justice.gov/opa/pr/banamex-usa-agrees-forfeit-97-million-connection-bank-secrecy-act-violations' },
    ],
  },
  {
    id: 'western-union-2017',
    authority: ['U.S. Department of Justice', 'Federal Trade Commission', 'FinCEN'],
    date: '2017-01-19',
    institution: 'The Western Union Company',
    institutionKind: 'msb',
    country: 'US',
    actionType: 'deferred_prosecution',
    penalty: { amountMinor: 58_600_000_000, currency: 'USD', note: t('USD 586 million forfeiture', 'decomiso de 586 millones de USD') },
    summary: t(
      'The money transmitter admitted failing to maintain an effective anti-money-laundering program and aiding fraud: agents processed fraud-induced transfers and structured transfers, including along the southwest border.',
      'La transmisora admitió no mantener un programa eficaz contra el lavado y facilitar fraudes: agentes procesaron envíos inducidos por fraude y envíos fraccionados, incluso en la frontera suroeste.',
    ),
    controlFailures: [
      t('Agents complicit in fraud and structuring were kept on despite repeated alerts', 'Se mantuvo a agentes cómplices de fraude y fraccionamiento pese a alertas repetidas'),
      t('Transfers split to stay under the identification and reporting thresholds were not aggregated', 'No se agregaron envíos divididos para quedar bajo los umbrales de identificación y reporte'),
    ],
    redFlags: [
      t('Many transfers by different senders to one recipient just below reporting thresholds', 'Muchos envíos de distintos remitentes a un destinatario justo por debajo de los umbrales de reporte'),
      t('Victims send repeated payments abroad to new recipients', 'Víctimas envían pagos repetidos al exterior a destinatarios nuevos'),
    ],
    typologies: ['structuring-ctr', 'gto-sw-border-2025-03', 'timeshare-fraud-payments'],
    sources: [
      { title: 'Western Union Admits Anti-Money Laundering and Consumer Fraud Violations, Forfeits $586 Million', publisher: 'U.S. Department of Justice', url: 'https://www.justice.gov/opa/pr/western-union-admits-anti-money-laundering-and-consumer-fraud-violations-forfeits-586-million' },
    ],
  },
  {
    id: 'fincen-2313a-orders-2025',
    authority: ['FinCEN'],
    date: '2025-06-25',
    institution: 'CIBanco S.A., Intercam Banco S.A. and Vector Casa de Bolsa S.A. de C.V.',
    institutionKind: 'bank',
    country: 'MX',
    actionType: 'order',
    penalty: null,
    summary: t(
      'Under section 2313a of the FEND Off Fentanyl Act, FinCEN named the three Mexican institutions of primary money-laundering concern in connection with illicit opioid trafficking; covered US institutions may not send funds to or receive funds from them.',
      'Con base en la sección 2313a de la Ley FEND Off Fentanyl, FinCEN designó a las tres instituciones mexicanas como de preocupación primaria de lavado de dinero vinculada al tráfico ilícito de opioides; las instituciones estadounidenses cubiertas no pueden enviarles ni recibir fondos de ellas.',
    ),
    controlFailures: [
      t('FinCEN cited the institutions\' relationships with cartel associates and payments for precursor chemicals from China', 'FinCEN citó relaciones de las instituciones con asociados de cárteles y pagos por precursores químicos desde China'),
    ],
    redFlags: [
      t('Funds sent to or received from a 2313a-named institution, or accounts it administers', 'Fondos enviados a o recibidos de una institución designada conforme a la 2313a, o de cuentas que administra'),
      t('Payments to chemical suppliers in China routed through Mexican institutions', 'Pagos a proveedores químicos en China canalizados por instituciones mexicanas'),
    ],
    typologies: ['precursor-chemical-payments', 'nested-correspondent'],
    sources: [
      { title: 'FinCEN Issues First Orders under Powerful New Authority to Target Mexico-based Financial Institutions of Primary Money Laundering Concern', publisher: 'FinCEN', url: 'https://www.fincen.gov/news/news-releases/fincen-issues-first-orders-under-powerful-new-authority-target-mexico-based' },
    ],
  },
];

/** Every action, validated when this list is built (a malformed entry is a programming error). */
export const ENFORCEMENT_ACTIONS: readonly EnforcementAction[] = ACTIONS.map((action) => EnforcementActionSchema.parse(action));

/** @example enforcementActionById('td-bank-2024')?.penalty?.amountMinor */
export function enforcementActionById(id: string): EnforcementAction | undefined {
  return ENFORCEMENT_ACTIONS.find((action) => action.id === id);
}

/** The actions a typology would have helped with. @example actionsForTypology('funnel-account').map((a) => a.id) */
export function actionsForTypology(typologyId: string): EnforcementAction[] {
  return ENFORCEMENT_ACTIONS.filter((action) => action.typologies.includes(typologyId));
}

/** One action as readable text in a language. */
export function formatEnforcementAction(action: EnforcementAction, language: 'en' | 'es' = 'en'): string {
  const penalty = action.penalty ? `${action.penalty.currency} ${(action.penalty.amountMinor / 100).toLocaleString('en-US')} (${action.penalty.note[language]})` : language === 'en' ? 'no penalty (order)' : 'sin multa (orden)';
  return [
    `${action.date}  ${action.institution} — ${action.authority.join(', ')}`,
    `  ${penalty}`,
    `  ${action.summary[language]}`,
    ...action.controlFailures.map((failure) => `  ✗ ${failure[language]}`),
    ...action.redFlags.map((flag) => `  ⚑ ${flag[language]}`),
    `  typologies: ${action.typologies.join(', ')}`,
  ].join('\n');
}
