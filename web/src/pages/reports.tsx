import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../api.ts';
import { Status } from '../components/layout.tsx';
import { useSession } from '../session.tsx';
import { formatDateTime } from '../format.ts';
import { Link, useRouter } from '../router.tsx';
import type { ReportSummary } from '../types.ts';
import { useApi } from '../use-api.ts';

export default function ReportsPage() {
  const { t, i18n } = useTranslation();
  const { path } = useRouter();
  const selected = path.startsWith('/reports/') ? decodeURIComponent(path.slice('/reports/'.length)) : null;
  const list = useApi<{ reports: ReportSummary[] }>('/reports');
  const detail = useApi<{ report: ReportSummary; preview: string }>(selected ? `/reports/${encodeURIComponent(selected)}` : null);
  const { hasRole } = useSession();
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  async function file(reportId: string) {
    setMessage(null);
    try {
      await api.post(`/reports/${encodeURIComponent(reportId)}/file`, {});
      setMessage({ kind: 'ok', text: t('reports.filed') });
    } catch (failure) {
      setMessage({ kind: 'error', text: failure instanceof ApiError ? (failure.problem.detail ?? failure.problem.title) : t('common.error') });
    }
  }
  return (
    <section aria-labelledby="page-title" className="split">
      <div className="split-list">
        <h1 id="page-title">{t('nav.reports')}</h1>
        <Status loading={list.loading && !list.data} error={list.error} empty={list.data?.reports.length === 0} />
        <ul className="plain-list">
          {list.data?.reports.map((report) => (
            <li key={report.id} className={report.id === selected ? 'selected' : undefined}>
              <Link to={`/reports/${encodeURIComponent(report.id)}`}>
                {report.format} · {report.caseId}
              </Link>
              <div className="muted">
                {formatDateTime(report.createdAt, i18n.language)} · <ValidityBadge report={report} />
              </div>
            </li>
          ))}
        </ul>
      </div>
      <div className="split-detail">
        {selected && detail.data ? (
          <article aria-labelledby="report-title">
            <h2 id="report-title">
              {detail.data.report.format} · {detail.data.report.caseId}
            </h2>
            <p>
              <ValidityBadge report={detail.data.report} />
            </p>
            {detail.data.report.issues.length > 0 && (
              <ul className="issues">
                {detail.data.report.issues.map((issue, index) => (
                  <li key={index}>
                    <code>{issue.field}</code>: {issue.reason}
                  </li>
                ))}
              </ul>
            )}
            {message && (
              <p role={message.kind === 'error' ? 'alert' : 'status'} className={message.kind}>
                {message.text}
              </p>
            )}
            {detail.data.report.valid && (
              <div className="actions">
                <a className="button primary" href={`/api/v1/reports/${encodeURIComponent(detail.data.report.id)}/download`} download>
                  {t('reports.download')}
                </a>
                {hasRole(['institution_approver']) && (
                  <button type="button" onClick={() => void file(detail.data!.report.id)}>
                    {t('reports.file')}
                  </button>
                )}
              </div>
            )}
            {detail.data.report.validatedAgainst && (
              <p className="muted">
                {t('reports.validatedAgainst')}: {detail.data.report.validatedAgainst}
              </p>
            )}
            <h3>{t('reports.preview')}</h3>
            <pre className="preview" tabIndex={0} aria-label={t('reports.preview')}>
              {detail.data.preview}
            </pre>
          </article>
        ) : selected ? (
          <Status loading={detail.loading} error={detail.error} />
        ) : (
          <p className="hint">{t('reports.pick')}</p>
        )}
      </div>
    </section>
  );
}

function ValidityBadge({ report }: { report: ReportSummary }) {
  const { t } = useTranslation();
  return <span className={`badge ${report.valid ? 'ok' : 'danger'}`}>{report.valid ? t('reports.valid') : t('reports.invalid', { count: report.issues.length })}</span>;
}
