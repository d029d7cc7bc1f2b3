import { DEFAULT_RATES, toUsdMinor, type RateTable } from '../domain/index.ts';
import type { SqlClient } from '../auth/index.ts';

export type DashboardMetrics = {
  totals: { transactions: number; alerts: number; openAlerts: number; openCases: number };
  volumeByDay: Array<{ day: string; transactions: number; amountUsdMinor: number }>;
  alertsByTypology: Array<{ typologyId: string; count: number }>;
  precisionByWeek: Array<{ week: string; closedAlerts: number; confirmed: number; precision: number | null }>;
  workloadByDay: Array<{ day: string; newAlerts: number; closedAlerts: number; openAlerts: number }>;
};

function isoDay(value: unknown): string {
  return value instanceof Date ? value.toISOString().slice(0, 10) : String(value).slice(0, 10);
}

/**
 * Read-only aggregates over the store's transaction log and alerts for the dashboard, over the
 * last `days` days of data time (the data's own clock, not the wall clock). Precision per week
 * is escalated ÷ (escalated + closed) among alerts an analyst has dispositioned.
 * @example const metrics = await dashboardMetrics(db, { days: 30 });
 */
export async function dashboardMetrics(db: SqlClient, options: { days?: number; rates?: RateTable; hasCases?: boolean } = {}): Promise<DashboardMetrics> {
  const days = options.days ?? 30;
  const rates = options.rates ?? DEFAULT_RATES;
  const latest = await db.query<{ latest: Date | string | null }>('SELECT max(time) AS latest FROM transaction_log');
  const end = latest.rows[0]?.latest ? new Date(latest.rows[0].latest) : null;
  const since = end ? new Date(end.getTime() - days * 86_400_000).toISOString() : '1970-01-01T00:00:00Z';

  const [volume, byTypology, byWeek, byDay, totals, cases] = await Promise.all([
    db.query<{ day: string; currency: string; transactions: number | string; amount: number | string }>(
      `SELECT to_char(time AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS day, currency, count(*) AS transactions, sum(amount_minor) AS amount
         FROM transaction_log WHERE time >= $1 GROUP BY 1, 2 ORDER BY 1`,
      [since],
    ),
    db.query<{ typology_id: string; count: number | string }>('SELECT typology_id, count(*) AS count FROM alerts GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 20'),
    db.query<{ week: string; closed: number | string; confirmed: number | string }>(
      `SELECT to_char(date_trunc('week', time AT TIME ZONE 'UTC'), 'YYYY-MM-DD') AS week,
              count(*) FILTER (WHERE status IN ('closed', 'escalated')) AS closed,
              count(*) FILTER (WHERE status = 'escalated') AS confirmed
         FROM alerts WHERE time >= $1 GROUP BY 1 ORDER BY 1`,
      [since],
    ),
    db.query<{ day: string; new_alerts: number | string; closed: number | string; open: number | string }>(
      `SELECT to_char(time AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS day, count(*) AS new_alerts,
              count(*) FILTER (WHERE status IN ('closed', 'escalated')) AS closed,
              count(*) FILTER (WHERE status IN ('new', 'in_review')) AS open
         FROM alerts WHERE time >= $1 GROUP BY 1 ORDER BY 1`,
      [since],
    ),
    db.query<{ transactions: number | string; alerts: number | string; open_alerts: number | string }>(
      `SELECT (SELECT count(*) FROM transaction_log) AS transactions, (SELECT count(*) FROM alerts) AS alerts,
              (SELECT count(*) FROM alerts WHERE status IN ('new', 'in_review')) AS open_alerts`,
    ),
    options.hasCases
      ? db.query<{ open_cases: number | string }>(`SELECT count(*) AS open_cases FROM cases WHERE status NOT IN ('filed', 'closed_no_file')`)
      : Promise.resolve({ rows: [{ open_cases: 0 }] }),
  ]);

  const volumeByDay = new Map<string, { day: string; transactions: number; amountUsdMinor: number }>();
  for (const row of volume.rows) {
    const day = isoDay(row.day);
    const entry = volumeByDay.get(day) ?? { day, transactions: 0, amountUsdMinor: 0 };
    entry.transactions += Number(row.transactions);
    // A currency without a rate is left out of the USD total rather than guessed.
    if (rates.rates[row.currency] !== undefined || row.currency === 'USD') entry.amountUsdMinor += toUsdMinor(Number(row.amount), row.currency, rates);
    volumeByDay.set(day, entry);
  }
  const total = totals.rows[0];
  return {
    totals: {
      transactions: Number(total?.transactions ?? 0),
      alerts: Number(total?.alerts ?? 0),
      openAlerts: Number(total?.open_alerts ?? 0),
      openCases: Number(cases.rows[0]?.open_cases ?? 0),
    },
    volumeByDay: [...volumeByDay.values()],
    alertsByTypology: byTypology.rows.map((row) => ({ typologyId: row.typology_id, count: Number(row.count) })),
    precisionByWeek: byWeek.rows.map((row) => {
      const closed = Number(row.closed);
      const confirmed = Number(row.confirmed);
      return { week: isoDay(row.week), closedAlerts: closed, confirmed, precision: closed > 0 ? confirmed / closed : null };
    }),
    workloadByDay: byDay.rows.map((row) => ({ day: isoDay(row.day), newAlerts: Number(row.new_alerts), closedAlerts: Number(row.closed), openAlerts: Number(row.open) })),
  };
}
