import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api.ts';
import { Status } from '../components/layout.tsx';
import type { ScreeningMatch } from '../types.ts';

export default function ScreeningPage() {
  const { t } = useTranslation();
  const [name, setName] = useState('');
  const [country, setCountry] = useState('');
  const [result, setResult] = useState<{ query: string; matches: ScreeningMatch[] } | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(false);

  async function search(event: FormEvent) {
    event.preventDefault();
    setLoading(true);
    setError(null);
    try {
      const params = new URLSearchParams({ name });
      if (country) params.set('country', country);
      const data = await api.get<{ matches: ScreeningMatch[] }>(`/screening/search?${params.toString()}`);
      setResult({ query: name, matches: data.matches });
    } catch (failure) {
      setError(failure);
    } finally {
      setLoading(false);
    }
  }

  return (
    <section aria-labelledby="page-title">
      <h1 id="page-title">{t('nav.screening')}</h1>
      <form className="search-form" role="search" onSubmit={(e) => void search(e)}>
        <label htmlFor="screen-name">{t('screening.name')}</label>
        <input id="screen-name" value={name} onChange={(e) => setName(e.target.value)} required minLength={2} maxLength={200} placeholder="Cártel de Jalisco Nueva Generación" />
        <label htmlFor="screen-country">{t('screening.country')}</label>
        <input id="screen-country" value={country} onChange={(e) => setCountry(e.target.value.toUpperCase())} pattern="[A-Z]{2}" maxLength={2} size={3} />
        <button type="submit" className="primary">
          {t('screening.search')}
        </button>
      </form>
      <Status loading={loading} error={error} />
      {result && (
        <div aria-live="polite">
          <p>{t('screening.results', { count: result.matches.length, query: result.query })}</p>
          {result.matches.length > 0 && (
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('screening.listName')}</th>
                  <th scope="col">{t('screening.list')}</th>
                  <th scope="col">{t('fields.score')}</th>
                  <th scope="col">{t('screening.why')}</th>
                </tr>
              </thead>
              <tbody>
                {result.matches.map((match) => (
                  <tr key={`${match.listId}-${match.entryId}`}>
                    <td>
                      {match.name}
                      {match.matchedName !== match.name && <div className="muted">{match.matchedName}</div>}
                    </td>
                    <td>
                      {match.listId} {match.programs.length > 0 && <span className="muted">({match.programs.join(', ')})</span>}
                    </td>
                    <td className="number">{match.score.toFixed(2)}</td>
                    <td>{match.explanation}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </div>
      )}
    </section>
  );
}
