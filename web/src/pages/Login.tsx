import { Alert, Button, Card, Form, Input } from 'antd';
import { useEffect, useState } from 'react';
import { api, type Me } from '../api';
import { useI18n } from '../i18n';

export function Login({ onSignedIn, expired }: { onSignedIn: (m: Me) => void; expired: boolean }) {
  const { t, lang, setLang } = useI18n();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // The published results, when the admin has turned them on (404 otherwise).
  const [published, setPublished] = useState(false);
  useEffect(() => {
    api.get<{ periods: string[] }>('/public/periods').then(
      (r) => setPublished(r.periods.length > 0),
      () => setPublished(false),
    );
  }, []);
  const submit = async (v: { username: string; password: string }) => {
    setBusy(true);
    setError(null);
    try {
      const me = await api.post<Me>('/auth/login', v);
      if (window.location.pathname === '/login') window.history.replaceState(null, '', '/');
      onSignedIn(me);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <main className="login">
      <div className="login-brand">
        <div className="login-emblem" aria-hidden="true">
          ★
        </div>
        <h1>{t('appName')}</h1>
        <p>{t('appTagline')}</p>
      </div>
      <Card className="login-card" title={t('signInTitle')}>
        {expired ? <Alert type="warning" showIcon message={t('sessionEnded')} style={{ marginBottom: 16 }} /> : null}
        {error ? <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} role="alert" /> : null}
        <Form layout="vertical" onFinish={submit} requiredMark={false}>
          <Form.Item
            label={t('username')}
            name="username"
            rules={[{ required: true, message: t('required', { f: t('username').toLowerCase() }) }]}
          >
            <Input autoComplete="username" autoFocus size="large" />
          </Form.Item>
          <Form.Item
            label={t('password')}
            name="password"
            rules={[{ required: true, message: t('required', { f: t('password').toLowerCase() }) }]}
          >
            <Input.Password autoComplete="current-password" size="large" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block size="large" loading={busy}>
            {t('signIn')}
          </Button>
        </Form>
        <div style={{ marginTop: 16, display: 'flex', justifyContent: 'space-between', flexWrap: 'wrap', gap: 8 }}>
          {published ? (
            <a href="/ket-qua" style={{ alignSelf: 'center' }}>
              {t('publicResultsLink')}
            </a>
          ) : (
            <span />
          )}
          <Button type="link" onClick={() => setLang(lang === 'vi' ? 'en' : 'vi')} lang={lang === 'vi' ? 'en' : 'vi'}>
            {t('switchLang')}
          </Button>
        </div>
      </Card>
    </main>
  );
}
