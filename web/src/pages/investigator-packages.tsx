import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { InvestigatorReport, usePurposeRequest } from '../components/investigator.tsx';
import { Status } from '../components/layout.tsx';
import { formatDateTime } from '../format.ts';
import type { DisseminationPackage, FiuReport } from '../types.ts';

/**
 * What the FIU disseminated to the investigator's agency. Listing the packages and opening each
 * report are separate requests, each sent only with a declared purpose (audited by the hub).
 */
export default function InvestigatorPackagesPage() {
  const { t, i18n } = useTranslation();
  const lastPurpose = useRef('');
  const packages = usePurposeRequest<DisseminationPackage[]>(lastPurpose);
  const report = usePurposeRequest<FiuReport>(lastPurpose);
  const asked = useRef(false);
  const { run } = packages;

  useEffect(() => {
    // Ask once on arrival; a cancelled dialog leaves the button below to ask again.
    if (asked.current) return;
    asked.current = true;
    void run(t('investigator.actions.listPackages'), '/investigator/packages');
  }, [run, t]);

  const openReport = (reportId: string) => void report.run(t('investigator.actions.openReport', { report: reportId }), `/investigator/reports/${encodeURIComponent(reportId)}`);

  return (
    <section aria-labelledby="page-title" className="split">
      <div className="split-list">
        <h1 id="page-title">{t('nav.investigatorPackages')}</h1>
        <p className="hint">{t('investigator.intro')}</p>
        <div className="actions">
          <button type="button" onClick={() => void run(t('investigator.actions.listPackages'), '/investigator/packages')}>
            {packages.data ? t('investigator.refresh') : t('investigator.listPackages')}
          </button>
        </div>
        {packages.purpose && <p className="muted">{t('investigator.declared', { purpose: packages.purpose })}</p>}
        <Status loading={packages.loading} error={packages.error} />
        {packages.data && packages.data.length === 0 && <p role="status">{t('investigator.noPackages')}</p>}
        {packages.data && packages.data.length > 0 && (
          <ol className="entries packages" aria-label={t('investigator.packagesCaption', { count: packages.data.length })}>
            {[...packages.data].reverse().map((item) => (
              <li key={item.disseminationId}>
                <h2 className="package-title">{item.title}</h2>
                <p className="muted">
                  {formatDateTime(item.createdAt, i18n.language)} · {t('investigator.from', { analyst: item.createdBy })} · {item.agencyId}
                </p>
                {item.analysis && <p className="narrative-text">{item.analysis}</p>}
                <h3>{t('investigator.reports', { count: item.reportIds.length })}</h3>
                <ul className="inline-list">
                  {item.reportIds.map((reportId) => (
                    <li key={reportId}>
                      <button type="button" className="link-button" onClick={() => openReport(reportId)}>
                        {t('investigator.openReport', { report: reportId })}
                      </button>
                    </li>
                  ))}
                </ul>
                {item.entityIds.length > 0 && <p className="muted">{t('investigator.entities', { count: item.entityIds.length, ids: item.entityIds.join(', ') })}</p>}
              </li>
            ))}
          </ol>
        )}
      </div>
      <div className="split-detail">{report.data || report.loading || report.error ? <InvestigatorReport report={report} /> : <p className="hint">{t('investigator.pickReport')}</p>}</div>
      {packages.dialog}
      {report.dialog}
    </section>
  );
}
