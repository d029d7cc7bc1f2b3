import { DEFAULT_RATES, formatMinorUnits, toUsdMinor, type Party, type RateTable, type Transaction } from '../domain/index.ts';
import type { Case } from './schemas.ts';

const CHANNEL_WORDS: Record<Transaction['channel'], { en: string; es: string }> = {
  wire: { en: 'wire transfers', es: 'transferencias internacionales' },
  spei: { en: 'SPEI transfers', es: 'transferencias SPEI' },
  ach: { en: 'ACH transfers', es: 'transferencias ACH' },
  cash_deposit: { en: 'cash deposits', es: 'depósitos en efectivo' },
  cash_withdrawal: { en: 'cash withdrawals', es: 'retiros en efectivo' },
  remittance: { en: 'remittances', es: 'remesas' },
  card: { en: 'card payments', es: 'pagos con tarjeta' },
  check: { en: 'checks', es: 'cheques' },
  crypto: { en: 'virtual-asset transfers', es: 'transferencias de activos virtuales' },
  trade_payment: { en: 'trade payments', es: 'pagos de comercio exterior' },
};

/** The display name of a party: "José Luis Pérez Núñez", "Transportes del Norte S.A. de C.V.". */
export function partyDisplayName(party: Party): string {
  if (party.type === 'company') {
    const form = party.legalForm && party.legalForm !== 'sole_proprietor' ? party.legalForm : '';
    return form && !party.legalName.toLowerCase().endsWith(form.toLowerCase()) ? `${party.legalName} ${form}` : party.legalName;
  }
  return [party.name.given, party.name.paternal, party.name.maternal].filter(Boolean).join(' ');
}

function groupedAmount(minor: number): string {
  const [whole, cents] = formatMinorUnits(minor, 'USD').split('.');
  return `${whole!.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${cents}`;
}

/** Totals and shape of the activity in a case, used by the narrative and by the reports. */
export function summarizeActivity(kase: Case, rates: RateTable = DEFAULT_RATES): {
  transactionCount: number;
  totalUsdMinor: number;
  firstDate: string | null;
  lastDate: string | null;
  channels: Transaction['channel'][];
  countries: string[];
} {
  const times = kase.transactions.map((t) => t.time).sort();
  const countries = new Set<string>();
  for (const t of kase.transactions) {
    countries.add(t.originator.country);
    countries.add(t.beneficiary.country);
  }
  return {
    transactionCount: kase.transactions.length,
    totalUsdMinor: kase.transactions.reduce((sum, t) => sum + toUsdMinor(t.amountMinor, t.currency, rates), 0),
    firstDate: times[0]?.slice(0, 10) ?? null,
    lastDate: times.at(-1)?.slice(0, 10) ?? null,
    channels: [...new Set(kase.transactions.map((t) => t.channel))],
    countries: [...countries].sort(),
  };
}

function identifierText(party: Party, language: 'en' | 'es'): string {
  const shown = party.identifiers.filter((i) => ['rfc', 'curp', 'ssn', 'ein', 'passport'].includes(i.kind));
  if (shown.length === 0) return '';
  const list = shown.map((i) => `${i.kind.toUpperCase()} ${i.kind === 'ssn' ? `XXX-XX-${i.value.slice(-4)}` : i.value}`).join(', ');
  return language === 'en' ? ` (${list})` : ` (${list})`;
}

/** Ends a sentence with a full stop when it has no closing punctuation. */
function sentence(text: string): string {
  const trimmed = text.trim();
  return /[.!?…]$/.test(trimmed) ? trimmed : `${trimmed}.`;
}

function listWords(words: string[], language: 'en' | 'es'): string {
  if (words.length <= 1) return words.join('');
  return `${words.slice(0, -1).join(', ')} ${language === 'en' ? 'and' : 'y'} ${words.at(-1)}`;
}

/**
 * Drafts the narrative from the case's alerts and their explanations: English for FinCEN
 * (who, what, when, where, why, how), Spanish for the UIF (descripción de la operación y
 * razones). It starts with each advisory key term the typologies carry, as FinCEN advisories
 * ask. The analyst edits the draft (`editNarrative`) before approval.
 * @example draftNarrative(kase, 'en', { institutionName: 'Banco Frontera' }).startsWith('CMLN-2025-A003')
 */
export function draftNarrative(kase: Case, language: 'en' | 'es', options: { institutionName?: string; rates?: RateTable } = {}): string {
  const institution = options.institutionName ?? (language === 'en' ? 'The filing institution' : 'La institución');
  const summary = summarizeActivity(kase, options.rates);
  const name = partyDisplayName(kase.subject.party);
  const ids = identifierText(kase.subject.party, language);
  const keyTerms = [...new Set(kase.typologyHints.map((h) => h.advisoryKeyTerm).filter((k): k is string => k !== undefined))];
  const channels = listWords(summary.channels.map((c) => CHANNEL_WORDS[c][language]), language);
  const countries = summary.countries.join(', ');
  const paragraphs: string[] = [];
  if (keyTerms.length > 0) paragraphs.push(keyTerms.join(' '));
  if (language === 'en') {
    paragraphs.push(
      `${institution} is reporting suspicious activity by ${name}${ids}. ` +
        (summary.transactionCount > 0
          ? `Between ${summary.firstDate} and ${summary.lastDate}, ${summary.transactionCount} transaction(s) totalling USD ${groupedAmount(summary.totalUsdMinor)} (USD equivalent) were conducted through ${channels}, involving ${countries}.`
          : 'No completed transaction is attached to this case.'),
    );
    const alertLines = kase.alerts.map((a) => {
      const fired = a.explanation.rules.filter((r) => r.fired).map((r) => r.description);
      return `- ${a.time.slice(0, 10)}: typology ${a.typologyId} v${a.typologyVersion} (score ${a.score.toFixed(2)}): ${sentence(a.explanation.summary)}${fired.length > 0 ? ` Indicators: ${fired.join('; ')}.` : ''}`;
    });
    if (alertLines.length > 0) paragraphs.push(`Transaction monitoring raised ${kase.alerts.length} alert(s):\n${alertLines.join('\n')}`);
    const redFlags = kase.typologyHints.map((h) => h.redFlag?.en).filter((t): t is string => Boolean(t)).map(sentence);
    if (redFlags.length > 0) paragraphs.push(`Red flags: ${redFlags.join(' ')}`);
    paragraphs.push(
      `The activity has no apparent economic, business or lawful purpose known to ${institution === 'The filing institution' ? 'the institution' : institution}. ` +
        `Supporting documentation is kept by the institution and is available on request.`,
    );
  } else {
    paragraphs.push(
      `${institution} reporta operaciones de ${name}${ids}. ` +
        (summary.transactionCount > 0
          ? `Entre el ${summary.firstDate} y el ${summary.lastDate} se realizaron ${summary.transactionCount} operación(es) por un total equivalente a USD ${groupedAmount(summary.totalUsdMinor)} mediante ${channels}, con participación de ${countries}.`
          : 'El caso no tiene operaciones concluidas.'),
    );
    const alertLines = kase.alerts.map((a) => {
      const fired = a.explanation.rules.filter((r) => r.fired).map((r) => r.description);
      return `- ${a.time.slice(0, 10)}: tipología ${a.typologyId} v${a.typologyVersion} (puntaje ${a.score.toFixed(2)}): ${sentence(a.explanation.summary)}${fired.length > 0 ? ` Indicadores: ${fired.join('; ')}.` : ''}`;
    });
    if (alertLines.length > 0) paragraphs.push(`El monitoreo generó ${kase.alerts.length} alerta(s):\n${alertLines.join('\n')}`);
    const redFlags = kase.typologyHints.map((h) => h.redFlag?.es).filter((t): t is string => Boolean(t)).map(sentence);
    if (redFlags.length > 0) paragraphs.push(`Señales de alerta: ${redFlags.join(' ')}`);
    paragraphs.push('Las operaciones no guardan relación con el perfil transaccional ni con la actividad económica declarada del cliente. La documentación soporte se conserva en la institución.');
  }
  const text = paragraphs.join('\n\n');
  return language === 'es' ? text.slice(0, 4000) : text.slice(0, 17000);
}
