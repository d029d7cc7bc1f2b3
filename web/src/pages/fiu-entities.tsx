import { useEffect, useMemo, useState, type FormEvent } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { ApiError, fiuApi, problemMessage } from '../api.ts';
import { formatDay, formatPercent, identifierText, packageLink } from '../components/fiu.tsx';
import { Status } from '../components/layout.tsx';
import { LinkGraph, type GraphEdge, type GraphNode } from '../components/link-graph.tsx';
import { Link, useRouter } from '../router.tsx';
import type { FiuEntityDetail, FiuEntitySummary, FiuReportDetail, LinkEvidence, ResolutionRun } from '../types.ts';
import { useFiuApi } from '../use-api.ts';

/** Reports read to draw an entity's network: enough to see its neighbours without a slow page. */
const NETWORK_REPORT_LIMIT = 25;

/** Entity resolution: find an entity, read why its mentions were joined, see its network, merge or split. */
export default function FiuEntitiesPage() {
  const { t } = useTranslation();
  const { path, search, navigate } = useRouter();
  const selected = path.startsWith('/fiu/entities/') ? decodeURIComponent(path.slice('/fiu/entities/'.length)) : null;
  const query = search.get('query') ?? '';
  const [text, setText] = useState(query);
  // Kept by the page: after a merge or split the view may move to the entity that now holds the mentions.
  const [notice, setNotice] = useState<Notice | null>(null);
  const list = useFiuApi<{ entities: FiuEntitySummary[] }>(`/entities?limit=50${query ? `&query=${encodeURIComponent(query)}` : ''}`);

  function submit(event: FormEvent) {
    event.preventDefault();
    const next = text.trim();
    navigate(`${selected ? `/fiu/entities/${encodeURIComponent(selected)}` : '/fiu/entities'}${next ? `?query=${encodeURIComponent(next)}` : ''}`);
  }

  const suffix = query ? `?query=${encodeURIComponent(query)}` : '';
  return (
    <section aria-labelledby="page-title" className="split">
      <div className="split-list">
        <h1 id="page-title">{t('nav.fiuEntities')}</h1>
        <form role="search" className="search-form" onSubmit={submit}>
          <div>
            <label htmlFor="entity-query">{t('entities.query')}</label>
            <input id="entity-query" type="search" value={text} onChange={(event) => setText(event.target.value)} maxLength={200} aria-describedby="entity-query-hint" />
          </div>
          <button type="submit" className="primary">
            {t('entities.search')}
          </button>
        </form>
        <p id="entity-query-hint" className="hint">
          {t('entities.queryHint')}
        </p>
        <Status loading={list.loading && !list.data} error={list.error} empty={list.data?.entities.length === 0} />
        {list.data && list.data.entities.length > 0 && (
          <table>
            <caption className="sr-only">{query ? t('entities.resultsFor', { query }) : t('entities.largest')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('fiu.name')}</th>
                <th scope="col">{t('entities.kind')}</th>
                <th scope="col">{t('entities.mentions')}</th>
              </tr>
            </thead>
            <tbody>
              {list.data.entities.map((entity) => (
                <tr key={entity.entityId} className={entity.entityId === selected ? 'selected' : undefined}>
                  <th scope="row">
                    <Link to={`/fiu/entities/${encodeURIComponent(entity.entityId)}${suffix}`}>{entity.displayName || entity.entityId}</Link>
                  </th>
                  <td>{t(`entities.kinds.${entity.kind}`, { defaultValue: entity.kind })}</td>
                  <td className="number">{entity.mentionCount}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
      <div className="split-detail">
        <p role="status" className={notice ? (notice.ok ? 'ok' : 'error') : 'sr-only'}>
          {notice?.text ?? ''}
        </p>
        {selected ? (
          <EntityView
            key={selected}
            entityId={selected}
            candidates={list.data?.entities ?? []}
            onNotice={setNotice}
            onChanged={(survivor) => {
              list.reload();
              if (survivor !== selected) navigate(`/fiu/entities/${encodeURIComponent(survivor)}${suffix}`);
            }}
          />
        ) : (
          <p className="hint">{t('entities.pick')}</p>
        )}
      </div>
    </section>
  );
}

type Notice = { ok: boolean; text: string };

/** The first of these entity ids that still exists after a re-resolution (ids are kept by the larger part). */
async function survivingEntity(candidates: readonly string[]): Promise<string | null> {
  for (const candidate of candidates) {
    try {
      await fiuApi.get(`/entities/${encodeURIComponent(candidate)}`);
      return candidate;
    } catch (failure) {
      if (!(failure instanceof ApiError && failure.problem.status === 404)) throw failure;
    }
  }
  return null;
}

/** The entity a mention belongs to now, read from its report. */
async function entityOfMention(mention: { reportId: string; subjectId: string }): Promise<string | null> {
  const report = await fiuApi.get<FiuReportDetail>(`/reports/${encodeURIComponent(mention.reportId)}`);
  return report.subjects.find((subject) => subject.subjectId === mention.subjectId)?.entityId ?? null;
}

function evidenceText(evidence: LinkEvidence, t: TFunction, language: string): string {
  switch (evidence.kind) {
    case 'identifier':
      return t('entities.evidence.identifier', { kind: t(`fiu.identifierKinds.${evidence.identifierKind}`), value: evidence.value });
    case 'name':
      return t('entities.evidence.name', { similarity: formatPercent(evidence.similarity, language), detail: evidence.detail });
    case 'birth_date':
      return t('entities.evidence.birthDate', { value: evidence.value });
    case 'address':
      return t('entities.evidence.address', { value: evidence.value });
    case 'analyst':
      return t('entities.evidence.analyst', { by: evidence.by });
    case 'conflict':
      return t('entities.evidence.conflict', { detail: evidence.detail });
  }
}

/** The entity's neighbourhood: it, the reports that mention it, and the other entities on those reports. */
function useEntityNetwork(entity: FiuEntityDetail | null) {
  const [reports, setReports] = useState<FiuReportDetail[]>([]);
  const [error, setError] = useState<unknown>(null);
  const reportIds = useMemo(() => [...new Set(entity?.mentions.map((mention) => mention.reportId) ?? [])], [entity]);
  useEffect(() => {
    if (reportIds.length === 0) return;
    let live = true;
    Promise.all(reportIds.slice(0, NETWORK_REPORT_LIMIT).map((id) => fiuApi.get<FiuReportDetail>(`/reports/${encodeURIComponent(id)}`))).then(
      (loaded) => live && setReports(loaded),
      (failure: unknown) => live && setError(failure),
    );
    return () => {
      live = false;
    };
  }, [reportIds]);
  const graph = useMemo(() => {
    if (!entity) return null;
    const nodes = new Map<string, GraphNode>([[entity.entityId, { id: entity.entityId, label: entity.displayName, kind: 'entity', current: true }]]);
    const edges: Array<GraphEdge & { entityName: string; reportId: string; role: string }> = [];
    const seen = new Set<string>();
    for (const report of reports) {
      const reportNode = `report:${report.reportId}`;
      nodes.set(reportNode, { id: reportNode, label: report.reportId, kind: 'report' });
      for (const subject of report.subjects) {
        const entityId = subject.entityId ?? `subject:${subject.subjectId}`;
        if (!nodes.has(entityId)) nodes.set(entityId, { id: entityId, label: subject.fullName || entityId, kind: 'entity' });
        const id = `${entityId}|${reportNode}|${subject.role}`;
        if (seen.has(id)) continue;
        seen.add(id);
        edges.push({ id, source: entityId, target: reportNode, label: subject.role, entityName: nodes.get(entityId)!.label, reportId: report.reportId, role: subject.role });
      }
    }
    return { nodes: [...nodes.values()], edges };
  }, [entity, reports]);
  return { graph, error, truncated: reportIds.length > NETWORK_REPORT_LIMIT };
}

function EntityView({ entityId, candidates, onChanged, onNotice }: { entityId: string; candidates: FiuEntitySummary[]; onChanged: (survivor: string) => void; onNotice: (notice: Notice) => void }) {
  const { t, i18n } = useTranslation();
  const { navigate } = useRouter();
  const detail = useFiuApi<FiuEntityDetail>(`/entities/${encodeURIComponent(entityId)}`);
  const entity = detail.data;
  const network = useEntityNetwork(entity);
  const [splitting, setSplitting] = useState<Set<string>>(new Set());

  const mentionName = useMemo(() => new Map(entity?.mentions.map((mention) => [mention.subjectId, `${mention.fullName} (${mention.reportId})`]) ?? []), [entity]);
  const identifiers = useMemo(() => {
    const counts = new Map<string, { kind: string; value: string; mentions: number }>();
    for (const mention of entity?.mentions ?? []) {
      for (const identifier of mention.identifiers) {
        const key = `${identifier.kind}:${identifier.value}`;
        const entry = counts.get(key) ?? { ...identifier, mentions: 0 };
        entry.mentions++;
        counts.set(key, entry);
      }
    }
    return [...counts.values()].sort((a, b) => b.mentions - a.mentions || a.kind.localeCompare(b.kind));
  }, [entity]);

  if (!entity) {
    const gone = detail.error instanceof ApiError && detail.error.problem.status === 404;
    return gone ? <p role="status">{t('entities.gone')}</p> : <Status loading={detail.loading} error={detail.error} />;
  }

  /** After a merge or split: stay on this entity if it kept its id, else follow the mentions. */
  const done = async (text: string, follow: () => Promise<string | null>) => {
    onNotice({ ok: true, text });
    setSplitting(new Set());
    const survivor = (await follow().catch(() => null)) ?? entityId;
    if (survivor === entityId) detail.reload();
    onChanged(survivor);
  };
  const failed = (text: string) => onNotice({ ok: false, text });
  const staying = entity.mentions.find((mention) => !splitting.has(mention.subjectId));

  return (
    <article aria-labelledby="entity-title">
      <h2 id="entity-title">{entity.displayName || entity.entityId}</h2>
      <dl className="facts">
        <div>
          <dt>{t('entities.id')}</dt>
          <dd>
            <code>{entity.entityId}</code>
          </dd>
        </div>
        <div>
          <dt>{t('entities.kind')}</dt>
          <dd>{t(`entities.kinds.${entity.kind}`, { defaultValue: entity.kind })}</dd>
        </div>
        <div>
          <dt>{t('entities.mentions')}</dt>
          <dd>{entity.mentionCount}</dd>
        </div>
        <div>
          <dt>{t('entities.resolvedAt')}</dt>
          <dd>{new Date(entity.resolvedAt).toLocaleString(i18n.language === 'es' ? 'es-MX' : 'en-US')}</dd>
        </div>
      </dl>
      <div className="actions">
        <Link className="button" to={packageLink([...new Set(entity.mentions.map((mention) => mention.reportId))], [entity.entityId])}>
          {t('triage.buildPackage')}
        </Link>
      </div>
      <h3>{t('entities.network')}</h3>
      <Status error={network.error} />
      {network.graph && (
        <LinkGraph
          nodes={network.graph.nodes}
          edges={network.graph.edges}
          label={t('entities.networkLabel', { entities: network.graph.nodes.filter((node) => node.kind === 'entity').length, reports: network.graph.nodes.filter((node) => node.kind === 'report').length })}
          tableCaption={t('entities.networkTable')}
          columns={[t('fiu.name'), t('fiu.report'), t('fiu.role')]}
          row={(edge) => (
            <>
              <td>{edge.source.startsWith('subject:') || edge.source === entity.entityId ? edge.entityName : <Link to={`/fiu/entities/${encodeURIComponent(edge.source)}`}>{edge.entityName}</Link>}</td>
              <td>
                <Link to={`/fiu/triage/report/${encodeURIComponent(edge.reportId)}`}>{edge.reportId}</Link>
              </td>
              <td>{t(`fiu.subjectRoles.${edge.role}`, { defaultValue: edge.role })}</td>
            </>
          )}
          onOpen={(node) => {
            if (node.kind === 'entity' && !node.current && !node.id.startsWith('subject:')) navigate(`/fiu/entities/${encodeURIComponent(node.id)}`);
            if (node.kind === 'report') navigate(`/fiu/triage/report/${encodeURIComponent(node.id.slice('report:'.length))}`);
          }}
        />
      )}
      {network.truncated && <p className="muted">{t('entities.networkTruncated', { count: NETWORK_REPORT_LIMIT })}</p>}

      <h3>{t('entities.identifiers')}</h3>
      {identifiers.length === 0 ? (
        <p className="muted">{t('entities.noIdentifiers')}</p>
      ) : (
        <table>
          <caption className="sr-only">{t('entities.identifiers')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('entities.identifierKind')}</th>
              <th scope="col">{t('entities.value')}</th>
              <th scope="col">{t('entities.mentions')}</th>
            </tr>
          </thead>
          <tbody>
            {identifiers.map((identifier) => (
              <tr key={`${identifier.kind}:${identifier.value}`}>
                <td>{t(`fiu.identifierKinds.${identifier.kind}`, { defaultValue: identifier.kind })}</td>
                <td>
                  <code>{identifier.value}</code>
                </td>
                <td className="number">{identifier.mentions}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      <h3 id="mentions-title">{t('entities.mentionsTitle', { count: entity.mentions.length })}</h3>
      <table aria-labelledby="mentions-title">
        <thead>
          <tr>
            <th scope="col">{t('entities.splitOff')}</th>
            <th scope="col">{t('fiu.name')}</th>
            <th scope="col">{t('fiu.report')}</th>
            <th scope="col">{t('fiu.birthDate')}</th>
            <th scope="col">{t('fiu.identifiers')}</th>
          </tr>
        </thead>
        <tbody>
          {entity.mentions.map((mention) => (
            <tr key={mention.subjectId}>
              <td>
                <input
                  type="checkbox"
                  aria-label={t('entities.splitMention', { name: mention.fullName, report: mention.reportId })}
                  checked={splitting.has(mention.subjectId)}
                  onChange={(event) =>
                    setSplitting((previous) => {
                      const next = new Set(previous);
                      if (event.target.checked) next.add(mention.subjectId);
                      else next.delete(mention.subjectId);
                      return next;
                    })
                  }
                />
              </td>
              <th scope="row">{mention.fullName || '—'}</th>
              <td>
                <Link to={`/fiu/triage/report/${encodeURIComponent(mention.reportId)}`}>{mention.reportId}</Link>
              </td>
              <td>{formatDay(mention.birthDate, i18n.language)}</td>
              <td>{identifierText(mention.identifiers, t)}</td>
            </tr>
          ))}
        </tbody>
      </table>

      <h3>{t('entities.links', { count: entity.links.length })}</h3>
      {entity.links.length === 0 ? (
        <p className="muted">{t('entities.noLinks')}</p>
      ) : (
        <table>
          <caption className="sr-only">{t('entities.links', { count: entity.links.length })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('entities.between')}</th>
              <th scope="col">{t('fields.score')}</th>
              <th scope="col">{t('entities.evidenceTitle')}</th>
            </tr>
          </thead>
          <tbody>
            {entity.links.map((link) => (
              <tr key={`${link.from}|${link.to}`}>
                <th scope="row">
                  {mentionName.get(link.from) ?? link.from} ↔ {mentionName.get(link.to) ?? link.to}
                </th>
                <td className="number">{link.score.toFixed(2)}</td>
                <td>
                  <ul className="reasons">
                    {(Array.isArray(link.evidence) ? link.evidence : []).map((evidence, index) => (
                      <li key={index} className={evidence.kind === 'conflict' ? 'error' : undefined}>
                        {evidenceText(evidence, t, i18n.language)}
                      </li>
                    ))}
                  </ul>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      <div className="form-grid">
        <MergeForm entityId={entity.entityId} candidates={candidates.filter((candidate) => candidate.entityId !== entity.entityId)} onDone={(text, other) => void done(text, () => survivingEntity([entity.entityId, other]))} onFailed={failed} />
        <SplitForm entityId={entity.entityId} mentionIds={[...splitting]} total={entity.mentions.length} onDone={(text) => void done(text, async () => (staying ? entityOfMention(staying) : null))} onFailed={failed} />
      </div>
    </article>
  );
}

const MINIMUM_REASON_LENGTH = 5;

function MergeForm({ entityId, candidates, onDone, onFailed }: { entityId: string; candidates: FiuEntitySummary[]; onDone: (text: string, otherEntityId: string) => void; onFailed: (text: string) => void }) {
  const { t } = useTranslation();
  const [other, setOther] = useState('');
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    try {
      const otherEntityId = other.trim();
      const run = await fiuApi.post<ResolutionRun>('/entities/merge', { entityA: entityId, entityB: otherEntityId, reason: reason.trim() });
      setOther('');
      setReason('');
      onDone(t('entities.merged', { entities: run.entities }), otherEntityId);
    } catch (failure) {
      onFailed(problemMessage(failure, t('common.error')));
    } finally {
      setBusy(false);
    }
  }
  return (
    <form className="stacked-form panel" onSubmit={(event) => void submit(event)} aria-labelledby="merge-title">
      <h3 id="merge-title">{t('entities.mergeTitle')}</h3>
      <label htmlFor="merge-other">{t('entities.mergeWith')}</label>
      <input id="merge-other" list="merge-candidates" value={other} onChange={(event) => setOther(event.target.value)} required maxLength={64} aria-describedby="merge-hint" />
      <datalist id="merge-candidates">
        {candidates.map((candidate) => (
          <option key={candidate.entityId} value={candidate.entityId}>
            {candidate.displayName}
          </option>
        ))}
      </datalist>
      <p id="merge-hint" className="hint">
        {t('entities.mergeHint')}
      </p>
      <label htmlFor="merge-reason">{t('entities.reason')}</label>
      <textarea id="merge-reason" value={reason} onChange={(event) => setReason(event.target.value)} required minLength={MINIMUM_REASON_LENGTH} maxLength={1000} rows={2} />
      <button type="submit" disabled={busy || other.trim() === '' || reason.trim().length < MINIMUM_REASON_LENGTH}>
        {t('entities.merge')}
      </button>
    </form>
  );
}

function SplitForm({ entityId, mentionIds, total, onDone, onFailed }: { entityId: string; mentionIds: string[]; total: number; onDone: (text: string) => void; onFailed: (text: string) => void }) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    try {
      const run = await fiuApi.post<ResolutionRun>(`/entities/${encodeURIComponent(entityId)}/split`, { mentionIds, reason: reason.trim() });
      setReason('');
      onDone(t('entities.split', { count: mentionIds.length, entities: run.entities }));
    } catch (failure) {
      onFailed(problemMessage(failure, t('common.error')));
    } finally {
      setBusy(false);
    }
  }
  const usable = mentionIds.length > 0 && mentionIds.length < total;
  return (
    <form className="stacked-form panel" onSubmit={(event) => void submit(event)} aria-labelledby="split-title">
      <h3 id="split-title">{t('entities.splitTitle')}</h3>
      <p className="hint" id="split-hint" aria-live="polite">
        {t('entities.splitHint', { count: mentionIds.length })}
      </p>
      <label htmlFor="split-reason">{t('entities.reason')}</label>
      <textarea id="split-reason" value={reason} onChange={(event) => setReason(event.target.value)} required minLength={MINIMUM_REASON_LENGTH} maxLength={1000} rows={2} aria-describedby="split-hint" />
      <button type="submit" disabled={busy || !usable || reason.trim().length < MINIMUM_REASON_LENGTH}>
        {t('entities.splitButton', { count: mentionIds.length })}
      </button>
    </form>
  );
}
