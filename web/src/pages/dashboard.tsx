import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Chart } from '../components/chart.tsx';
import { Status } from '../components/layout.tsx';
import { formatMoney } from '../format.ts';
import type { DashboardMetrics } from '../types.ts';
import { useApi } from '../use-api.ts';

export default function DashboardPage() {
  const { t, i18n } = useTranslation();
  const { data, error, loading } = useApi<DashboardMetrics>('/dashboard');
  const charts = useMemo(() => {
    if (!data) return null;
    return {
      volume: {
        categories: data.volumeByDay.map((d) => d.day),
        series: [{ name: t('dashboard.transactions'), kind: 'bar' as const, values: data.volumeByDay.map((d) => d.transactions) }],
      },
      typology: {
        categories: data.alertsByTypology.map((d) => d.typologyId),
        series: [{ name: t('dashboard.alerts'), kind: 'bar' as const, values: data.alertsByTypology.map((d) => d.count) }],
      },
      precision: {
        categories: data.precisionByWeek.map((d) => d.week),
        series: [{ name: t('dashboard.precision'), kind: 'line' as const, values: data.precisionByWeek.map((d) => (d.precision === null ? null : Math.round(d.precision * 1000) / 10)) }],
      },
      workload: {
        categories: data.workloadByDay.map((d) => d.day),
        series: [
          { name: t('dashboard.newAlerts'), kind: 'bar' as const, values: data.workloadByDay.map((d) => d.newAlerts) },
          { name: t('dashboard.closedAlerts'), kind: 'bar' as const, values: data.workloadByDay.map((d) => d.closedAlerts) },
          { name: t('dashboard.openAlerts'), kind: 'line' as const, values: data.workloadByDay.map((d) => d.openAlerts) },
        ],
      },
    };
  }, [data, t]);
  const totalAmount = data?.volumeByDay.reduce((sum, d) => sum + d.amountUsdMinor, 0) ?? 0;
  return (
    <section aria-labelledby="page-title">
      <h1 id="page-title">{t('nav.dashboard')}</h1>
      <Status loading={loading && !data} error={error} />
      {data && charts && (
        <>
          <dl className="totals">
            <div>
              <dt>{t('dashboard.transactions')}</dt>
              <dd>{data.totals.transactions.toLocaleString(i18n.language)}</dd>
            </div>
            <div>
              <dt>{t('dashboard.volumeUsd')}</dt>
              <dd>{formatMoney(totalAmount, 'USD', i18n.language)}</dd>
            </div>
            <div>
              <dt>{t('dashboard.alerts')}</dt>
              <dd>{data.totals.alerts.toLocaleString(i18n.language)}</dd>
            </div>
            <div>
              <dt>{t('dashboard.openAlerts')}</dt>
              <dd>{data.totals.openAlerts.toLocaleString(i18n.language)}</dd>
            </div>
            <div>
              <dt>{t('dashboard.openCases')}</dt>
              <dd>{data.totals.openCases.toLocaleString(i18n.language)}</dd>
            </div>
          </dl>
          <div className="chart-grid">
            <Chart title={t('dashboard.volumeChart')} {...charts.volume} />
            <Chart title={t('dashboard.typologyChart')} {...charts.typology} />
            <Chart title={t('dashboard.precisionChart')} {...charts.precision} />
            <Chart title={t('dashboard.workloadChart')} {...charts.workload} />
          </div>
        </>
      )}
    </section>
  );
}
