import { useEffect, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { formatMoney } from '../format.ts';
import { Link } from '../router.tsx';
import type { Bilingual, FiuReport, FiuSubject } from '../types.ts';

/** The link to the dissemination form with a network's (or a report's) reports and entities filled in (at most 200 of each, so the address stays short). */
export function packageLink(reportIds: readonly string[], entityIds: readonly string[] = []): string {
  const query = new URLSearchParams();
  if (reportIds.length > 0) query.set('reports', reportIds.slice(0, 200).join(','));
  if (entityIds.length > 0) query.set('entities', entityIds.slice(0, 200).join(','));
  return `/fiu/disseminations?${query.toString()}`;
}

/** A share in [0, 1] as a whole percentage in the reader's language. */
export function formatPercent(share: number, language: string): string {
  return new Intl.NumberFormat(language === 'es' ? 'es-MX' : 'en-US', { style: 'percent', maximumFractionDigits: 0 }).format(share);
}

/** A calendar date (YYYY-MM-DD) in the reader's language, without a time-zone shift. */
export function formatDay(day: string | null | undefined, language: string): string {
  if (!day) return '—';
  return new Date(`${day}T12:00:00Z`).toLocaleDateString(language === 'es' ? 'es-MX' : 'en-US', { dateStyle: 'medium', timeZone: 'UTC' });
}

/** The reader's language first; the other language beneath, marked with its `lang` for screen readers. */
export function BilingualText({ text, as = 'span' }: { text: Bilingual; as?: 'span' | 'h2' | 'h3' }) {
  const { i18n } = useTranslation();
  const primary = i18n.language === 'es' ? 'es' : 'en';
  const secondary = primary === 'es' ? 'en' : 'es';
  const Primary = as;
  return (
    <>
      <Primary lang={primary}>{text[primary]}</Primary>
      {text[secondary] !== text[primary] && (
        <span className="other-language" lang={secondary}>
          {text[secondary]}
        </span>
      )}
    </>
  );
}

/** A 0–100 score with a bar; the number is the accessible text. */
export function ScoreBar({ score }: { score: number }) {
  return (
    <span className="score">
      <span className="score-bar" aria-hidden="true">
        <span style={{ width: `${Math.max(0, Math.min(100, score))}%` }} />
      </span>
      <span className="score-value">{score.toFixed(1)}</span>
    </span>
  );
}

/** The identifiers of a subject as "RFC ABC…, CURP …". */
export function identifierText(identifiers: ReadonlyArray<{ kind: string; value: string }>, t: (key: string) => string): string {
  return identifiers.map((identifier) => `${t(`fiu.identifierKinds.${identifier.kind}`)} ${identifier.value}`).join(' · ') || '—';
}

/**
 * One report of the hub, read in full: who filed it, when, how much, about whom, the
 * transactions and the narrative. `entityOf` turns a subject into a link to its entity (FIU only).
 */
export function ReportView({ report, entityOf, actions, focusOnShow = false }: { report: FiuReport; entityOf?: (subject: FiuSubject) => string | null; actions?: ReactNode; focusOnShow?: boolean }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    // A report opened from a list elsewhere on the page: keyboard and screen-reader users land on it.
    if (focusOnShow) heading.current?.focus();
  }, [focusOnShow, report.reportId]);
  return (
    <article aria-labelledby="fiu-report-title" className="fiu-report">
      <h2 id="fiu-report-title" ref={heading} tabIndex={-1}>
        {t(`fiu.reportKinds.${report.kind}`, { defaultValue: report.kind })} · {report.reportId}
      </h2>
      <dl className="facts">
        <div>
          <dt>{t('fiu.filerReference')}</dt>
          <dd>
            <code>{report.filerReference || '—'}</code>
          </dd>
        </div>
        <div>
          <dt>{t('fiu.institution')}</dt>
          <dd>
            {report.institution.name} <span className="muted">({report.institution.institutionId})</span>
          </dd>
        </div>
        <div>
          <dt>{t('fiu.filedOn')}</dt>
          <dd>{formatDay(report.filedOn, language)}</dd>
        </div>
        <div>
          <dt>{t('fiu.activity')}</dt>
          <dd>
            {formatDay(report.activityFrom, language)} – {formatDay(report.activityTo, language)}
          </dd>
        </div>
        <div>
          <dt>{t('fields.amount')}</dt>
          <dd>{formatMoney(report.amountMinor, report.currency, language)}</dd>
        </div>
        <div>
          <dt>{t('fiu.categories')}</dt>
          <dd>{report.categories.join(', ') || '—'}</dd>
        </div>
      </dl>
      {actions}
      <h3>{t('fiu.subjects', { count: report.subjects.length })}</h3>
      <table>
        <caption className="sr-only">{t('fiu.subjects', { count: report.subjects.length })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('fiu.name')}</th>
            <th scope="col">{t('fiu.role')}</th>
            <th scope="col">{t('fiu.birthDate')}</th>
            <th scope="col">{t('fiu.country')}</th>
            <th scope="col">{t('fiu.identifiers')}</th>
          </tr>
        </thead>
        <tbody>
          {report.subjects.map((subject) => {
            const entityId = entityOf?.(subject) ?? null;
            return (
              <tr key={subject.subjectId}>
                <th scope="row">{entityId ? <Link to={`/fiu/entities/${encodeURIComponent(entityId)}`}>{subject.fullName || '—'}</Link> : subject.fullName || '—'}</th>
                <td>{t(`fiu.subjectRoles.${subject.role}`, { defaultValue: subject.role })}</td>
                <td>{formatDay(subject.birthDate, language)}</td>
                <td>{subject.country ?? '—'}</td>
                <td>{identifierText(subject.identifiers, t)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {report.transactions.length > 0 && (
        <>
          <h3>{t('fiu.transactions', { count: report.transactions.length })}</h3>
          <table>
            <caption className="sr-only">{t('fiu.transactions', { count: report.transactions.length })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('fiu.date')}</th>
                <th scope="col">{t('fields.amount')}</th>
                <th scope="col">{t('fields.from')}</th>
                <th scope="col">{t('fields.to')}</th>
                <th scope="col">{t('fields.channel')}</th>
              </tr>
            </thead>
            <tbody>
              {report.transactions.map((transaction, index) => (
                <tr key={index}>
                  <td>{formatDay(transaction.date, language)}</td>
                  <td className="number">{formatMoney(transaction.amountMinor, transaction.currency, language)}</td>
                  <td>
                    {transaction.fromAccount ?? '—'} {transaction.fromCountry ? `(${transaction.fromCountry})` : ''}
                  </td>
                  <td>
                    {transaction.toAccount ?? '—'} {transaction.toCountry ? `(${transaction.toCountry})` : ''}
                  </td>
                  <td>{transaction.channel ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
      <h3>{t('fiu.narrative')}</h3>
      {report.narrative.trim() ? <p className="narrative-text">{report.narrative}</p> : <p className="muted">{t('fiu.noNarrative')}</p>}
    </article>
  );
}
