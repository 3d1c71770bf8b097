/** Small shared pieces: loading data, showing server errors, reference data, the signed-in user. */
import { Alert, Button, Result, Spin, type FormInstance } from 'antd';
import { createContext, useCallback, useContext, useEffect, useRef, useState, type ReactNode } from 'react';
import { api, ApiError, type Agency, type Field, type Leader, type Me, type User } from './api';
import { useI18n } from './i18n';

export interface Session {
  me: Me;
  /** Replaces the signed-in user's record (after they change their own profile). */
  updateMe: (m: Me) => void;
  signOut: () => Promise<void>;
}
export const SessionContext = createContext<Session | null>(null);
export function useMe(): Me {
  const s = useContext(SessionContext);
  if (!s) throw new Error('useMe outside a session');
  return s.me;
}
export const useSession = () => useContext(SessionContext);

export const isOffice = (m: Me) => m.role === 'office_specialist' || m.role === 'office_lead';
export const isAgency = (m: Me) => m.role === 'agency_lead' || m.role === 'agency_staff';

export interface Loaded<T> {
  data: T | undefined;
  loading: boolean;
  error: ApiError | null;
  reload: () => void;
  setData: (d: T) => void;
}

/** Loads data when `deps` change; keeps the previous data while reloading. */
export function useLoad<T>(load: () => Promise<T>, deps: unknown[]): Loaded<T> {
  const [data, setData] = useState<T>();
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<ApiError | null>(null);
  const [tick, setTick] = useState(0);
  const seq = useRef(0);
  useEffect(() => {
    const n = ++seq.current;
    setLoading(true);
    load().then(
      (d) => {
        if (n !== seq.current) return;
        setData(d);
        setError(null);
        setLoading(false);
      },
      (e: unknown) => {
        if (n !== seq.current) return;
        setError(e instanceof ApiError ? e : new ApiError(0, 'client', String(e)));
        setLoading(false);
      },
    );
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [...deps, tick]);
  const reload = useCallback(() => setTick((x) => x + 1), []);
  return { data, loading, error, reload, setData };
}

/** A page-level load error with a retry button. */
export function LoadError({ error, onRetry }: { error: ApiError; onRetry?: () => void }) {
  const { t } = useI18n();
  return (
    <Alert
      type="error"
      showIcon
      message={error.message}
      action={onRetry ? <Button onClick={onRetry}>{t('retry')}</Button> : undefined}
      style={{ marginBottom: 16 }}
    />
  );
}

export function PageSpin() {
  const { t } = useI18n();
  return (
    <div style={{ padding: 48, textAlign: 'center' }} role="status" aria-live="polite">
      <Spin size="large" />
      <div style={{ marginTop: 12, color: '#555' }}>{t('loading')}</div>
    </div>
  );
}

export function NotFoundPage() {
  const { t } = useI18n();
  return <Result status="404" title="404" subTitle={t('notFound')} extra={<Button href="/">{t('goHome')}</Button>} />;
}

/** Puts the server's per-field messages under the form's fields; returns the message for an Alert. */
export function applyServerErrors(form: FormInstance | null, e: unknown, prefix: (string | number)[] = []): string {
  if (!(e instanceof ApiError)) return String(e);
  if (form && e.issues.length) {
    const known = new Set(Object.keys(form.getFieldsValue(true) ?? {}));
    const fields = e.issues
      .map((i) => {
        const path = i.field.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p));
        return { name: [...prefix, ...path], errors: [i.message] };
      })
      .filter((f) => known.has(String(f.name[0])));
    if (fields.length) form.setFields(fields);
  }
  return e.message;
}

export function FormError({ message }: { message: string | null }) {
  if (!message) return null;
  return <Alert type="error" showIcon message={message} style={{ marginBottom: 16 }} role="alert" />;
}

// ---- reference data, loaded once per session and shared by the pages ----

export interface RefData {
  agencies: Agency[];
  leaders: Leader[];
  fields: Field[];
  specialists: User[];
}
let refCache: Promise<RefData> | null = null;
export function clearRefData() {
  refCache = null;
}
export function loadRefData(me: Me): Promise<RefData> {
  refCache ??= Promise.all([
    api.get<{ items: Agency[] }>('/agencies'),
    api.get<{ items: Leader[] }>('/leaders'),
    api.get<{ items: Field[] }>('/fields'),
    me.role === 'agency_lead' || me.role === 'agency_staff'
      ? Promise.resolve({ items: [] as User[] })
      : api.get<{ items: User[] }>('/users', { role: 'office_specialist' }),
  ]).then(([a, l, f, u]) => ({ agencies: a.items, leaders: l.items, fields: f.items, specialists: u.items }));
  refCache.catch(() => {
    refCache = null;
  });
  return refCache;
}
export function useRefData(): Loaded<RefData> {
  const me = useMe();
  return useLoad(() => loadRefData(me), [me.id]);
}

export function Page({ title, extra, children }: { title: ReactNode; extra?: ReactNode; children: ReactNode }) {
  return (
    <div className="page">
      <div className="page-head">
        <h1>{title}</h1>
        {extra ? <div className="page-extra">{extra}</div> : null}
      </div>
      {children}
    </div>
  );
}
