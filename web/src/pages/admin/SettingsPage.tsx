/**
 * Settings: reminders, extension cap, staleness threshold, cut-off day, delegation, published results,
 * grading thresholds.
 */
import { App, Button, Card, Checkbox, Form, InputNumber, Select } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../../api';
import { applyServerErrors, FormError, LoadError, Page, PageSpin, useMe } from '../../hooks';
import { invalidate, keys, queries } from '../../queries';
import { useI18n } from '../../i18n';

export default function SettingsPage() {
  const { t } = useI18n();
  const me = useMe();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const s = useQuery(queries.settings());
  const [form] = Form.useForm();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const admin = me.role === 'admin';
  if (s.error) return <LoadError error={s.error} onRetry={() => void s.refetch()} />;
  if (!s.data) return <PageSpin />;
  const g = s.data.gradingThresholds;
  const save = async (
    v: Record<string, unknown> & {
      excellent: number;
      good: number;
      fair: number;
      reminderDaysBefore: (string | number)[];
    },
  ) => {
    setBusy(true);
    setError(null);
    try {
      const { excellent, good, fair, reminderDaysBefore, ...rest } = v;
      await api.put('/settings', {
        ...rest,
        reminderDaysBefore: reminderDaysBefore.map(Number).filter((n) => Number.isFinite(n)),
        gradingThresholds: { excellent: excellent / 100, good: good / 100, fair: fair / 100 },
      });
      message.success(t('saved'));
      // Grades in the reports and who decides extensions (the tasks' actions) follow the settings.
      void invalidate(qc, keys.settings(), keys.reports.all(), keys.tasks.all());
    } catch (e) {
      setError(applyServerErrors(form, e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Page title={t('settings')}>
      <Card style={{ maxWidth: 720 }}>
        {!admin ? <p className="muted">{t('adminOnly')}</p> : null}
        <Form
          form={form}
          layout="vertical"
          disabled={!admin}
          onFinish={save}
          initialValues={{
            ...s.data,
            reminderDaysBefore: s.data.reminderDaysBefore.map(String),
            excellent: Math.round(g.excellent * 100),
            good: Math.round(g.good * 100),
            fair: Math.round(g.fair * 100),
          }}
        >
          <FormError message={error} />
          <Form.Item name="reminderDaysBefore" label={t('reminderDaysBefore')}>
            <Select mode="tags" tokenSeparators={[',', ' ']} />
          </Form.Item>
          <Form.Item name="overdueReminderEveryDays" label={t('overdueReminderEveryDays')}>
            <InputNumber min={1} max={60} />
          </Form.Item>
          <Form.Item name="extensionCap" label={t('extensionCap')}>
            <InputNumber min={0} max={10} />
          </Form.Item>
          <Form.Item name="staleAfterDays" label={t('staleAfterDays')}>
            <InputNumber min={1} max={365} />
          </Form.Item>
          <Form.Item name="reportCutoffDay" label={t('reportCutoffDay')}>
            <InputNumber min={1} max={31} />
          </Form.Item>
          <Form.Item name="officeLeadDecidesExtensions" valuePropName="checked">
            <Checkbox>{t('officeLeadDecidesExtensions')}</Checkbox>
          </Form.Item>
          <Form.Item name="publicResults" valuePropName="checked">
            <Checkbox>{t('publicResultsSetting')}</Checkbox>
          </Form.Item>
          <fieldset style={{ border: 0, padding: 0 }}>
            <legend style={{ fontSize: 14, marginBottom: 8 }}>{t('gradingThresholds')}</legend>
            <div style={{ display: 'flex', gap: 12, flexWrap: 'wrap' }}>
              <Form.Item name="excellent" label={t('excellent')}>
                <InputNumber min={0} max={100} addonAfter="%" />
              </Form.Item>
              <Form.Item name="good" label={t('good')}>
                <InputNumber min={0} max={100} addonAfter="%" />
              </Form.Item>
              <Form.Item name="fair" label={t('fair')}>
                <InputNumber min={0} max={100} addonAfter="%" />
              </Form.Item>
            </div>
          </fieldset>
          {admin ? (
            <Button type="primary" htmlType="submit" loading={busy}>
              {t('save')}
            </Button>
          ) : null}
        </Form>
      </Card>
    </Page>
  );
}
