import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api.ts';
import { LanguageToggle } from '../components/layout.tsx';
import { useSession } from '../session.tsx';

export function LoginPage() {
  const { t } = useTranslation();
  const { login } = useSession();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await login(username, password);
    } catch (failure) {
      setError(failure instanceof ApiError && failure.problem.status === 401 ? t('login.wrong') : failure instanceof ApiError && failure.problem.status === 429 ? t('login.tooMany') : t('common.error'));
    } finally {
      setBusy(false);
    }
  }

  return (
    <main id="main" className="login">
      <div className="login-card">
        <div className="login-header">
          <h1>Frontera</h1>
          <LanguageToggle />
        </div>
        <p className="tagline">{t('login.tagline')}</p>
        <form onSubmit={(event) => void submit(event)} aria-describedby={error ? 'login-error' : undefined}>
          <label htmlFor="username">{t('login.username')}</label>
          <input id="username" name="username" autoComplete="username" required value={username} onChange={(e) => setUsername(e.target.value)} autoFocus />
          <label htmlFor="password">{t('login.password')}</label>
          <input id="password" name="password" type="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} />
          {error && (
            <p id="login-error" role="alert" className="error">
              {error}
            </p>
          )}
          <button type="submit" className="primary" disabled={busy}>
            {t('login.submit')}
          </button>
        </form>
      </div>
    </main>
  );
}
