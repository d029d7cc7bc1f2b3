import { useState } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { fiuApi, problemMessage } from '../api.ts';
import { packageLink, ReportView, ScoreBar } from '../components/fiu.tsx';
import { Status } from '../components/layout.tsx';
import { Link, useRouter } from '../router.tsx';
import type { FiuReportDetail, RankedNetwork, RankedReport, TriageQueue } from '../types.ts';
import { useFiuApi } from '../use-api.ts';

const QUEUE_LIMIT = 100;
type Selection = { kind: 'report' | 'network'; id: string } | null;

function selectionOf(path: string): Selection {
  const match = /^\/fiu\/triage\/(report|network)\/(.+)$/.exec(path);
  return match ? { kind: match[1] as 'report' | 'network', id: decodeURIComponent(match[2]!) } : null;
}

/**
 * The triage queue: reports and networks ranked by the hub's model, each with the reasons for its
 * score; an analyst's "useful" / "not useful" moves the model's weights one step.
 */
export default function FiuTriagePage() {
  const { t } = useTranslation();
  const { path } = useRouter();
  const selection = selectionOf(path);
  const queue = useFiuApi<TriageQueue>(`/triage/queue?limit=${QUEUE_LIMIT}`);
  const [view, setView] = useState<'report' | 'network'>(selection?.kind ?? 'report');
  const [decided, setDecided] = useState<Record<string, 'useful' | 'not_useful'>>({});
  const [notice, setNotice] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState<string | null>(null);

  async function decide(reportId: string, outcome: 'useful' | 'not_useful') {
    setBusy(reportId);
    setNotice(null);
    try {
      const result = await fiuApi.post<{ version: number }>('/triage/decisions', { reportId, outcome });
      setDecided((previous) => ({ ...previous, [reportId]: outcome }));
      setNotice({ ok: true, text: t(`triage.recorded.${outcome}`, { report: reportId, version: result.version }) });
      queue.reload();
    } catch (failure) {
      setNotice({ ok: false, text: problemMessage(failure, t('common.error')) });
    } finally {
      setBusy(null);
    }
  }

  const data = queue.data;
  const selectedReport = selection?.kind === 'report' ? data?.reports.find((entry) => entry.reportId === selection.id) : undefined;
  const selectedNetwork = selection?.kind === 'network' ? data?.networks.find((entry) => entry.networkId === selection.id) : undefined;
  return (
    <section aria-labelledby="page-title" className="split split-wide-list">
      <div className="split-list">
        <h1 id="page-title">{t('nav.fiuTriage')}</h1>
        <p className="hint">{t('triage.intro')}</p>
        <div className="toggle-group" role="group" aria-label={t('triage.show')}>
          <button type="button" aria-pressed={view === 'report'} onClick={() => setView('report')}>
            {t('triage.reports', { count: data?.reports.length ?? 0 })}
          </button>
          <button type="button" aria-pressed={view === 'network'} onClick={() => setView('network')}>
            {t('triage.networks', { count: data?.networks.length ?? 0 })}
          </button>
        </div>
        <p role="status" className={notice ? (notice.ok ? 'ok' : 'error') : 'sr-only'}>
          {notice?.text ?? ''}
        </p>
        <Status loading={queue.loading && !data} error={queue.error} empty={data !== null && data.reports.length === 0} />
        {data && data.reports.length > 0 && view === 'report' && <ReportQueue reports={data.reports} selected={selection?.kind === 'report' ? selection.id : null} decided={decided} busy={busy} onDecide={(id, outcome) => void decide(id, outcome)} />}
        {data && data.networks.length > 0 && view === 'network' && <NetworkQueue networks={data.networks} selected={selection?.kind === 'network' ? selection.id : null} />}
        {data && <p className="muted">{t('triage.weightsVersion', { version: data.weightsVersion })}</p>}
      </div>
      <div className="split-detail">
        {selectedReport ? (
          <ReportDetail ranked={selectedReport} decided={decided[selectedReport.reportId]} busy={busy === selectedReport.reportId} onDecide={(outcome) => void decide(selectedReport.reportId, outcome)} />
        ) : selectedNetwork ? (
          <NetworkDetail network={selectedNetwork} />
        ) : selection && data ? (
          <p role="status">{t('triage.notInQueue', { limit: QUEUE_LIMIT })}</p>
        ) : (
          <p className="hint">{t('triage.pick')}</p>
        )}
      </div>
    </section>
  );
}

function DecisionButtons({ reportId, decided, busy, onDecide }: { reportId: string; decided: 'useful' | 'not_useful' | undefined; busy: boolean; onDecide: (outcome: 'useful' | 'not_useful') => void }) {
  const { t } = useTranslation();
  return (
    <span className="decision" role="group" aria-label={t('triage.decisionFor', { report: reportId })}>
      {(['useful', 'not_useful'] as const).map((outcome) => (
        <button key={outcome} type="button" disabled={busy} onClick={() => onDecide(outcome)}>
          {t(`triage.outcome.${outcome}`)}
          <span className="sr-only"> ({reportId})</span>
        </button>
      ))}
      {/* Decisions are actions (each moves the model), not a toggle: the last one made here is shown as text. */}
      {decided && <span className={`badge ${decided === 'useful' ? 'ok' : ''}`}>{t(`triage.marked.${decided}`)}</span>}
    </span>
  );
}

function ReportQueue({ reports, selected, decided, busy, onDecide }: { reports: RankedReport[]; selected: string | null; decided: Record<string, 'useful' | 'not_useful'>; busy: string | null; onDecide: (reportId: string, outcome: 'useful' | 'not_useful') => void }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language === 'es' ? 'es' : 'en';
  return (
    <table className="triage-queue">
      <caption className="sr-only">{t('triage.reportsCaption', { count: reports.length })}</caption>
      <thead>
        <tr>
          <th scope="col">#</th>
          <th scope="col">{t('fiu.report')}</th>
          <th scope="col">{t('fields.score')}</th>
          <th scope="col">{t('triage.topReasons')}</th>
          <th scope="col">{t('triage.decision')}</th>
        </tr>
      </thead>
      <tbody>
        {reports.map((entry, index) => (
          <tr key={entry.reportId} className={entry.reportId === selected ? 'selected' : undefined}>
            <td className="number">{index + 1}</td>
            <th scope="row">
              <Link to={`/fiu/triage/report/${encodeURIComponent(entry.reportId)}`}>{entry.reportId}</Link>
            </th>
            <td>
              <ScoreBar score={entry.score} />
            </td>
            <td>
              <ul className="reasons">
                {entry.reasons.slice(0, 3).map((reason) => (
                  <li key={reason.feature}>{reason[language]}</li>
                ))}
              </ul>
            </td>
            <td>
              <DecisionButtons reportId={entry.reportId} decided={decided[entry.reportId]} busy={busy === entry.reportId} onDecide={(outcome) => onDecide(entry.reportId, outcome)} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** A network's reasons from its fields, in the reader's language (the API's own reasons are English). */
function networkReasons(network: RankedNetwork, t: TFunction): string[] {
  return [
    t('triage.networkReason.reports', { count: network.reportIds.length }),
    t('triage.networkReason.entities', { count: network.entityIds.length }),
    t('triage.networkReason.institutions', { count: network.institutions.length }),
    ...(network.countries.length > 1 ? [t('triage.networkReason.countries', { countries: network.countries.join(', ') })] : []),
    ...(network.designations.length > 0 ? [t('triage.networkReason.designated', { names: network.designations.join(', ') })] : []),
  ];
}

function NetworkQueue({ networks, selected }: { networks: RankedNetwork[]; selected: string | null }) {
  const { t } = useTranslation();
  return (
    <table className="triage-queue">
      <caption className="sr-only">{t('triage.networksCaption', { count: networks.length })}</caption>
      <thead>
        <tr>
          <th scope="col">#</th>
          <th scope="col">{t('triage.network')}</th>
          <th scope="col">{t('fields.score')}</th>
          <th scope="col">{t('triage.reasons')}</th>
        </tr>
      </thead>
      <tbody>
        {networks.map((network, index) => (
          <tr key={network.networkId} className={network.networkId === selected ? 'selected' : undefined}>
            <td className="number">{index + 1}</td>
            <th scope="row">
              <Link to={`/fiu/triage/network/${encodeURIComponent(network.networkId)}`}>{t('triage.networkOf', { count: network.entityIds.length, id: network.networkId.slice(0, 14) })}</Link>
            </th>
            <td>
              <ScoreBar score={network.score} />
            </td>
            <td>
              <ul className="reasons">
                {networkReasons(network, t).map((reason) => (
                  <li key={reason}>{reason}</li>
                ))}
              </ul>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function ReportDetail({ ranked, decided, busy, onDecide }: { ranked: RankedReport; decided: 'useful' | 'not_useful' | undefined; busy: boolean; onDecide: (outcome: 'useful' | 'not_useful') => void }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language === 'es' ? 'es' : 'en';
  const report = useFiuApi<FiuReportDetail>(`/reports/${encodeURIComponent(ranked.reportId)}`);
  const entityIds = [...new Set(report.data?.subjects.map((subject) => subject.entityId).filter((id): id is string => id !== null) ?? [])];
  return (
    <div>
      <h2>
        {t('triage.whyRanked', { report: ranked.reportId })} <span className="muted">({ranked.score.toFixed(1)})</span>
      </h2>
      <table>
        <caption className="sr-only">{t('triage.reasons')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('triage.reason')}</th>
            <th scope="col">{t('triage.detail')}</th>
            <th scope="col">{t('triage.contribution')}</th>
          </tr>
        </thead>
        <tbody>
          {ranked.reasons.map((reason) => (
            <tr key={reason.feature}>
              <th scope="row">{reason[language]}</th>
              <td>{reason.detail || '—'}</td>
              <td className="number">{reason.contribution.toFixed(2)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="actions">
        <DecisionButtons reportId={ranked.reportId} decided={decided} busy={busy} onDecide={onDecide} />
        <Link className="button" to={packageLink([ranked.reportId], entityIds)}>
          {t('triage.buildPackage')}
        </Link>
      </div>
      <Status loading={report.loading && !report.data} error={report.error} />
      {report.data && (
        <ReportView
          report={report.data}
          entityOf={(subject) => report.data?.subjects.find((candidate) => candidate.subjectId === subject.subjectId)?.entityId ?? null}
          actions={report.data.disseminatedTo.length > 0 ? <p className="badge ok">{t('fiu.disseminatedTo', { agencies: report.data.disseminatedTo.join(', ') })}</p> : null}
        />
      )}
    </div>
  );
}

function NetworkDetail({ network }: { network: RankedNetwork }) {
  const { t } = useTranslation();
  return (
    <article aria-labelledby="network-title">
      <h2 id="network-title">
        {t('triage.networkOf', { count: network.entityIds.length, id: network.networkId.slice(0, 14) })} <span className="muted">({network.score.toFixed(1)})</span>
      </h2>
      <ul>
        {networkReasons(network, t).map((reason) => (
          <li key={reason}>{reason}</li>
        ))}
      </ul>
      <div className="actions">
        <Link className="button primary" to={packageLink(network.reportIds, network.entityIds)}>
          {t('triage.buildPackage')}
        </Link>
      </div>
      <h3>{t('triage.entities', { count: network.entityIds.length })}</h3>
      <ul className="inline-list">
        {network.entityIds.map((entityId) => (
          <li key={entityId}>{entityId.startsWith('subject:') ? <span className="muted">{entityId}</span> : <Link to={`/fiu/entities/${encodeURIComponent(entityId)}`}>{entityId}</Link>}</li>
        ))}
      </ul>
      <h3>{t('triage.networkReports', { count: network.reportIds.length })}</h3>
      <ul className="inline-list">
        {network.reportIds.map((reportId) => (
          <li key={reportId}>
            <Link to={`/fiu/triage/report/${encodeURIComponent(reportId)}`}>{reportId}</Link>
          </li>
        ))}
      </ul>
      <dl className="facts">
        <div>
          <dt>{t('fiu.institutions')}</dt>
          <dd>{network.institutions.join(', ') || '—'}</dd>
        </div>
        <div>
          <dt>{t('fiu.countries')}</dt>
          <dd>{network.countries.join(', ') || '—'}</dd>
        </div>
        <div>
          <dt>{t('fiu.designations')}</dt>
          <dd>{network.designations.join(', ') || '—'}</dd>
        </div>
      </dl>
    </article>
  );
}
