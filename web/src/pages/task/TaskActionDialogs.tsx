/**
 * The dialogs of the task page's actions (report, review, extension request and decision, direction or
 * comment, hand-over, cancel/withdraw, urge, handler). Each is a FormDialog that sends through the
 * shared action hook (useTaskAction): the version seen, the answer into the page, a conflict said once.
 */
import { Alert, App, Button, DatePicker, Form, Input, Radio, Select, Upload, type UploadFile } from 'antd';
import type dayjs from 'dayjs';
import { useState } from 'react';
import { api, type TaskDetail } from '../../api';
import { FormDialog, useRequired } from '../../components/FormDialog';
import { DATE_FORMAT, fmtDate } from '../../format';
import { useRefData } from '../../hooks';
import { useI18n } from '../../i18n';
import { agencyOption, pickerProps, takesTasks } from '../../pickers';
import type { TaskAction } from './useTaskAction';

export type ActionDialog =
  | { kind: 'report'; reportKind: 'progress' | 'completion' | 'explanation' }
  | { kind: 'review' }
  | { kind: 'extension' }
  | { kind: 'decide' }
  | { kind: 'message'; messageKind: 'direction' | 'comment' }
  | { kind: 'handover' }
  | { kind: 'close'; action: 'cancel' | 'withdraw' }
  | { kind: 'urge' }
  | { kind: 'handler' };

interface Props {
  task: TaskDetail;
  action: TaskAction;
  onClose: () => void;
}

const isoDate = (x: dayjs.Dayjs | null | undefined) => (x ? x.format('YYYY-MM-DD') : undefined);

export function TaskActionDialog({ dialog, ...props }: Props & { dialog: ActionDialog }) {
  switch (dialog.kind) {
    case 'report':
      return <ReportDialog {...props} reportKind={dialog.reportKind} />;
    case 'review':
      return <ReviewDialog {...props} />;
    case 'extension':
      return <ExtensionDialog {...props} />;
    case 'decide':
      return <DecideDialog {...props} />;
    case 'message':
      return <MessageDialog {...props} messageKind={dialog.messageKind} />;
    case 'handover':
      return <HandoverDialog {...props} />;
    case 'close':
      return <CloseDialog {...props} closeAction={dialog.action} />;
    case 'urge':
      return <UrgeDialog {...props} />;
    case 'handler':
      return <HandlerDialog {...props} />;
  }
}

interface ReportValues {
  content: string;
  difficulties?: string;
  proposals?: string;
  agencyDocNumber?: string;
}

function ReportDialog({
  task,
  action,
  onClose,
  reportKind,
}: Props & { reportKind: 'progress' | 'completion' | 'explanation' }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const required = useRequired();
  const [files, setFiles] = useState<UploadFile[]>([]);
  // A completion sent again starts from the report that was returned.
  const last =
    reportKind === 'completion'
      ? [...task.reports].filter((x) => x.kind === 'completion').sort((a, b) => b.id - a.id)[0]
      : undefined;
  const returned = last?.status === 'returned' ? last : undefined;
  const title = t(
    reportKind === 'progress'
      ? 'reportProgress'
      : reportKind === 'completion'
        ? 'reportCompletion'
        : 'reportExplanation',
  );
  const submit = async (v: ReportValues) => {
    const detail = await action.post(
      'reports',
      {
        version: task.version,
        kind: reportKind,
        content: v.content,
        difficulties: v.difficulties || null,
        proposals: v.proposals || null,
        agencyDocNumber: v.agencyDocNumber || null,
      },
      t('reportSent'),
    );
    onClose();
    const report = [...detail.reports].sort((a, b) => b.id - a.id)[0];
    const chosen = files.filter((f) => f.originFileObj);
    if (!report || !chosen.length) return;
    for (const f of chosen) {
      try {
        await api.upload('report', report.id, f.originFileObj!);
      } catch (e) {
        message.error(t('fileFailed', { f: f.name, m: e instanceof Error ? e.message : String(e) }));
      }
    }
    // The files are the report's: the task, as the server now has it, lists them.
    await action.reload();
  };
  return (
    <FormDialog<ReportValues>
      title={title}
      onClose={onClose}
      onSubmit={submit}
      initialValues={
        returned
          ? {
              content: returned.content,
              difficulties: returned.difficulties ?? '',
              proposals: returned.proposals ?? '',
              agencyDocNumber: returned.agencyDocNumber ?? '',
            }
          : {}
      }
    >
      {returned ? (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          message={t('resubmitFrom', { r: returned.review?.reason ?? '' })}
        />
      ) : null}
      <Form.Item name="content" label={t('reportContent')} rules={required(t('reportContent'))}>
        <Input.TextArea rows={5} maxLength={8000} />
      </Form.Item>
      <Form.Item name="difficulties" label={t('difficulties')}>
        <Input.TextArea rows={2} maxLength={4000} />
      </Form.Item>
      <Form.Item name="proposals" label={t('proposals')}>
        <Input.TextArea rows={2} maxLength={4000} />
      </Form.Item>
      <Form.Item name="agencyDocNumber" label={t('agencyDocNumber')}>
        <Input maxLength={100} />
      </Form.Item>
      <Form.Item label={t('attachFiles')}>
        <Upload multiple fileList={files} beforeUpload={() => false} onChange={({ fileList }) => setFiles(fileList)}>
          <Button>{t('chooseFiles')}</Button>
        </Upload>
      </Form.Item>
    </FormDialog>
  );
}

function ReviewDialog({ task, action, onClose }: Props) {
  const { t } = useI18n();
  const required = useRequired();
  return (
    <FormDialog<{ decision: 'accept' | 'return'; reason?: string }>
      title={t('review')}
      onClose={onClose}
      initialValues={{ decision: 'accept' }}
      // Accepting closes the task: confirmed once more.
      confirm={(v) => (v.decision === 'accept' ? { title: t('confirmAccept') } : null)}
      onSubmit={async (v) => {
        await action.post('review', { version: task.version, decision: v.decision, reason: v.reason || null });
        onClose();
      }}
    >
      <Form.Item name="decision" label={t('decision')}>
        <Radio.Group>
          <Radio value="accept">{t('accept')}</Radio>
          <Radio value="return">{t('returnReport')}</Radio>
        </Radio.Group>
      </Form.Item>
      <Form.Item noStyle dependencies={['decision']}>
        {({ getFieldValue }) =>
          getFieldValue('decision') === 'return' ? (
            <Form.Item name="reason" label={t('returnReason')} rules={required(t('returnReason'))}>
              <Input.TextArea rows={3} maxLength={2000} />
            </Form.Item>
          ) : null
        }
      </Form.Item>
    </FormDialog>
  );
}

function ExtensionDialog({ task, action, onClose }: Props) {
  const { t } = useI18n();
  const required = useRequired();
  return (
    <FormDialog<{ requestedDeadline: dayjs.Dayjs; reason: string }>
      title={t('requestExtension')}
      onClose={onClose}
      onSubmit={async (v) => {
        await action.post('extensions', {
          version: task.version,
          requestedDeadline: isoDate(v.requestedDeadline),
          reason: v.reason,
        });
        onClose();
      }}
    >
      <p>
        {t('deadline')}: <strong>{fmtDate(task.deadline)}</strong>
      </p>
      <Form.Item name="requestedDeadline" label={t('requestedDeadline')} rules={required(t('requestedDeadline'))}>
        <DatePicker format={DATE_FORMAT} style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item name="reason" label={t('reason')} rules={required(t('reason'))}>
        <Input.TextArea rows={3} maxLength={2000} />
      </Form.Item>
    </FormDialog>
  );
}

function DecideDialog({ task, action, onClose }: Props) {
  const { t } = useI18n();
  const pending = task.extensionRequests.find((e) => e.status === 'pending');
  return (
    <FormDialog<{ decision: 'approve' | 'reject'; deadline?: dayjs.Dayjs | null; note?: string }>
      title={t('decideExtension')}
      onClose={onClose}
      initialValues={{ decision: 'approve' }}
      onSubmit={async (v) => {
        await action.post('extensions/decide', {
          version: task.version,
          decision: v.decision,
          deadline: isoDate(v.deadline) ?? null,
          note: v.note || null,
        });
        onClose();
      }}
    >
      {pending ? (
        <p>
          {t('requested')}: <strong>{fmtDate(pending.requestedDeadline)}</strong> ({t('previous').toLowerCase()}:{' '}
          {fmtDate(pending.previousDeadline)}) — {pending.reason}
        </p>
      ) : null}
      <Form.Item name="decision" label={t('decision')}>
        <Radio.Group>
          <Radio value="approve">{t('approve')}</Radio>
          <Radio value="reject">{t('reject')}</Radio>
        </Radio.Group>
      </Form.Item>
      <Form.Item noStyle dependencies={['decision']}>
        {({ getFieldValue }) =>
          getFieldValue('decision') === 'approve' ? (
            <Form.Item name="deadline" label={t('approvedDeadline')}>
              <DatePicker format={DATE_FORMAT} style={{ width: '100%' }} />
            </Form.Item>
          ) : null
        }
      </Form.Item>
      <Form.Item name="note" label={t('note')}>
        <Input.TextArea rows={2} maxLength={2000} />
      </Form.Item>
    </FormDialog>
  );
}

function MessageDialog({ action, onClose, messageKind }: Props & { messageKind: 'direction' | 'comment' }) {
  const { t } = useI18n();
  const required = useRequired();
  return (
    <FormDialog<{ content: string }>
      title={t(messageKind === 'direction' ? 'direct' : 'comment')}
      onClose={onClose}
      onSubmit={async (v) => {
        await action.post('messages', { kind: messageKind, content: v.content });
        onClose();
      }}
    >
      <Form.Item name="content" label={t('message')} rules={required(t('message'))}>
        <Input.TextArea rows={4} maxLength={4000} />
      </Form.Item>
    </FormDialog>
  );
}

function HandoverDialog({ task, action, onClose }: Props) {
  const { t } = useI18n();
  const required = useRequired();
  const ref = useRefData();
  return (
    <FormDialog<{ toAgencyId: number; reason: string }>
      title={t('handover')}
      onClose={onClose}
      confirm={(v) => ({
        title: t('confirmHandover', { a: ref.data?.agencies.find((x) => x.id === v.toAgencyId)?.name ?? '' }),
      })}
      onSubmit={async (v) => {
        await action.post('handover', { version: task.version, toAgencyId: v.toAgencyId, reason: v.reason });
        onClose();
      }}
    >
      <Form.Item name="toAgencyId" label={t('toAgency')} rules={required(t('toAgency'))}>
        <Select
          {...pickerProps}
          options={(ref.data?.agencies ?? [])
            .filter((a) => takesTasks(a) && a.id !== task.leadAgency?.id)
            .map(agencyOption)}
        />
      </Form.Item>
      <Form.Item name="reason" label={t('reason')} rules={required(t('reason'))}>
        <Input.TextArea rows={3} maxLength={2000} />
      </Form.Item>
    </FormDialog>
  );
}

function CloseDialog({ task, action, onClose, closeAction }: Props & { closeAction: 'cancel' | 'withdraw' }) {
  const { t } = useI18n();
  const required = useRequired();
  return (
    <FormDialog<{ reason: string }>
      title={t(closeAction === 'cancel' ? 'cancelTask' : 'withdrawTask')}
      onClose={onClose}
      confirm={() => ({
        title: t(closeAction === 'cancel' ? 'confirmCancel' : 'confirmWithdraw'),
        okButtonProps: { danger: true },
      })}
      onSubmit={async (v) => {
        await action.post(closeAction, { version: task.version, reason: v.reason });
        onClose();
      }}
    >
      <Form.Item name="reason" label={t('reason')} rules={required(t('reason'))}>
        <Input.TextArea rows={3} maxLength={2000} />
      </Form.Item>
    </FormDialog>
  );
}

function UrgeDialog({ action, onClose }: Props) {
  const { t } = useI18n();
  const required = useRequired();
  return (
    <FormDialog<{ message: string }>
      title={t('urge')}
      onClose={onClose}
      initialValues={{ message: t('urgeDefault') }}
      onSubmit={async (v) => {
        await action.post('urge', { message: v.message });
        onClose();
      }}
    >
      <Form.Item name="message" label={t('urgeMessage')} rules={required(t('urgeMessage'))}>
        <Input.TextArea rows={4} maxLength={2000} />
      </Form.Item>
    </FormDialog>
  );
}

function HandlerDialog({ task, action, onClose }: Props) {
  const { t } = useI18n();
  return (
    <FormDialog<{ handlerName?: string }>
      title={t('setHandler')}
      onClose={onClose}
      initialValues={{ handlerName: task.handlerName ?? '' }}
      onSubmit={async (v) => {
        await action.patch({ version: task.version, handlerName: v.handlerName || null });
        onClose();
      }}
    >
      <Form.Item name="handlerName" label={t('handler')}>
        <Input maxLength={200} />
      </Form.Item>
    </FormDialog>
  );
}
