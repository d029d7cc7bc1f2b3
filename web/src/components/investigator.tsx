import { useCallback, useState, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { fiuApi } from '../api.ts';
import type { FiuReport } from '../types.ts';
import { ReportView } from './fiu.tsx';
import { Status } from './layout.tsx';
import { usePurposeDialog } from './purpose-dialog.tsx';

/** An investigator request's path with the declared purpose, which the hub audits with it. */
export function withPurpose(path: string, purpose: string): string {
  return `${path}${path.includes('?') ? '&' : '?'}purpose=${encodeURIComponent(purpose)}`;
}

type Loaded<T> = { data: T | null; error: unknown; loading: boolean; purpose: string | null };

/**
 * A request that is sent only after the investigator declares its purpose in the dialog.
 * `run(action, path)` opens the dialog; a cancelled dialog sends nothing and changes nothing.
 * Requests given the same `memory` offer the last purpose declared in any of them.
 */
export function usePurposeRequest<T>(memory?: RefObject<string>) {
  const { ask, dialog } = usePurposeDialog(memory);
  const [state, setState] = useState<Loaded<T>>({ data: null, error: null, loading: false, purpose: null });
  const run = useCallback(
    async (action: string, path: string): Promise<boolean> => {
      const purpose = await ask(action);
      if (purpose === null) return false;
      setState((previous) => ({ ...previous, loading: true, error: null }));
      try {
        const data = await fiuApi.get<T>(withPurpose(path, purpose));
        setState({ data, error: null, loading: false, purpose });
      } catch (error) {
        setState({ data: null, error, loading: false, purpose });
      }
      return true;
    },
    [ask],
  );
  return { ...state, run, dialog };
}

/** One disseminated report, opened by the investigator (each opening asks for its purpose). */
export function InvestigatorReport({ report }: { report: Loaded<FiuReport> }) {
  const { t } = useTranslation();
  if (!report.data || report.loading) return <Status loading={report.loading} error={report.error} />;
  return (
    <>
      {report.purpose && <p className="muted">{t('investigator.declared', { purpose: report.purpose })}</p>}
      <ReportView report={report.data} focusOnShow />
    </>
  );
}
