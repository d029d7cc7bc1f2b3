import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { ensureWebBuild, startFronteraServer, type RunningServer } from '../src/api/index.ts';
import { seedDemoUsers } from '../src/auth/index.ts';
import { createExchangeNode, createFiuHub, type ExchangeEnvelope, type ExchangeNode, type FiuHub, type FiuReport } from '../src/fiu/index.ts';
import { generateEncryptionKeys, generateIdentity } from '../src/sharing/index.ts';
import { openDatabase, type Database } from '../src/store/index.ts';
import { TEST_PASSWORD_COST } from './api-harness.ts';
import { artifactPath, assertFitsLaptop, launchBrowser, signIn } from './browser-harness.ts';
import { fiuTestReport, type FixtureSubject } from './fiu-report-fixture.ts';

const FILER = 'EIN:741234568';
const OTHER_FILER = 'EIN:990000001';
const AGENCY = 'HSI-ELP';
const PURPOSE = 'Case HSI-ELP-2026-0142: funnel accounts El Paso–Juárez';

function report(sequence: number, institution: { institutionId: string; name: string }, subjects: FixtureSubject[], extra: Partial<FiuReport> = {}): FiuReport {
  return fiuTestReport({ fileId: 'demo', sequence, institution, filerReference: `SAR-${sequence}` }, subjects, extra);
}

const BANK = { institutionId: FILER, name: 'Banco Frontera, N.A.' };
const OTHER_BANK = { institutionId: OTHER_FILER, name: 'Sun Country Bank' };
const REPORTS: FiuReport[] = [
  report(1, BANK, [{ name: 'Juan Pérez López', curp: 'PELJ800101HCHRPN09', birthDate: '1980-01-01', country: 'MX' }, { name: 'Cártel de Sinaloa', kind: 'company' }], {
    amountMinor: 48_000_000,
    narrative: 'Cash deposits in El Paso branches wired to Juárez the same day; funds for fentanyl precursors. Key term CMLN-2025-A003.',
    categories: ['8/823'],
    transactions: [{ amountMinor: 48_000_000, currency: 'USD', date: '2026-02-25', fromCountry: 'US', toCountry: 'MX', channel: 'wire', fromAccount: 'ACC-EP-1', toAccount: 'CLABE-0021' }],
  }),
  report(2, OTHER_BANK, [{ name: 'JUAN PEREZ LOPEZ', curp: 'PELJ800101HCHRPN09', birthDate: '1980-01-01' }]),
  report(3, BANK, [{ name: 'María Gómez Ruiz', birthDate: '1975-05-05' }], { activityFrom: '2025-01-01', activityTo: '2025-01-10' }),
  report(4, OTHER_BANK, [{ name: 'Roberto Sánchez Díaz', birthDate: '1990-09-09' }]),
];

describe('browser: the FIU hub pages (Debian chromium, headless)', { timeout: 180_000 }, () => {
  let server: RunningServer;
  let database: Database;
  let browser: Browser;
  let hub: FiuHub;
  let listId = '';

  before(async () => {
    await ensureWebBuild();
    database = await openDatabase({ dataDirectory: 'memory://' });
    // The counterpart FIU (UIF-MX) delivers straight into this hub's exchange node.
    const nodes = new Map<string, ExchangeNode>();
    const transport = async (fiuId: string, envelope: ExchangeEnvelope) => {
      await nodes.get(fiuId)!.receive(envelope, new Date().toISOString());
    };
    const [usIdentity, mxIdentity] = [generateIdentity('FINCEN-US'), generateIdentity('UIF-MX')];
    const [usKeys, mxKeys] = [generateEncryptionKeys(), generateEncryptionKeys()];
    const fincen = createExchangeNode({ identity: usIdentity, encryptionKeys: usKeys, peers: [{ fiuId: 'UIF-MX', url: 'UIF-MX', signingKey: mxIdentity.publicKey, encryptionKey: mxKeys.publicKey }], transport });
    const uif = createExchangeNode({ identity: mxIdentity, encryptionKeys: mxKeys, peers: [{ fiuId: 'FINCEN-US', url: 'FINCEN-US', signingKey: usIdentity.publicKey, encryptionKey: usKeys.publicKey }], transport });
    nodes.set('FINCEN-US', fincen).set('UIF-MX', uif);
    hub = createFiuHub({ database, exchange: fincen });
    server = await startFronteraServer({ database, config: { host: '127.0.0.1', port: 0 }, buildWeb: false, services: { fiu: hub } });
    await seedDemoUsers(database, { passwordCost: TEST_PASSWORD_COST, institutionId: FILER, agencyId: AGENCY });

    const time = new Date().toISOString();
    await hub.store.saveIntake({ acknowledgement: { fileId: 'demo', fileName: 'demo.xml', filerId: FILER, receivedAt: time, detectedKind: 'fincen-sar', validatedAgainst: null, status: 'accepted', reportCount: REPORTS.length, accepted: [], errors: [] }, reports: REPORTS, rejected: [] }, 'demo');
    await hub.store.resolve({ actor: 'system', time });
    await hub.dissemination.registerAgency({ agencyId: AGENCY, name: 'HSI El Paso', country: 'US', by: 'system', time });
    await hub.dissemination.registerAgency({ agencyId: 'FGR', name: 'Fiscalía General de la República', country: 'MX', by: 'system', time });
    await hub.dissemination.registerInvestigator({ userId: 'lena.investigator', agencyId: AGENCY, name: 'Lena Investigator', by: 'system', time });
    await hub.feedback.publishAdvisory({ messageId: 'ADV-1', subject: { en: 'New typology: funnel accounts', es: 'Tipología nueva: cuentas embudo' }, body: 'Load funnel-account@1.1.0.', reference: 'funnel-account@1.1.0', by: 'fatima.fiu', time });
    listId = (await hub.subjectLists.send({ listId: 'L-314A-1', title: '314(a) list 2026-03', requestingAgency: AGENCY, subjects: [{ name: 'Juan Pérez López', kind: 'person', birthDate: '1980-01-01', identifiers: [] }, { name: 'Comercializadora del Norte', kind: 'company', identifiers: [] }], institutionIds: [FILER], respondBy: '2026-03-16', by: 'fatima.fiu', time })).listId;
    await uif.send({
      type: 'spontaneous_disclosure',
      recipient: 'FINCEN-US',
      subjectLine: { en: 'Disclosure: cash couriers Juárez–El Paso', es: 'Información espontánea: mensajeros de efectivo Juárez–El Paso' },
      payload: { body: 'Three couriers crossing with cash under USD 10,000.', subjects: [{ name: 'Juan Pérez López', identifiers: [{ kind: 'curp', value: 'PELJ800101HCHRPN09' }] }], consent: { level: 'law_enforcement', purposes: ['HSI investigations'] } },
      sentAt: new Date().toISOString(),
    });
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await server?.close();
    await database?.close();
  });

  test('an FIU analyst triages, reads an entity and its network, and disseminates a package', async () => {
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'en-US' });
    const page = await context.newPage();
    await signIn(page, server.url, 'fatima.fiu', 'demo-fiu-analyst');
    await assertFitsLaptop(page, 'dashboard');

    await page.getByRole('link', { name: 'Triage queue' }).click();
    await page.getByRole('heading', { name: 'Triage queue', level: 1 }).waitFor();
    const firstRow = page.locator('table.triage-queue tbody tr').first();
    await firstRow.getByRole('link', { name: 'demo#1' }).waitFor();
    await firstRow.getByText('link to a designated person or FTO-designated cartel').waitFor();
    await firstRow.getByRole('button', { name: 'Useful (demo#1)', exact: true }).click();
    await page.getByText('Report demo#1 marked useful. Model weights are now version 1.').waitFor();
    await firstRow.getByText('Marked useful').waitFor();
    await page.getByRole('button', { name: /^Networks/ }).click();
    await page.getByRole('cell', { name: /linked to designated parties/ }).first().waitFor();
    await page.locator('table.triage-queue tbody tr').first().getByRole('link').click();
    await page.getByRole('link', { name: 'Build a package' }).waitFor();
    await page.screenshot({ path: artifactPath('fiu-01b-triage-network.png') });
    await page.getByRole('button', { name: /^Reports/ }).click();
    await firstRow.getByRole('link', { name: 'demo#1' }).click();
    await page.getByRole('heading', { name: 'Why report demo#1 ranks here' }).waitFor();
    await assertFitsLaptop(page, 'triage');
    await page.screenshot({ path: artifactPath('fiu-01-triage.png') });

    await page.locator('.split-detail').getByRole('link', { name: 'Juan Pérez López' }).click();
    await page.getByRole('heading', { name: /Juan P[ée]rez L[óo]pez/i, level: 2 }).waitFor();
    await page.getByText('Same CURP: PELJ800101HCHRPN09').waitFor();
    await page.getByRole('img', { name: /Network graph: \d+ entities and 2 reports/ }).waitFor();
    await page.locator('.network-canvas canvas').first().waitFor();
    assert.equal(await page.getByRole('checkbox', { name: /^Split off / }).count(), 2, 'both mentions can be split off');
    await assertFitsLaptop(page, 'entity');
    await page.screenshot({ path: artifactPath('fiu-02-entity-network.png'), fullPage: true });

    await page.getByRole('link', { name: 'Build a package' }).click();
    await page.getByRole('heading', { name: 'Dissemination', level: 1 }).waitFor();
    await page.getByRole('group', { name: '2 reports in the package' }).waitFor();
    await page.getByLabel('Agency').selectOption(AGENCY);
    await page.getByLabel('Title').fill('Funnel accounts El Paso–Juárez');
    await page.getByLabel('FIU analysis').fill('Same person filed on by two banks; linked to the Sinaloa Cartel.');
    await page.getByRole('button', { name: 'Disseminate' }).click();
    await page.getByText(`Package “Funnel accounts El Paso–Juárez” sent to ${AGENCY} with 2 reports.`).waitFor();
    await page.getByRole('rowheader', { name: 'Funnel accounts El Paso–Juárez' }).waitFor();
    await assertFitsLaptop(page, 'dissemination');
    await page.screenshot({ path: artifactPath('fiu-03-dissemination.png'), fullPage: true });

    await page.getByRole('link', { name: 'Exchange inbox' }).click();
    await page.getByRole('link', { name: 'Disclosure: cash couriers Juárez–El Paso' }).click();
    await page.getByText('May be disseminated to this country\'s law enforcement for the purposes listed').waitFor();
    await page.locator('[lang="es"]', { hasText: 'Información espontánea: mensajeros de efectivo' }).waitFor();
    await assertFitsLaptop(page, 'exchange');
    await page.screenshot({ path: artifactPath('fiu-03b-exchange.png') });
    await page.getByRole('link', { name: 'Scorecards' }).click();
    await page.locator('table.scorecards').getByRole('rowheader', { name: /Banco Frontera/ }).waitFor();
    await page.locator('figure.chart svg').first().waitFor();
    await assertFitsLaptop(page, 'scorecards');
    await page.screenshot({ path: artifactPath('fiu-04-scorecards.png'), fullPage: true });

    // Merge two entities with a reason, then split the mention off again.
    await page.getByRole('link', { name: 'Entities' }).click();
    const robertoHref = await page.getByRole('link', { name: 'Roberto Sánchez Díaz' }).getAttribute('href');
    const robertoId = decodeURIComponent(robertoHref!.slice('/fiu/entities/'.length));
    await page.getByRole('link', { name: /JUAN PEREZ LOPEZ/i }).click();
    await page.getByRole('heading', { name: '2 mentions' }).waitFor();
    await page.getByLabel('Other entity id').fill(robertoId);
    await page.getByRole('textbox', { name: 'Reason (recorded in the audit log)' }).first().fill('Same customer file at the branch, per the KYC review');
    await page.getByRole('button', { name: 'Merge', exact: true }).click();
    await page.getByText('Merged. 3 entities after re-resolution.').waitFor();
    await page.getByRole('heading', { name: '3 mentions' }).waitFor();
    await page.getByText('Merged by analyst fatima.fiu').waitFor();
    await page.getByRole('checkbox', { name: /^Split off Roberto Sánchez Díaz/ }).check();
    await page.getByRole('textbox', { name: 'Reason (recorded in the audit log)' }).last().fill('Different people: birth dates differ');
    await page.getByRole('button', { name: 'Split off 1 mention' }).click();
    await page.getByText('1 mention split off. 4 entities after re-resolution.').waitFor();
    await page.getByRole('heading', { name: '2 mentions' }).waitFor();
    const decisions = await database.query<{ action: string }>("SELECT action FROM audit_log WHERE actor = 'fatima.fiu' AND action IN ('fiu.entity.merged', 'fiu.entity.split') ORDER BY sequence");
    assert.deepEqual(decisions.rows.map((row) => row.action), ['fiu.entity.merged', 'fiu.entity.split']);

    // The same queue in Spanish: the model's reasons and the decisions.
    await page.getByRole('link', { name: 'Triage queue' }).click();
    await page.getByRole('button', { name: /^Switch language to/ }).click();
    await page.getByRole('heading', { name: 'Cola de priorización', level: 1 }).waitFor();
    const primera = page.locator('table.triage-queue tbody tr').first();
    await primera.getByText('vínculo con persona designada o cártel designado como FTO').waitFor();
    await primera.getByRole('button', { name: 'Útil (demo#1)', exact: true }).waitFor();
    await page.screenshot({ path: artifactPath('fiu-04b-triage-es.png') });
    await page.getByRole('link', { name: 'Tablero' }).click();
    await page.locator('figcaption', { hasText: 'Operaciones por día' }).waitFor();
    await assertFitsLaptop(page, 'dashboard in Spanish');
    await context.close();
  });

  test('the investigator declares a purpose before each request and sees the package, then in Spanish', async () => {
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'en-US' });
    const page = await context.newPage();
    await signIn(page, server.url, 'lena.investigator', 'demo-law-enforcement');
    assert.equal(await page.getByRole('link', { name: 'Triage queue' }).count(), 0, 'no FIU pages for law enforcement');
    await page.getByRole('link', { name: 'Packages received' }).click();

    const dialog = page.getByRole('dialog', { name: 'Declare the purpose of this request' });
    await dialog.waitFor();
    await dialog.getByText('List the packages the FIU disseminated to your agency.').waitFor();
    assert.equal(await page.evaluate('document.activeElement?.tagName'), 'TEXTAREA', 'focus is in the purpose field');
    await page.keyboard.type('too short');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await dialog.getByRole('alert').getByText('Write at least 10 characters.').waitFor();
    assert.equal(await page.evaluate('document.activeElement?.tagName'), 'TEXTAREA', 'focus is back in the field to correct it');
    await page.screenshot({ path: artifactPath('fiu-05a-purpose-dialog.png') });
    await dialog.getByLabel(/^Purpose/).fill(PURPOSE);
    await dialog.getByRole('button', { name: 'Send request' }).click();
    await page.getByRole('heading', { name: 'Funnel accounts El Paso–Juárez' }).waitFor();
    await page.getByText(`Declared purpose: ${PURPOSE}`).waitFor();
    await page.screenshot({ path: artifactPath('fiu-05-investigator-packages.png') });

    // Opening a report asks again; cancelling sends nothing.
    await page.getByRole('button', { name: 'Open report demo#1' }).click();
    await dialog.waitFor();
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    assert.equal(await page.evaluate('document.activeElement?.textContent'), 'Open report demo#1', 'focus returns to the button');
    await page.getByRole('button', { name: 'Open report demo#1' }).click();
    assert.equal(await dialog.getByLabel(/^Purpose/).inputValue(), PURPOSE, 'the last purpose is offered again');
    await dialog.getByRole('button', { name: 'Send request' }).click();
    await page.locator('.split-detail').getByRole('rowheader', { name: 'Cártel de Sinaloa' }).waitFor();
    assert.equal(await page.evaluate('document.activeElement?.id'), 'fiu-report-title', 'focus moves to the report that opened');

    const audited = await database.query<{ action: string; details: unknown }>("SELECT action, details FROM audit_log WHERE actor = 'lena.investigator' AND action LIKE 'fiu.%' ORDER BY sequence");
    assert.deepEqual(audited.rows.map((row) => row.action), ['fiu.packages.listed', 'fiu.report.viewed'], 'the cancelled request was never sent');
    for (const row of audited.rows) assert.equal((typeof row.details === 'string' ? JSON.parse(row.details) : row.details).purpose, PURPOSE);

    await page.getByRole('button', { name: /^Switch language to/ }).click();
    await page.getByRole('heading', { name: 'Paquetes recibidos', level: 1 }).waitFor();
    await page.getByRole('link', { name: 'Buscar inteligencia' }).click();
    await page.getByLabel('Nombre o identificador').fill('PELJ800101HCHRPN09');
    await page.getByRole('button', { name: 'Buscar', exact: true }).click();
    const spanishDialog = page.getByRole('dialog', { name: 'Declare el propósito de esta consulta' });
    await spanishDialog.getByText('Buscar «PELJ800101HCHRPN09» en los reportes diseminados.').waitFor();
    await spanishDialog.getByLabel(/^Propósito/).fill(PURPOSE);
    await spanishDialog.getByRole('button', { name: 'Enviar consulta' }).click();
    await page.getByText('2 resultados para «PELJ800101HCHRPN09»').waitFor();
    assert.equal(await page.locator('html').getAttribute('lang'), 'es');
    await assertFitsLaptop(page, 'investigator search');
    await page.screenshot({ path: artifactPath('fiu-06-investigator-search-es.png') });
    await context.close();
  });

  test('an institution analyst cannot open the triage page, and answers the FIU from its own page', async () => {
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'en-US' });
    const page = await context.newPage();
    await signIn(page, server.url, 'ana.analyst', 'demo-institution-analyst');
    assert.equal(await page.getByRole('link', { name: 'Triage queue' }).count(), 0, 'no navigation entry');
    await page.goto(new URL('/fiu/triage', server.url).href);
    await page.getByRole('heading', { name: 'Not allowed' }).waitFor();
    assert.equal(await page.evaluate(async () => (await fetch('/api/fiu/triage/queue')).status), 403);
    await page.screenshot({ path: artifactPath('fiu-07-institution-denied.png') });

    await page.getByRole('link', { name: 'FIU messages' }).click();
    await page.getByRole('heading', { name: 'New typology: funnel accounts' }).waitFor();
    await page.getByRole('checkbox', { name: 'Found in our records (Juan Pérez López)' }).check();
    await page.getByRole('textbox', { name: 'Accounts of Juan Pérez López' }).fill('ACC-EP-1, ACC-EP-2');
    await page.getByRole('button', { name: 'Return results' }).click();
    await page.getByText('Results returned: 1 of 2 subjects found.').waitFor();
    const results = await hub.subjectLists.results(listId);
    assert.deepEqual(results.matches.map((match) => ({ institutionId: match.institutionId, subjectIndex: match.subjectIndex, accounts: match.accounts })), [{ institutionId: FILER, subjectIndex: 0, accounts: ['ACC-EP-1', 'ACC-EP-2'] }]);
    assert.deepEqual(results.pending, []);
    await assertFitsLaptop(page, 'institution messages');
    await page.screenshot({ path: artifactPath('fiu-08-institution-messages.png'), fullPage: true });
    await context.close();
  });
});
