import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { sharingApi } from '../api.ts';
import { RoundtableChart } from '../components/roundtable-chart.tsx';
import { problemText, SharingStatus, type NodeInfo, type RoundtableView } from '../components/sharing.tsx';
import { formatDateTime } from '../format.ts';
import { useSharingApi } from '../use-api.ts';

/** Roundtables this institution takes part in: only totals are ever revealed. */
export default function RoundtablesPage() {
  const { t } = useTranslation();
  const self = useSharingApi<NodeInfo>('/node');
  const list = useSharingApi<{ roundtables: RoundtableView[] }>('/roundtables');
  return (
    <section aria-labelledby="page-title">
      <h1 id="page-title">{t('nav.roundtables')}</h1>
      <p className="hint">{t('sharing.roundtableIntro')}</p>
      <SharingStatus loading={list.loading && !list.data} error={list.error} />
      {list.data && list.data.roundtables.length === 0 && <p role="status">{t('sharing.noRoundtables')}</p>}
      {list.data?.roundtables
        .slice()
        .reverse()
        .map((roundtable) => <Roundtable key={roundtable.definition.roundtableId} roundtable={roundtable} self={self.data?.institutionId ?? ''} onChanged={list.reload} />)}
    </section>
  );
}

function Roundtable({ roundtable, self, onChanged }: { roundtable: RoundtableView; self: string; onChanged: () => void }) {
  const { t, i18n } = useTranslation();
  const { definition } = roundtable;
  const headingId = `roundtable-${definition.roundtableId}`;
  const language = i18n.language === 'es' ? 'es' : 'en';
  const measure = (name: string) => t(`sharing.measures.${name}`);
  return (
    <article className="panel" aria-labelledby={headingId}>
      <h2 id={headingId}>{definition.title}</h2>
      <dl className="facts">
        <div>
          <dt>{t('sharing.convener')}</dt>
          <dd>{definition.convener}</dd>
        </div>
        <div>
          <dt>{t('sharing.period')}</dt>
          <dd>
            {definition.periodStart} – {definition.periodEnd}
          </dd>
        </div>
        <div>
          <dt>{t('sharing.participants')}</dt>
          <dd>{definition.participants.join(', ')}</dd>
        </div>
        <div>
          <dt>{t('sharing.status')}</dt>
          <dd>{t(`sharing.roundtableStatus.${roundtable.status}`)}</dd>
        </div>
        <div>
          <dt>{t('sharing.openedAt')}</dt>
          <dd>{formatDateTime(definition.openedAt, i18n.language)}</dd>
        </div>
      </dl>
      {roundtable.totals && roundtable.chart && (
        <figure className="chart">
          <figcaption>{t('sharing.totalsCaption')}</figcaption>
          <RoundtableChart option={roundtable.chart[language]} />
          <table>
            <caption>{t('sharing.totalsTable')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('sharing.typology')}</th>
                <th scope="col">{t('sharing.corridor')}</th>
                <th scope="col">{t('sharing.measure')}</th>
                <th scope="col" className="number">
                  {t('sharing.total')}
                </th>
              </tr>
            </thead>
            <tbody>
              {roundtable.totals.map((cell) => (
                <tr key={`${cell.typology}|${cell.corridor}|${cell.measure}`}>
                  <th scope="row">{cell.typology}</th>
                  <td>{cell.corridor}</td>
                  <td>{measure(cell.measure)}</td>
                  <td className="number">{cell.total.toLocaleString(i18n.language === 'es' ? 'es-MX' : 'en-US')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </figure>
      )}
      {!roundtable.contributed && roundtable.status !== 'completed' && definition.participants.includes(self) && <ContributeForm roundtable={roundtable} onDone={onChanged} />}
    </article>
  );
}

/** This institution's counts, one per cell; they leave only as secret shares. */
function ContributeForm({ roundtable, onDone }: { roundtable: RoundtableView; onDone: () => void }) {
  const { t } = useTranslation();
  const { definition } = roundtable;
  const [counts, setCounts] = useState<string[]>(() => definition.cells.map(() => ''));
  const [failure, setFailure] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  async function contribute(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setFailure(null);
    try {
      await sharingApi.post(`/roundtables/${encodeURIComponent(definition.roundtableId)}/contributions`, { counts: counts.map(Number) });
      onDone();
    } catch (error) {
      setFailure(error);
    } finally {
      setBusy(false);
    }
  }
  return (
    <form onSubmit={(event) => void contribute(event)} className="stacked-form">
      <h3>{t('sharing.contribute')}</h3>
      <p className="hint">{t('sharing.contributeHint')}</p>
      {definition.cells.map((cell, index) => {
        const id = `count-${definition.roundtableId}-${index}`;
        return (
          <div key={id}>
            <label htmlFor={id}>
              {cell.typology} · {cell.corridor} · {t(`sharing.measures.${cell.measure}`)}
            </label>
            <input id={id} type="number" min={0} step={1} required inputMode="numeric" value={counts[index] ?? ''} onChange={(event) => setCounts(counts.map((value, at) => (at === index ? event.target.value : value)))} />
          </div>
        );
      })}
      <button type="submit" disabled={busy}>
        {t('sharing.contributeButton')}
      </button>
      {failure !== null && <p role="alert" className="error">{problemText(failure, t('common.error'))}</p>}
    </form>
  );
}
