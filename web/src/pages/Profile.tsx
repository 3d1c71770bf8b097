/** The signed-in user's own page: who they are, and changing their password. */
import { App, Button, Card, Form, Input } from 'antd';
import { useState } from 'react';
import { api } from '../api';
import { applyServerErrors, FormError, Page, useMe } from '../hooks';
import { useI18n } from '../i18n';

interface Values {
  currentPassword: string;
  newPassword: string;
  repeat: string;
}

export default function Profile() {
  const me = useMe();
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
