import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../api.ts';
import { Status } from '../components/layout.tsx';
import { formatDateTime, formatMoney } from '../format.ts';
import { Link, useRouter } from '../router.tsx';
import type { AlertDetail, AlertSummary } from '../types.ts';
import { useApi } from '../use-api.ts';

const STATUSES = ['new', 'in_review', 'escalated', 'closed'] as const;

export default function AlertsPage() {
  const { t, i18n } = useTranslation();
  const { path, navigate } = useRouter();
  const selected = path.startsWith('/alerts/') ? decodeURIComponent(path.slice('/alerts/'.length)) : null;
  const [status, setStatus] = useState<string>('new');
  const list = useApi<{ alerts: AlertSummary[]; total: number }>(`/alerts?limit=100${status ? `&status=${status}` : ''}`);
  return (
    <section aria-labelledby="page-title" className="split">
      <div className="split-list">
        <h1 id="page-title">{t('nav.alerts')}</h1>
        <label htmlFor="status-filter">{t('alerts.status')}</label>
        <select id="status-filter" value={status} onChange={(e) => setStatus(e.target.value)}>
          <option value="">{t('alerts.all')}</option>
          {STATUSES.map((s) => (
            <option key={s} value={s}>
              {t(`alertStatus.${s}`)}
            </option>
          ))}
        </select>
        <Status loading={list.loading && !list.data} error={list.error} empty={list.data?.alerts.length === 0} />
        {list.data && list.data.alerts.length > 0 && (
          <table className="queue">
            <caption className="sr-only">{t('alerts.queueCaption', { count: list.data.total })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('fields.alert')}</th>
                <th scope="col">{t('fields.typology')}</th>
                <th scope="col">{t('fields.score')}</th>
                <th scope="col">{t('fields.time')}</th>
              </tr>
            </thead>
            <tbody>
              {list.data.alerts.map((alert) => (
                <tr key={alert.id} className={alert.id === selected ? 'selected' : undefined}>
                  <td>
                    <Link to={`/alerts/${encodeURIComponent(alert.id)}`}>{alert.subjectKey}</Link>
                    {alert.severity === 'interdict' && <span className="badge danger">{t('alerts.interdict')}</span>}
                  </td>
                  <td>{alert.typologyId}</td>
                  <td className="number">{alert.score.toFixed(2)}</td>
                  <td>{formatDateTime(alert.time, i18n.language)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
      <div className="split-detail">
        {selected ? <AlertView id={selected} onCase={(caseId) => navigate(`/cases/${encodeURIComponent(caseId)}`)} onChanged={list.reload} /> : <p className="hint">{t('alerts.pick')}</p>}
      </div>
    </section>
  );
}

function AlertView({ id, onCase, onChanged }: { id: string; onCase: (caseId: string) => void; onChanged: () => void }) {
  const { t, i18n } = useTranslation();
  const { data, error, loading } = useApi<AlertDetail>(`/alerts/${encodeURIComponent(id)}`);
  const [actionError, setActionError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function openCase() {
    setBusy(true);
    setActionError(null);
    try {
      const created = await api.post<{ id: string }>('/cases', { alertIds: [id] });
      onChanged();
      onCase(created.id);
    } catch (failure) {
      setActionError(failure instanceof ApiError ? (failure.problem.detail ?? failure.problem.title) : t('common.error'));
    } finally {
      setBusy(false);
    }
  }

  async function disposition(status: 'closed' | 'escalated') {
    setBusy(true);
    setActionError(null);
    try {
      await api.post(`/alerts/${encodeURIComponent(id)}/status`, { status });
      onChanged();
    } catch (failure) {
      setActionError(failure instanceof ApiError ? (failure.problem.detail ?? failure.problem.title) : t('common.error'));
    } finally {
      setBusy(false);
    }
  }

  if (loading || error || !data) return <Status loading={loading} error={error} />;
  const { alert, transactions } = data;
  return (
    <article aria-labelledby="alert-title">
      <h2 id="alert-title">
        {t('alerts.alertOn', { subject: alert.subjectKey })} <span className="muted">({alert.typologyId} v{alert.typologyVersion})</span>
      </h2>
      <p className="explanation-summary">{alert.explanation.summary}</p>
      <h3>{t('alerts.whyFired')}</h3>
      <table>
        <thead>
          <tr>
            <th scope="col">{t('fields.rule')}</th>
            <th scope="col">{t('fields.fired')}</th>
            <th scope="col">{t('fields.weight')}</th>
          </tr>
        </thead>
        <tbody>
          {alert.explanation.rules.map((rule) => (
            <tr key={rule.id} className={rule.fired ? 'fired' : undefined}>
              <td>{rule.description}</td>
              <td>{rule.fired ? t('common.yes') : t('common.no')}</td>
              <td className="number">{rule.weight}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h3>{t('alerts.features')}</h3>
      <dl className="features">
        {Object.entries(alert.explanation.features).map(([name, value]) => (
          <div key={name}>
            <dt>{name}</dt>
            <dd>{String(value)}</dd>
          </div>
        ))}
      </dl>
      <h3>{t('alerts.transactions', { count: transactions.length })}</h3>
      <ul className="transactions">
        {transactions.map((tx) => (
          <li key={tx.id}>
            {formatDateTime(tx.time, i18n.language)} · {formatMoney(tx.amountMinor, tx.currency, i18n.language)} · {tx.channel} · {tx.originator.country} → {tx.beneficiary.country}
          </li>
        ))}
      </ul>
      {actionError && (
        <p role="alert" className="error">
          {actionError}
        </p>
      )}
      <div className="actions" role="group" aria-label={t('alerts.actions')}>
        <button type="button" className="primary" onClick={() => void openCase()} disabled={busy || alert.status === 'closed'}>
          {t('alerts.openCase')}
        </button>
        <button type="button" onClick={() => void disposition('escalated')} disabled={busy || alert.status === 'escalated'}>
          {t('alerts.escalate')}
        </button>
        <button type="button" onClick={() => void disposition('closed')} disabled={busy || alert.status === 'closed'}>
          {t('alerts.closeFalsePositive')}
        </button>
      </div>
    </article>
  );
}
