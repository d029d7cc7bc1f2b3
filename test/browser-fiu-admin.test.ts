import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { ensureWebBuild, startFronteraServer, type RunningServer } from '../src/api/index.ts';
import { seedDemoUsers } from '../src/auth/index.ts';
import { createFiuHub, type FiuHub } from '../src/fiu/index.ts';
import { prepareReport } from '../src/reports/index.ts';
import { openDatabase, type Database } from '../src/store/index.ts';
import { TEST_PASSWORD_COST } from './api-harness.ts';
import { artifactPath, assertFitsLaptop, launchBrowser, signIn } from './browser-harness.ts';
import { makeCase, testProfile } from './reports-case-factory.ts';

/** The FIU hub's administration pages: an institution files reports, the FIU sends a 314(a) list, an administrator registers an agency and its investigator. */

const FILER = 'EIN:741234568';
const AGENCY = 'HSI-ELP';
/**
 * The reference set's FinCEN SAR sample, written by moov-io and not schema-valid (SOURCES.md): its elements are outside
 * the FinCEN namespace and its FormTypeCode follows the activities, so the hub does not recognise it. A valid batch is
 * rendered by Frontera's own SAR writer instead.
 */
const OFFICIAL_SAR_SAMPLE = new URL('../../shared/reference/samples/fincen/sar_batch.xml', import.meta.url);

async function sarBatch(indexes: number[]): Promise<string> {
  const prepared = await prepareReport('sar', indexes.map((index) => makeCase('sar', index)), testProfile(), { date: '2026-03-01T00:00:00Z' });
  assert.ok(prepared.ok, JSON.stringify(prepared));
  return prepared.report.content;
}

const navLinks = (page: Page) => page.getByRole('navigation').getByRole('link').allTextContents();

describe('browser: FIU intake, 314(a) lists and agency administration (Debian chromium, headless)', { timeout: 240_000 }, () => {
  let server: RunningServer;
  let database: Database;
  let browser: Browser;
  let hub: FiuHub;

  before(async () => {
    await ensureWebBuild();
    database = await openDatabase({ dataDirectory: 'memory://' });
    hub = createFiuHub({ database });
    server = await startFronteraServer({ database, config: { host: '127.0.0.1', port: 0 }, buildWeb: false, services: { fiu: hub } });
    await seedDemoUsers(database, { passwordCost: TEST_PASSWORD_COST, institutionId: FILER, agencyId: AGENCY });
    await hub.dissemination.registerAgency({ agencyId: AGENCY, name: 'HSI El Paso', country: 'US', by: 'system', time: new Date().toISOString() });
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await server?.close();
    await database?.close();
  });

  test('an institution analyst files a SAR batch and reads its acknowledgement; bad files are listed with every error', async () => {
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'en-US' });
    const page = await context.newPage();
    await signIn(page, server.url, 'ana.analyst', 'demo-institution-analyst');
    const links = await navLinks(page);
    assert.ok(links.includes('File reports'), links.join(', '));
    assert.ok(!links.includes('314(a) lists') && !links.includes('Agencies'), `no FIU or administration pages for an institution: ${links.join(', ')}`);

    await page.getByRole('link', { name: 'File reports' }).click();
    await page.getByRole('heading', { name: 'File reports', level: 1 }).waitFor();
    await page.getByText('This institution has not filed any file yet.').waitFor();
    await page.getByText('Up to 20 files at a time, each at most 32 MiB.').waitFor();
    const input = page.getByLabel('Report files (FinCEN SAR/CTR XML, goAML XML, UIF)');

    // A valid batch of three SARs.
    await input.setInputFiles({ name: 'sar-march.xml', mimeType: 'application/xml', buffer: Buffer.from(await sarBatch([1, 2, 3])) });
    await page.getByRole('button', { name: 'File 1 file' }).click();
    const accepted = page.getByRole('article', { name: /^Acknowledgement for sar-march\.xml/ });
    await accepted.getByText('Accepted', { exact: true }).waitFor();
    await accepted.getByText(/^3 of 3 reports accepted, 0 errors/).waitFor();
    await accepted.getByRole('table', { name: '3 reports accepted' }).waitFor();
    assert.equal(await accepted.getByRole('table', { name: '3 reports accepted' }).locator('tbody tr').count(), 3);
    await page.locator('table.intake-files').getByText('sar-march.xml').waitFor();
    await assertFitsLaptop(page, 'intake');
    await page.screenshot({ path: artifactPath('fiu-admin-01-intake-accepted.png'), fullPage: true });

    // Two files at once: one report with an element the XSD does not allow, and the reference set's FinCEN sample.
    const activities = (await sarBatch([4, 5, 6])).split('<fc2:Activity ');
    activities[2] = activities[2]!.replace('<fc2:ActivityPartyTypeCode>', '<fc2:Bogus>x</fc2:Bogus><fc2:ActivityPartyTypeCode>');
    await input.setInputFiles([
      { name: 'sar-april.xml', mimeType: 'application/xml', buffer: Buffer.from(activities.join('<fc2:Activity ')) },
      { name: 'sar_batch.xml', mimeType: 'application/xml', buffer: readFileSync(OFFICIAL_SAR_SAMPLE) },
    ]);
    await page.getByRole('button', { name: 'File 2 files' }).click();
    const partial = page.getByRole('article', { name: /^Acknowledgement for sar-april\.xml/ });
    await partial.getByText('Partially accepted', { exact: true }).waitFor();
    await partial.getByText(/^2 of 3 reports accepted, 1 error /).waitFor();
    const errorRow = partial.getByRole('table', { name: '1 error' }).locator('tbody tr');
    assert.equal(await errorRow.count(), 1);
    const cells = await errorRow.locator('td').allTextContents();
    assert.equal(cells[0], '2', 'the second report carries the error');
    assert.match(cells[2]!, /^\d+$/, 'a line number');
    assert.match(cells[3]!, /EFilingBatchXML\/Activity/, 'the element path');
    assert.match(cells[4]!, /Bogus.*not expected/, 'the schema validator\'s reason');
    const sample = page.getByRole('article', { name: /^Acknowledgement for sar_batch\.xml/ });
    await sample.getByText('Rejected', { exact: true }).waitFor();
    const sampleCells = await sample.getByRole('table', { name: '1 error' }).locator('tbody td').allTextContents();
    // The sample's elements are outside the FinCEN namespace: recognised as a SAR batch, refused by the official schema.
    assert.deepEqual(sampleCells, ['whole file', '—', '5', 'EFilingBatchXML', "Element 'EFilingBatchXML': No matching global declaration available for the validation root."]);
    assert.deepEqual(await page.locator('table.intake-files tbody th summary').allTextContents(), ['sar_batch.xml', 'sar-april.xml', 'sar-march.xml'], 'our files, newest first');
    await assertFitsLaptop(page, 'intake with errors');
    await page.screenshot({ path: artifactPath('fiu-admin-02-intake-errors.png'), fullPage: true });

    // An empty file never leaves the browser; the page speaks Spanish too.
    await input.setInputFiles({ name: 'empty.xml', mimeType: 'application/xml', buffer: Buffer.alloc(0) });
    await page.getByRole('alert').getByText('empty.xml is empty: it was not chosen.').waitFor();
    assert.equal(await page.getByRole('button', { name: 'File the chosen files' }).isDisabled(), true, 'nothing to file');
    // Files dropped on the page: one over the hub's 32 MiB limit is refused in the browser, with its size, and never sent.
    await page.evaluate(`(() => {
      const dropped = new DataTransfer();
      dropped.items.add(new File([new Uint8Array(33 * 1024 * 1024)], 'huge.xml', { type: 'application/xml' }));
      dropped.items.add(new File(['<report/>'], 'small.xml', { type: 'application/xml' }));
      document.querySelector('.drop-zone').dispatchEvent(new DragEvent('drop', { dataTransfer: dropped, bubbles: true, cancelable: true }));
    })()`);
    await page.getByRole('alert').getByText('huge.xml is 33 MiB, over the limit of 32 MiB: it was not chosen. Split it into smaller files.').waitFor();
    assert.deepEqual(await page.getByRole('list', { name: '1 file chosen' }).getByRole('listitem').allTextContents(), ['small.xml (9 B)']);
    await page.getByRole('button', { name: 'File 1 file' }).waitFor();
    await page.screenshot({ path: artifactPath('fiu-admin-02b-intake-too-large.png') });
    await page.getByRole('button', { name: /^Switch language to/ }).click();
    await page.getByRole('heading', { name: 'Presentar reportes', level: 1 }).waitFor();
    await page.getByRole('table', { name: 'Archivos que presentamos' }).getByText('Aceptado en parte').waitFor();
    await page.screenshot({ path: artifactPath('fiu-admin-03-intake-es.png') });
    const stored = await database.query<{ count: string | number }>('SELECT count(*) AS count FROM fiu_reports');
    assert.equal(Number(stored.rows[0]!.count), 5, 'three reports of the first file and two of the second');
    await context.close();
  });

  test('an FIU analyst composes a 314(a) list and sees the institution\'s answer appear', async () => {
    const fiuContext = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'en-US' });
    const fiu = await fiuContext.newPage();
    await signIn(fiu, server.url, 'fatima.fiu', 'demo-fiu-analyst');
    assert.ok(!(await navLinks(fiu)).includes('Agencies'), 'an FIU analyst does not administer agencies');
    await fiu.getByRole('link', { name: '314(a) lists' }).click();
    await fiu.getByRole('heading', { name: '314(a) lists', level: 1 }).waitFor();
    await fiu.getByText('No subject list sent yet.').waitFor();
    await fiu.getByLabel('Title').fill('314(a) 2026-11 funnel accounts');
    await fiu.getByLabel('Requesting agency').selectOption(AGENCY);
    await fiu.getByLabel('Name of subject 1').fill('Juan Pérez López');
    await fiu.getByLabel('Birth date of subject 1').fill('1980-01-01');
    await fiu.getByRole('button', { name: 'Add identifier to subject 1' }).click();
    await fiu.getByLabel('Identifier 1 of subject 1', { exact: true }).selectOption('curp');
    await fiu.getByLabel('Value of identifier 1 of subject 1', { exact: true }).fill('PELJ800101HCHRPN09');
    await fiu.getByRole('button', { name: 'Add subject' }).click();
    await fiu.getByLabel('Name of subject 2').fill('Comercializadora del Norte');
    await fiu.getByLabel('Kind of subject 2').selectOption('company');
    // The institution filed above, so it is offered as a recipient.
    await fiu.getByRole('group', { name: 'Send to 0 institutions' }).getByRole('checkbox', { name: new RegExp(FILER) }).check();
    await fiu.getByLabel('Answer by').fill('2026-12-09');
    await fiu.getByRole('button', { name: 'Send list' }).click();
    await fiu.getByText('List “314(a) 2026-11 funnel accounts” sent: 2 subjects to 1 institution.').waitFor();
    await fiu.getByRole('heading', { name: 'Results of “314(a) 2026-11 funnel accounts”' }).waitFor();
    await fiu.getByText('No institution has reported a match yet.').waitFor();
    await fiu.getByRole('list', { name: '1 institution has not answered' }).getByText(FILER).waitFor();
    await fiu.getByRole('cell', { name: '0 of 1 answered' }).waitFor();
    await assertFitsLaptop(fiu, 'subject lists');
    await fiu.screenshot({ path: artifactPath('fiu-admin-04-subject-list-sent.png'), fullPage: true });

    // The institution answers from its own page.
    const bankContext = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'en-US' });
    const bank = await bankContext.newPage();
    await signIn(bank, server.url, 'ana.analyst', 'demo-institution-analyst');
    await bank.getByRole('link', { name: 'FIU messages' }).click();
    await bank.getByRole('heading', { name: '314(a) 2026-11 funnel accounts' }).waitFor();
    await bank.getByRole('checkbox', { name: 'Found in our records (Juan Pérez López)' }).check();
    await bank.getByRole('textbox', { name: 'Accounts of Juan Pérez López' }).fill('ACC-EP-1, ACC-EP-2');
    await bank.getByRole('textbox', { name: 'Note on Juan Pérez López' }).fill('Customer since 2019, branch El Paso 3');
    await bank.getByRole('button', { name: 'Return results' }).click();
    await bank.getByText('Results returned: 1 of 2 subjects found.').waitFor();
    await bankContext.close();

    await fiu.getByRole('button', { name: 'Refresh results' }).click();
    await fiu.getByRole('heading', { name: '1 match' }).waitFor();
    const match = fiu.locator('table.list-matches tbody tr');
    assert.deepEqual(await match.locator('td').allTextContents(), [FILER, 'ACC-EP-1, ACC-EP-2', 'Customer since 2019, branch El Paso 3']);
    await match.getByRole('rowheader', { name: /Juan Pérez López.*CURP PELJ800101HCHRPN09/ }).waitFor();
    await fiu.getByText('Every institution has answered.').waitFor();
    await fiu.reload();
    await fiu.getByRole('cell', { name: '1 of 1 answered' }).waitFor();
    await fiu.screenshot({ path: artifactPath('fiu-admin-05-subject-list-answered.png'), fullPage: true });
    await fiuContext.close();
  });

  test('an administrator registers an agency and creates its investigator, who signs in with the credentials shown once', async () => {
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'en-US' });
    const page = await context.newPage();
    await signIn(page, server.url, 'admin', 'demo-administrator');
    await page.getByRole('link', { name: 'Agencies' }).click();
    await page.getByRole('heading', { name: 'Agencies', level: 1 }).waitFor();
    await page.getByRole('rowheader', { name: 'HSI El Paso' }).waitFor();
    await page.getByLabel('Agency id').fill('FGR-CHIH');
    await page.getByLabel('Agency name').fill('Fiscalía General de la República, Chihuahua');
    await page.getByLabel('Country').selectOption('MX');
    await page.getByRole('button', { name: 'Register agency' }).click();
    await page.getByText('Agency Fiscalía General de la República, Chihuahua (FGR-CHIH) registered.').waitFor();
    await page.getByRole('heading', { name: 'Investigators of Fiscalía General de la República, Chihuahua (FGR-CHIH)' }).waitFor();
    await page.getByText('No investigator for this agency yet.').waitFor();
    // A second registration of the same id is refused with the server's reason.
    await page.getByLabel('Agency id').fill('FGR-CHIH');
    await page.getByLabel('Agency name').fill('Duplicate');
    await page.getByRole('button', { name: 'Register agency' }).click();
    await page.getByText(/agency FGR-CHIH already exists/).waitFor();

    await page.getByLabel('Username').fill('rosa.fgr');
    await page.getByLabel('Full name').fill('Rosa Méndez (FGR)');
    const password = await page.getByLabel('Initial password').inputValue();
    assert.match(password, /^[A-HJ-NP-Za-km-z2-9]{20}$/, 'a generated 20-character password');
    await page.getByRole('button', { name: 'Create investigator' }).click();
    const credentials = page.getByRole('region', { name: 'Account created for Rosa Méndez (FGR)' });
    await credentials.getByText(password, { exact: true }).waitFor();
    await page.getByRole('rowheader', { name: 'Rosa Méndez (FGR)' }).waitFor();
    await page.getByRole('cell', { name: 'Active' }).waitFor();
    await page.getByRole('row', { name: /Fiscalía General de la República, Chihuahua FGR-CHIH MX 1/ }).waitFor();
    await assertFitsLaptop(page, 'agencies');
    await page.screenshot({ path: artifactPath('fiu-admin-06-agency-investigator.png'), fullPage: true });
    assert.equal(await page.evaluate('document.activeElement?.id'), 'credentials-title', 'focus moves to the credentials shown once');
    await credentials.getByRole('button', { name: 'Done, hide the password' }).click();
    assert.equal(await page.evaluate('document.activeElement?.id'), 'investigator-username', 'then back to the form');
    assert.equal(await page.getByText(password, { exact: true }).count(), 0, 'the password is gone once dismissed');
    const audit = await database.query<{ action: string }>("SELECT action FROM audit_log WHERE actor = 'admin' ORDER BY sequence");
    assert.ok(['fiu.agency.registered', 'user.created'].every((action) => audit.rows.some((row) => row.action === action)), JSON.stringify(audit.rows));
    await context.close();

    // The investigator signs in with those credentials; the header names the agency.
    const investigatorContext = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'en-US' });
    const investigator = await investigatorContext.newPage();
    await signIn(investigator, server.url, 'rosa.fgr', password);
    await investigator.locator('.top-bar').getByText('agency FGR-CHIH').waitFor();
    assert.ok((await navLinks(investigator)).includes('Packages received'));
    assert.ok(!(await navLinks(investigator)).includes('Agencies'));
    await assertFitsLaptop(investigator, 'investigator header');
    await investigator.screenshot({ path: artifactPath('fiu-admin-07-investigator-header.png') });
    await investigatorContext.close();

    // An FIU supervisor administers agencies too.
    const supervisorContext = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'es-MX' });
    const supervisor = await supervisorContext.newPage();
    await signIn(supervisor, server.url, 'sergio.fiu', 'demo-fiu-supervisor');
    await supervisor.getByRole('link', { name: 'Autoridades' }).click();
    await supervisor.getByRole('heading', { name: 'Autoridades', level: 1 }).waitFor();
    await supervisor.getByRole('button', { name: 'Registrar autoridad' }).waitFor();
    await supervisor.getByRole('heading', { name: /^Investigadores de Fiscalía General de la República, Chihuahua/ }).waitFor();
    await assertFitsLaptop(supervisor, 'agencies in Spanish');
    await supervisor.screenshot({ path: artifactPath('fiu-admin-08-agencies-es.png') });
    await supervisorContext.close();
  });
});
