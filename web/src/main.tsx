/**
 * Entry: language, Ant Design's locale and theme, the session, and the routes. Every page but sign-in and
 * the shell is loaded on demand (React.lazy) so the first screen needs little JavaScript.
 */
import { App as AntApp, Button, ConfigProvider, Result } from 'antd';
import enUS from 'antd/es/locale/en_US';
import viBase from 'antd/es/locale/vi_VN';
import type { Locale } from 'antd/es/locale';
import dayjs from 'dayjs';
import 'dayjs/locale/vi';

import { QueryClientProvider } from '@tanstack/react-query';
import { lazy, StrictMode, Suspense, useCallback, useEffect, useMemo, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter, Navigate, Route, Routes } from 'react-router';
import { api, ApiError, setApiLanguage, setCsrf, setOnUnauthorized, type Me } from './api';
import { NotFoundPage, PageSpin, SessionContext } from './hooks';
import { createQueryClient } from './queries';
import { I18nContext, labelOf, translate, type I18n, type Lang } from './i18n';
import { Shell } from './Shell';
import { Login } from './pages/Login';
import './styles.css';

/** Ant Design's Vietnamese, with the date pickers asking for a day ("Chọn ngày", not "Chọn thời điểm"). */
const viVN: Locale = {
  ...viBase,
  DatePicker: viBase.DatePicker && {
    ...viBase.DatePicker,
    lang: {
      ...viBase.DatePicker.lang,
      placeholder: 'Chọn ngày',
      rangePlaceholder: ['Từ ngày', 'Đến ngày'],
    },
  },
};

const Home = lazy(() => import('./pages/Home'));
const Documents = lazy(() => import('./pages/Documents'));
const DocumentNew = lazy(() => import('./pages/DocumentNew'));
const DocumentPage = lazy(() => import('./pages/DocumentPage'));
const Tasks = lazy(() => import('./pages/Tasks'));
const TaskPage = lazy(() => import('./pages/TaskPage'));
const DeadlineCalendar = lazy(() => import('./pages/DeadlineCalendar'));
const Profile = lazy(() => import('./pages/Profile'));
const Agencies = lazy(() => import('./pages/admin/Agencies'));
const Users = lazy(() => import('./pages/admin/Users'));
const Fields = lazy(() => import('./pages/admin/Fields'));
const WorkCalendar = lazy(() => import('./pages/admin/WorkCalendar'));
const SettingsPage = lazy(() => import('./pages/admin/SettingsPage'));
const Reports = lazy(() => import('./pages/reports/Reports'));
const PublicResults = lazy(() => import('./pages/reports/PublicResults'));

/** The published results (when the admin turns them on): shown with or without a session. */
const PUBLIC_RESULTS_PATH = '/ket-qua';

/**
 * Tags with readable text (4.5:1 on their light background): the text of each preset colour one shade
 * darker than antd's (7 → 8; 9 for the pale lime and yellow), and the status colours likewise.
 */
const TAG_CONTRAST = {
  red7: '#a8071a',
  volcano7: '#ad2102',
  orange7: '#ad4e00',
  gold7: '#ad6800',
  yellow7: '#876800',
  lime7: '#3f6600',
  green7: '#237804',
  cyan7: '#006d75',
  blue7: '#003eb3',
  geekblue7: '#10239e',
  purple7: '#391085',
  magenta7: '#9e1068',
  colorSuccess: '#237804',
  colorInfo: '#0b4f9c',
  colorError: '#a8071a',
  colorWarning: '#ad4e00',
};
/** The one cache of server state (queries.ts); emptied when the signed-in user changes. */
const queryClient = createQueryClient();

function initialLang(): Lang {
  const saved = localStorage.getItem('nv.lang');
  return saved === 'en' ? 'en' : 'vi';
}

function Root() {
  const [lang, setLangState] = useState<Lang>(initialLang);
  const [me, setMe] = useState<Me | null | undefined>(undefined);
  const [expired, setExpired] = useState(false);
  const [offline, setOffline] = useState(false);

  setApiLanguage(lang);
  const setLang = useCallback((l: Lang) => {
    localStorage.setItem('nv.lang', l);
    setApiLanguage(l);
    setLangState(l);
    // The server's texts (notifications, names of statuses in reports…) come in the chosen language.
    void queryClient.invalidateQueries();
  }, []);
  useEffect(() => {
    dayjs.locale(lang === 'vi' ? 'vi' : 'en');
    document.documentElement.lang = lang;
  }, [lang]);

  useEffect(() => {
    api.get<Me>('/auth/me').then(
      (m) => {
        setCsrf(m.csrfToken);
        setMe(m);
      },
      (e: unknown) => {
        // The server cannot be reached (or keeps failing): say so, instead of a sign-in form that cannot work.
        if (e instanceof ApiError && (e.status === 0 || e.status >= 502)) setOffline(true);
        else setMe(null);
      },
    );
    setOnUnauthorized(() => {
      setExpired(true);
      setMe(null);
    });
  }, []);

  const i18n = useMemo<I18n>(
    () => ({
      lang,
      setLang,
      t: (k, p) => translate(lang, k, p),
      label: (g, c) => labelOf(lang, g, c),
    }),
    [lang, setLang],
  );

  const session = useMemo(
    () =>
      me
        ? {
            me,
            updateMe: (m: Me) => setMe(m),
            signOut: async () => {
              try {
                await api.post('/auth/logout');
              } finally {
                setCsrf(null);
                queryClient.clear();
                setExpired(false);
                setMe(null);
              }
            },
          }
        : null,
    [me],
  );

  return (
    <I18nContext.Provider value={i18n}>
      <ConfigProvider
        locale={lang === 'vi' ? viVN : enUS}
        theme={{
          token: {
            colorPrimary: '#0b4f9c',
            colorLink: '#0b4f9c',
            // Contrast of at least 4.5:1 on white and on the light greys of cards (WCAG 1.4.3): secondary text,
            // descriptions, placeholders and danger buttons darker than antd's defaults.
            colorTextTertiary: 'rgba(0, 0, 0, 0.6)',
            colorTextDescription: 'rgba(0, 0, 0, 0.6)',
            colorTextPlaceholder: 'rgba(0, 0, 0, 0.55)',
            colorError: '#cf1322',
            colorInfo: '#0b4f9c',
            borderRadius: 6,
            fontFamily:
              "system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', 'Helvetica Neue', Arial, sans-serif",
          },
          components: { Tag: TAG_CONTRAST },
        }}
      >
        <AntApp>
          {window.location.pathname === PUBLIC_RESULTS_PATH ? (
            <Suspense fallback={<PageSpin />}>
              <PublicResults />
            </Suspense>
          ) : offline ? (
            <main className="offline">
              <Result
                status="warning"
                title={i18n.t('offlineTitle')}
                subTitle={i18n.t('offlineText')}
                extra={
                  <Button type="primary" onClick={() => window.location.reload()}>
                    {i18n.t('retry')}
                  </Button>
                }
              />
            </main>
          ) : me === undefined ? (
            <PageSpin />
          ) : me === null ? (
            <Login
              expired={expired}
              onSignedIn={(m) => {
                setCsrf(m.csrfToken);
                queryClient.clear();
                setExpired(false);
                // The language the user chose in their profile is the one they start in (if they chose one).
                if (m.language) setLang(m.language);
                setMe(m);
              }}
            />
          ) : (
            <SessionContext.Provider value={session}>
              <BrowserRouter>
                <Shell>
                  <Suspense fallback={<PageSpin />}>
                    <Routes>
                      <Route path="/" element={<Home />} />
                      <Route path="/documents" element={<Documents />} />
                      <Route path="/documents/new" element={<DocumentNew />} />
                      <Route path="/documents/:id" element={<DocumentPage />} />
                      <Route path="/tasks" element={<Tasks />} />
                      <Route path="/tasks/:id" element={<TaskPage />} />
                      <Route path="/calendar" element={<DeadlineCalendar />} />
                      <Route path="/reports" element={<Reports />} />
                      <Route path="/profile" element={<Profile />} />
                      <Route path="/admin" element={<Navigate to="/admin/agencies" replace />} />
                      <Route path="/admin/agencies" element={<Agencies />} />
                      <Route path="/admin/users" element={<Users />} />
                      <Route path="/admin/fields" element={<Fields />} />
                      <Route path="/admin/calendar" element={<WorkCalendar />} />
                      <Route path="/admin/settings" element={<SettingsPage />} />
                      <Route path="/login" element={<Navigate to="/" replace />} />
                      <Route path="*" element={<NotFoundPage />} />
                    </Routes>
                  </Suspense>
                </Shell>
              </BrowserRouter>
            </SessionContext.Provider>
          )}
        </AntApp>
      </ConfigProvider>
    </I18nContext.Provider>
  );
}

// The installed app (web app manifest) shows a clear page when the server cannot be reached (public/sw.js).
if ('serviceWorker' in navigator && window.isSecureContext)
  void navigator.serviceWorker.register('/sw.js').catch(() => undefined);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <Root />
    </QueryClientProvider>
  </StrictMode>,
);
