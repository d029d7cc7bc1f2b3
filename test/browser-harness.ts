import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';
import { ensureWebBuild, startFronteraServer, type RunningServer } from '../src/api/index.ts';
import { seedDemoUsers } from '../src/auth/index.ts';
import type { Alert, Transaction } from '../src/domain/index.ts';
import { openDatabase, type Database } from '../src/store/index.ts';
import { TEST_PASSWORD_COST } from './api-harness.ts';

export const ARTIFACTS = new URL('../test-artifacts/', import.meta.url);

/** Debian's Chromium, never a downloaded browser. */
export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium',
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/** Signs in through the login form (English or Spanish) and waits for the navigation. */
export async function signIn(page: Page, url: string, username: string, password: string): Promise<void> {
  await page.goto(url);
  await page.getByLabel(/Username|Usuario/).fill(username);
  await page.getByLabel(/Password|Contraseña/).fill(password);
  await page.getByRole('button', { name: /Sign in|Iniciar sesión/ }).click();
  await page.getByRole('navigation').first().waitFor();
}

/** Nothing wider than a 1366-px laptop screen, and one row of top bar. */
export async function assertFitsLaptop(page: Page, where: string): Promise<void> {
  const { scrollWidth, barHeight } = await page.evaluate<{ scrollWidth: number; barHeight: number }>("({ scrollWidth: document.documentElement.scrollWidth, barHeight: document.querySelector('.top-bar')?.getBoundingClientRect().height ?? 0 })");
  assert.ok(scrollWidth <= 1366, `${where}: page is ${scrollWidth} px wide`);
  assert.ok(barHeight < 60, `${where}: the top bar is ${barHeight} px high (wrapped)`);
}

export function artifactPath(name: string): string {
  mkdirSync(ARTIFACTS, { recursive: true });
  return new URL(name, ARTIFACTS).pathname;
}

function demoTransactions(): Transaction[] {
  const transactions: Transaction[] = [];
  for (let day = 0; day < 14; day++) {
    for (let index = 0; index < 6; index++) {
      transactions.push({
        id: `DEMO-${day}-${index}`,
        time: new Date(Date.UTC(2026, 1, 16 + day, 9 + index)).toISOString(),
        amountMinor: 900_000 + index * 10_000,
        currency: index % 2 === 0 ? 'USD' : 'MXN',
        channel: index % 3 === 0 ? 'cash_deposit' : 'wire',
        originator: { partyId: `P-${index}`, name: index === 1 ? 'Rosa María Pérez García' : `Cliente ${index}`, accountId: `ACC-${index}`, country: index % 2 === 0 ? 'US' : 'MX' },
        beneficiary: { accountId: 'ACC-FUNNEL', name: 'Comercializadora del Norte S.A. de C.V.', country: 'MX' },
      });
    }
  }
  return transactions;
}

/** A listening server with demo users and a small corridor: transactions and one alert per pattern. */
export async function startBrowserServer(): Promise<{ server: RunningServer; database: Database }> {
  await ensureWebBuild();
  const database = await openDatabase({ dataDirectory: 'memory://' });
  const server = await startFronteraServer({ database, config: { host: '127.0.0.1', port: 0 }, buildWeb: false });
  await seedDemoUsers(database, { passwordCost: TEST_PASSWORD_COST });
  const { createStore } = await import('../src/store/index.ts');
  const store = createStore(database);
  const transactions = demoTransactions();
  await store.transactionLog.append(transactions);
  const alerts: Alert[] = [
    {
      id: 'A-FUNNEL-1',
      typologyId: 'funnel-account',
      typologyVersion: '1.0.0',
      subjectKey: 'ACC-FUNNEL',
      score: 0.88,
      severity: 'alert',
      time: transactions[20]!.time,
      triggerTransactionId: transactions[20]!.id,
      transactionIds: transactions.slice(12, 24).map((tx) => tx.id),
      patterns: ['funnel_account'],
      explanation: {
        rules: [
          { id: 'many-depositors', description: 'Deposits from 6 different accounts in 48 hours', fired: true, weight: 0.6 },
          { id: 'cross-border-out', description: 'Funds leave for Mexico within 2 days', fired: true, weight: 0.4 },
        ],
        features: { distinctDepositors48h: 6, outflowShare: 0.97 },
        summary: 'Funnel account: 6 depositors in 48 hours, 97 % of the money sent on to Mexico',
      },
    },
    {
      id: 'A-STRUCT-1',
      typologyId: 'structuring-ctr',
      typologyVersion: '1.0.0',
      subjectKey: 'ACC-0',
      score: 0.75,
      severity: 'alert',
      time: transactions[30]!.time,
      triggerTransactionId: transactions[30]!.id,
      transactionIds: [transactions[24]!.id, transactions[30]!.id],
      patterns: ['structuring_ctr'],
      explanation: { rules: [{ id: 'near-threshold', description: 'Cash just under USD 10,000', fired: true, weight: 1 }], features: { cashDeposits: 2 }, summary: 'Two cash deposits just below the CTR threshold' },
    },
  ];
  await store.alerts.insert(alerts);
  return { server, database };
}
