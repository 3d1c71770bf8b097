/**
 * Editing a task: content, field, leader, specialist (PATCH with the version seen); the deadline of a draft
 * with them; the deadline of an assigned task only as the Office lead's correction of a registration error,
 * with a reason (its own request and event, counted apart from extensions).
 */
import { Alert, DatePicker, Form, Input, Select } from 'antd';
import dayjs from 'dayjs';
import { api, type TaskDetail } from '../../api';
import { FormDialog, useRequired } from '../../components/FormDialog';
import { sendConfirmingPastDeadline, usePastDeadlineQuestion } from '../../components/TaskFields';
import { DATE_FORMAT } from '../../format';
import { useRefData } from '../../hooks';
import { useI18n } from '../../i18n';
import { byVietnameseName, pickerProps, searchKey } from '../../pickers';
import type { TaskAction } from './useTaskAction';

interface Values {
  content: string;
  fieldId?: number | null;
  leaderId?: number | null;
  specialistId?: number | null;
  deadline?: dayjs.Dayjs | null;
  reason?: string;
}

export function TaskEditDialog({
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
  const required = useRequired();
  const askPast = usePastDeadlineQuestion();
  const can = (a: string) => task.actions.includes(a);
  const fixed = task.deadlineKind === 'fixed';
  const draftDeadline = fixed && task.status === 'draft' && can('update');
  const correctDeadline = fixed && task.status !== 'draft' && can('correct_original_deadline');

  const save = async (v: Values) => {
    let version = task.version;
    const patch: Record<string, unknown> = {};
    if (can('update')) {
      if (v.content !== task.content) patch.content = v.content;
      if ((v.fieldId ?? null) !== (task.field?.id ?? null)) patch.fieldId = v.fieldId ?? null;
      if ((v.leaderId ?? null) !== (task.leader?.id ?? null)) patch.leaderId = v.leaderId ?? null;
    }
    if (can('set_specialist') && (v.specialistId ?? null) !== (task.specialist?.id ?? null))
      patch.specialistId = v.specialistId ?? null;
    const newDeadline = v.deadline ? v.deadline.format('YYYY-MM-DD') : null;
    if (draftDeadline && newDeadline && newDeadline !== task.deadline) patch.deadline = newDeadline;
    const correct = correctDeadline && newDeadline && newDeadline !== task.originalDeadline;
    // Each step answers with the task; the second goes with the version the first gave.
    if (Object.keys(patch).length) {
      const updated = await action.run(
        () =>
          sendConfirmingPastDeadline(
            (confirmPastDeadline) =>
              api.patch<TaskDetail>(`/tasks/${task.id}`, { version, ...patch, confirmPastDeadline }),
            askPast,
          ),
        correct ? null : t('saved'),
      );
      version = updated.version;
    }
    if (correct)
      await action.run(
        () =>
          sendConfirmingPastDeadline(
            (confirmPastDeadline) =>
              api.post<TaskDetail>(`/tasks/${task.id}/original-deadline`, {
                version,
                deadline: newDeadline,
                reason: v.reason,
                confirmPastDeadline,
              }),
            askPast,
          ),
        t('saved'),
      );
    onClose();
  };

  return (
    <FormDialog<Values>
      title={t('editTask')}
      okText={t('save')}
      width={680}
      onClose={onClose}
      onSubmit={save}
      initialValues={{
        content: task.content,
        fieldId: task.field?.id ?? null,
        leaderId: task.leader?.id ?? null,
        specialistId: task.specialist?.id ?? null,
        deadline: correctDeadline
          ? dayjs(task.originalDeadline ?? task.deadline)
          : task.deadline
            ? dayjs(task.deadline)
            : null,
      }}
    >
      <Form.Item name="content" label={t('content')} rules={required(t('content'))}>
        <Input.TextArea rows={4} maxLength={4000} disabled={!can('update')} />
      </Form.Item>
      <Form.Item name="fieldId" label={t('field')}>
        <Select
          allowClear
          disabled={!can('update')}
          {...pickerProps}
          options={(ref.data?.fields ?? []).map((f) => ({
            value: f.id,
            label: f.name,
            search: searchKey(f.name, f.code),
          }))}
        />
      </Form.Item>
      <Form.Item name="leaderId" label={t('leader')}>
        <Select
          allowClear
          disabled={!can('update')}
          {...pickerProps}
          options={(ref.data?.leaders ?? []).map((l) => ({ value: l.id, label: `${l.fullName} — ${l.position}` }))}
        />
      </Form.Item>
      {can('set_specialist') ? (
        <Form.Item name="specialistId" label={t('specialist')}>
          <Select
            allowClear
            {...pickerProps}
            options={[...(ref.data?.specialists ?? [])]
              .sort((a, b) => byVietnameseName(a.fullName, b.fullName))
              .map((u) => ({ value: u.id, label: u.fullName }))}
          />
        </Form.Item>
      ) : null}
      {fixed ? (
        draftDeadline || correctDeadline ? (
          <>
            {correctDeadline ? (
              <Alert type="info" showIcon message={t('editDeadlineHelp')} style={{ marginBottom: 12 }} />
            ) : null}
            <Form.Item
              name="deadline"
              label={correctDeadline ? t('originalDeadline') : t('deadline')}
              rules={required(t('deadline'))}
            >
              <DatePicker format={DATE_FORMAT} style={{ width: '100%' }} />
            </Form.Item>
            {correctDeadline ? (
              <Form.Item noStyle dependencies={['deadline']}>
                {({ getFieldValue }) => {
                  const d = getFieldValue('deadline') as dayjs.Dayjs | null;
                  const changed = d && d.format('YYYY-MM-DD') !== task.originalDeadline;
                  return changed ? (
                    <Form.Item name="reason" label={t('reason')} rules={required(t('reason'))}>
                      <Input.TextArea rows={2} maxLength={2000} />
                    </Form.Item>
                  ) : null;
                }}
              </Form.Item>
            ) : null}
          </>
        ) : (
          <Alert type="info" showIcon message={t('editDeadlineHelp')} />
        )
      ) : null}
    </FormDialog>
  );
}
