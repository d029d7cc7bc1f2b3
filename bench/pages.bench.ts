/**
 * Time to first content of every web page on the demo data, as a person would meet it.
 *
 *   npm run bench:pages
 *
 * Runs `frontera start` (the 30,000-transaction corridor, monitoring, the FIU hub) in a fresh
 * data folder, signs in with Debian's chromium as the role that uses each page and loads it:
 * the first visit after signing in and the best of three (a returning user with the code cached). First
 * content = the page's data drawn (a table row, a drawn chart, a list item) or its
 * 'nothing here yet' answer (`empty: true`), not its loading line.
 * Prints JSON: { pages: [{ page, role, first_visit_ms, best_ms, empty }], max_best_ms, max_first_visit_ms, load_average }.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { launchBrowser, signIn } from '../test/browser-harness.ts';

/** The data shown first by each page; pages not listed use DATA_CONTENT. */
const CONTENT: Record<string, string> = {
  '/': 'figure.chart svg',
  '/alerts': 'table.queue tbody tr',
  '/cases': '.split-list table tbody tr',
  '/typologies': 'ul.plain-list li',
  '/audit': 'table.audit-table tbody tr',
  '/fiu/triage': 'table.triage-queue tbody tr',
  '/fiu/entities': '.split-list tbody tr',
  '/fiu/disseminations': '.split-detail tbody tr',
  '/fiu/scorecards': 'table.scorecards tbody tr',
};
const DATA_CONTENT = '#main :is(table tbody tr, figure.chart svg, ul li, article, dl dt, form input)';

/** The pages' loading line (web/src/locales/en.json `common.loading`); the bench browses in English. */
const LOADING_TEXT = 'Loading…';

const SIGN_INS = [
  { role: 'institution_approver', username: 'aaron.approver', password: 'demo-institution-approver', pages: ['/', '/alerts', '/cases', '/reports', '/screening', '/typologies', '/guidance', '/audit', '/sharing', '/fiu-messages', '/fiu-intake'] },
  { role: 'fiu_analyst', username: 'fatima.fiu', password: 'demo-fiu-analyst', pages: ['/fiu/triage', '/fiu/entities', '/fiu/disseminations', '/fiu/subject-lists', '/fiu/exchange', '/fiu/scorecards'] },
] as const;

async function startDemo(dataDirectory: string): Promise<{ url: string; stop: () => Promise<void> }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'start', '--data', dataDirectory, '--port', '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise<string>((resolve, reject) => {
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /Frontera is running at (\S+)/.exec(output);
      if (match) resolve(match[1]!);
    });
    child.on('exit', (code) => reject(new Error(`frontera start exited with ${code} before serving:\n${output}`)));
  });
  const stop = () =>
    new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.kill('SIGINT');
    });
  return { url, stop };
}

/** Milliseconds until the page's data (or its 'nothing here yet' answer) is on screen, and which it was. */
async function firstContent(page: Page, url: string, selector: string): Promise<{ ms: number; empty: boolean }> {
  const started = performance.now();
  await page.goto(url);
  const data = page.locator(`:is(${selector}):visible`).first();
  // A page's own empty answer ('Nothing here yet.', 'No message received…'): a visible status line that is not the loading one.
  const empty = page.locator('#main p[role=status]:not(.sr-only):visible').filter({ hasNotText: LOADING_TEXT }).first();
  await data.or(empty).first().waitFor({ timeout: 30_000 });
  const ms = Math.round(performance.now() - started);
  return { ms, empty: !(await data.isVisible()) };
}

const dataDirectory = mkdtempSync(join(tmpdir(), 'frontera-pages-'));
const demo = await startDemo(dataDirectory);
const browser = await launchBrowser();
const results: Array<{ page: string; role: string; first_visit_ms: number; best_ms: number; empty: boolean }> = [];
try {
  for (const signInAs of SIGN_INS) {
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'en-US' });
    const page = await context.newPage();
    await signIn(page, demo.url, signInAs.username, signInAs.password);
    for (const path of signInAs.pages) {
      const url = new URL(path, demo.url).href;
      const selector = CONTENT[path] ?? DATA_CONTENT;
      const firstVisit = await firstContent(page, url, selector);
      let best = firstVisit.ms;
      for (let attempt = 0; attempt < 3; attempt++) best = Math.min(best, (await firstContent(page, url, selector)).ms);
      results.push({ page: path, role: signInAs.role, first_visit_ms: firstVisit.ms, best_ms: best, empty: firstVisit.empty });
    }
    await context.close();
  }
} finally {
  await browser.close();
  await demo.stop();
  rmSync(dataDirectory, { recursive: true, force: true });
}
process.stdout.write(
  `${JSON.stringify({
    pages: results,
    max_best_ms: Math.max(...results.map((result) => result.best_ms)),
    max_first_visit_ms: Math.max(...results.map((result) => result.first_visit_ms)),
    load_average: loadavg().map((value) => Number(value.toFixed(2))),
  })}\n`,
);
