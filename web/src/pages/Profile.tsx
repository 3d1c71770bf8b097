/** The signed-in user's own page: who they are, their interface language, and changing their password. */
import { App, Button, Card, Form, Input, Radio } from 'antd';
import { useState } from 'react';
import { api, type Me } from '../api';
import { applyServerErrors, FormError, Page, useMe, useSession } from '../hooks';
import { translate, useI18n } from '../i18n';

interface Values {
  currentPassword: string;
  newPassword: string;
  repeat: string;
}

/** The language the user starts in after signing in, saved to their account (PATCH /api/auth/me). */
function LanguageCard() {
  const me = useMe();
  const session = useSession();
  const { t, lang, setLang } = useI18n();
  const { message } = App.useApp();
  const [value, setValue] = useState<'vi' | 'en'>(me.language ?? lang);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const save = async () => {
    setBusy(true);
    setError(null);
    try {
      const m = await api.patch<Me>('/auth/me', { version: me.version, language: value });
      session?.updateMe(m);
      setLang(value);
      // Said in the language just chosen.
      message.success(translate(value, 'languageSaved'));
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card
      size="small"
      title={<h2 className="card-title">{t('interfaceLanguage')}</h2>}
      style={{ marginBottom: 16, maxWidth: 560 }}
    >
      <FormError message={error} />
      <p id="language-help" style={{ marginTop: 0 }}>
        {t('interfaceLanguageHelp')}
      </p>
      <Radio.Group
        aria-label={t('interfaceLanguage')}
        aria-describedby="language-help"
        value={value}
        onChange={(e) => setValue(e.target.value as 'vi' | 'en')}
        options={[
          { value: 'vi', label: <span lang="vi">Tiếng Việt</span> },
          { value: 'en', label: <span lang="en">English</span> },
        ]}
        style={{ marginBottom: 12, display: 'flex', gap: 16 }}
      />
      <Button type="primary" onClick={() => void save()} loading={busy} disabled={value === me.language}>
        {t('save')}
      </Button>
    </Card>
  );
}

export default function Profile() {
  const me = useMe();
  const session = useSession();
  const { t, label } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (v: Values) => {
    setBusy(true);
    setError(null);
    try {
      await api.post('/auth/password', { currentPassword: v.currentPassword, newPassword: v.newPassword });
      // The account's version moved: the language card sends the new one.
      session?.updateMe(await api.get<Me>('/auth/me'));
      form.resetFields();
      message.success(t('passwordChanged'));
    } catch (e) {
      setError(applyServerErrors(form, e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Page title={t('profile')}>
      <Card size="small" style={{ marginBottom: 16, maxWidth: 560 }}>
        <dl className="kv">
          <dt>{t('fullName')}</dt>
          <dd>{me.fullName}</dd>
          <dt>{t('username')}</dt>
          <dd>{me.username}</dd>
          <dt>{t('role')}</dt>
          <dd>{label('role', me.role)}</dd>
          <dt>{t('agency')}</dt>
          <dd>{me.agencyName}</dd>
        </dl>
      </Card>
      <LanguageCard />
      <Card size="small" title={<h2 className="card-title">{t('changePassword')}</h2>} style={{ maxWidth: 560 }}>
        <Form<Values> form={form} layout="vertical" onFinish={submit} requiredMark={false}>
          <FormError message={error} />
          <Form.Item
            name="currentPassword"
            label={t('currentPassword')}
            rules={[{ required: true, message: t('required', { f: t('currentPassword').toLowerCase() }) }]}
          >
            <Input.Password autoComplete="current-password" />
          </Form.Item>
          <Form.Item
            name="newPassword"
            label={t('newPassword')}
            rules={[{ required: true, message: t('required', { f: t('newPassword').toLowerCase() }) }]}
          >
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          <Form.Item
            name="repeat"
            label={t('repeatPassword')}
            dependencies={['newPassword']}
            rules={[
              { required: true, message: t('required', { f: t('repeatPassword').toLowerCase() }) },
              ({ getFieldValue }) => ({
                validator: (_, v) =>
                  !v || v === getFieldValue('newPassword')
                    ? Promise.resolve()
                    : Promise.reject(new Error(t('passwordsDiffer'))),
              }),
            ]}
          >
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={busy}>
            {t('changePassword')}
          </Button>
        </Form>
      </Card>
    </Page>
  );
}
