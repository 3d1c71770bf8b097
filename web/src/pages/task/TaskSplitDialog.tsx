/** Splitting a task into subtasks, one per agency (the same task fields as at registration). */
import { Alert } from 'antd';
import { api, type TaskDetail } from '../../api';
import { FormDialog } from '../../components/FormDialog';
import {
  sendConfirmingPastDeadline,
  TaskListFields,
  toNewTask,
  usePastDeadlineQuestion,
  type TaskFormValue,
} from '../../components/TaskFields';
import dayjs from 'dayjs';
import { useRefData } from '../../hooks';
import { useI18n } from '../../i18n';
import type { TaskAction } from './useTaskAction';

export function TaskSplitDialog({
  task,
  action,
  onClose,
}: {
  task: TaskDetail;
  action: TaskAction;
  onClose: () => void;
}) {
  const { t } = useI18n();
  const ref = useRefData();
  const askPast = usePastDeadlineQuestion();
  const submit = async (v: { subtasks: TaskFormValue[] }) => {
    // A subtask of an assigned task is assigned at once; of a draft, it stays a draft.
    const subtasks = v.subtasks.map((x) => toNewTask(x, task.status !== 'draft'));
    // The answer is the task split, with its subtasks.
    await action.run(
      () =>
        sendConfirmingPastDeadline(
          (confirmPastDeadline) =>
            api.post<TaskDetail>(`/tasks/${task.id}/subtasks`, { subtasks, confirmPastDeadline }),
          askPast,
        ),
      t('saved'),
    );
    onClose();
  };
  const base: Partial<TaskFormValue> = {
    content: task.content,
    deadlineKind: task.deadlineKind === 'recurring' ? 'fixed' : task.deadlineKind,
    ...(task.deadline ? { deadline: dayjs(task.deadline) } : {}),
  };
  return (
    <FormDialog<{ subtasks: TaskFormValue[] }>
      title={t('splitTask')}
      okText={t('save')}
      width={900}
      onClose={onClose}
      onSubmit={submit}
      initialValues={{ subtasks: [base, base] as TaskFormValue[] }}
    >
      <Alert type="info" showIcon message={t('splitHelp')} style={{ marginBottom: 12 }} />
      <TaskListFields refData={ref.data} name="subtasks" />
    </FormDialog>
  );
}
