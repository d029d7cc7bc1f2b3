import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react';
import { api, ApiError, type Principal, type Role } from './api.ts';

type SessionValue = {
  principal: Principal | null;
  loading: boolean;
  login(username: string, password: string): Promise<void>;
  logout(): Promise<void>;
  hasRole(roles: readonly Role[]): boolean;
};

const SessionContext = createContext<SessionValue | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [principal, setPrincipal] = useState<Principal | null>(null);
  const [loading, setLoading] = useState(true);
  useEffect(() => {
    api
      .get<Principal>('/auth/me')
      .then(setPrincipal, (error: unknown) => {
        if (!(error instanceof ApiError && error.problem.status === 401)) console.error(error);
      })
      .finally(() => setLoading(false));
  }, []);
  const login = useCallback(async (username: string, password: string) => {
    await api.post('/auth/login', { username, password });
    setPrincipal(await api.get<Principal>('/auth/me'));
  }, []);
  const logout = useCallback(async () => {
    await api.post('/auth/logout');
    setPrincipal(null);
  }, []);
  const hasRole = useCallback((roles: readonly Role[]) => principal?.roles.some((role) => roles.includes(role)) ?? false, [principal]);
  return <SessionContext.Provider value={{ principal, loading, login, logout, hasRole }}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession outside SessionProvider');
  return value;
}
