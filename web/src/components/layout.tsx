import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { setLanguage, type Language } from '../i18n.ts';
import { NAV_GROUPS, PAGES, pageOf } from '../pages-registry.ts';
import { Link, useRouter } from '../router.tsx';
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

/**
 * The frame of every signed-in page: skip link, a top bar (brand, user, language, sign-out), a side
 * navigation grouped by area showing only the pages the role may open, and the main landmark. A
 * side navigation keeps every link visible at laptop widths, where one row of links would wrap.
 */
export function Layout({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const { principal, logout, hasRole } = useSession();
  const groups = NAV_GROUPS.map((group) => ({ group, pages: PAGES.filter((page) => page.group === group && hasRole(page.roles)) })).filter(({ pages }) => pages.length > 0);
  return (
    <>
      <a className="skip-link" href="#main">
        {t('layout.skip')}
      </a>
      <header className="top-bar">
        <span className="brand">Frontera</span>
        <div className="user-menu">
          <span className="who">
            {principal?.name} · <span className="role">{principal?.roles.map((role) => t(`roles.${role}`)).join(', ')}</span>
            {principal?.agencyId && (
              <>
                {' '}
                · <span className="agency">{t('layout.agency', { agency: principal.agencyId })}</span>
              </>
            )}
          </span>
          <LanguageToggle />
          <button type="button" onClick={() => void logout()}>
            {t('layout.signOut')}
          </button>
        </div>
      </header>
      <div className="frame">
        <nav aria-label={t('layout.navigation')} className="side-nav">
          {groups.map(({ group, pages }) => (
            <div key={group} className="nav-group">
              {group !== 'overview' && (
                <p className="nav-group-label" id={`nav-group-${group}`}>
                  {t(`navGroups.${group}`)}
                </p>
              )}
              <ul {...(group !== 'overview' ? { 'aria-labelledby': `nav-group-${group}` } : {})}>
                {pages.map((page) => (
                  <li key={page.path}>
                    <NavLink to={page.path}>{t(`nav.${page.key}`)}</NavLink>
                  </li>
                ))}
              </ul>
            </div>
          ))}
        </nav>
        <main id="main" tabIndex={-1}>
          {children}
        </main>
      </div>
    </>
  );
}

/** A navigation link, marked as the current page also on the page's sub-paths (`/cases/C-1`). */
function NavLink({ to, children }: { to: string; children: ReactNode }) {
  const { path } = useRouter();
  const current = pageOf(path)?.path === to;
  return (
    <Link to={to} aria-current={current ? 'page' : undefined}>
      {children}
    </Link>
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
