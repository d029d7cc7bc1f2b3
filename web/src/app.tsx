import { lazy, Suspense, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Layout, Status } from './components/layout.tsx';
import { pageOf, type PageKey } from './pages-registry.ts';
import { LoginPage } from './pages/login.tsx';
import { useRouter } from './router.tsx';
import { useSession } from './session.tsx';

// Each page loads its own code (charts, graph) only when opened: the first page paints fast.
const DashboardPage = lazy(() => import('./pages/dashboard.tsx'));
const AlertsPage = lazy(() => import('./pages/alerts.tsx'));
const CasesPage = lazy(() => import('./pages/cases.tsx'));
const ScreeningPage = lazy(() => import('./pages/screening.tsx'));
const TypologiesPage = lazy(() => import('./pages/typologies.tsx'));
const GuidancePage = lazy(() => import('./pages/guidance.tsx'));
const ReportsPage = lazy(() => import('./pages/reports.tsx'));
const AuditPage = lazy(() => import('./pages/audit.tsx'));
const SharingPage = lazy(() => import('./pages/sharing.tsx'));
const MatchPage = lazy(() => import('./pages/match.tsx'));
const SharedCasesPage = lazy(() => import('./pages/shared-cases.tsx'));
const RoundtablesPage = lazy(() => import('./pages/roundtables.tsx'));
const InstitutionMessagesPage = lazy(() => import('./pages/institution-messages.tsx'));
const InstitutionIntakePage = lazy(() => import('./pages/institution-intake.tsx'));
const FiuSubjectListsPage = lazy(() => import('./pages/fiu-subject-lists.tsx'));
const AgenciesPage = lazy(() => import('./pages/agencies.tsx'));
const FiuTriagePage = lazy(() => import('./pages/fiu-triage.tsx'));
const FiuEntitiesPage = lazy(() => import('./pages/fiu-entities.tsx'));
const FiuDisseminationPage = lazy(() => import('./pages/fiu-dissemination.tsx'));
const FiuExchangePage = lazy(() => import('./pages/fiu-exchange.tsx'));
const FiuScorecardsPage = lazy(() => import('./pages/fiu-scorecards.tsx'));
const InvestigatorPackagesPage = lazy(() => import('./pages/investigator-packages.tsx'));
const InvestigatorSearchPage = lazy(() => import('./pages/investigator-search.tsx'));

const COMPONENTS = {
  dashboard: DashboardPage,
  alerts: AlertsPage,
  cases: CasesPage,
  screening: ScreeningPage,
  typologies: TypologiesPage,
  guidance: GuidancePage,
  reports: ReportsPage,
  audit: AuditPage,
  sharing: SharingPage,
  sharingMatch: MatchPage,
  sharedCases: SharedCasesPage,
  roundtables: RoundtablesPage,
  institutionMessages: InstitutionMessagesPage,
  institutionIntake: InstitutionIntakePage,
  fiuSubjectLists: FiuSubjectListsPage,
  agencies: AgenciesPage,
  fiuTriage: FiuTriagePage,
  fiuEntities: FiuEntitiesPage,
  fiuDissemination: FiuDisseminationPage,
  fiuExchange: FiuExchangePage,
  fiuScorecards: FiuScorecardsPage,
  investigatorPackages: InvestigatorPackagesPage,
  investigatorSearch: InvestigatorSearchPage,
} as const satisfies Record<PageKey, unknown>;

export function App() {
  const { t } = useTranslation();
  const { principal, loading, hasRole } = useSession();
  const { path } = useRouter();
  const mainRef = useRef<string>(path);

  useEffect(() => {
    // Move focus to the new page's content so keyboard and screen-reader users land on it.
    if (mainRef.current !== path) document.getElementById('main')?.focus();
    mainRef.current = path;
    const page = pageOf(path);
    document.title = page ? `${t(`nav.${page.key}`)} · Frontera` : 'Frontera';
  }, [path, t]);

  if (loading) return <Status loading />;
  if (!principal) return <LoginPage />;
  const page = pageOf(path);
  let content;
  if (!page) {
    content = (
      <section aria-labelledby="page-title">
        <h1 id="page-title">{t('errors.notFound')}</h1>
      </section>
    );
  } else if (!hasRole(page.roles)) {
    content = (
      <section aria-labelledby="page-title" className="denied">
        <h1 id="page-title">{t('errors.forbiddenTitle')}</h1>
        <p>{t('errors.forbidden')}</p>
      </section>
    );
  } else {
    const Page = COMPONENTS[page.key];
    content = (
      <Suspense fallback={<Status loading />}>
        <Page />
      </Suspense>
    );
  }
  return <Layout>{content}</Layout>;
}
