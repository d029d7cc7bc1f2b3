import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { ensureWebBuild, serverMigrationFolders, startFronteraServer, type RunningServer } from '../src/api/index.ts';
import { seedDemoUsers } from '../src/auth/index.ts';
import { startDemoSharing } from '../src/cli/commands/start.ts';
import { prepareDemoCorridor } from '../src/demo/index.ts';
import type { Alert, Party } from '../src/domain/index.ts';
import { migrateAll, openDatabase, type Database } from '../src/store/index.ts';
import { TEST_PASSWORD_COST } from './api-harness.ts';
import { artifactPath, launchBrowser, signIn } from './browser-harness.ts';

/** An alert on a corridor party: enough for the demo's roundtable to have cells. */
function alertOn(party: Party, typologyId: string, index: number): Alert {
  return {
    id: `A-SHARE-${index}`,
    typologyId,
    typologyVersion: '1.0.0',
    subjectKey: party.id,
    partyId: party.id,
    score: 0.8,
    severity: 'alert',
    time: '2026-03-01T12:00:00.000Z',
    triggerTransactionId: `T-${index}`,
    transactionIds: [`T-${index}`],
    patterns: [],
    explanation: { rules: [], features: {}, summary: 'synthetic alert for the sharing test' },
  };
}

describe('browser: safe-harbor sharing pages (Debian chromium, headless)', { timeout: 120_000 }, () => {
  let server: RunningServer;
  let database: Database;
  let browser: Browser;
  let sharing: Awaited<ReturnType<typeof startDemoSharing>>;
  let ourSubjects: Set<string>;
  let expectedShared: string[];
  let caseUrl = '';

  before(async () => {
    await ensureWebBuild();
    database = await openDatabase({ dataDirectory: 'memory://' });
    await migrateAll(database, serverMigrationFolders());
    const demo = prepareDemoCorridor({ seed: 7, transactions: 2000, days: 30, liveShare: 0 });
    const parties = [...demo.parties.values()];
    ourSubjects = new Set(parties.map((party) => party.id));
    const persons = parties.filter((party) => party.type === 'person').sort((a, b) => a.id.localeCompare(b.id));
    // The demo gives Sur Bank the first six persons (alerted ones first; these three are among them).
    expectedShared = persons.slice(0, 6).map((party) => party.id);
    const alerts = persons.slice(0, 3).map((party, index) => alertOn(party, ['funnel-account', 'structuring-ctr', 'funnel-account'][index]!, index));
    sharing = await startDemoSharing({ database, parties, alerts, clock: () => new Date() });
    server = await startFronteraServer({ database, config: { host: '127.0.0.1', port: 0 }, buildWeb: false, services: { sharing: sharing.node } });
    await seedDemoUsers(database, { passwordCost: TEST_PASSWORD_COST });
    await sharing.connect(server.url);
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await server?.close();
    await sharing?.close();
    await database?.close();
  });

  test('an analyst runs a match with a peer, opens a shared case, reads the roundtable, then switches to Spanish', async () => {
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'en-US' });
    const page = await context.newPage();
    await signIn(page, server.url, 'ana.analyst', 'demo-institution-analyst');

    await page.getByRole('link', { name: 'Sharing', exact: true }).click();
    await page.getByRole('heading', { name: "This institution's registration" }).waitFor();
    await page.getByRole('row', { name: /Sur Bank, N\.A\./ }).waitFor();
    assert.equal(await page.locator('dd .badge').innerText(), 'In force');
    await page.screenshot({ path: artifactPath('sharing-01-registration.png') });

    await page.getByRole('link', { name: 'Run a match' }).click();
    await page.getByLabel('Peer institution').selectOption('sur-bank');
    await page.getByLabel('Why this match is needed').fill('Funnel accounts: cash deposits in Laredo, withdrawals in Monterrey');
    await page.getByLabel('Legal basis').selectOption('us-314b');
    await page.getByRole('button', { name: 'Run the match' }).click();
    const caption = page.locator('caption', { hasText: /of our subjects (is|are) shared/ });
    await caption.waitFor();
    const shown = await page.locator('table:has(caption:has-text("of our subjects")) tbody th').allInnerTexts();
    for (const subject of expectedShared) assert.ok(shown.includes(subject), `${subject}, held by both institutions, is shown as shared`);
    for (const subject of shown) assert.ok(ourSubjects.has(subject), `${subject} is one of our own subjects`);
    await page.getByRole('cell', { name: /RFC/ }).first().waitFor();
    await page.screenshot({ path: artifactPath('sharing-02-match.png'), fullPage: true });

    await page.getByLabel('Case title').fill('Funnel accounts Laredo–Monterrey');
    await page.getByRole('button', { name: /Open a shared case on \d+ subjects?/ }).click();
    await page.getByRole('heading', { name: 'Funnel accounts Laredo–Monterrey' }).waitFor();
    await page.getByText('beth.miller').waitFor();
    caseUrl = page.url();
    await page.getByRole('textbox', { name: 'Note' }).fill('Four cash deposits under USD 10,000 the same week.');
    await page.getByRole('button', { name: 'Send' }).click();
    await page.locator('.entries li', { hasText: 'Four cash deposits under USD 10,000' }).waitFor();
    await page.screenshot({ path: artifactPath('sharing-03-shared-case.png'), fullPage: true });

    await page.getByRole('link', { name: 'Roundtables' }).click();
    await page.locator('.roundtable-chart svg').first().waitFor();
    await page.getByRole('rowheader', { name: 'funnel-account' }).waitFor();
    await page.screenshot({ path: artifactPath('sharing-04-roundtable.png'), fullPage: true });

    await page.getByRole('button', { name: /^Switch language to/ }).click();
    await page.getByRole('heading', { name: 'Mesas de trabajo', level: 1 }).waitFor();
    await page.getByText('Totales en tabla').waitFor();
    await page.getByRole('link', { name: 'Buscar en común' }).click();
    await page.getByRole('button', { name: 'Ejecutar la búsqueda' }).waitFor();
    await page.getByLabel('Institución contraparte').waitFor();
    assert.equal(await page.locator('html').getAttribute('lang'), 'es');
    await page.screenshot({ path: artifactPath('sharing-05-match-es.png') });
    await context.close();
  });

  test('roles outside the sharing rule, and investigators not registered, see the access-denied state', async () => {
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'en-US' });
    const page = await context.newPage();
    await signIn(page, server.url, 'lena.investigator', 'demo-law-enforcement');
    assert.equal(await page.getByRole('link', { name: 'Run a match' }).count(), 0, 'no sharing link for law enforcement');
    await page.goto(new URL('/match', server.url).href);
    await page.getByRole('heading', { name: 'Not allowed' }).waitFor();
    await context.clearCookies();

    // An FIU analyst may use the sharing routes, but is not named on the analyst's shared case: the node refuses.
    assert.notEqual(caseUrl, '', 'the first test opened a shared case');
    await signIn(page, server.url, 'fatima.fiu', 'demo-fiu-analyst');
    await page.getByRole('link', { name: 'Shared cases' }).waitFor();
    await page.goto(caseUrl);
    await page.getByRole('heading', { name: 'Not allowed' }).waitFor();
    assert.equal(await page.getByText('Four cash deposits under USD 10,000').count(), 0, 'the entries are not shown');
    await page.screenshot({ path: artifactPath('sharing-06-denied.png') });
    await context.close();
  });
});
