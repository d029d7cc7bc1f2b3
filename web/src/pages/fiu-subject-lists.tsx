import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { fiuApi, problemMessage } from '../api.ts';
import { formatDay, identifierText } from '../components/fiu.tsx';
import { Status } from '../components/layout.tsx';
import { formatDateTime } from '../format.ts';
import type { FiuAgency, Scorecard, SentSubjectList, SubjectList, SubjectListResults } from '../types.ts';
import { useFiuApi } from '../use-api.ts';

const IDENTIFIER_KINDS = ['rfc', 'curp', 'ssn', 'ein', 'tin', 'passport', 'account', 'clabe', 'crypto_address', 'phone', 'other'] as const;
type IdentifierDraft = { kind: (typeof IDENTIFIER_KINDS)[number]; value: string };
type SubjectDraft = { name: string; kind: 'person' | 'company'; birthDate: string; identifiers: IdentifierDraft[] };
const MAX_SUBJECTS = 200;
const MAX_IDENTIFIERS = 16;

const emptySubject = (): SubjectDraft => ({ name: '', kind: 'person', birthDate: '', identifiers: [] });
/** Institution ids typed by hand, for recipients that have not filed with the hub yet. */
const typedIds = (text: string) => text.split(/[,;\n]+/).map((id) => id.trim()).filter((id) => id.length > 0 && id.length <= 80);
/** Two weeks from today, the usual 314(a) answer window. */
function inTwoWeeks(): string {
  return new Date(Date.now() + 14 * 86_400_000).toISOString().slice(0, 10);
}

/** 314(a)-style subject lists: compose one for a requesting agency, and read each list's matches and who has not answered. */
export default function FiuSubjectListsPage() {
  const { t, i18n } = useTranslation();
  const lists = useFiuApi<{ lists: SentSubjectList[] }>('/subject-lists');
  const [openId, setOpenId] = useState<string | null>(null);
  const shown = openId ?? lists.data?.lists[0]?.listId ?? null;
  return (
    <section aria-labelledby="page-title" className="split">
      <div className="split-list">
        <h1 id="page-title">{t('nav.fiuSubjectLists')}</h1>
        <p className="hint">{t('subjectLists.intro')}</p>
        <ComposeForm
          onSent={(list) => {
            lists.reload();
            setOpenId(list.listId);
          }}
        />
      </div>
      <div className="split-detail">
        <h2>{t('subjectLists.sent')}</h2>
        <Status loading={lists.loading && !lists.data} error={lists.error} />
        {lists.data && lists.data.lists.length === 0 && <p role="status">{t('subjectLists.noneSent')}</p>}
        {lists.data && lists.data.lists.length > 0 && (
          <table>
            <caption className="sr-only">{t('subjectLists.sent')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('subjectLists.title')}</th>
                <th scope="col">{t('subjectLists.agency')}</th>
                <th scope="col">{t('subjectLists.respondBy')}</th>
                <th scope="col">{t('subjectLists.answers')}</th>
              </tr>
            </thead>
            <tbody>
              {lists.data.lists.map((list) => (
                <tr key={list.listId} aria-current={list.listId === shown ? 'true' : undefined}>
                  <th scope="row">
                    <button type="button" className="link-button" onClick={() => setOpenId(list.listId)} aria-pressed={list.listId === shown}>
                      {list.title}
                    </button>
                    <div className="muted">
                      {formatDateTime(list.createdAt, i18n.language)} · {list.createdBy}
                    </div>
                  </th>
                  <td>{list.requestingAgency}</td>
                  <td>{formatDay(list.respondBy, i18n.language)}</td>
                  <td>{t('subjectLists.answeredOf', { answered: list.answered, total: list.recipients })}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {shown && <ListResults key={shown} listId={shown} />}
      </div>
    </section>
  );
}

/** One list's results: each match with the institution's accounts and note, and the recipients still to answer. */
function ListResults({ listId }: { listId: string }) {
  const { t, i18n } = useTranslation();
  const results = useFiuApi<SubjectListResults>(`/subject-lists/${encodeURIComponent(listId)}/results`);
  const data = results.data;
  return (
    <article aria-labelledby="list-results-title" className="panel">
      <h2 id="list-results-title">{data ? t('subjectLists.resultsOf', { title: data.list.title }) : t('subjectLists.results')}</h2>
      <button type="button" onClick={results.reload} disabled={results.loading}>
        {t('subjectLists.refresh')}
      </button>
      <Status loading={results.loading && !data} error={results.error} />
      {data && (
        <>
          <p className="hint">
            {t('subjectLists.requestedBy', { agency: data.list.requestingAgency })} · {t('subjectLists.answerBy', { date: formatDay(data.list.respondBy, i18n.language) })}
          </p>
          <h3>{t('subjectLists.matches', { count: data.matches.length })}</h3>
          {data.matches.length === 0 ? (
            <p role="status">{t('subjectLists.noMatches')}</p>
          ) : (
            <table className="list-matches">
              <caption className="sr-only">{t('subjectLists.matches', { count: data.matches.length })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('subjectLists.subject')}</th>
                  <th scope="col">{t('fiu.institution')}</th>
                  <th scope="col">{t('subjectLists.accounts')}</th>
                  <th scope="col">{t('subjectLists.note')}</th>
                </tr>
              </thead>
              <tbody>
                {data.matches.map((match) => {
                  const subject = data.list.subjects[match.subjectIndex];
                  return (
                    <tr key={`${match.institutionId}-${match.subjectIndex}`}>
                      <th scope="row">
                        {subject?.name ?? `#${match.subjectIndex + 1}`}
                        {subject && <div className="muted">{identifierText(subject.identifiers, t)}</div>}
                      </th>
                      <td>{match.institutionId}</td>
                      <td>{match.accounts.join(', ') || '—'}</td>
                      <td className="wrap">{match.note || '—'}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          )}
          <h3>{t('subjectLists.pending', { count: data.pending.length })}</h3>
          {data.pending.length === 0 ? (
            <p role="status">{t('subjectLists.allAnswered')}</p>
          ) : (
            <ul aria-label={t('subjectLists.pending', { count: data.pending.length })}>
              {data.pending.map((id) => (
                <li key={id}>{id}</li>
              ))}
            </ul>
          )}
        </>
      )}
    </article>
  );
}

/** The form: title, requesting agency, subjects (name, kind, birth date, identifiers), recipients and answer date. */
function ComposeForm({ onSent }: { onSent: (list: SubjectList) => void }) {
  const { t } = useTranslation();
  const agencies = useFiuApi<{ agencies: FiuAgency[] }>('/agencies');
  const institutions = useFiuApi<Scorecard[]>('/scorecards');
  const [title, setTitle] = useState('');
  const [agencyId, setAgencyId] = useState('');
  const [subjects, setSubjects] = useState<SubjectDraft[]>([emptySubject()]);
  const [recipients, setRecipients] = useState<string[]>([]);
  const [otherRecipients, setOtherRecipients] = useState('');
  const [respondBy, setRespondBy] = useState(inTwoWeeks);
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<{ ok: boolean; text: string } | null>(null);

  const chosenAgency = agencyId || agencies.data?.agencies[0]?.agencyId || '';
  const institutionIds = [...new Set([...recipients, ...typedIds(otherRecipients)])];
  const updateSubject = (index: number, change: Partial<SubjectDraft>) => setSubjects((previous) => previous.map((subject, position) => (position === index ? { ...subject, ...change } : subject)));
  const updateIdentifier = (index: number, slot: number, change: Partial<IdentifierDraft>) =>
    updateSubject(index, { identifiers: subjects[index]!.identifiers.map((identifier, position) => (position === slot ? { ...identifier, ...change } : identifier)) });

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setNotice(null);
    const body = {
      title: title.trim(),
      requestingAgency: chosenAgency,
      subjects: subjects.map((subject) => ({
        name: subject.name.trim(),
        kind: subject.kind,
        ...(subject.birthDate ? { birthDate: subject.birthDate } : {}),
        identifiers: subject.identifiers.map((identifier) => ({ kind: identifier.kind, value: identifier.value.trim() })).filter((identifier) => identifier.value.length > 0),
      })),
      institutionIds,
      respondBy,
    };
    try {
      const list = await fiuApi.post<SubjectList>('/subject-lists', body);
      setNotice({ ok: true, text: t('subjectLists.sentNotice', { title: list.title, subjects: list.subjects.length, count: institutionIds.length }) });
      setTitle('');
      setSubjects([emptySubject()]);
      setRecipients([]);
      setOtherRecipients('');
      onSent(list);
    } catch (failure) {
      setNotice({ ok: false, text: problemMessage(failure, t('common.error')) });
    } finally {
      setBusy(false);
    }
  }

  const ready = title.trim() !== '' && chosenAgency !== '' && institutionIds.length > 0 && subjects.every((subject) => subject.name.trim().length >= 2) && respondBy !== '';
  return (
    <form className="stacked-form" onSubmit={(event) => void submit(event)} aria-labelledby="compose-title">
      <h2 id="compose-title">{t('subjectLists.compose')}</h2>
      <label htmlFor="list-title">{t('subjectLists.title')}</label>
      <input id="list-title" value={title} onChange={(event) => setTitle(event.target.value)} required maxLength={300} />
      <label htmlFor="list-agency">{t('subjectLists.agency')}</label>
      <Status loading={agencies.loading && !agencies.data} error={agencies.error} />
      <select id="list-agency" value={chosenAgency} onChange={(event) => setAgencyId(event.target.value)} required>
        {agencies.data?.agencies.map((agency) => (
          <option key={agency.agencyId} value={agency.agencyId}>
            {agency.name} ({agency.agencyId}, {agency.country})
          </option>
        ))}
      </select>
      {subjects.map((subject, index) => {
        const id = `list-subject-${index}`;
        const number = index + 1;
        return (
          <fieldset key={index} className="list-subject">
            <legend>{t('subjectLists.subjectNumber', { number })}</legend>
            <label htmlFor={`${id}-name`}>{t('subjectLists.name')}</label>
            <input id={`${id}-name`} value={subject.name} onChange={(event) => updateSubject(index, { name: event.target.value })} required minLength={2} maxLength={300} aria-label={t('subjectLists.nameOf', { number })} />
            <div className="inline-form">
              <div>
                <label htmlFor={`${id}-kind`}>{t('subjectLists.kind')}</label>
                <select id={`${id}-kind`} value={subject.kind} onChange={(event) => updateSubject(index, { kind: event.target.value === 'company' ? 'company' : 'person' })} aria-label={t('subjectLists.kindOf', { number })}>
                  <option value="person">{t('entities.kinds.person')}</option>
                  <option value="company">{t('entities.kinds.company')}</option>
                </select>
              </div>
              <div>
                <label htmlFor={`${id}-birth`}>{t('subjectLists.birthDate')}</label>
                <input id={`${id}-birth`} type="date" value={subject.birthDate} onChange={(event) => updateSubject(index, { birthDate: event.target.value })} aria-label={t('subjectLists.birthDateOf', { number })} />
              </div>
            </div>
            {subject.identifiers.map((identifier, slot) => (
              <div className="inline-form" key={slot}>
                <div>
                  <label htmlFor={`${id}-id-${slot}-kind`}>{t('subjectLists.identifierKind')}</label>
                  <select id={`${id}-id-${slot}-kind`} value={identifier.kind} onChange={(event) => updateIdentifier(index, slot, { kind: IDENTIFIER_KINDS.find((kind) => kind === event.target.value) ?? 'other' })} aria-label={t('subjectLists.identifierKindOf', { number, slot: slot + 1 })}>
                    {IDENTIFIER_KINDS.map((kind) => (
                      <option key={kind} value={kind}>
                        {t(`fiu.identifierKinds.${kind}`)}
                      </option>
                    ))}
                  </select>
                </div>
                <div>
                  <label htmlFor={`${id}-id-${slot}-value`}>{t('subjectLists.identifierValue')}</label>
                  <input id={`${id}-id-${slot}-value`} value={identifier.value} onChange={(event) => updateIdentifier(index, slot, { value: event.target.value })} maxLength={128} aria-label={t('subjectLists.identifierValueOf', { number, slot: slot + 1 })} />
                </div>
                <button type="button" onClick={() => updateSubject(index, { identifiers: subject.identifiers.filter((_, position) => position !== slot) })} aria-label={t('subjectLists.removeIdentifier', { number, slot: slot + 1 })}>
                  ×
                </button>
              </div>
            ))}
            <div className="inline-form">
              <button type="button" disabled={subject.identifiers.length >= MAX_IDENTIFIERS} onClick={() => updateSubject(index, { identifiers: [...subject.identifiers, { kind: 'curp', value: '' }] })} aria-label={t('subjectLists.addIdentifierTo', { number })}>
                {t('subjectLists.addIdentifier')}
              </button>
              {subjects.length > 1 && (
                <button type="button" onClick={() => setSubjects((previous) => previous.filter((_, position) => position !== index))} aria-label={t('subjectLists.removeSubject', { number })}>
                  {t('subjectLists.remove')}
                </button>
              )}
            </div>
          </fieldset>
        );
      })}
      <button type="button" disabled={subjects.length >= MAX_SUBJECTS} onClick={() => setSubjects((previous) => [...previous, emptySubject()])}>
        {t('subjectLists.addSubject')}
      </button>
      <fieldset>
        <legend>{t('subjectLists.recipients', { count: institutionIds.length })}</legend>
        <Status loading={institutions.loading && !institutions.data} error={institutions.error} />
        {institutions.data?.map((institution) => (
          <label key={institution.institutionId} className="inline">
            <input
              type="checkbox"
              checked={recipients.includes(institution.institutionId)}
              onChange={(event) => setRecipients((previous) => (event.target.checked ? [...previous, institution.institutionId] : previous.filter((id) => id !== institution.institutionId)))}
            />
            {institution.name} <span className="muted">({institution.institutionId})</span>
          </label>
        ))}
        <label htmlFor="list-other-recipients">{t('subjectLists.otherRecipients')}</label>
        <input id="list-other-recipients" value={otherRecipients} onChange={(event) => setOtherRecipients(event.target.value)} maxLength={20_000} aria-describedby="list-other-hint" />
        <p id="list-other-hint" className="hint">
          {t('subjectLists.otherRecipientsHint')}
        </p>
      </fieldset>
      <label htmlFor="list-respond-by">{t('subjectLists.respondBy')}</label>
      <input id="list-respond-by" type="date" value={respondBy} onChange={(event) => setRespondBy(event.target.value)} required />
      <button type="submit" disabled={busy || !ready}>
        {t('subjectLists.send')}
      </button>
      <p role="status" className={notice ? (notice.ok ? 'ok' : 'error') : 'sr-only'}>
        {notice?.text ?? ''}
      </p>
    </form>
  );
}
