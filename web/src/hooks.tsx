/** Small shared pieces: showing load and server errors, reference data, the signed-in user. */
import { Alert, Button, Result, Spin, type FormInstance } from 'antd';
import { useQueries } from '@tanstack/react-query';
import { createContext, useCallback, useContext, useRef, useState, type ReactElement, type ReactNode } from 'react';
import { ApiError, type Agency, type Field, type Leader, type Me, type User } from './api';
import { queries } from './queries';
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

/** What a query result offers to `Loading`. */
interface Loadable {
  data: unknown;
  error: ApiError | null;
  refetch: () => unknown;
}

/**
 * A page's queries, until every one has data: the first error (with a retry of the failed ones) or the
 * spinner. Returns null when all are there. Queries that are switched off are not passed.
 */
export function loadingOrError(...results: Loadable[]): ReactElement | null {
  const failed = results.filter((r) => r.error && r.data === undefined);
  if (failed.length)
    return <LoadError error={failed[0]!.error!} onRetry={() => failed.forEach((r) => void r.refetch())} />;
  if (results.some((r) => r.data === undefined)) return <PageSpin />;
  return null;
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

// ---- reference data: cached by TanStack Query (queries.ts), shared by the pages ----

export interface RefData {
  agencies: Agency[];
  leaders: Leader[];
  fields: Field[];
  specialists: User[];
}

/** The reference data the forms and filters use; `data` once all of it is there. */
export function useRefData(): { data: RefData | undefined; error: ApiError | null; reload: () => void } {
  const me = useMe();
  const agencyUser = isAgency(me);
  return useQueries({
    queries: [
      queries.agencies(),
      queries.leaders(),
      queries.fields(),
      // An agency's people pick no Office specialist (and may not list users).
      { ...queries.users({ role: 'office_specialist' }), enabled: !agencyUser },
    ],
    combine: (r) => {
      const [a, l, f, u] = r;
      const specialists = agencyUser ? [] : u.data;
      return {
        data:
          a.data && l.data && f.data && specialists
            ? { agencies: a.data, leaders: l.data, fields: f.data, specialists }
            : undefined,
        error: r.find((x) => x.error)?.error ?? null,
        reload: () => r.forEach((x) => x.error && void x.refetch()),
      };
    },
  });
}

/**
 * A ref for an element and whether it has come near the screen (within a screen's height): for parts
 * whose data is read only when someone scrolls to them. Stays true once seen.
 */
export function useInView<T extends Element>(): [(el: T | null) => void, boolean] {
  const [seen, setSeen] = useState(false);
  const observer = useRef<IntersectionObserver | null>(null);
  const ref = useCallback((el: T | null) => {
    observer.current?.disconnect();
    observer.current = null;
    if (!el) return;
    if (typeof IntersectionObserver === 'undefined') {
      setSeen(true);
      return;
    }
    observer.current = new IntersectionObserver(
      (entries) => {
        if (entries.some((e) => e.isIntersecting)) {
          setSeen(true);
          observer.current?.disconnect();
        }
      },
      { rootMargin: '100% 0px' },
    );
    observer.current.observe(el);
  }, []);
  return [ref, seen];
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
