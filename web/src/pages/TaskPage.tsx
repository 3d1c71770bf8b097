/**
 * One task: its details, the whole timeline (history, reports with files, reviews, directions, extension
 * requests and decisions) and exactly the actions the server says this user may take now. The task and
 * its history are queries (queries.ts); every action goes through useTaskAction, whose answer — the task
 * as it now is — replaces the page's data without reading the task again.
 */
import { StarFilled, StarOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button } from 'antd';
import { useState } from 'react';
import { useParams } from 'react-router';
import { loadingOrError, Page } from '../hooks';
import { useI18n } from '../i18n';
import { queries } from '../queries';
import { TaskActionBar, type TaskDialog } from './task/TaskActionBar';
import { TaskActionDialog } from './task/TaskActionDialogs';
import { TaskDetails } from './task/TaskDetails';
import { TaskEditDialog } from './task/TaskEditDialog';
import { TaskReopenDialog } from './task/TaskReopenDialog';
import { TaskSplitDialog } from './task/TaskSplitDialog';
import { TaskTimeline } from './task/TaskTimeline';
import { useTaskAction } from './task/useTaskAction';

export default function TaskPage() {
  const id = Number(useParams().id);
  const { t } = useI18n();
  const taskQuery = useQuery(queries.task(id));
  const history = useQuery(queries.taskHistory(id));
  const action = useTaskAction(id);
  const [dialog, setDialog] = useState<TaskDialog | null>(null);
  const close = () => setDialog(null);

  const wait = loadingOrError(taskQuery);
  if (wait) return wait;
  const task = taskQuery.data!;
  const props = { task, action, onClose: close };

  return (
    <Page
      title={
        <>
          {task.starred ? <StarFilled style={{ color: '#d48806', marginRight: 6 }} aria-label={t('starred')} /> : null}
          {t('task')} {task.code}
        </>
      }
      extra={
        task.actions.includes('star') ? (
          <Button
            icon={task.starred ? <StarFilled style={{ color: '#d48806' }} /> : <StarOutlined />}
            onClick={() => void action.act('star', { version: task.version, starred: !task.starred })}
          >
            {task.starred ? t('unstar') : t('star')}
          </Button>
        ) : null
      }
    >
      <TaskDetails task={task} />
      <TaskActionBar task={task} action={action} open={setDialog} />
      <TaskTimeline task={task} history={history.data} onFileAdded={() => void action.reload()} />
      {dialog?.kind === 'edit' ? (
        <TaskEditDialog {...props} />
      ) : dialog?.kind === 'split' ? (
        <TaskSplitDialog {...props} />
      ) : dialog?.kind === 'reopen' ? (
        <TaskReopenDialog {...props} />
      ) : dialog ? (
        <TaskActionDialog {...props} dialog={dialog} />
      ) : null}
    </Page>
  );
}
