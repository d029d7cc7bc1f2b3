import { lazy, Suspense, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../api.ts';
import { Status } from '../components/layout.tsx';
import { formatDateTime } from '../format.ts';
import { Link, useRouter } from '../router.tsx';
import { useSession } from '../session.tsx';
import type { CaseDetail, CaseSummary, ReportSummary } from '../types.ts';
import { useApi } from '../use-api.ts';

const NetworkGraph = lazy(() => import('../components/network-graph.tsx').then((m) => ({ default: m.NetworkGraph })));

export default function CasesPage() {
  const { t, i18n } = useTranslation();
  const { path } = useRouter();
  const selected = path.startsWith('/cases/') ? decodeURIComponent(path.slice('/cases/'.length)) : null;
  const list = useApi<{ cases: CaseSummary[] }>('/cases');
  return (
    <section aria-labelledby="page-title" className="split">
      <div className="split-list">
        <h1 id="page-title">{t('nav.cases')}</h1>
        <Status loading={list.loading && !list.data} error={list.error} empty={list.data?.cases.length === 0} />
        {list.data && list.data.cases.length > 0 && (
          <table>
            <thead>
              <tr>
                <th scope="col">{t('fields.case')}</th>
                <th scope="col">{t('fields.status')}</th>
                <th scope="col">{t('fields.opened')}</th>
              </tr>
            </thead>
            <tbody>
              {list.data.cases.map((c) => (
                <tr key={c.id} className={c.id === selected ? 'selected' : undefined}>
                  <td>
                    <Link to={`/cases/${encodeURIComponent(c.id)}`}>{c.id}</Link>
                    <div className="muted">{c.subjectKey}</div>
                  </td>
                  <td>{t(`caseStatus.${c.status}`)}</td>
                  <td>{formatDateTime(c.openedAt, i18n.language)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
      <div className="split-detail">{selected ? <CaseView id={selected} onChanged={list.reload} /> : <p className="hint">{t('cases.pick')}</p>}</div>
    </section>
  );
}

function CaseView({ id, onChanged }: { id: string; onChanged: () => void }) {
  const { t, i18n } = useTranslation();
  const { principal, hasRole } = useSession();
  const { navigate } = useRouter();
  const { data, error, loading, reload } = useApi<CaseDetail>(`/cases/${encodeURIComponent(id)}`);
  const [message, setMessage] = useState<{ kind: 'error' | 'ok'; text: string } | null>(null);
  const [reason, setReason] = useState('');
  const [narrative, setNarrative] = useState<string | null>(null);

  async function act(action: string, body: unknown = {}) {
    setMessage(null);
    try {
      await api.post(`/cases/${encodeURIComponent(id)}/${action}`, body);
      setMessage({ kind: 'ok', text: t(`cases.done.${action}`) });
      reload();
      onChanged();
    } catch (failure) {
      setMessage({ kind: 'error', text: failure instanceof ApiError ? (failure.problem.detail ?? failure.problem.title) : t('common.error') });
    }
  }

  async function saveNarrative(text?: string) {
    setMessage(null);
    try {
      const saved = await api.post<{ text: string }>(`/cases/${encodeURIComponent(id)}/narrative`, text === undefined ? { language: 'en' } : { language: 'en', text });
      setNarrative(saved.text);
      setMessage({ kind: 'ok', text: t('cases.narrativeSaved') });
      reload();
    } catch (failure) {
      setMessage({ kind: 'error', text: failure instanceof ApiError ? (failure.problem.detail ?? failure.problem.title) : t('common.error') });
    }
  }

  async function draftReport() {
    setMessage(null);
    try {
      const report = await api.post<ReportSummary>(`/cases/${encodeURIComponent(id)}/reports`, { kind: 'sar' });
      setMessage({ kind: report.valid ? 'ok' : 'error', text: report.valid ? t('reports.valid') : t('reports.invalid', { count: report.issues.length }) });
      reload();
      if (report.valid) navigate(`/reports/${encodeURIComponent(report.id)}`);
    } catch (failure) {
      setMessage({ kind: 'error', text: failure instanceof ApiError ? (failure.problem.detail ?? failure.problem.title) : t('common.error') });
    }
  }

  if (loading && !data) return <Status loading />;
  if (error || !data) return <Status error={error} />;
  const kase = data.case;
  const isInstitution = hasRole(['institution_analyst', 'institution_approver']);
  const canApprove = hasRole(['institution_approver']) && kase.status === 'pending_approval' && !kase.approval && kase.preparer !== principal?.name;
  return (
    <article aria-labelledby="case-title">
      <h2 id="case-title">
        {t('fields.case')} {kase.id} <span className="badge">{t(`caseStatus.${kase.status}`)}</span>
      </h2>
      <dl className="facts">
        <div>
          <dt>{t('fields.subject')}</dt>
          <dd>{kase.subjectKey}</dd>
        </div>
        <div>
          <dt>{t('fields.assignee')}</dt>
          <dd>{kase.assignee ?? '—'}</dd>
        </div>
        <div>
          <dt>{t('fields.jurisdiction')}</dt>
          <dd>{kase.jurisdiction}</dd>
        </div>
        {kase.approval && (
          <div>
            <dt>{t('fields.approvedBy')}</dt>
            <dd>
              {kase.approval.approver} · {formatDateTime(kase.approval.approvedAt, i18n.language)}
            </dd>
          </div>
        )}
      </dl>
      {message && (
        <p role={message.kind === 'error' ? 'alert' : 'status'} className={message.kind === 'error' ? 'error' : 'ok'}>
          {message.text}
        </p>
      )}
      {isInstitution && (
        <div className="actions" role="group" aria-label={t('cases.actions')}>
          {kase.status === 'open' && (
            <button type="button" onClick={() => void act('assign', { assignee: principal?.name })}>
              {t('cases.assignToMe')}
            </button>
          )}
          {(kase.status === 'open' || kase.status === 'investigating') && (
            <button type="button" className="primary" onClick={() => void act('submit')}>
              {t('cases.submit')}
            </button>
          )}
          {canApprove && (
            <button type="button" className="primary" onClick={() => void act('approve', { format: 'fincen-sar' })}>
              {t('cases.approve')}
            </button>
          )}
          {kase.approval && kase.status === 'pending_approval' ? (
            <button type="button" className="primary" onClick={() => void draftReport()}>
              {t('cases.renderSar')}
            </button>
          ) : null}
          {kase.status !== 'closed_no_file' && kase.status !== 'filed' && (
            <form
              className="inline-form"
              onSubmit={(event: FormEvent) => {
                event.preventDefault();
                void act('close', { reason });
              }}
            >
              <label htmlFor="close-reason">{t('cases.closeReason')}</label>
              <input id="close-reason" value={reason} onChange={(e) => setReason(e.target.value)} required minLength={10} />
              <button type="submit">{t('cases.close')}</button>
            </form>
          )}
        </div>
      )}
      {isInstitution && (kase.status === 'open' || kase.status === 'investigating') && (
        <div className="narrative">
          <label htmlFor="narrative">{t('cases.narrative')}</label>
          <textarea id="narrative" rows={6} value={narrative ?? kase.narrative.en ?? ''} onChange={(e) => setNarrative(e.target.value)} maxLength={17000} />
          <div className="actions">
            <button type="button" onClick={() => void saveNarrative()}>
              {t('cases.draftNarrative')}
            </button>
            <button type="button" onClick={() => void saveNarrative(narrative ?? kase.narrative.en ?? '')} disabled={!(narrative ?? kase.narrative.en)}>
              {t('cases.saveNarrative')}
            </button>
          </div>
        </div>
      )}
      {data.reports.length > 0 && (
        <>
          <h3>{t('nav.reports')}</h3>
          <ul>
            {data.reports.map((report) => (
              <li key={report.id}>
                <Link to={`/reports/${encodeURIComponent(report.id)}`}>
                  {report.format} · {report.valid ? t('reports.valid') : t('reports.invalid', { count: report.issues.length })}
                </Link>
              </li>
            ))}
          </ul>
        </>
      )}
      <h3>{t('cases.network')}</h3>
      <Suspense fallback={<Status loading />}>
        <NetworkGraph transactions={kase.transactions} subjectKey={kase.subjectKey} />
      </Suspense>
      <h3>{t('cases.timeline')}</h3>
      <ol className="timeline">
        {data.timeline.map((entry, index) => (
          <li key={`${entry.time}-${index}`}>
            <time dateTime={entry.time}>{formatDateTime(entry.time, i18n.language)}</time> <strong>{t(`timeline.${entry.action.replaceAll('.', '_')}`, { defaultValue: entry.action })}</strong> · {entry.actor}
          </li>
        ))}
      </ol>
      <h3>{t('cases.alerts')}</h3>
      <ul>
        {kase.alerts.map((alert) => (
          <li key={alert.id}>
            <Link to={`/alerts/${encodeURIComponent(alert.id)}`}>{alert.typologyId}</Link> · {alert.explanation.summary}
          </li>
        ))}
      </ul>
    </article>
  );
}
