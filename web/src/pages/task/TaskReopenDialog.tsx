/** The Office lead reopens a task accepted as done, with a reason (the lead agency is told). */
import { Alert, Form, Input } from 'antd';
import type { TaskDetail } from '../../api';
import { FormDialog, useRequired } from '../../components/FormDialog';
import { useI18n } from '../../i18n';
import type { TaskAction } from './useTaskAction';

export function TaskReopenDialog({
  task,
  action,
  onClose,
}: {
  task: TaskDetail;
  action: TaskAction;
  onClose: () => void;
}) {
  const { t } = useI18n();
  const required = useRequired();
  return (
    <FormDialog<{ reason: string }>
      title={t('reopenTask')}
      okText={t('reopenTask')}
      danger
      onClose={onClose}
      onSubmit={async (v) => {
        await action.post('reopen', { version: task.version, reason: v.reason });
        onClose();
      }}
    >
      <Alert type="warning" showIcon message={t('reopenHelp')} style={{ marginBottom: 12 }} />
      <Form.Item name="reason" label={t('reason')} rules={required(t('reason'))}>
        <Input.TextArea rows={3} maxLength={2000} />
      </Form.Item>
    </FormDialog>
  );
}
