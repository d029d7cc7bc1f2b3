import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { setLanguage, type Language } from '../i18n.ts';
import { PAGES } from '../pages-registry.ts';
import { Link } from '../router.tsx';
import { useSession } from '../session.tsx';

export function LanguageToggle() {
  const { t, i18n } = useTranslation();
  const current = (i18n.resolvedLanguage ?? 'en') as Language;
  const next: Language = current === 'en' ? 'es' : 'en';
  return (
    <button type="button" className="language-toggle" onClick={() => setLanguage(next)} aria-label={t('language.switchTo', { language: t(`language.${next}`) })} lang={next}>
      {next === 'es' ? 'Español' : 'English'}
    </button>
  );
}

/** The frame of every signed-in page: skip link, navigation by role, user menu, main landmark. */
export function Layout({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const { principal, logout, hasRole } = useSession();
  return (
    <>
      <a className="skip-link" href="#main">
        {t('layout.skip')}
      </a>
      <header className="top-bar">
        <span className="brand">Frontera</span>
        <nav aria-label={t('layout.navigation')}>
          <ul>
            {PAGES.filter((page) => hasRole(page.roles)).map((page) => (
              <li key={page.path}>
                <Link to={page.path}>{t(`nav.${page.key}`)}</Link>
              </li>
            ))}
          </ul>
        </nav>
        <div className="user-menu">
          <span className="who">
            {principal?.name} · <span className="role">{principal?.roles.map((role) => t(`roles.${role}`)).join(', ')}</span>
          </span>
          <LanguageToggle />
          <button type="button" onClick={() => void logout()}>
            {t('layout.signOut')}
          </button>
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        {children}
      </main>
    </>
  );
}

/** Loading, error and empty states spoken to screen readers. */
export function Status({ loading, error, empty }: { loading?: boolean; error?: unknown; empty?: boolean }) {
  const { t } = useTranslation();
  if (loading) return <p role="status">{t('common.loading')}</p>;
  if (error) return <p role="alert" className="error">{error instanceof Error ? error.message : t('common.error')}</p>;
  if (empty) return <p role="status">{t('common.empty')}</p>;
  return null;
}
