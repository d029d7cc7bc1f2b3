import { useTranslation } from 'react-i18next';
import { Chart } from '../components/chart.tsx';
import { Status } from '../components/layout.tsx';
import { Link, useRouter } from '../router.tsx';
import type { TypologySummary } from '../types.ts';
import { useApi } from '../use-api.ts';

export default function TypologiesPage() {
  const { t, i18n } = useTranslation();
  const { path } = useRouter();
  const selected = path.startsWith('/typologies/') ? decodeURIComponent(path.slice('/typologies/'.length)) : null;
  const list = useApi<{ typologies: TypologySummary[] }>('/typologies');
  const language = i18n.resolvedLanguage === 'es' ? 'es' : 'en';
  const current = list.data?.typologies.find((typology) => typology.id === selected) ?? null;
  return (
    <section aria-labelledby="page-title" className="split">
      <div className="split-list">
        <h1 id="page-title">{t('nav.typologies')}</h1>
        <Status loading={list.loading && !list.data} error={list.error} empty={list.data?.typologies.length === 0} />
        <ul className="plain-list">
          {list.data?.typologies.map((typology) => (
            <li key={typology.id} className={typology.id === selected ? 'selected' : undefined}>
              <Link to={`/typologies/${encodeURIComponent(typology.id)}`}>{typology.name[language]}</Link>
              <div className="muted">
                {typology.id} v{typology.version}
                {typology.advisory ? ` · ${typology.advisory}` : ''}
              </div>
            </li>
          ))}
        </ul>
      </div>
      <div className="split-detail">
        {current ? (
          <article aria-labelledby="typology-title">
            <h2 id="typology-title">{current.name[language]}</h2>
            <p>{current.description[language]}</p>
            <h3>{t('typologies.sources')}</h3>
            <ul>
              {current.sources.map((source) => (
                <li key={source.id}>
                  <strong>{source.id}</strong> · {source.title} <span className="muted">({source.publisher})</span>
                </li>
              ))}
            </ul>
            {current.sarKeyTerm && (
              <p>
                {t('typologies.keyTerm')}: <code>{current.sarKeyTerm}</code>
              </p>
            )}
            <h3>{t('typologies.measured')}</h3>
            <p>
              {t('dashboard.alerts')}: {current.measured.alerts} · {t('typologies.dispositioned')}: {current.measured.dispositioned} · {t('typologies.precision')}:{' '}
              {current.measured.precision === null ? '—' : `${(current.measured.precision * 100).toFixed(1)} %`}
            </p>
            <h3>{t('typologies.redFlags')}</h3>
            <ul>
              {(current.redFlags[language].length > 0 ? current.redFlags[language] : current.redFlags.en).map((flag) => (
                <li key={flag}>{flag}</li>
              ))}
            </ul>
            <h3>{t('typologies.backtest')}</h3>
            {current.backtest ? (
              <>
                <p>
                  {t('typologies.precision')}: {current.backtest.precision === null ? '—' : `${(current.backtest.precision * 100).toFixed(1)} %`} · {t('typologies.recall')}:{' '}
                  {current.backtest.recall === null ? '—' : `${(current.backtest.recall * 100).toFixed(1)} %`} · {t('dashboard.alerts')}: {current.backtest.alerts}
                </p>
                <Chart
                  title={t('typologies.backtestChart')}
                  categories={current.backtest.byPattern.map((p) => p.pattern)}
                  series={[
                    { name: t('dashboard.alerts'), kind: 'bar', values: current.backtest.byPattern.map((p) => p.alerts) },
                    { name: t('typologies.truePositives'), kind: 'bar', values: current.backtest.byPattern.map((p) => p.truePositives) },
                  ]}
                />
              </>
            ) : (
              <p className="muted">{t('typologies.noBacktest')}</p>
            )}
          </article>
        ) : (
          <p className="hint">{t('typologies.pick')}</p>
        )}
      </div>
    </section>
  );
}
