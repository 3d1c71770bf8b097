/**
 * Editing a task: content, field, leader, specialist (PATCH with the version seen); the deadline of a draft
 * with them; the deadline of an assigned task only as the Office lead's correction of a registration error,
 * with a reason (its own request and event, counted apart from extensions).
 */
import { Alert, App, DatePicker, Form, Input, Modal, Select } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { api, isStaleVersion, type TaskDetail } from '../../api';
import { noEnterSubmit, sendConfirmingPastDeadline, usePastDeadlineQuestion } from '../../components/TaskFields';
import { DATE_FORMAT } from '../../format';
import { applyServerErrors, FormError, useRefData } from '../../hooks';
import { useI18n } from '../../i18n';
import { byVietnameseName, pickerProps, searchKey } from '../../pickers';

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
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const can = (a: string) => task.actions.includes(a);
  const fixed = task.deadlineKind === 'fixed';
  const draftDeadline = fixed && task.status === 'draft' && can('update');
  const correctDeadline = fixed && task.status !== 'draft' && can('correct_original_deadline');

  const save = async () => {
    const v = await form.validateFields();
    setBusy(true);
    setError(null);
    try {
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
      if (Object.keys(patch).length) {
        const updated = await sendConfirmingPastDeadline(
          (confirmPastDeadline) =>
            api.patch<TaskDetail>(`/tasks/${task.id}`, { version, ...patch, confirmPastDeadline }),
          askPast,
        );
        version = updated.version;
      }
      if (correctDeadline && newDeadline && newDeadline !== task.originalDeadline)
        await sendConfirmingPastDeadline(
          (confirmPastDeadline) =>
            api.post(`/tasks/${task.id}/original-deadline`, {
              version,
              deadline: newDeadline,
              reason: v.reason,
              confirmPastDeadline,
            }),
          askPast,
        );
      message.success(t('saved'));
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
      title={t('editTask')}
      okText={t('save')}
      cancelText={t('cancel')}
      onOk={() => void save()}
      confirmLoading={busy}
      onCancel={onClose}
      destroyOnHidden
      width={680}
    >
      <Form<Values>
        form={form}
        layout="vertical"
        preserve={false}
        onKeyDown={noEnterSubmit}
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
        <FormError message={error} />
        <Form.Item
          name="content"
          label={t('content')}
          rules={[{ required: true, message: t('required', { f: t('content').toLowerCase() }) }]}
        >
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
                rules={[{ required: true, message: t('required', { f: t('deadline').toLowerCase() }) }]}
              >
                <DatePicker format={DATE_FORMAT} style={{ width: '100%' }} />
              </Form.Item>
              {correctDeadline ? (
                <Form.Item noStyle dependencies={['deadline']}>
                  {({ getFieldValue }) => {
                    const d = getFieldValue('deadline') as dayjs.Dayjs | null;
                    const changed = d && d.format('YYYY-MM-DD') !== task.originalDeadline;
                    return changed ? (
                      <Form.Item
                        name="reason"
                        label={t('reason')}
                        rules={[{ required: true, message: t('required', { f: t('reason').toLowerCase() }) }]}
                      >
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
      </Form>
    </Modal>
  );
}
