import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { fiuApi, problemMessage } from '../api.ts';
import { formatDay } from '../components/fiu.tsx';
import { Status } from '../components/layout.tsx';
import { formatDateTime, formatMoney } from '../format.ts';
import { Link, useRouter } from '../router.tsx';
import type { DisseminationPackage, FiuAgency, FiuReportSummary } from '../types.ts';
import { useFiuApi } from '../use-api.ts';

/** Ids from a comma-separated query parameter (the triage and entity pages link here with them). */
function idsFrom(value: string | null): string[] {
  return [...new Set((value ?? '').split(',').map((id) => id.trim()).filter((id) => id.length > 0 && id.length <= 200))].slice(0, 500);
}

/** Dissemination: a package of reports and entities, with the FIU's analysis, to one law-enforcement agency. */
export default function FiuDisseminationPage() {
  const { t, i18n } = useTranslation();
  const { search } = useRouter();
  const agencies = useFiuApi<{ agencies: FiuAgency[] }>('/agencies');
  const sent = useFiuApi<{ disseminations: DisseminationPackage[] }>('/disseminations');
  const [reportIds, setReportIds] = useState<string[]>(() => idsFrom(search.get('reports')));
  const [entityIds, setEntityIds] = useState<string[]>(() => idsFrom(search.get('entities')));
  const [agencyId, setAgencyId] = useState('');
  const [title, setTitle] = useState('');
  const [analysis, setAnalysis] = useState('');
  const [newEntity, setNewEntity] = useState('');
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<{ ok: boolean; text: string } | null>(null);
  const [sentCount, setSentCount] = useState(0);

  const chosenAgency = agencyId || agencies.data?.agencies[0]?.agencyId || '';
  const toggleReport = (id: string, on: boolean) => setReportIds((previous) => (on ? [...new Set([...previous, id])] : previous.filter((candidate) => candidate !== id)));

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setNotice(null);
    try {
      const created = await fiuApi.post<DisseminationPackage>('/disseminations', { agencyId: chosenAgency, title: title.trim(), analysis, reportIds, entityIds });
      setNotice({ ok: true, text: t('dissemination.sent', { title: created.title, agency: created.agencyId, count: created.reportIds.length }) });
      setTitle('');
      setAnalysis('');
      setReportIds([]);
      setEntityIds([]);
      setSentCount((count) => count + 1);
      sent.reload();
    } catch (failure) {
      setNotice({ ok: false, text: problemMessage(failure, t('common.error')) });
    } finally {
      setBusy(false);
    }
  }

  return (
    <section aria-labelledby="page-title" className="split">
      <div className="split-list">
        <h1 id="page-title">{t('nav.fiuDissemination')}</h1>
        <p className="hint">{t('dissemination.intro')}</p>
        <form className="stacked-form" onSubmit={(event) => void submit(event)} aria-labelledby="package-title">
          <h2 id="package-title">{t('dissemination.newPackage')}</h2>
          <Status loading={agencies.loading && !agencies.data} error={agencies.error} />
          <label htmlFor="package-agency">{t('dissemination.agency')}</label>
          <select id="package-agency" value={chosenAgency} onChange={(event) => setAgencyId(event.target.value)} required>
            {agencies.data?.agencies.map((agency) => (
              <option key={agency.agencyId} value={agency.agencyId}>
                {agency.name} ({agency.agencyId}, {agency.country})
              </option>
            ))}
          </select>
          <label htmlFor="package-title-input">{t('dissemination.title')}</label>
          <input id="package-title-input" value={title} onChange={(event) => setTitle(event.target.value)} required maxLength={300} />
          <label htmlFor="package-analysis">{t('dissemination.analysis')}</label>
          <textarea id="package-analysis" value={analysis} onChange={(event) => setAnalysis(event.target.value)} rows={5} maxLength={50_000} />
          <fieldset>
            <legend>{t('dissemination.reportsChosen', { count: reportIds.length })}</legend>
            {reportIds.length === 0 ? (
              <p className="hint">{t('dissemination.noReports')}</p>
            ) : (
              <ul className="chips">
                {reportIds.map((id) => (
                  <li key={id}>
                    <code>{id}</code>
                    <button type="button" className="chip-remove" onClick={() => toggleReport(id, false)} aria-label={t('dissemination.remove', { id })}>
                      ×
                    </button>
                  </li>
                ))}
              </ul>
            )}
          </fieldset>
          <fieldset>
            <legend>{t('dissemination.entitiesChosen', { count: entityIds.length })}</legend>
            {entityIds.length > 0 && (
              <ul className="chips">
                {entityIds.map((id) => (
                  <li key={id}>
                    <Link to={`/fiu/entities/${encodeURIComponent(id)}`}>{id}</Link>
                    <button type="button" className="chip-remove" onClick={() => setEntityIds((previous) => previous.filter((candidate) => candidate !== id))} aria-label={t('dissemination.remove', { id })}>
                      ×
                    </button>
                  </li>
                ))}
              </ul>
            )}
            <div className="inline-form">
              <div>
                <label htmlFor="package-entity">{t('dissemination.addEntity')}</label>
                <input id="package-entity" value={newEntity} onChange={(event) => setNewEntity(event.target.value)} maxLength={64} />
              </div>
              <button
                type="button"
                disabled={newEntity.trim() === ''}
                onClick={() => {
                  setEntityIds((previous) => [...new Set([...previous, newEntity.trim()])]);
                  setNewEntity('');
                }}
              >
                {t('dissemination.add')}
              </button>
            </div>
          </fieldset>
          <button type="submit" disabled={busy || reportIds.length === 0 || title.trim() === '' || chosenAgency === ''}>
            {t('dissemination.send')}
          </button>
          <p role="status" className={notice ? (notice.ok ? 'ok' : 'error') : 'sr-only'}>
            {notice?.text ?? ''}
          </p>
        </form>
      </div>
      <div className="split-detail">
        {/* Mounted anew after each package so the reports show where they went. */}
        <ReportPicker key={sentCount} chosen={reportIds} onToggle={toggleReport} />
        <h2>{t('dissemination.sentPackages')}</h2>
        <Status loading={sent.loading && !sent.data} error={sent.error} empty={sent.data?.disseminations.length === 0} />
        {sent.data && sent.data.disseminations.length > 0 && (
          <table>
            <caption className="sr-only">{t('dissemination.sentPackages')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('dissemination.title')}</th>
                <th scope="col">{t('dissemination.agency')}</th>
                <th scope="col">{t('dissemination.sentAt')}</th>
                <th scope="col">{t('dissemination.contents')}</th>
              </tr>
            </thead>
            <tbody>
              {sent.data.disseminations.map((item) => (
                <tr key={item.disseminationId}>
                  <th scope="row">{item.title}</th>
                  <td>{item.agencyId}</td>
                  <td>
                    {formatDateTime(item.createdAt, i18n.language)} · {item.createdBy}
                  </td>
                  <td>{t('dissemination.contentCounts', { reports: item.reportIds.length, entities: item.entityIds.length })}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
    </section>
  );
}

/** Finds reports by a subject's name or identifier and adds them to the package. */
function ReportPicker({ chosen, onToggle }: { chosen: string[]; onToggle: (id: string, on: boolean) => void }) {
  const { t, i18n } = useTranslation();
  const [text, setText] = useState('');
  const [query, setQuery] = useState('');
  const reports = useFiuApi<{ reports: FiuReportSummary[]; total: number }>(`/reports?limit=25${query ? `&query=${encodeURIComponent(query)}` : ''}`);
  return (
    <div>
      <h2>{t('dissemination.findReports')}</h2>
      <form
        role="search"
        className="search-form"
        onSubmit={(event) => {
          event.preventDefault();
          setQuery(text.trim());
        }}
      >
        <div>
          <label htmlFor="report-query">{t('dissemination.reportQuery')}</label>
          <input id="report-query" type="search" value={text} onChange={(event) => setText(event.target.value)} maxLength={200} />
        </div>
        <button type="submit">{t('entities.search')}</button>
      </form>
      <Status loading={reports.loading && !reports.data} error={reports.error} empty={reports.data?.reports.length === 0} />
      {reports.data && reports.data.reports.length > 0 && (
        <table>
          <caption className="sr-only">{t('dissemination.reportsFound', { count: reports.data.total })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('dissemination.include')}</th>
              <th scope="col">{t('fiu.report')}</th>
              <th scope="col">{t('fiu.subjectsShort')}</th>
              <th scope="col">{t('fields.amount')}</th>
              <th scope="col">{t('fiu.filedOn')}</th>
            </tr>
          </thead>
          <tbody>
            {reports.data.reports.map((report) => (
              <tr key={report.reportId}>
                <td>
                  <input type="checkbox" checked={chosen.includes(report.reportId)} onChange={(event) => onToggle(report.reportId, event.target.checked)} aria-label={t('dissemination.includeReport', { id: report.reportId })} />
                </td>
                <th scope="row">
                  <Link to={`/fiu/triage/report/${encodeURIComponent(report.reportId)}`}>{report.reportId}</Link>
                  <div className="muted">
                    {t(`fiu.reportKinds.${report.kind}`, { defaultValue: report.kind })} · {report.institution.name}
                    {report.disseminatedTo.length > 0 && <span className="badge ok">{t('fiu.disseminatedTo', { agencies: report.disseminatedTo.join(', ') })}</span>}
                  </div>
                </th>
                <td>{report.subjectNames.slice(0, 3).join('; ') || '—'}</td>
                <td className="number">{formatMoney(report.amountMinor, report.currency, i18n.language)}</td>
                <td>{formatDay(report.filedOn, i18n.language)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
