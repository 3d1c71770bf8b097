/** Splitting a task into subtasks, one per agency (the same task fields as at registration). */
import { Alert, App, Form, Modal } from 'antd';
import { useState } from 'react';
import { api, type TaskDetail } from '../../api';
import {
  noEnterSubmit,
  sendConfirmingPastDeadline,
  TaskListFields,
  toNewTask,
  usePastDeadlineQuestion,
  type TaskFormValue,
} from '../../components/TaskFields';
import dayjs from 'dayjs';
import { applyServerErrors, FormError, useRefData } from '../../hooks';
import { useI18n } from '../../i18n';

export function TaskSplitDialog({
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
  const ref = useRefData();
  const askPast = usePastDeadlineQuestion();
  const [form] = Form.useForm<{ subtasks: TaskFormValue[] }>();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const save = async () => {
    const v = await form.validateFields();
    setBusy(true);
    setError(null);
    try {
      // A subtask of an assigned task is assigned at once; of a draft, it stays a draft.
      const subtasks = v.subtasks.map((x) => toNewTask(x, task.status !== 'draft'));
      await sendConfirmingPastDeadline(
        (confirmPastDeadline) => api.post(`/tasks/${task.id}/subtasks`, { subtasks, confirmPastDeadline }),
        askPast,
      );
      message.success(t('saved'));
      onSaved();
    } catch (e) {
      setError(applyServerErrors(form, e));
    } finally {
      setBusy(false);
    }
  };
  const base: Partial<TaskFormValue> = {
    content: task.content,
    deadlineKind: task.deadlineKind === 'recurring' ? 'fixed' : task.deadlineKind,
    ...(task.deadline ? { deadline: dayjs(task.deadline) } : {}),
  };
  return (
    <Modal
      open={open}
      title={t('splitTask')}
      okText={t('save')}
      cancelText={t('cancel')}
      onOk={() => void save()}
      confirmLoading={busy}
      onCancel={onClose}
      destroyOnHidden
      width={900}
    >
      <Form
        form={form}
        layout="vertical"
        preserve={false}
        onKeyDown={noEnterSubmit}
        initialValues={{ subtasks: [base, base] }}
      >
        <FormError message={error} />
        <Alert type="info" showIcon message={t('splitHelp')} style={{ marginBottom: 12 }} />
        <TaskListFields refData={ref.data} name="subtasks" />
      </Form>
    </Modal>
  );
}
