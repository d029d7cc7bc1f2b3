import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Status } from '../components/layout.tsx';
import { formatDateTime } from '../format.ts';
import type { AuditEntry } from '../types.ts';
import { useApi } from '../use-api.ts';

export default function AuditPage() {
  const { t, i18n } = useTranslation();
  const [subjectKind, setSubjectKind] = useState('');
  const query = subjectKind ? `?subjectKind=${encodeURIComponent(subjectKind)}` : '';
  const { data, error, loading } = useApi<{ entries: AuditEntry[]; total: number; chain: { ok: boolean } }>(`/audit${query}`);
  return (
    <section aria-labelledby="page-title">
      <h1 id="page-title">{t('nav.audit')}</h1>
      <label htmlFor="subject-kind">{t('audit.subjectKind')}</label>
      <select id="subject-kind" value={subjectKind} onChange={(e) => setSubjectKind(e.target.value)}>
        <option value="">{t('alerts.all')}</option>
        {['session', 'user', 'api_key', 'case', 'report', 'alert', 'transactions'].map((kind) => (
          <option key={kind} value={kind}>
            {kind}
          </option>
        ))}
      </select>
      <Status loading={loading && !data} error={error} empty={data?.entries.length === 0} />
      {data && (
        <>
          <p role="status" className={data.chain.ok ? 'ok' : 'error'}>
            {data.chain.ok ? t('audit.chainOk', { count: data.total }) : t('audit.chainBroken')}
          </p>
          <table className="audit-table">
            <thead>
              <tr>
                <th scope="col">#</th>
                <th scope="col">{t('fields.time')}</th>
                <th scope="col">{t('audit.actor')}</th>
                <th scope="col">{t('audit.action')}</th>
                <th scope="col">{t('audit.subject')}</th>
                <th scope="col">{t('audit.details')}</th>
              </tr>
            </thead>
            <tbody>
              {data.entries.map((entry) => (
                <tr key={entry.sequence}>
                  <td className="number">{entry.sequence}</td>
                  <td>{formatDateTime(entry.time, i18n.language)}</td>
                  <td>{entry.actor}</td>
                  <td>{entry.action}</td>
                  <td>
                    {entry.subject.kind}:{entry.subject.id}
                  </td>
                  <td>
                    <code>{JSON.stringify(entry.details)}</code>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}
