import { useMemo, useRef, useState, type FormEvent, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { fiuApi, problemMessage } from '../api.ts';
import { Chart } from '../components/chart.tsx';
import { formatPercent } from '../components/fiu.tsx';
import { Status } from '../components/layout.tsx';
import type { InstitutionMessage, Scorecard } from '../types.ts';
import { useFiuApi } from '../use-api.ts';

/** Report quality per filing institution, and the feedback and advisories the FIU sends back. */
export default function FiuScorecardsPage() {
  const { t, i18n } = useTranslation();
  const cards = useFiuApi<Scorecard[]>('/scorecards');
  const [feedbackFor, setFeedbackFor] = useState('');
  const feedbackForm = useRef<HTMLSelectElement>(null);
  const chart = useMemo(() => {
    if (!cards.data) return null;
    const percent = (share: number) => Math.round(share * 1000) / 10;
    return {
      categories: cards.data.map((card) => card.name || card.institutionId),
      series: [
        { name: t('scorecards.completeness'), kind: 'bar' as const, values: cards.data.map((card) => percent(card.completeness)) },
        { name: t('scorecards.timeliness'), kind: 'bar' as const, values: cards.data.map((card) => percent(card.timeliness)) },
        { name: t('scorecards.usefulness'), kind: 'bar' as const, values: cards.data.map((card) => percent(card.usefulness)) },
      ],
    };
  }, [cards.data, t]);
  const language = i18n.language;
  return (
    <section aria-labelledby="page-title">
      <h1 id="page-title">{t('nav.fiuScorecards')}</h1>
      <p className="hint">{t('scorecards.intro')}</p>
      <Status loading={cards.loading && !cards.data} error={cards.error} empty={cards.data?.length === 0} />
      {cards.data && cards.data.length > 0 && chart && (
        <>
          <Chart title={t('scorecards.chart')} categories={chart.categories} series={chart.series} height={260} />
          <table className="scorecards">
            <caption>{t('scorecards.tableCaption', { count: cards.data.length })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('fiu.institution')}</th>
                <th scope="col">{t('scorecards.reports')}</th>
                <th scope="col">{t('scorecards.completeness')}</th>
                <th scope="col">{t('scorecards.timeliness')}</th>
                <th scope="col">{t('scorecards.usefulness')}</th>
                <th scope="col">{t('scorecards.medianDelay')}</th>
                <th scope="col">{t('scorecards.mostMissing')}</th>
                <th scope="col">
                  <span className="sr-only">{t('scorecards.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {cards.data.map((card) => (
                <tr key={card.institutionId}>
                  <th scope="row">
                    {card.name} <span className="muted">({card.institutionId})</span>
                  </th>
                  <td className="number">{card.reports}</td>
                  <td className="number">{formatPercent(card.completeness, language)}</td>
                  <td className="number">{formatPercent(card.timeliness, language)}</td>
                  <td className="number">{formatPercent(card.usefulness, language)}</td>
                  <td className="number">{card.medianFilingDelayDays === null ? '—' : t('scorecards.days', { count: card.medianFilingDelayDays })}</td>
                  <td>{card.mostMissing.map((missing) => `${t(`scorecards.fields.${missing.field.replaceAll('.', '_')}`, { defaultValue: missing.field })} (${missing.count})`).join(', ') || '—'}</td>
                  <td>
                    <button
                      type="button"
                      onClick={() => {
                        setFeedbackFor(card.institutionId);
                        feedbackForm.current?.focus();
                      }}
                    >
                      {t('scorecards.writeFeedback')}
                      <span className="sr-only"> ({card.name})</span>
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
      <div className="form-grid">
        <FeedbackForm cards={cards.data ?? []} institutionId={feedbackFor} onInstitution={setFeedbackFor} selectRef={feedbackForm} />
        <AdvisoryForm />
      </div>
    </section>
  );
}

function BilingualSubjectFields({ prefix, subject, onChange }: { prefix: string; subject: { en: string; es: string }; onChange: (subject: { en: string; es: string }) => void }) {
  const { t } = useTranslation();
  return (
    <>
      <label htmlFor={`${prefix}-subject-en`}>{t('scorecards.subjectEn')}</label>
      <input id={`${prefix}-subject-en`} lang="en" value={subject.en} onChange={(event) => onChange({ ...subject, en: event.target.value })} required maxLength={300} />
      <label htmlFor={`${prefix}-subject-es`}>{t('scorecards.subjectEs')}</label>
      <input id={`${prefix}-subject-es`} lang="es" value={subject.es} onChange={(event) => onChange({ ...subject, es: event.target.value })} required maxLength={300} />
    </>
  );
}

function SendStatus({ notice }: { notice: { ok: boolean; text: string } | null }) {
  return (
    <p role="status" className={notice ? (notice.ok ? 'ok' : 'error') : 'sr-only'}>
      {notice?.text ?? ''}
    </p>
  );
}

function FeedbackForm({ cards, institutionId, onInstitution, selectRef }: { cards: Scorecard[]; institutionId: string; onInstitution: (id: string) => void; selectRef: RefObject<HTMLSelectElement | null> }) {
  const { t } = useTranslation();
  const [subject, setSubject] = useState({ en: '', es: '' });
  const [body, setBody] = useState('');
  const [notice, setNotice] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const chosen = institutionId || cards[0]?.institutionId || '';
  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setNotice(null);
    try {
      const sent = await fiuApi.post<InstitutionMessage>(`/institutions/${encodeURIComponent(chosen)}/feedback`, { subject, body });
      setNotice({ ok: true, text: t('scorecards.feedbackSent', { institution: sent.institutionId }) });
      setSubject({ en: '', es: '' });
      setBody('');
    } catch (failure) {
      setNotice({ ok: false, text: problemMessage(failure, t('common.error')) });
    } finally {
      setBusy(false);
    }
  }
  return (
    <form className="stacked-form panel" onSubmit={(event) => void submit(event)} aria-labelledby="feedback-title">
      <h2 id="feedback-title">{t('scorecards.feedbackTitle')}</h2>
      <label htmlFor="feedback-institution">{t('fiu.institution')}</label>
      <select id="feedback-institution" ref={selectRef} value={chosen} onChange={(event) => onInstitution(event.target.value)} required>
        {cards.map((card) => (
          <option key={card.institutionId} value={card.institutionId}>
            {card.name} ({card.institutionId})
          </option>
        ))}
      </select>
      <BilingualSubjectFields prefix="feedback" subject={subject} onChange={setSubject} />
      <label htmlFor="feedback-body">{t('scorecards.body')}</label>
      <textarea id="feedback-body" value={body} onChange={(event) => setBody(event.target.value)} required maxLength={20_000} rows={4} />
      <button type="submit" disabled={busy || chosen === ''}>
        {t('scorecards.sendFeedback')}
      </button>
      <SendStatus notice={notice} />
    </form>
  );
}

function AdvisoryForm() {
  const { t } = useTranslation();
  const [subject, setSubject] = useState({ en: '', es: '' });
  const [body, setBody] = useState('');
  const [reference, setReference] = useState('');
  const [notice, setNotice] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setNotice(null);
    try {
      const sent = await fiuApi.post<InstitutionMessage>('/advisories', { subject, body, reference });
      setNotice({ ok: true, text: t('scorecards.advisorySent', { reference: sent.reference ?? '' }) });
      setSubject({ en: '', es: '' });
      setBody('');
      setReference('');
    } catch (failure) {
      setNotice({ ok: false, text: problemMessage(failure, t('common.error')) });
    } finally {
      setBusy(false);
    }
  }
  return (
    <form className="stacked-form panel" onSubmit={(event) => void submit(event)} aria-labelledby="advisory-title">
      <h2 id="advisory-title">{t('scorecards.advisoryTitle')}</h2>
      <p className="hint">{t('scorecards.advisoryHint')}</p>
      <BilingualSubjectFields prefix="advisory" subject={subject} onChange={setSubject} />
      <label htmlFor="advisory-reference">{t('scorecards.reference')}</label>
      <input id="advisory-reference" value={reference} onChange={(event) => setReference(event.target.value)} required maxLength={200} aria-describedby="advisory-reference-hint" />
      <p id="advisory-reference-hint" className="hint">
        {t('scorecards.referenceHint')}
      </p>
      <label htmlFor="advisory-body">{t('scorecards.body')}</label>
      <textarea id="advisory-body" value={body} onChange={(event) => setBody(event.target.value)} required maxLength={20_000} rows={4} />
      <button type="submit" disabled={busy}>
        {t('scorecards.publish')}
      </button>
      <SendStatus notice={notice} />
    </form>
  );
}
