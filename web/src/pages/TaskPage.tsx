/**
 * One task: its details, the whole timeline (history, reports with files, reviews, directions, extension
 * requests and decisions) and exactly the actions the server says this user may take now.
 */
import { StarFilled, StarOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  DatePicker,
  Empty,
  Form,
  Input,
  Modal,
  Radio,
  Select,
  Space,
  Tabs,
  Tag,
  Timeline,
  Upload,
  type UploadFile,
} from 'antd';
import type dayjs from 'dayjs';
import { useState, type ReactNode } from 'react';
import { Link, useParams } from 'react-router';
import { api, isStaleVersion, type HistoryItem, type TaskDetail } from '../api';
import { FileList, UploadButton } from '../components/Files';
import { sendConfirmingPastDeadline, usePastDeadlineQuestion } from '../components/TaskFields';
import { DeadlineText, StatusTag, TimelinessTag } from '../components/TaskBits';
import { DATE_FORMAT, fmtDate, fmtDateTime } from '../format';
import { applyServerErrors, FormError, LoadError, Page, PageSpin, useLoad, useRefData } from '../hooks';
import { useI18n, type TextKey } from '../i18n';
import { TaskEditDialog } from './task/TaskEditDialog';
import { TaskReopenDialog } from './task/TaskReopenDialog';
import { TaskSplitDialog } from './task/TaskSplitDialog';
import { agencyOption, byVietnameseName, pickerProps } from '../pickers';

type Dialog =
  | { kind: 'report'; reportKind: 'progress' | 'completion' | 'explanation' }
  | { kind: 'review' }
  | { kind: 'extension' }
  | { kind: 'decide' }
  | { kind: 'message'; messageKind: 'direction' | 'comment' }
  | { kind: 'handover' }
  | { kind: 'close'; action: 'cancel' | 'withdraw' }
  | { kind: 'urge' }
  | { kind: 'specialist' }
  | { kind: 'handler' }
  | { kind: 'correct' };

const DIALOG_TITLE: Record<string, TextKey> = {
  progress: 'reportProgress',
  completion: 'reportCompletion',
  explanation: 'reportExplanation',
  review: 'review',
  extension: 'requestExtension',
  decide: 'decideExtension',
  direction: 'direct',
  comment: 'comment',
  handover: 'handover',
  cancel: 'cancelTask',
  withdraw: 'withdrawTask',
  urge: 'urge',
  specialist: 'setSpecialist',
  handler: 'setHandler',
  correct: 'correctOriginalDeadline',
};

function dialogTitle(d: Dialog): TextKey {
  if (d.kind === 'report') return DIALOG_TITLE[d.reportKind]!;
  if (d.kind === 'message') return DIALOG_TITLE[d.messageKind]!;
  if (d.kind === 'close') return DIALOG_TITLE[d.action]!;
  return DIALOG_TITLE[d.kind]!;
}

/** Fields of a history event shown to people; identifiers and hashes are left out. */
const SHOWN: Record<
  string,
  { key: TextKey; kind: 'text' | 'date' | 'status' | 'reportKind' | 'agency' | 'agencies' | 'bool' }
> = {
  status: { key: 'status', kind: 'status' },
  kind: { key: 'reports', kind: 'reportKind' },
  content: { key: 'content', kind: 'text' },
  reason: { key: 'reason', kind: 'text' },
  currentDeadline: { key: 'deadline', kind: 'date' },
  originalDeadline: { key: 'originalDeadline', kind: 'date' },
  deadline: { key: 'deadline', kind: 'date' },
  requestedDeadline: { key: 'requestedDeadline', kind: 'date' },
  completedOn: { key: 'completedOn', kind: 'date' },
  leadAgencyId: { key: 'leadAgency', kind: 'agency' },
  toAgencyId: { key: 'toAgency', kind: 'agency' },
  coordinatingAgencyIds: { key: 'coordinatingAgencies', kind: 'agencies' },
  handlerName: { key: 'handler', kind: 'text' },
  filename: { key: 'files', kind: 'text' },
  message: { key: 'urgeMessage', kind: 'text' },
  note: { key: 'note', kind: 'text' },
  starred: { key: 'starred', kind: 'bool' },
};

export default function TaskPage() {
  const { id } = useParams();
  const { t, label } = useI18n();
  const { message, modal } = App.useApp();
  const askPastDeadline = usePastDeadlineQuestion();
  const ref = useRefData();
  const res = useLoad(
    () => Promise.all([api.get<TaskDetail>(`/tasks/${id}`), api.get<{ items: HistoryItem[] }>(`/tasks/${id}/history`)]),
    [id],
  );
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const [panel, setPanel] = useState<'edit' | 'split' | 'reopen' | null>(null);
  const [form] = Form.useForm();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [fileList, setFileList] = useState<UploadFile[]>([]);
  const [initial, setInitial] = useState<Record<string, unknown>>({});
  const agencyName = (id: unknown) => ref.data?.agencies.find((a) => a.id === id)?.name ?? `#${String(id)}`;
  const describeChange = (v: unknown): string => {
    if (v === null || v === undefined || typeof v !== 'object') return v == null ? '' : String(v);
    const parts: string[] = [];
    for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
      const f = SHOWN[k];
      if (!f || x === undefined) continue;
      let text: string;
      if (x === null) text = '—';
      else if (f.kind === 'date') text = fmtDate(String(x));
      else if (f.kind === 'status') text = label('status', String(x));
      else if (f.kind === 'reportKind') text = label('reportKind', String(x));
      else if (f.kind === 'agency') text = agencyName(x);
      else if (f.kind === 'agencies') text = Array.isArray(x) ? x.map(agencyName).join(', ') || '—' : '—';
      else if (f.kind === 'bool') text = x ? t('yes') : t('no');
      else text = String(x);
      parts.push(`${t(f.key)}: ${text}`);
    }
    return parts.join('; ');
  };

  if (res.error) return <LoadError error={res.error} onRetry={res.reload} />;
  if (!res.data) return <PageSpin />;
  const [task, history] = res.data;
  const can = (a: string) => task.actions.includes(a);

  const afterError = (e: unknown) => {
    if (isStaleVersion(e)) {
      message.warning(t('staleVersion'));
      res.reload();
    }
  };

  /** Runs a simple action (no form) and reloads the task. */
  const act = async (path: string, body: Record<string, unknown>) => {
    try {
      await api.post(`/tasks/${task.id}/${path}`, body);
      message.success(t('done'));
      res.reload();
    } catch (e) {
      afterError(e);
      message.error(e instanceof Error ? e.message : String(e));
    }
  };

  const open = (d: Dialog) => {
    setError(null);
    setFileList([]);
    const init: Record<string, unknown> = {};
    if (d.kind === 'urge') init.message = t('urgeDefault');
    if (d.kind === 'review') init.decision = 'accept';
    if (d.kind === 'decide') init.decision = 'approve';
    if (d.kind === 'handler') init.handlerName = task.handlerName ?? '';
    if (d.kind === 'specialist') init.specialistId = task.specialist?.id;
    // A completion sent again starts from the report that was returned.
    if (d.kind === 'report' && d.reportKind === 'completion') {
      const last = [...task.reports].filter((x) => x.kind === 'completion').sort((a, b) => b.id - a.id)[0];
      if (last?.status === 'returned') {
        init.content = last.content;
        init.difficulties = last.difficulties ?? '';
        init.proposals = last.proposals ?? '';
        init.agencyDocNumber = last.agencyDocNumber ?? '';
        init.returnedReason = last.review?.reason ?? '';
      }
    }
    setInitial(init);
    setDialog(d);
  };

  const submit = async () => {
    if (!dialog) return;
    const v = (await form.validateFields()) as Record<string, unknown>;
    const run = async () => {
      setBusy(true);
      setError(null);
      try {
        const version = task.version;
        const date = (x: unknown) => (x ? (x as dayjs.Dayjs).format('YYYY-MM-DD') : undefined);
        switch (dialog.kind) {
          case 'report': {
            const detail = await api.post<TaskDetail>(`/tasks/${task.id}/reports`, {
              version,
              kind: dialog.reportKind,
              content: v.content,
              difficulties: v.difficulties || null,
              proposals: v.proposals || null,
              agencyDocNumber: v.agencyDocNumber || null,
            });
            const report = [...detail.reports].sort((a, b) => b.id - a.id)[0];
            for (const f of fileList) {
              if (!report || !f.originFileObj) continue;
              try {
                await api.upload('report', report.id, f.originFileObj);
              } catch (e) {
                message.error(t('fileFailed', { f: f.name, m: e instanceof Error ? e.message : String(e) }));
              }
            }
            message.success(t('reportSent'));
            break;
          }
          case 'review':
            await api.post(`/tasks/${task.id}/review`, { version, decision: v.decision, reason: v.reason || null });
            break;
          case 'extension':
            await api.post(`/tasks/${task.id}/extensions`, {
              version,
              requestedDeadline: date(v.requestedDeadline),
              reason: v.reason,
            });
            break;
          case 'decide':
            await api.post(`/tasks/${task.id}/extensions/decide`, {
              version,
              decision: v.decision,
              deadline: date(v.deadline) ?? null,
              note: v.note || null,
            });
            break;
          case 'message':
            await api.post(`/tasks/${task.id}/messages`, { kind: dialog.messageKind, content: v.content });
            break;
          case 'handover':
            await api.post(`/tasks/${task.id}/handover`, { version, toAgencyId: v.toAgencyId, reason: v.reason });
            break;
          case 'close':
            await api.post(`/tasks/${task.id}/${dialog.action}`, { version, reason: v.reason });
            break;
          case 'urge':
            await api.post(`/tasks/${task.id}/urge`, { message: v.message });
            break;
          case 'specialist':
            await api.patch(`/tasks/${task.id}`, { version, specialistId: v.specialistId ?? null });
            break;
          case 'handler':
            await api.patch(`/tasks/${task.id}`, { version, handlerName: v.handlerName || null });
            break;
          case 'correct':
            await sendConfirmingPastDeadline(
              (confirmPastDeadline) =>
                api.post(`/tasks/${task.id}/original-deadline`, {
                  version,
                  deadline: date(v.deadline),
                  reason: v.reason,
                  confirmPastDeadline,
                }),
              askPastDeadline,
            );
            break;
        }
        setDialog(null);
        if (dialog.kind !== 'report') message.success(t('done'));
        res.reload();
      } catch (e) {
        afterError(e);
        setError(applyServerErrors(form, e));
      } finally {
        setBusy(false);
      }
    };
    // Irreversible steps are confirmed once more.
    if (dialog.kind === 'review' && v.decision === 'accept')
      modal.confirm({ title: t('confirmAccept'), okText: t('confirm'), cancelText: t('cancel'), onOk: run });
    else if (dialog.kind === 'close')
      modal.confirm({
        title: t(dialog.action === 'cancel' ? 'confirmCancel' : 'confirmWithdraw'),
        okText: t('confirm'),
        okButtonProps: { danger: true },
        cancelText: t('cancel'),
        onOk: run,
      });
    else if (dialog.kind === 'handover') {
      const a = ref.data?.agencies.find((x) => x.id === v.toAgencyId)?.name ?? '';
      modal.confirm({ title: t('confirmHandover', { a }), okText: t('confirm'), cancelText: t('cancel'), onOk: run });
    } else await run();
  };

  const required = (k: TextKey) => [{ required: true, message: t('required', { f: t(k).toLowerCase() }) }];
  const pendingExt = task.extensionRequests.find((e) => e.status === 'pending');

  const dialogBody = (): ReactNode => {
    if (!dialog) return null;
    switch (dialog.kind) {
      case 'report':
        return (
          <>
            {initial.returnedReason ? (
              <Alert
                type="warning"
                showIcon
                style={{ marginBottom: 12 }}
                message={t('resubmitFrom', { r: String(initial.returnedReason) })}
              />
            ) : null}
            <Form.Item name="content" label={t('reportContent')} rules={required('reportContent')}>
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
              <Upload
                multiple
                fileList={fileList}
                beforeUpload={() => false}
                onChange={({ fileList: l }) => setFileList(l)}
              >
                <Button>{t('chooseFiles')}</Button>
              </Upload>
            </Form.Item>
          </>
        );
      case 'review':
        return (
          <>
            <Form.Item name="decision" label={t('decision')}>
              <Radio.Group>
                <Radio value="accept">{t('accept')}</Radio>
                <Radio value="return">{t('returnReport')}</Radio>
              </Radio.Group>
            </Form.Item>
            <Form.Item noStyle dependencies={['decision']}>
              {({ getFieldValue }) =>
                getFieldValue('decision') === 'return' ? (
                  <Form.Item name="reason" label={t('returnReason')} rules={required('returnReason')}>
                    <Input.TextArea rows={3} maxLength={2000} />
                  </Form.Item>
                ) : null
              }
            </Form.Item>
          </>
        );
      case 'extension':
        return (
          <>
            <p>
              {t('deadline')}: <strong>{fmtDate(task.deadline)}</strong>
            </p>
            <Form.Item name="requestedDeadline" label={t('requestedDeadline')} rules={required('requestedDeadline')}>
              <DatePicker format={DATE_FORMAT} style={{ width: '100%' }} />
            </Form.Item>
            <Form.Item name="reason" label={t('reason')} rules={required('reason')}>
              <Input.TextArea rows={3} maxLength={2000} />
            </Form.Item>
          </>
        );
      case 'decide':
        return (
          <>
            {pendingExt ? (
              <p>
                {t('requested')}: <strong>{fmtDate(pendingExt.requestedDeadline)}</strong> (
                {t('previous').toLowerCase()}: {fmtDate(pendingExt.previousDeadline)}) — {pendingExt.reason}
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
          </>
        );
      case 'message':
        return (
          <Form.Item name="content" label={t('message')} rules={required('message')}>
            <Input.TextArea rows={4} maxLength={4000} />
          </Form.Item>
        );
      case 'handover':
        return (
          <>
            <Form.Item name="toAgencyId" label={t('toAgency')} rules={required('toAgency')}>
              <Select
                {...pickerProps}
                options={(ref.data?.agencies ?? [])
                  .filter((a) => a.active && a.id !== task.leadAgency?.id && a.kind !== 'office')
                  .map(agencyOption)}
              />
            </Form.Item>
            <Form.Item name="reason" label={t('reason')} rules={required('reason')}>
              <Input.TextArea rows={3} maxLength={2000} />
            </Form.Item>
          </>
        );
      case 'close':
        return (
          <Form.Item name="reason" label={t('reason')} rules={required('reason')}>
            <Input.TextArea rows={3} maxLength={2000} />
          </Form.Item>
        );
      case 'urge':
        return (
          <Form.Item name="message" label={t('urgeMessage')} rules={required('urgeMessage')}>
            <Input.TextArea rows={4} maxLength={2000} />
          </Form.Item>
        );
      case 'specialist':
        return (
          <Form.Item name="specialistId" label={t('specialist')}>
            <Select
              allowClear
              {...pickerProps}
              options={[...(ref.data?.specialists ?? [])]
                .sort((a, b) => byVietnameseName(a.fullName, b.fullName))
                .map((u) => ({ value: u.id, label: u.fullName }))}
            />
          </Form.Item>
        );
      case 'handler':
        return (
          <Form.Item name="handlerName" label={t('handler')}>
            <Input maxLength={200} />
          </Form.Item>
        );
      case 'correct':
        return (
          <>
            <p>{t('correctOriginalDeadlineHelp')}</p>
            <p>
              {t('originalDeadline')}: <strong>{fmtDate(task.originalDeadline)}</strong>
            </p>
            <Form.Item name="deadline" label={t('correctedDeadline')} rules={required('correctedDeadline')}>
              <DatePicker format={DATE_FORMAT} style={{ width: '100%' }} />
            </Form.Item>
            <Form.Item name="reason" label={t('reason')} rules={required('reason')}>
              <Input.TextArea rows={3} maxLength={2000} />
            </Form.Item>
          </>
        );
    }
  };

  const buttons: ReactNode[] = [];
  const b = (key: string, text: TextKey, onClick: () => void, primary = false, danger = false) =>
    buttons.push(
      <Button key={key} type={primary ? 'primary' : 'default'} danger={danger} onClick={onClick}>
        {t(text)}
      </Button>,
    );
  if (can('assign'))
    b(
      'assign',
      'assign',
      () =>
        modal.confirm({
          title: `${t('assign')}?`,
          okText: t('confirm'),
          cancelText: t('cancel'),
          onOk: () => act('assign', { version: task.version }),
        }),
      true,
    );
  if (can('receive')) b('receive', 'receive', () => void act('receive', { version: task.version }), true);
  if (can('reopen')) b('reopen', 'reopenTask', () => setPanel('reopen'), false, true);
  if (can('review')) b('review', 'review', () => open({ kind: 'review' }), true);
  if (can('decide_extension')) b('decide', 'decideExtension', () => open({ kind: 'decide' }), true);
  if (can('report_completion'))
    b('rc', 'reportCompletion', () => open({ kind: 'report', reportKind: 'completion' }), true);
  if (can('report_progress')) b('rp', 'reportProgress', () => open({ kind: 'report', reportKind: 'progress' }));
  if (can('request_extension')) b('ext', 'requestExtension', () => open({ kind: 'extension' }));
  if (can('report_explanation') && task.timeliness === 'overdue')
    b('rx', 'reportExplanation', () => open({ kind: 'report', reportKind: 'explanation' }));
  if (can('direct')) b('direct', 'direct', () => open({ kind: 'message', messageKind: 'direction' }));
  if (can('urge')) b('urge', 'urge', () => open({ kind: 'urge' }));
  if (can('set_specialist')) b('spec', 'setSpecialist', () => open({ kind: 'specialist' }));
  if (can('set_handler')) b('handler', 'setHandler', () => open({ kind: 'handler' }));
  if (can('update') || can('correct_original_deadline')) b('edit', 'editTask', () => setPanel('edit'));
  if (can('split')) b('split', 'splitTask', () => setPanel('split'));
  if (can('handover')) b('handover', 'handover', () => open({ kind: 'handover' }));
  if (can('correct_original_deadline')) b('correct', 'correctOriginalDeadline', () => open({ kind: 'correct' }));
  if (can('comment')) b('comment', 'comment', () => open({ kind: 'message', messageKind: 'comment' }));
  if (can('withdraw')) b('withdraw', 'withdrawTask', () => open({ kind: 'close', action: 'withdraw' }), false, true);
  if (can('cancel')) b('cancel', 'cancelTask', () => open({ kind: 'close', action: 'cancel' }), false, true);

  const reportsTab = task.reports.length ? (
    <Timeline
      items={task.reports.map((r) => ({
        color: r.status === 'returned' ? 'red' : r.status === 'accepted' ? 'green' : 'blue',
        children: (
          <div>
            <div>
              <strong>{label('reportKind', r.kind)}</strong> — {r.agency.name}{' '}
              <Tag color={r.status === 'returned' ? 'red' : r.status === 'accepted' ? 'green' : 'blue'}>
                {/* Only a completion waits for review; a progress report or an explanation is simply sent. */}
                {r.kind !== 'completion' && r.status === 'submitted'
                  ? t('reportReceived')
                  : label('reportStatus', r.status)}
              </Tag>
            </div>
            <div className="muted">
              {t('reportedOn')}: {fmtDate(r.reportedOn)} · {t('by', { n: r.createdBy })} · {fmtDateTime(r.createdAt)}
              {r.agencyDocNumber ? ` · ${r.agencyDocNumber}` : ''}
            </div>
            <div className="pre">{r.content}</div>
            {r.difficulties ? (
              <div className="pre">
                <em>{t('difficulties')}:</em> {r.difficulties}
              </div>
            ) : null}
            {r.proposals ? (
              <div className="pre">
                <em>{t('proposals')}:</em> {r.proposals}
              </div>
            ) : null}
            {r.files.length ? <FileList files={r.files} /> : null}
            {r.review ? (
              <div style={{ marginTop: 4 }}>
                <Tag color={r.review.decision === 'returned' ? 'red' : 'green'}>
                  {r.review.decision === 'returned'
                    ? t('reviewReturned', { r: r.review.reason ?? '' })
                    : t('reviewAccepted')}
                </Tag>
                <span className="muted">
                  {t('by', { n: r.review.reviewer })} · {fmtDateTime(r.review.at)}
                </span>
              </div>
            ) : null}
          </div>
        ),
      }))}
    />
  ) : (
    <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('noReports')} />
  );

  const extensionsTab = task.extensionRequests.length ? (
    <Timeline
      items={task.extensionRequests.map((e) => ({
        color: e.status === 'approved' ? 'green' : e.status === 'rejected' ? 'red' : 'blue',
        children: (
          <div>
            <div>
              {t('requested')}: <strong>{fmtDate(e.requestedDeadline)}</strong> ({t('previous').toLowerCase()}:{' '}
              {fmtDate(e.previousDeadline)}) <Tag>{label('extensionStatus', e.status)}</Tag>
            </div>
            <div className="muted">
              {t('by', { n: e.requestedBy })} · {fmtDateTime(e.requestedAt)}
            </div>
            <div className="pre">{e.reason}</div>
            {e.decidedBy ? (
              <div className="muted">
                {t('decision')}: {label('extensionStatus', e.status)} — {t('by', { n: e.decidedBy })} ·{' '}
                {fmtDateTime(e.decidedAt)}
                {e.decisionNote ? ` — ${e.decisionNote}` : ''}
              </div>
            ) : null}
          </div>
        ),
      }))}
    />
  ) : (
    <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('noExtensions')} />
  );

  const messagesTab = task.messages.length ? (
    <Timeline
      items={task.messages.map((m) => ({
        color: m.kind === 'direction' ? 'red' : 'gray',
        children: (
          <div>
            <strong>{label('messageKind', m.kind)}</strong> — {m.author}{' '}
            <span className="muted">{fmtDateTime(m.createdAt)}</span>
            <div className="pre">{m.content}</div>
          </div>
        ),
      }))}
    />
  ) : (
    <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('noMessages')} />
  );

  const historyTab = history.items.length ? (
    <Timeline
      items={[...history.items].reverse().map((h) => ({
        children: (
          <div>
            <strong>{label('event', h.action)}</strong> — {h.actor ?? '—'}{' '}
            <span className="muted">
              {fmtDateTime(h.at)}
              {h.actorIp ? ` · ${t('fromIp', { ip: h.actorIp })}` : ''}
            </span>
            {describeChange(h.before) ? (
              <div className="muted" style={{ overflowWrap: 'anywhere' }}>
                {t('previous')}: {describeChange(h.before)}
              </div>
            ) : null}
            {describeChange(h.after) ? (
              <div className="muted" style={{ overflowWrap: 'anywhere' }}>
                {t('after')}: {describeChange(h.after)}
              </div>
            ) : null}
          </div>
        ),
      }))}
    />
  ) : (
    <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('noHistory')} />
  );

  return (
    <Page
      title={
        <>
          {task.starred ? <StarFilled style={{ color: '#d48806', marginRight: 6 }} aria-label={t('starred')} /> : null}
          {t('task')} {task.code}
        </>
      }
      extra={
        can('star') ? (
          <Button
            icon={task.starred ? <StarFilled style={{ color: '#d48806' }} /> : <StarOutlined />}
            onClick={() => void act('star', { version: task.version, starred: !task.starred })}
          >
            {task.starred ? t('unstar') : t('star')}
          </Button>
        ) : null
      }
    >
      <Card size="small" style={{ marginBottom: 16 }}>
        <p className="pre" style={{ fontSize: 16, marginTop: 0 }}>
          {task.content}
        </p>
        <Space wrap style={{ marginBottom: 12 }}>
          <StatusTag value={task.status} />
          <TimelinessTag value={task.timeliness} overdueDays={task.overdueDays} />
          {task.hasPendingExtension ? <Tag color="orange">{t('pendingExtensions')}</Tag> : null}
        </Space>
        <dl className="kv">
          <dt>{t('leadAgency')}</dt>
          <dd>{task.leadAgency?.name}</dd>
          <dt>{t('coordinatingAgencies')}</dt>
          <dd>{task.coordinatingAgencies.map((a) => a.name).join('; ') || '—'}</dd>
          <dt>{t('deadline')}</dt>
          <dd>
            <DeadlineText task={task} />
            {task.originalDeadline && task.originalDeadline !== task.deadline
              ? ` (${t('originalDeadline').toLowerCase()}: ${fmtDate(task.originalDeadline)})`
              : ''}
            {task.originalDeadlineCorrections > 0
              ? ` · ${t('originalDeadline').toLowerCase()} ${t('originalDeadlineCorrected', { n: task.originalDeadlineCorrections })}`
              : ''}
          </dd>
          <dt>{t('document')}</dt>
          <dd>
            {task.document ? (
              <>
                <Link to={`/documents/${task.document.id}`}>{task.document.number}</Link>
                {task.documentAbstract ? ` — ${task.documentAbstract}` : ''}
              </>
            ) : (
              '—'
            )}
          </dd>
          <dt>{t('leader')}</dt>
          <dd>{task.leader?.name ?? '—'}</dd>
          <dt>{t('field')}</dt>
          <dd>{task.field?.name ?? '—'}</dd>
          <dt>{t('specialist')}</dt>
          <dd>{task.specialist?.name ?? '—'}</dd>
          <dt>{t('handler')}</dt>
          <dd>{task.handlerName ?? '—'}</dd>
          <dt>{t('assignedOn')}</dt>
          <dd>{fmtDate(task.assignedOn)}</dd>
          {task.completedOn ? (
            <>
              <dt>{t('completedOn')}</dt>
              <dd>{fmtDate(task.completedOn)}</dd>
            </>
          ) : null}
          {task.parent ? (
            <>
              <dt>{t('parentTask')}</dt>
              <dd>
                <Link to={`/tasks/${task.parent.id}`}>{task.parent.code}</Link>
              </dd>
            </>
          ) : null}
        </dl>
      </Card>
      {buttons.length ? (
        <div className="action-bar" role="toolbar" aria-label={t('actions')}>
          {buttons}
        </div>
      ) : null}
      <Card size="small">
        <Tabs
          items={[
            { key: 'reports', label: `${t('reports')} (${task.reports.length})`, children: reportsTab },
            { key: 'ext', label: `${t('extensions')} (${task.extensionRequests.length})`, children: extensionsTab },
            { key: 'msg', label: `${t('directions')} (${task.messages.length})`, children: messagesTab },
            { key: 'history', label: t('timeline'), children: historyTab },
            {
              key: 'files',
              label: `${t('files')} (${task.files.length + task.reports.reduce((n, x) => n + x.files.length, 0)})`,
              children: (
                <Space direction="vertical">
                  <FileList files={[...task.files, ...task.reports.flatMap((x) => x.files)]} />
                  {can('attach_file') ? (
                    <UploadButton targetType="task" targetId={task.id} onDone={res.reload} />
                  ) : null}
                </Space>
              ),
            },
            ...(task.subtasks.length
              ? [
                  {
                    key: 'sub',
                    label: `${t('subtasks')} (${task.subtasks.length})`,
                    children: (
                      <ul>
                        {task.subtasks.map((s) => (
                          <li key={s.id}>
                            <Link to={`/tasks/${s.id}`}>{s.code}</Link> — {s.leadAgency} — {label('status', s.status)} —{' '}
                            {fmtDate(s.dueDate)}
                          </li>
                        ))}
                      </ul>
                    ),
                  },
                ]
              : []),
          ]}
        />
      </Card>
      {panel === 'edit' ? (
        <TaskEditDialog
          task={task}
          open
          onClose={() => setPanel(null)}
          onSaved={() => (setPanel(null), res.reload())}
        />
      ) : null}
      {panel === 'split' ? (
        <TaskSplitDialog
          task={task}
          open
          onClose={() => setPanel(null)}
          onSaved={() => (setPanel(null), res.reload())}
        />
      ) : null}
      {panel === 'reopen' ? (
        <TaskReopenDialog
          task={task}
          open
          onClose={() => setPanel(null)}
          onSaved={() => (setPanel(null), res.reload())}
        />
      ) : null}
      <Modal
        open={dialog !== null}
        title={dialog ? t(dialogTitle(dialog)) : ''}
        okText={t('send')}
        cancelText={t('cancel')}
        onOk={() => void submit()}
        confirmLoading={busy}
        onCancel={() => setDialog(null)}
        destroyOnHidden
        width={640}
      >
        <Form form={form} layout="vertical" preserve={false} initialValues={initial}>
          <FormError message={error} />
          {dialogBody()}
        </Form>
      </Modal>
    </Page>
  );
}
