/**
 * The demo's FIU hub content: SARs the demo institution would file on the corridor's most
 * alerted subjects, received by the hub as FinCEN XML (intake, validation, normalisation), resolved
 * into entities, a demo agency with its investigator, and one package disseminated to it.
 * Idempotent: a second start finds the reports, agency and package and adds nothing.
 */
import { openCase, type Case } from '../cases/index.ts';
import { DEFAULT_RATES, type Alert, type Transaction } from '../domain/index.ts';
import { receiveFile, type FiuHub } from '../fiu/index.ts';
import { checkCase, renderSarBatch, typologyHintsOf, type FilerProfile } from '../reports/index.ts';
import type { TypologyDocument } from '../typologies/index.ts';
import { resolveDemoSubject, type DemoCorridor } from './demo-corridor.ts';

/** The law-enforcement agency of the demo investigator (lena.investigator). */
export const DEMO_AGENCY = { agencyId: 'hsi-el-paso', name: 'HSI El Paso (demo)', country: 'US' } as const;

export type DemoFiuOptions = {
  hub: FiuHub;
  demo: Pick<DemoCorridor, 'parties' | 'accounts' | 'institutions' | 'history'>;
  alerts: readonly Alert[];
  typologies: readonly TypologyDocument[];
  filerProfile: FilerProfile;
  /** Who files: the demo institution (the institution users' `institutionId`). */
  filerId: string;
  /** The demo investigator's username, registered with the demo agency. */
  investigator: { username: string; displayName: string };
  /** SARs to file (one subject each; a few subjects get a continuing-activity SAR in a later file). */
  reports?: number;
  clock: () => Date;
};

export type DemoFiuSummary = { files: number; reports: number; entities: number; disseminated: number; skipped: boolean };

const ACTOR = 'system:demo';
const CASES_PER_FILE = 6;

/**
 * @example const summary = await seedDemoFiuHub({ hub, demo, alerts, typologies, filerProfile, filerId: 'banco-frontera', investigator: { username: 'lena.investigator', displayName: 'Lena' }, clock: () => new Date() });
 */
export async function seedDemoFiuHub(options: DemoFiuOptions): Promise<DemoFiuSummary> {
  const { hub, clock } = options;
  const time = () => clock().toISOString();
  await ensureAgency(options, time());
  const existing = await hub.queries.listReports({ limit: 1, offset: 0 });
  if (existing.total > 0) return { files: 0, reports: existing.total, entities: 0, disseminated: 0, skipped: true };

  const cases = demoCases(options, time());
  let files = 0;
  let reports = 0;
  for (let start = 0; start < cases.length; start += CASES_PER_FILE) {
    const batch = cases.slice(start, start + CASES_PER_FILE);
    // Rendered without the filer-side schema check: the hub's intake validates every file against the official XSD anyway.
    const content = renderSarBatch(batch, options.filerProfile, { filingDate: time(), rates: DEFAULT_RATES }).xml;
    const fileId = `demo-sar-${String(files + 1).padStart(2, '0')}`;
    const received = await receiveFile({ content, fileName: `SARX-${fileId}.xml`, filerId: options.filerId, fileId, receivedAt: time() });
    await hub.store.saveIntake(received, content);
    files++;
    reports += received.reports.length;
  }
  const run = await hub.store.resolve({ actor: ACTOR, time: time() });
  const disseminated = await disseminateTopNetwork(options, time());
  return { files, reports, entities: run.entities, disseminated, skipped: false };
}

async function ensureAgency(options: DemoFiuOptions, time: string): Promise<void> {
  const { hub } = options;
  if (!(await hub.queries.getAgency(DEMO_AGENCY.agencyId))) await hub.dissemination.registerAgency({ ...DEMO_AGENCY, by: ACTOR, time });
  const investigators = await hub.queries.investigatorsOf(DEMO_AGENCY.agencyId);
  if (!investigators.some((entry) => entry.userId === options.investigator.username)) {
    await hub.dissemination.registerInvestigator({ userId: options.investigator.username, agencyId: DEMO_AGENCY.agencyId, name: options.investigator.displayName, by: ACTOR, time });
  }
}

/**
 * One SAR case per subject, for the subjects with the most alerts; every fourth subject's alerts
 * are split over two SARs (an initial and a continuing-activity report) so resolution has
 * the same person across files to link.
 */
function demoCases(options: DemoFiuOptions, time: string): Case[] {
  const wanted = options.reports ?? 36;
  const byParty = new Map<string, Alert[]>();
  for (const alert of options.alerts) {
    const key = alert.partyId ?? alert.subjectKey;
    const list = byParty.get(key) ?? [];
    list.push(alert);
    byParty.set(key, list);
  }
  const ranked = [...byParty.entries()].sort((a, b) => b[1].length - a[1].length || a[0].localeCompare(b[0]));
  const transactions = new Map<string, Transaction>();
  const needed = new Set(ranked.slice(0, wanted * 2).flatMap(([, alerts]) => alerts.flatMap((alert) => alert.transactionIds)));
  for (const transaction of options.demo.history) if (needed.has(transaction.id)) transactions.set(transaction.id, transaction);
  const hintsOf = new Map(options.typologies.map((typology) => [typology.id, typologyHintsOf(typology).hints]));

  const first: Case[] = [];
  const continuing: Case[] = [];
  for (const [index, [partyId, partyAlerts]] of ranked.entries()) {
    if (first.length + continuing.length >= wanted) break;
    const alerts = [...partyAlerts].sort((a, b) => a.time.localeCompare(b.time));
    const subject = resolveDemoSubject(options.demo, alerts);
    if (!subject) continue;
    const split = index % 4 === 0 && alerts.length >= 2 ? [alerts.slice(0, Math.ceil(alerts.length / 2)), alerts.slice(Math.ceil(alerts.length / 2))] : [alerts];
    for (const [part, group] of split.entries()) {
      const chosen = group.slice(0, 8);
      const kase = openCase(
        {
          id: `DEMO-FIU-${partyId}-${part + 1}`.slice(0, 64),
          jurisdiction: 'US',
          subject,
          alerts: chosen,
          transactions: [...new Set(chosen.flatMap((alert) => alert.transactionIds))].map((id) => transactions.get(id)).filter((transaction): transaction is Transaction => transaction !== undefined),
          typologyHints: [...new Set(chosen.map((alert) => alert.typologyId))].map((id) => hintsOf.get(id)).filter((hints) => hints !== undefined),
          institutionName: options.filerProfile.filingInstitution.name,
        },
        { actor: ACTOR, now: time },
      );
      // A subject the SAR cannot describe (no category, no activity date) is left out rather than failing the file.
      if (!kase.ok || !checkCase('sar', kase.value, options.filerProfile).ok) continue;
      (part === 0 ? first : continuing).push(kase.value);
    }
  }
  // Continuing-activity reports come in later files, as they would be filed later.
  return [...first, ...continuing].slice(0, wanted);
}

/** The top-ranked network of the triage queue and the top-ranked reports (five in all) go to the demo agency. */
async function disseminateTopNetwork(options: DemoFiuOptions, time: string): Promise<number> {
  const { hub } = options;
  const queue = await hub.triage.queue({ now: time, limit: 5 });
  const network = queue.networks[0];
  const reportIds = [...new Set([...(network?.reportIds ?? []), ...queue.reports.map((entry) => entry.reportId)])].slice(0, 5);
  if (reportIds.length === 0) return 0;
  await hub.dissemination.disseminate({
    disseminationId: 'D-demo-1',
    agencyId: DEMO_AGENCY.agencyId,
    title: 'Red de cuentas embudo en el corredor · Funnel-account network in the corridor (demo)',
    analysis: 'The FIU linked these reports through shared subjects and identifiers across filings. Los reportes comparten sujetos e identificadores; se remiten para su investigación.',
    reportIds,
    entityIds: network?.entityIds.slice(0, 50) ?? [],
    by: ACTOR,
    time,
  });
  return reportIds.length;
}
