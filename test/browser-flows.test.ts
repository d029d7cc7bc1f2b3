import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import type { RunningServer } from '../src/api/index.ts';
import type { Database } from '../src/store/index.ts';
import { artifactPath, launchBrowser, signIn, startBrowserServer } from './browser-harness.ts';

describe('browser: the web app as people use it (Debian chromium, headless)', { timeout: 180_000 }, () => {
  let server: RunningServer;
  let database: Database;
  let browser: Browser;
  let caseUrl = '';

  before(async () => {
    ({ server, database } = await startBrowserServer());
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await server?.close();
    await database?.close();
  });

  test('an analyst signs in and works an alert into a case', async () => {
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'en-US' });
    const page = await context.newPage();
    await signIn(page, server.url, 'ana.analyst', 'demo-institution-analyst');
    await page.getByRole('heading', { name: 'Dashboard' }).waitFor();
    await page.locator('figcaption', { hasText: 'Transactions per day' }).waitFor();
    await page.screenshot({ path: artifactPath('01-dashboard.png') });

    await page.getByRole('link', { name: 'Alerts' }).click();
    await page.getByRole('link', { name: 'ACC-FUNNEL' }).click();
    await page.getByText('Funnel account: 6 depositors in 48 hours').waitFor();
    await page.getByRole('cell', { name: 'Deposits from 6 different accounts in 48 hours' }).waitFor();
    await page.screenshot({ path: artifactPath('02-alert-explanation.png') });

    await page.getByRole('button', { name: 'Open a case' }).click();
    await page.getByRole('heading', { name: /^Case C-/ }).waitFor();
    caseUrl = page.url();
    await page.getByRole('button', { name: 'Assign to me' }).click();
    await page.getByText('Assigned.').waitFor();
    await page.getByRole('button', { name: 'Draft from the case' }).click();
    await page.getByText('Narrative saved.').waitFor();
    assert.ok((await page.getByLabel('Narrative (English, for the SAR)').inputValue()).length > 50, 'a narrative was drafted');
    await page.getByRole('button', { name: 'Submit for approval' }).click();
    await page.getByText('Submitted for approval.').waitFor();
    await page.locator('.network-canvas canvas').first().waitFor();
    await page.screenshot({ path: artifactPath('03-case-network-timeline.png'), fullPage: true });
    assert.equal(await page.getByRole('button', { name: 'Approve filing' }).count(), 0, 'an analyst is offered no approval');
    await context.close();
  });

  test('a second person, the approver, approves the case and downloads a SAR that validates', async () => {
    assert.ok(caseUrl, 'the previous test opened a case');
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
    const page = await context.newPage();
    await signIn(page, server.url, 'aaron.approver', 'demo-institution-approver');
    await page.goto(caseUrl);
    await page.getByRole('button', { name: 'Approve filing' }).click();
    await page.getByText('Approved.').waitFor();
    await page.getByText('Approved by').waitFor();
    await page.screenshot({ path: artifactPath('04-approved.png') });
    await page.getByRole('button', { name: 'Draft SAR' }).click();
    await page.getByRole('heading', { name: /^sar · C-/ }).waitFor();
    await page.locator('.split-detail').getByText('Valid against the official schema').waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Download XML' }).click()]);
    assert.match(download.suggestedFilename(), /^SARX-\d{8}-C-.*\.xml$/);
    const savedPath = artifactPath(download.suggestedFilename());
    await download.saveAs(savedPath);
    const { readFile } = await import('node:fs/promises');
    const { validateReportFile } = await import('../src/reports/index.ts');
    const validation = await validateReportFile(await readFile(savedPath, 'utf8'));
    assert.equal(validation.valid, true, JSON.stringify(validation.issues.slice(0, 3)));
    assert.equal(validation.kind?.kind, 'fincen-sar');
    await page.getByRole('button', { name: 'Record as filed' }).click();
    await page.getByText('Recorded as filed.').waitFor();
    await page.screenshot({ path: artifactPath('05-sar-report.png') });
    await context.close();
  });

  test('the language toggle switches to Spanish and is remembered', async () => {
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
    const page = await context.newPage();
    await signIn(page, server.url, 'sofia.supervisor', 'demo-supervisor');
    await page.getByRole('button', { name: 'Switch language to Spanish' }).click();
    await page.getByRole('heading', { name: 'Tablero' }).waitFor();
    assert.equal(await page.getAttribute('html', 'lang'), 'es');
    await page.reload();
    await page.getByRole('heading', { name: 'Tablero' }).waitFor();
    await page.getByRole('link', { name: 'Bitácora' }).click();
    await page.getByText(/Cadena de hashes verificada/).waitFor();
    await page.screenshot({ path: artifactPath('06-spanish-audit.png') });
    await context.close();
  });

  test('the keyboard alone signs in, skips to content and searches the lists', async () => {
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
    const page = await context.newPage();
    await page.goto(server.url);
    await page.getByLabel('Username').waitFor();
    assert.equal(await page.evaluate('document.activeElement?.id'), 'username', 'the username field has focus');
    await page.keyboard.type('fatima.fiu');
    await page.keyboard.press('Tab');
    await page.keyboard.type('demo-fiu-analyst');
    await page.keyboard.press('Enter');
    await page.getByRole('navigation').waitFor();
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate('document.activeElement?.textContent'), 'Skip to content');
    await page.keyboard.press('Enter');
    assert.equal(await page.evaluate('document.activeElement?.id'), 'main');
    await page.getByRole('link', { name: 'Screening' }).focus();
    await page.keyboard.press('Enter');
    await page.getByLabel('Name').focus();
    await page.keyboard.type('Cartel de Jalisco Nueva Generacion');
    await page.keyboard.press('Enter');
    await page.getByText(/possible match(es)? for/).waitFor();
    await page.getByRole('cell', { name: /JALISCO/i }).first().waitFor();
    await page.screenshot({ path: artifactPath('08-screening-keyboard.png') });
    await context.close();
  });

  test('a role that must not see a page is denied it (page and API)', async () => {
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
    const page = await context.newPage();
    await signIn(page, server.url, 'lena.investigator', 'demo-law-enforcement');
    assert.equal(await page.getByRole('link', { name: 'Audit log' }).count(), 0, 'no navigation entry');
    await page.goto(new URL('/audit', server.url).href);
    await page.getByRole('heading', { name: 'Not allowed' }).waitFor();
    const status = await page.evaluate(async () => (await fetch('/api/v1/audit')).status);
    assert.equal(status, 403);
    await page.screenshot({ path: artifactPath('07-denied.png') });
    await context.close();
  });
});
