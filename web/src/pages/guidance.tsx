import { useTranslation } from 'react-i18next';
import { Status } from '../components/layout.tsx';
import { formatMoney } from '../format.ts';
import { Link } from '../router.tsx';
import type { AdvisorySummary, EnforcementActionSummary } from '../types.ts';
import { useApi } from '../use-api.ts';

/** "What not to do": the verified advisories and the public enforcement actions, each tied to the typologies that catch the activity. */
export default function GuidancePage() {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage === 'es' ? 'es' : 'en';
  const advisories = useApi<{ advisories: AdvisorySummary[] }>('/advisories');
  const actions = useApi<{ enforcementActions: EnforcementActionSummary[] }>('/enforcement-actions');
  return (
    <section aria-labelledby="page-title">
      <h1 id="page-title">{t('nav.guidance')}</h1>
      <p>{t('guidance.intro')}</p>

      <section aria-labelledby="advisories-title">
        <h2 id="advisories-title">{t('guidance.advisories')}</h2>
        <Status loading={advisories.loading && !advisories.data} error={advisories.error} empty={advisories.data?.advisories.length === 0} />
        {advisories.data?.advisories.map((advisory) => (
          <article key={`${advisory.id}@${advisory.version}`} aria-labelledby={`advisory-${advisory.id}`} className="panel">
            <h3 id={`advisory-${advisory.id}`}>{advisory.title[language]}</h3>
            <dl className="facts">
              <dt>{t('guidance.advisoryId')}</dt>
              <dd>
                <code>{advisory.id}</code> v{advisory.version}
              </dd>
              <dt>{t('guidance.issuer')}</dt>
              <dd>{advisory.issuer}</dd>
              <dt>{t('guidance.date')}</dt>
              <dd>
                <time dateTime={advisory.date}>{advisory.date}</time>
              </dd>
              {advisory.sarKeyTerm && (
                <>
                  <dt>{t('typologies.keyTerm')}</dt>
                  <dd>
                    <code>{advisory.sarKeyTerm}</code>
                  </dd>
                </>
              )}
              <dt>{t('guidance.signature')}</dt>
              <dd>
                {advisory.signature ? `${advisory.signature.keyId}${advisory.signature.demo ? ` (${t('guidance.demoKey')})` : ''}` : t('guidance.unsigned')}
              </dd>
            </dl>
            <p>{advisory.summary[language]}</p>
            {advisory.url && (
              <p>
                <a href={advisory.url} rel="noreferrer">
                  {t('guidance.source')}
                </a>
              </p>
            )}
            <h4>{t('typologies.redFlags')}</h4>
            <ul>
              {advisory.redFlags.map((flag) => (
                <li key={flag.en}>{flag[language]}</li>
              ))}
            </ul>
            <h4>{t('guidance.linkedTypologies')}</h4>
            <ul>
              {advisory.typologies.map((typology) => (
                <li key={typology.id}>
                  <Link to={`/typologies/${encodeURIComponent(typology.id)}`}>{typology.id}</Link> <span className="muted">v{typology.version}</span>
                </li>
              ))}
            </ul>
          </article>
        ))}
      </section>

      <section aria-labelledby="enforcement-title">
        <h2 id="enforcement-title">{t('guidance.enforcementActions')}</h2>
        <Status loading={actions.loading && !actions.data} error={actions.error} empty={actions.data?.enforcementActions.length === 0} />
        {actions.data && actions.data.enforcementActions.length > 0 && (
          <table>
            <caption>{t('guidance.enforcementCaption', { count: actions.data.enforcementActions.length })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('guidance.institution')}</th>
                <th scope="col">{t('guidance.authority')}</th>
                <th scope="col">{t('guidance.date')}</th>
                <th scope="col">{t('guidance.penalty')}</th>
                <th scope="col">{t('guidance.controlFailures')}</th>
                <th scope="col">{t('guidance.wouldHaveCaught')}</th>
              </tr>
            </thead>
            <tbody>
              {actions.data.enforcementActions.map((action) => (
                <tr key={action.id} id={`enforcement-${action.id}`}>
                  <th scope="row">
                    {action.institution}
                    <div className="muted">{action.summary[language]}</div>
                  </th>
                  <td>{action.authority.join(', ')}</td>
                  <td>
                    <time dateTime={action.date}>{action.date}</time>
                  </td>
                  <td>
                    {action.penalty ? (
                      <>
                        {formatMoney(action.penalty.amountMinor, action.penalty.currency, language)}
                        <div className="muted">{action.penalty.note[language]}</div>
                      </>
                    ) : (
                      t('guidance.noPenalty')
                    )}
                  </td>
                  <td>
                    <ul>
                      {action.controlFailures.map((failure) => (
                        <li key={failure.en}>{failure[language]}</li>
                      ))}
                    </ul>
                  </td>
                  <td>
                    <ul>
                      {action.typologies.map((typology) => (
                        <li key={typology}>
                          <Link to={`/typologies/${encodeURIComponent(typology)}`}>{typology}</Link>
                        </li>
                      ))}
                    </ul>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </section>
  );
}
