import { useCallback, useEffect, useState } from 'react';
import { api } from './api.ts';

/** Loads one API resource; `reload` fetches it again after an action. */
export function useApi<T>(path: string | null) {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(path !== null);
  const [version, setVersion] = useState(0);
  useEffect(() => {
    if (path === null) return;
    let live = true;
    setLoading(true);
    api.get<T>(path).then(
      (value) => {
        if (live) {
          setData(value);
          setError(null);
        }
      },
      (failure: unknown) => live && setError(failure),
    ).finally(() => live && setLoading(false));
    return () => {
      live = false;
    };
  }, [path, version]);
  const reload = useCallback(() => setVersion((v) => v + 1), []);
  return { data, error, loading, reload };
}
