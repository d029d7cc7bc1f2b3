import { useTranslation } from 'react-i18next';
import { BilingualText, identifierText } from '../components/fiu.tsx';
import { Status } from '../components/layout.tsx';
import { formatDateTime } from '../format.ts';
import { Link, useRouter } from '../router.tsx';
import type { ExchangeMessage } from '../types.ts';
import { useFiuApi } from '../use-api.ts';

/** The consent badge's tone: what the FIU may do with the message beyond its own analysis. */
const CONSENT_TONE = { intelligence_only: 'danger', law_enforcement: 'ok', prior_consent: '' } as const;

/** Messages from the counterpart FIU (Egmont-style exchange), with the sender's consent for onward dissemination. */
export default function FiuExchangePage() {
  const { t, i18n } = useTranslation();
  const { path } = useRouter();
  const selected = path.startsWith('/fiu/exchange/') ? decodeURIComponent(path.slice('/fiu/exchange/'.length)) : null;
  const inbox = useFiuApi<ExchangeMessage[]>('/exchange/inbox');
  const messages = [...(inbox.data ?? [])].sort((a, b) => b.receivedAt.localeCompare(a.receivedAt));
  const message = messages.find((candidate) => candidate.messageId === selected);
  const language = i18n.language === 'es' ? 'es' : 'en';
  return (
    <section aria-labelledby="page-title" className="split">
      <div className="split-list">
        <h1 id="page-title">{t('nav.fiuExchange')}</h1>
        <p className="hint">{t('exchange.intro')}</p>
        <Status loading={inbox.loading && !inbox.data} error={inbox.error} />
        {inbox.data && messages.length === 0 && <p role="status">{t('exchange.empty')}</p>}
        {messages.length > 0 && (
          <table>
            <caption className="sr-only">{t('exchange.caption', { count: messages.length })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('exchange.subject')}</th>
                <th scope="col">{t('exchange.from')}</th>
                <th scope="col">{t('exchange.received')}</th>
                <th scope="col">{t('exchange.consent')}</th>
              </tr>
            </thead>
            <tbody>
              {messages.map((item) => (
                <tr key={item.messageId} className={item.messageId === selected ? 'selected' : undefined}>
                  <th scope="row">
                    <Link to={`/fiu/exchange/${encodeURIComponent(item.messageId)}`} lang={language}>
                      {item.subjectLine[language]}
                    </Link>
                    <div className="muted">{t(`exchange.types.${item.type}`)}</div>
                  </th>
                  <td>{item.sender}</td>
                  <td>{formatDateTime(item.receivedAt, i18n.language)}</td>
                  <td>
                    <span className={`badge ${CONSENT_TONE[item.payload.consent.level]}`}>{t(`exchange.consentLevels.${item.payload.consent.level}`)}</span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
      <div className="split-detail">{message ? <MessageView message={message} /> : selected && inbox.data ? <p role="status">{t('exchange.unknown')}</p> : <p className="hint">{t('exchange.pick')}</p>}</div>
    </section>
  );
}

function MessageView({ message }: { message: ExchangeMessage }) {
  const { t, i18n } = useTranslation();
  const { consent } = message.payload;
  return (
    <article aria-labelledby="message-title" className="exchange-message">
      <div id="message-title" className="bilingual-title">
        <BilingualText text={message.subjectLine} as="h2" />
      </div>
      <dl className="facts">
        <div>
          <dt>{t('exchange.type')}</dt>
          <dd>{t(`exchange.types.${message.type}`)}</dd>
        </div>
        <div>
          <dt>{t('exchange.from')}</dt>
          <dd>
            {message.sender} → {message.recipient}
          </dd>
        </div>
        <div>
          <dt>{t('exchange.sent')}</dt>
          <dd>{formatDateTime(message.sentAt, i18n.language)}</dd>
        </div>
        <div>
          <dt>{t('exchange.received')}</dt>
          <dd>{formatDateTime(message.receivedAt, i18n.language)}</dd>
        </div>
        {message.inReplyTo && (
          <div>
            <dt>{t('exchange.inReplyTo')}</dt>
            <dd>
              <Link to={`/fiu/exchange/${encodeURIComponent(message.inReplyTo)}`}>{message.inReplyTo}</Link>
            </dd>
          </div>
        )}
        <div>
          <dt>{t('exchange.messageId')}</dt>
          <dd>
            <code>{message.messageId}</code>
          </dd>
        </div>
      </dl>
      <section className={`panel consent consent-${consent.level}`} aria-labelledby="consent-title">
        <h3 id="consent-title">{t('exchange.onward')}</h3>
        <p>
          <span className={`badge ${CONSENT_TONE[consent.level]}`}>{t(`exchange.consentLevels.${consent.level}`)}</span> {t(`exchange.consentMeaning.${consent.level}`)}
        </p>
        {consent.purposes.length > 0 && (
          <>
            <p>{t('exchange.purposes')}</p>
            <ul>
              {consent.purposes.map((purpose) => (
                <li key={purpose}>{purpose}</li>
              ))}
            </ul>
          </>
        )}
        {message.payload.grantsConsentFor && <p>{t('exchange.grants', { id: message.payload.grantsConsentFor })}</p>}
      </section>
      <h3>{t('exchange.body')}</h3>
      <p className="narrative-text">{message.payload.body || '—'}</p>
      {message.payload.subjects.length > 0 && (
        <>
          <h3>{t('fiu.subjects', { count: message.payload.subjects.length })}</h3>
          <table>
            <caption className="sr-only">{t('fiu.subjects', { count: message.payload.subjects.length })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('fiu.name')}</th>
                <th scope="col">{t('fiu.birthDate')}</th>
                <th scope="col">{t('fiu.country')}</th>
                <th scope="col">{t('fiu.identifiers')}</th>
              </tr>
            </thead>
            <tbody>
              {message.payload.subjects.map((subject, index) => (
                <tr key={index}>
                  <th scope="row">{subject.name}</th>
                  <td>{subject.birthDate ?? '—'}</td>
                  <td>{subject.country ?? '—'}</td>
                  <td>{identifierText(subject.identifiers, t)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
      {message.payload.reportIds.length > 0 && (
        <>
          <h3>{t('exchange.reports')}</h3>
          <p>{message.payload.reportIds.join(', ')}</p>
        </>
      )}
    </article>
  );
}
