/**
 * `frontera share demo`: four loopback nodes (a Mexican bank, a US bank, a casa de cambio and the
 * UIF) plus one whose registration has lapsed. It runs a match, opens a shared case on the
 * matched subjects, shows a refusal, and runs a roundtable whose totals all participants see.
 */
import { ForbiddenError } from '../errors.ts';
import { startLoopbackNetwork, syntheticSubjects } from './demo.ts';
import type { RoundtableView } from './roundtable-sessions.ts';

export type DemoReport = {
  match: { sessionId: string; legalBasis: string; initiator: string; responder: string; seconds: number; initiatorMatched: number; responderMatched: number; keyKinds: Record<string, number> };
  cardinality: { matchedKeys: number };
  refused: string;
  sharedCase: { caseId: string; subjects: number; handles: number; entries: Array<{ kind: string; by: string }> };
  roundtable: RoundtableView;
  auditEntries: Record<string, number>;
};

const LABELS = {
  en: { match: 'Private set intersection', between: 'between', basis: 'legal basis', matched: 'matched subjects', by: 'matched by', cardinality: 'Cardinality-only match (RFC keys), shared count', refused: 'Refused', caseTitle: 'Shared case', subjects: 'subjects', handles: 'matched keys', entries: 'entries', roundtable: 'Roundtable totals (only totals are revealed)', audit: 'Audit entries per node', seconds: 's' },
  es: { match: 'Intersección privada de conjuntos', between: 'entre', basis: 'fundamento legal', matched: 'sujetos coincidentes', by: 'coincidencia por', cardinality: 'Solo cardinalidad (claves RFC), número en común', refused: 'Rechazado', caseTitle: 'Caso compartido', subjects: 'sujetos', handles: 'claves coincidentes', entries: 'entradas', roundtable: 'Totales de la mesa de trabajo (solo se revelan los totales)', audit: 'Entradas de bitácora por nodo', seconds: 's' },
} as const;

/**
 * Runs the demo and returns what happened.
 * @example const report = await runSharingDemo({ subjects: 2000 }); process.stdout.write(renderDemoReport(report, 'es'));
 */
export async function runSharingDemo(options: { subjects: number }): Promise<DemoReport> {
  const count = options.subjects;
  const overlap = Math.max(1, Math.round(count * 0.05));
  const network = await startLoopbackNetwork({
    engine: count > 5000 ? 'workers' : 'local',
    institutions: [
      { institutionId: 'banco-norte', name: 'Banco del Norte, S.A.', country: 'MX', subjects: syntheticSubjects({ from: 0, count, seed: 2026, variant: 'mx', prefix: 'norte' }), legalBases: ['bilateral-agreement', 'fiu-convened'], investigators: [{ id: 'ana.trevino', name: 'Ana Treviño' }] },
      { institutionId: 'sur-bank', name: 'Sur Bank, N.A.', country: 'US', subjects: syntheticSubjects({ from: count - overlap, count, seed: 2026, variant: 'us', prefix: 'sur' }), legalBases: ['us-314b', 'bilateral-agreement', 'fiu-convened'], investigators: [{ id: 'beth.miller', name: 'Beth Miller' }] },
      { institutionId: 'casa-centro', name: 'Casa de Cambio Centro', country: 'MX', subjects: syntheticSubjects({ from: count - 2 * overlap, count, seed: 2026, variant: 'mx', prefix: 'centro' }), legalBases: ['bilateral-agreement', 'fiu-convened'] },
      { institutionId: 'uif', name: 'Unidad de Inteligencia Financiera', country: 'MX', role: 'fiu', legalBases: ['fiu-convened'] },
      { institutionId: 'lapsed-bank', name: 'Lapsed Bank', country: 'US', legalBases: ['us-314b'], registeredAt: '2024-01-01T00:00:00Z', expiresAt: '2025-01-01T00:00:00Z' },
    ],
  });
  try {
    const norte = network.byId('banco-norte').node;
    const sur = network.byId('sur-bank').node;
    const started = performance.now();
    const session = await norte.startMatch({ peer: 'sur-bank', purposeCode: 'money_laundering', purpose: 'Funnel accounts: cash deposits in Laredo, withdrawals in Monterrey', legalBasis: 'bilateral-agreement' }, 'ana.trevino');
    const seconds = (performance.now() - started) / 1000;
    const keyKinds: Record<string, number> = {};
    for (const subject of session.outcome?.matchedSubjects ?? []) for (const kind of subject.keyKinds) keyKinds[kind] = (keyKinds[kind] ?? 0) + 1;
    const cardinality = await sur.startMatch({ peer: 'casa-centro', purposeCode: 'money_laundering', purpose: 'How many customers do we share with this casa de cambio?', legalBasis: 'bilateral-agreement', mode: 'cardinality', keyKinds: ['rfc'] }, 'beth.miller');
    let refused = '';
    try {
      await sur.startMatch({ peer: 'lapsed-bank', purposeCode: 'money_laundering', purpose: 'Shared customers with a bank whose notice lapsed', legalBasis: 'us-314b' }, 'beth.miller');
    } catch (error) {
      if (!(error instanceof ForbiddenError)) throw error;
      refused = error.message;
    }
    const sharedCase = await norte.cases.open({ sessionId: session.sessionId, investigators: ['ana.trevino'], title: 'Funnel accounts Laredo–Monterrey' }, 'ana.trevino');
    const handle = sharedCase.handles[0]!;
    await norte.cases.addEntry(sharedCase.caseId, { kind: 'alert', subjectHandle: handle, alert: { alertId: 'A-2026-0117', typologyId: 'funnel-account', time: '2026-03-04T18:00:00Z', summary: 'Cash withdrawals in Monterrey within 48 h of cash deposits in Texas' } }, 'ana.trevino');
    await sur.cases.addEntry(sharedCase.caseId, { kind: 'transaction', subjectHandle: handle, transaction: { id: 'SUR-77120', time: '2026-03-02T15:10:00Z', amountMinor: 940000, currency: 'USD', channel: 'cash_deposit', originator: { country: 'US' }, beneficiary: { country: 'US', accountId: 'SUR-ACC-1' } } }, 'beth.miller');
    await sur.cases.addEntry(sharedCase.caseId, { kind: 'note', subjectHandle: handle, text: 'Four deposits under USD 10,000 at branches in Laredo and Eagle Pass the same week.' }, 'beth.miller');
    const caseView = await norte.cases.view(sharedCase.caseId, 'ana.trevino');

    const participants = ['banco-norte', 'sur-bank', 'casa-centro'];
    await network.byId('uif').node.roundtables.convene(
      {
        roundtableId: 'mesa-2026-t1',
        title: 'Mesa de trabajo T1 2026 · Q1 2026 roundtable',
        participants,
        cells: [
          { typology: 'funnel-account', corridor: 'US-TX→MX-NL', measure: 'alerts' },
          { typology: 'funnel-account', corridor: 'US-TX→MX-NL', measure: 'reports' },
          { typology: 'cmln-2025-a003', corridor: 'US-CA→MX-SI', measure: 'alerts' },
          { typology: 'cmln-2025-a003', corridor: 'US-CA→MX-SI', measure: 'reports' },
        ],
        periodStart: '2026-01-01',
        periodEnd: '2026-03-31',
        openedAt: new Date().toISOString(),
      },
      'uif.analista',
    );
    const counts: Record<string, number[]> = { 'banco-norte': [142, 17, 12, 3], 'sur-bank': [96, 11, 31, 6], 'casa-centro': [23, 4, 8, 2] };
    await Promise.all(participants.map((id) => network.byId(id).node.roundtables.contribute('mesa-2026-t1', counts[id], `${id}.investigator`)));
    for (let round = 0; round < 3; round++) for (const node of network.nodes) await node.node.settled();
    const roundtable = network.byId('uif').node.roundtables.view('mesa-2026-t1');
    const auditEntries: Record<string, number> = {};
    for (const node of network.nodes) auditEntries[node.institutionId] = node.audit.entries().length;
    return {
      match: { sessionId: session.sessionId, legalBasis: session.legalBasis, initiator: session.initiator, responder: session.responder, seconds, initiatorMatched: session.outcome?.matchedSubjects?.length ?? 0, responderMatched: sur.getSession(session.sessionId).outcome?.matchedSubjects?.length ?? 0, keyKinds },
      cardinality: { matchedKeys: cardinality.outcome?.matchedKeyCount ?? 0 },
      refused,
      sharedCase: { caseId: caseView.caseId, subjects: new Set(Object.values(caseView.ownSubjectsByHandle).flat()).size, handles: caseView.handles.length, entries: caseView.entries.map((entry) => ({ kind: entry.kind, by: `${entry.author} (${entry.institutionId})` })) },
      roundtable,
      auditEntries,
    };
  } finally {
    await network.close();
  }
}

/** Totals as a text bar chart, one bar per cell. */
export function renderTotalsChart(roundtable: RoundtableView, locale: 'en' | 'es'): string {
  const totals = roundtable.totals ?? [];
  const widest = Math.max(1, ...totals.map((cell) => cell.total));
  const measure = (name: string) => (locale === 'es' ? (name === 'alerts' ? 'alertas' : 'reportes') : name);
  const labels = totals.map((cell) => `${cell.typology} ${cell.corridor} ${measure(cell.measure)}`);
  const labelWidth = Math.max(...labels.map((label) => label.length));
  return totals.map((cell, index) => `  ${labels[index]!.padEnd(labelWidth)} ${'█'.repeat(Math.max(1, Math.round((cell.total / widest) * 40)))} ${cell.total}`).join('\n');
}

export function renderDemoReport(report: DemoReport, locale: 'en' | 'es'): string {
  const t = LABELS[locale];
  return [
    `${t.match}: ${report.match.initiator} ${t.between} ${report.match.responder} (${t.basis}: ${report.match.legalBasis}), ${report.match.seconds.toFixed(2)} ${t.seconds}`,
    `  ${t.matched}: ${report.match.initiator} ${report.match.initiatorMatched}, ${report.match.responder} ${report.match.responderMatched}`,
    `  ${t.by}: ${Object.entries(report.match.keyKinds).map(([kind, count]) => `${kind} ${count}`).join(', ')}`,
    `${t.cardinality}: ${report.cardinality.matchedKeys}`,
    `${t.refused}: ${report.refused}`,
    `${t.caseTitle} ${report.sharedCase.caseId}: ${report.sharedCase.subjects} ${t.subjects} (${report.sharedCase.handles} ${t.handles}), ${report.sharedCase.entries.length} ${t.entries}`,
    ...report.sharedCase.entries.map((entry) => `  - ${entry.kind} · ${entry.by}`),
    `${t.roundtable}: ${report.roundtable.definition.title}`,
    renderTotalsChart(report.roundtable, locale),
    `${t.audit}: ${Object.entries(report.auditEntries).map(([id, count]) => `${id} ${count}`).join(', ')}`,
    '',
  ].join('\n');
}
