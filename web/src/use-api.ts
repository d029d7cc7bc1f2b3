import { useCallback, useEffect, useState } from 'react';
import { api, fiuApi, sharingApi } from './api.ts';

/** Loads one API resource; `reload` fetches it again after an action. */
export function useApi<T>(path: string | null, client: { get: <R>(path: string) => Promise<R> } = api) {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(path !== null);
  const [version, setVersion] = useState(0);
  useEffect(() => {
    if (path === null) return;
    let live = true;
    setLoading(true);
    client.get<T>(path).then(
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
  }, [path, version, client]);
  const reload = useCallback(() => setVersion((v) => v + 1), []);
  return { data, error, loading, reload };
}

/** `useApi` over the sharing routes (/sharing/v1). */
export function useSharingApi<T>(path: string | null) {
  return useApi<T>(path, sharingApi);
}

/** `useApi` over the FIU hub's routes (/api/fiu). */
export function useFiuApi<T>(path: string | null) {
  return useApi<T>(path, fiuApi);
}
