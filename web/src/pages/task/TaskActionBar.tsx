/** The buttons of exactly the actions the server says this user may take on the task now. */
import { App, Button } from 'antd';
import type { ReactNode } from 'react';
import type { TaskDetail } from '../../api';
import { useI18n, type TextKey } from '../../i18n';
import type { ActionDialog } from './TaskActionDialogs';
import type { TaskAction } from './useTaskAction';

/** What a button opens: an action dialog, or one of the dialogs with a form of their own. */
export type TaskDialog = ActionDialog | { kind: 'edit' } | { kind: 'split' } | { kind: 'reopen' };

export function TaskActionBar({
  task,
  action,
  open,
}: {
  task: TaskDetail;
  action: TaskAction;
  open: (d: TaskDialog) => void;
}) {
  const { t } = useI18n();
  const { modal } = App.useApp();
  const can = (a: string) => task.actions.includes(a);
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
          onOk: () => action.act('assign', { version: task.version }),
        }),
      true,
    );
  if (can('receive')) b('receive', 'receive', () => void action.act('receive', { version: task.version }), true);
  if (can('reopen')) b('reopen', 'reopenTask', () => open({ kind: 'reopen' }), false, true);
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
  if (can('set_handler')) b('handler', 'setHandler', () => open({ kind: 'handler' }));
  // One dialog edits the content, field, leader and specialist, and corrects the original deadline.
  if (can('update') || can('set_specialist') || can('correct_original_deadline'))
    b('edit', 'editTask', () => open({ kind: 'edit' }));
  if (can('split')) b('split', 'splitTask', () => open({ kind: 'split' }));
  if (can('handover')) b('handover', 'handover', () => open({ kind: 'handover' }));
  if (can('comment')) b('comment', 'comment', () => open({ kind: 'message', messageKind: 'comment' }));
  if (can('withdraw')) b('withdraw', 'withdrawTask', () => open({ kind: 'close', action: 'withdraw' }), false, true);
  if (can('cancel')) b('cancel', 'cancelTask', () => open({ kind: 'close', action: 'cancel' }), false, true);
  if (!buttons.length) return null;
  return (
    <div className="action-bar" role="toolbar" aria-label={t('actions')}>
      {buttons}
    </div>
  );
}
