/** The Office lead reopens a task accepted as done, with a reason (the lead agency is told). */
import { Alert, App, Form, Input, Modal } from 'antd';
import { useState } from 'react';
import { api, isStaleVersion, type TaskDetail } from '../../api';
import { applyServerErrors, FormError } from '../../hooks';
import { useI18n } from '../../i18n';

export function TaskReopenDialog({
  task,
  open,
  onClose,
  onSaved,
}: {
  task: TaskDetail;
  open: boolean;
  onClose: () => void;
  onSaved: () => void;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ reason: string }>();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const save = async () => {
    const v = await form.validateFields();
    setBusy(true);
    setError(null);
    try {
      await api.post(`/tasks/${task.id}/reopen`, { version: task.version, reason: v.reason });
      message.success(t('done'));
      onSaved();
    } catch (e) {
      if (isStaleVersion(e)) {
        message.warning(t('conflictReload'));
        onSaved();
        return;
      }
      setError(applyServerErrors(form, e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open={open}
      title={t('reopenTask')}
      okText={t('reopenTask')}
      okButtonProps={{ danger: true }}
      cancelText={t('cancel')}
      onOk={() => void save()}
      confirmLoading={busy}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" preserve={false}>
        <FormError message={error} />
        <Alert type="warning" showIcon message={t('reopenHelp')} style={{ marginBottom: 12 }} />
        <Form.Item
          name="reason"
          label={t('reason')}
          rules={[{ required: true, message: t('required', { f: t('reason').toLowerCase() }) }]}
        >
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
