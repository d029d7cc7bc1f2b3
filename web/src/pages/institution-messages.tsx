import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { fiuApi, problemMessage } from '../api.ts';
import { BilingualText, formatDay, identifierText } from '../components/fiu.tsx';
import { Status } from '../components/layout.tsx';
import { formatDateTime } from '../format.ts';
import type { InstitutionMessage, SubjectList, SubjectResult } from '../types.ts';
import { useFiuApi } from '../use-api.ts';

/** What the FIU sent this institution: feedback and advisories, and 314(a) subject lists to search and answer. */
export default function InstitutionMessagesPage() {
  const { t } = useTranslation();
  const messages = useFiuApi<InstitutionMessage[]>('/institution/messages');
  const lists = useFiuApi<SubjectList[]>('/institution/subject-lists');
  return (
    <section aria-labelledby="page-title">
      <h1 id="page-title">{t('nav.institutionMessages')}</h1>
      <p className="hint">{t('institutionMessages.intro')}</p>
      <div className="split">
        <div className="split-list">
          <h2>{t('institutionMessages.messages')}</h2>
          <Status loading={messages.loading && !messages.data} error={messages.error} />
          {messages.data && messages.data.length === 0 && <p role="status">{t('institutionMessages.noMessages')}</p>}
          <ol className="entries">
            {messages.data?.map((message) => (
              <MessageItem key={message.messageId} message={message} />
            ))}
          </ol>
        </div>
        <div className="split-detail">
          <h2>{t('institutionMessages.subjectLists')}</h2>
          <Status loading={lists.loading && !lists.data} error={lists.error} />
          {lists.data && lists.data.length === 0 && <p role="status">{t('institutionMessages.noLists')}</p>}
          {lists.data?.map((list) => (
            <SubjectListForm key={list.listId} list={list} />
          ))}
        </div>
      </div>
    </section>
  );
}

function MessageItem({ message }: { message: InstitutionMessage }) {
  const { t, i18n } = useTranslation();
  return (
    <li className={message.kind === 'advisory' ? 'theirs' : undefined}>
      <p className="hint">
        <span className={`badge ${message.kind === 'advisory' ? 'danger' : ''}`}>{t(`institutionMessages.kinds.${message.kind}`)}</span> {formatDateTime(message.sentAt, i18n.language)} · {message.sentBy}
        {message.reference && <> · {t('institutionMessages.reference', { reference: message.reference })}</>}
      </p>
      <div className="bilingual-title">
        <BilingualText text={message.subject} as="h3" />
      </div>
      <p className="narrative-text">{message.body}</p>
    </li>
  );
}

type Answer = { matched: boolean; accounts: string; note: string };

/** One 314(a) list: each subject answered matched or not, with accounts and a note, returned once. */
function SubjectListForm({ list }: { list: SubjectList }) {
  const { t, i18n } = useTranslation();
  const [answers, setAnswers] = useState<Answer[]>(() => list.subjects.map(() => ({ matched: false, accounts: '', note: '' })));
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<{ ok: boolean; text: string } | null>(null);
  const [returned, setReturned] = useState(false);
  const update = (index: number, change: Partial<Answer>) => setAnswers((previous) => previous.map((answer, position) => (position === index ? { ...answer, ...change } : answer)));

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setNotice(null);
    const results: SubjectResult[] = answers.map((answer, subjectIndex) => ({
      subjectIndex,
      matched: answer.matched,
      accounts: answer.matched ? answer.accounts.split(/[,;\s]+/).map((account) => account.trim()).filter((account) => account.length > 0).slice(0, 200) : [],
      note: answer.note.trim(),
    }));
    try {
      await fiuApi.post(`/institution/subject-lists/${encodeURIComponent(list.listId)}/results`, { results });
      setReturned(true);
      setNotice({ ok: true, text: t('institutionMessages.returned', { matches: results.filter((result) => result.matched).length, count: results.length }) });
    } catch (failure) {
      setNotice({ ok: false, text: problemMessage(failure, t('common.error')) });
    } finally {
      setBusy(false);
    }
  }

  const titleId = `list-${list.listId}`;
  return (
    <form className="panel subject-list" onSubmit={(event) => void submit(event)} aria-labelledby={titleId}>
      <h3 id={titleId}>{list.title}</h3>
      <p className="hint">
        {t('institutionMessages.requestedBy', { agency: list.requestingAgency })} · {formatDateTime(list.createdAt, i18n.language)} · <strong>{t('institutionMessages.respondBy', { date: formatDay(list.respondBy, i18n.language) })}</strong>
      </p>
      <table>
        <caption className="sr-only">{t('institutionMessages.subjectsCaption', { count: list.subjects.length, title: list.title })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('fiu.name')}</th>
            <th scope="col">{t('institutionMessages.found')}</th>
            <th scope="col">{t('institutionMessages.accounts')}</th>
            <th scope="col">{t('institutionMessages.note')}</th>
          </tr>
        </thead>
        <tbody>
          {list.subjects.map((subject, index) => {
            const answer = answers[index]!;
            const id = `${list.listId}-${index}`;
            return (
              <tr key={id}>
                <th scope="row">
                  {subject.name}
                  <div className="muted">
                    {t(`entities.kinds.${subject.kind}`)} · {subject.birthDate ? formatDay(subject.birthDate, i18n.language) : '—'} · {identifierText(subject.identifiers, t)}
                  </div>
                </th>
                <td>
                  <label className="inline" htmlFor={`${id}-matched`}>
                    <input id={`${id}-matched`} type="checkbox" checked={answer.matched} disabled={returned} onChange={(event) => update(index, { matched: event.target.checked })} />
                    {t('institutionMessages.matched')}
                    <span className="sr-only"> ({subject.name})</span>
                  </label>
                </td>
                <td>
                  <input aria-label={t('institutionMessages.accountsFor', { name: subject.name })} value={answer.accounts} disabled={returned || !answer.matched} onChange={(event) => update(index, { accounts: event.target.value })} maxLength={2000} size={14} />
                </td>
                <td>
                  <input aria-label={t('institutionMessages.noteFor', { name: subject.name })} value={answer.note} disabled={returned} onChange={(event) => update(index, { note: event.target.value })} maxLength={2000} size={16} />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <button type="submit" className="primary" disabled={busy || returned}>
        {t('institutionMessages.return')}
      </button>
      <p role="status" className={notice ? (notice.ok ? 'ok' : 'error') : 'sr-only'}>
        {notice?.text ?? ''}
      </p>
    </form>
  );
}
