import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { InvestigatorReport, usePurposeRequest } from '../components/investigator.tsx';
import { Status } from '../components/layout.tsx';
import type { FiuReport, InvestigatorSearchHit } from '../types.ts';

const MINIMUM_SEARCH_LENGTH = 2;

/** Searches names and identifiers within what was disseminated to the agency; each search declares its purpose. */
export default function InvestigatorSearchPage() {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const [searched, setSearched] = useState('');
  const lastPurpose = useRef('');
  const results = usePurposeRequest<InvestigatorSearchHit[]>(lastPurpose);
  const report = usePurposeRequest<FiuReport>(lastPurpose);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const query = text.trim();
    if (query.length < MINIMUM_SEARCH_LENGTH) return;
    if (await results.run(t('investigator.actions.search', { text: query }), `/investigator/search?text=${encodeURIComponent(query)}`)) setSearched(query);
  }

  return (
    <section aria-labelledby="page-title" className="split">
      <div className="split-list">
        <h1 id="page-title">{t('nav.investigatorSearch')}</h1>
        <p className="hint">{t('investigator.searchIntro')}</p>
        <form role="search" className="search-form" onSubmit={(event) => void submit(event)}>
          <div>
            <label htmlFor="investigator-query">{t('investigator.searchLabel')}</label>
            <input id="investigator-query" type="search" value={text} onChange={(event) => setText(event.target.value)} required minLength={MINIMUM_SEARCH_LENGTH} maxLength={200} />
          </div>
          <button type="submit" className="primary">
            {t('investigator.search')}
          </button>
        </form>
        {results.purpose && <p className="muted">{t('investigator.declared', { purpose: results.purpose })}</p>}
        <Status loading={results.loading} error={results.error} />
        {results.data && (
          <table>
            <caption>{t('investigator.resultsCaption', { count: results.data.length, text: searched })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('fiu.name')}</th>
                <th scope="col">{t('investigator.matchedOn')}</th>
                <th scope="col">{t('fiu.report')}</th>
              </tr>
            </thead>
            <tbody>
              {results.data.map((hit) => (
                <tr key={hit.subjectId}>
                  <th scope="row">{hit.fullName || '—'}</th>
                  <td>{t(`investigator.matched.${hit.matchedOn}`)}</td>
                  <td>
                    <button type="button" className="link-button" onClick={() => void report.run(t('investigator.actions.openReport', { report: hit.reportId }), `/investigator/reports/${encodeURIComponent(hit.reportId)}`)}>
                      {t('investigator.openReport', { report: hit.reportId })}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
      <div className="split-detail">{report.data || report.loading || report.error ? <InvestigatorReport report={report} /> : <p className="hint">{t('investigator.pickResult')}</p>}</div>
      {results.dialog}
      {report.dialog}
    </section>
  );
}
