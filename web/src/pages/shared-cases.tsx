import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, sharingApi } from '../api.ts';
import { problemText, SharingStatus, type NodeInfo, type SharedCaseSummary, type SharedCaseView, type SharedEntry } from '../components/sharing.tsx';
import { formatDateTime, formatMoney } from '../format.ts';
import { Link, useRouter } from '../router.tsx';
import type { AlertDetail } from '../types.ts';
import { useSharingApi } from '../use-api.ts';

/** Shared cases over matched subjects: the list, and one case with its named investigators and entries. */
export default function SharedCasesPage() {
  const { t, i18n } = useTranslation();
  const { path } = useRouter();
  const selected = path.startsWith('/shared-cases/') ? decodeURIComponent(path.slice('/shared-cases/'.length)) : null;
  const list = useSharingApi<{ cases: SharedCaseSummary[] }>('/cases');
  return (
    <section aria-labelledby="page-title" className="split">
      <div className="split-list">
        <h1 id="page-title">{t('nav.sharedCases')}</h1>
        <SharingStatus loading={list.loading && !list.data} error={list.error} />
        {list.data && list.data.cases.length === 0 && <p role="status">{t('sharing.noCases')}</p>}
        {list.data && list.data.cases.length > 0 && (
          <table>
            <caption className="sr-only">{t('nav.sharedCases')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('sharing.caseTitle')}</th>
                <th scope="col">{t('sharing.institutions')}</th>
                <th scope="col">{t('sharing.openedAt')}</th>
              </tr>
            </thead>
            <tbody>
              {list.data.cases.map((sharedCase) => (
                <tr key={sharedCase.caseId} className={sharedCase.caseId === selected ? 'selected' : undefined}>
                  <td>
                    <Link to={`/shared-cases/${encodeURIComponent(sharedCase.caseId)}`}>{sharedCase.title}</Link>
                  </td>
                  <td>{sharedCase.institutions.join(' · ')}</td>
                  <td>{formatDateTime(sharedCase.openedAt, i18n.language)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <p className="hint">
          {t('sharing.casesHint')} <Link to="/match">{t('nav.sharingMatch')}</Link>
        </p>
      </div>
      <div className="split-detail">{selected ? <CaseView caseId={selected} onChanged={list.reload} /> : <p className="hint">{t('sharing.pickCase')}</p>}</div>
    </section>
  );
}

function CaseView({ caseId, onChanged }: { caseId: string; onChanged: () => void }) {
  const { t, i18n } = useTranslation();
  const self = useSharingApi<NodeInfo>('/node');
  const view = useSharingApi<SharedCaseView>(`/cases/${encodeURIComponent(caseId)}`);
  if (!view.data) return <SharingStatus loading={view.loading} error={view.error} />;
  const sharedCase = view.data;
  const ownSubjects = (handle: string) => sharedCase.ownSubjectsByHandle[handle]?.join(', ') ?? '—';
  return (
    <article aria-labelledby="case-title">
      <h2 id="case-title">{sharedCase.title}</h2>
      <dl className="facts">
        <div>
          <dt>{t('sharing.institutions')}</dt>
          <dd>{sharedCase.institutions.join(' · ')}</dd>
        </div>
        <div>
          <dt>{t('sharing.openedAt')}</dt>
          <dd>
            {formatDateTime(sharedCase.openedAt, i18n.language)} · {sharedCase.openedBy}
          </dd>
        </div>
        <div>
          <dt>{t('sharing.sessionId')}</dt>
          <dd>{sharedCase.sessionId}</dd>
        </div>
      </dl>
      <h3>{t('sharing.namedInvestigators')}</h3>
      <ul>
        {Object.entries(sharedCase.investigators).map(([institution, ids]) => (
          <li key={institution}>
            <strong>{institution}</strong>: {ids.join(', ')}
          </li>
        ))}
      </ul>
      <h3>{t('sharing.caseSubjects')}</h3>
      <table>
        <caption className="sr-only">{t('sharing.caseSubjects')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('sharing.ourSubject')}</th>
            <th scope="col">{t('sharing.handle')}</th>
          </tr>
        </thead>
        <tbody>
          {subjectRows(sharedCase).map(({ subject, handles }) => (
            <tr key={subject}>
              <th scope="row">{subject}</th>
              <td>
                {handles.map((handle) => (
                  <code key={handle} title={handle}>
                    {handle.slice(0, 8)}…{' '}
                  </code>
                ))}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <h3>{t('sharing.entries')}</h3>
      {sharedCase.entries.length === 0 ? (
        <p role="status">{t('sharing.noEntries')}</p>
      ) : (
        <ol className="entries">
          {sharedCase.entries.map((entry) => (
            <li key={entry.entryId} className={entry.institutionId === self.data?.institutionId ? undefined : 'theirs'}>
              <EntryText entry={entry} ownSubjects={ownSubjects(entry.subjectHandle)} />
            </li>
          ))}
        </ol>
      )}
      <EntryForm
        sharedCase={sharedCase}
        onAdded={() => {
          view.reload();
          onChanged();
        }}
      />
    </article>
  );
}

function EntryText({ entry, ownSubjects }: { entry: SharedEntry; ownSubjects: string }) {
  const { t, i18n } = useTranslation();
  return (
    <>
      <p className="hint">
        {t(`sharing.entryKinds.${entry.kind}`)} · {entry.author} ({entry.institutionId}) · {formatDateTime(entry.createdAt, i18n.language)} · {t('sharing.about', { subjects: ownSubjects })}
      </p>
      {entry.text !== undefined && <p>{entry.text}</p>}
      {entry.alert !== undefined && (
        <p>
          {entry.alert.alertId} · {entry.alert.typologyId} · {formatDateTime(entry.alert.time, i18n.language)} — {entry.alert.summary}
        </p>
      )}
      {entry.transaction !== undefined && (
        <p>
          {entry.transaction.id} · {formatDateTime(entry.transaction.time, i18n.language)} · {formatMoney(entry.transaction.amountMinor, entry.transaction.currency, i18n.language)} · {entry.transaction.channel}
        </p>
      )}
    </>
  );
}

/**
 * One row per subject of ours on the case with the match handles behind it (a subject matched by
 * several keys has several handles; the other side's subjects are known to us only by handle).
 */
function subjectRows(sharedCase: SharedCaseView): Array<{ subject: string; handles: string[] }> {
  const rows = new Map<string, string[]>();
  for (const handle of sharedCase.handles) {
    const subjects = sharedCase.ownSubjectsByHandle[handle] ?? [handle];
    for (const subject of subjects) rows.set(subject, [...(rows.get(subject) ?? []), handle]);
  }
  return [...rows.entries()].map(([subject, handles]) => ({ subject, handles }));
}

/** Adds a note, or one of this institution's alerts, about a subject of the case. */
function EntryForm({ sharedCase, onAdded }: { sharedCase: SharedCaseView; onAdded: () => void }) {
  const { t } = useTranslation();
  const [kind, setKind] = useState<'note' | 'alert'>('note');
  const [handle, setHandle] = useState(sharedCase.handles[0] ?? '');
  const [text, setText] = useState('');
  const [alertId, setAlertId] = useState('');
  const [failure, setFailure] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  async function add(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setFailure(null);
    try {
      if (kind === 'note') {
        await sharingApi.post(`/cases/${encodeURIComponent(sharedCase.caseId)}/entries`, { kind: 'note', subjectHandle: handle, text });
      } else {
        const { alert } = await api.get<AlertDetail>(`/alerts/${encodeURIComponent(alertId)}`);
        await sharingApi.post(`/cases/${encodeURIComponent(sharedCase.caseId)}/entries`, {
          kind: 'alert',
          subjectHandle: handle,
          alert: { alertId: alert.id, typologyId: alert.typologyId, time: alert.time, score: alert.score, summary: alert.explanation.summary },
        });
      }
      setText('');
      setAlertId('');
      onAdded();
    } catch (error) {
      setFailure(error);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form onSubmit={(event) => void add(event)} className="stacked-form">
      <h3>{t('sharing.addEntry')}</h3>
      <fieldset>
        <legend>{t('sharing.entryKind')}</legend>
        {(['note', 'alert'] as const).map((value) => (
          <label key={value} className="inline">
            <input type="radio" name="entry-kind" value={value} checked={kind === value} onChange={() => setKind(value)} /> {t(`sharing.entryKinds.${value}`)}
          </label>
        ))}
      </fieldset>
      <label htmlFor="entry-subject">{t('sharing.subject')}</label>
      <select id="entry-subject" value={handle} onChange={(event) => setHandle(event.target.value)}>
        {subjectRows(sharedCase).map(({ subject, handles }) => (
          <option key={subject} value={handles[0]}>
            {subject}
          </option>
        ))}
      </select>
      {kind === 'note' ? (
        <>
          <label htmlFor="entry-text">{t('sharing.note')}</label>
          <textarea id="entry-text" value={text} onChange={(event) => setText(event.target.value)} required maxLength={4000} rows={3} />
        </>
      ) : (
        <>
          <label htmlFor="entry-alert">{t('sharing.alertId')}</label>
          <input id="entry-alert" value={alertId} onChange={(event) => setAlertId(event.target.value)} required maxLength={128} aria-describedby="entry-alert-hint" />
          <p id="entry-alert-hint" className="hint">
            {t('sharing.alertHint')}
          </p>
        </>
      )}
      <button type="submit" disabled={busy}>
        {t('sharing.send')}
      </button>
      {failure !== null && <p role="alert" className="error">{problemText(failure, t('common.error'))}</p>}
    </form>
  );
}
