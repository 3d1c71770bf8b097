/**
 * Every action on a task goes through here: it is sent with the version the page shows (the server
 * refuses to overwrite a newer one), the server's answer — the task as it now is — becomes the page's
 * data without reading the task again, and what depends on it (lists, counts, home, history) is marked
 * stale (queries.ts `taskChanged`). When someone else changed the task meanwhile (409 stale_version) the
 * user is told, the task is read again, and the error goes on to the dialog, which closes.
 */
import { useQueryClient } from '@tanstack/react-query';
import { App } from 'antd';
import { api, isStaleVersion, type TaskDetail } from '../../api';
import { useI18n } from '../../i18n';
import { keys, taskChanged } from '../../queries';

export interface TaskAction {
  /** Sends whatever answers with the task; says `done` (the default "Đã thực hiện.") unless null. */
  run: (send: () => Promise<TaskDetail>, done?: string | null) => Promise<TaskDetail>;
  /** POST /tasks/:id/<path>. */
  post: (path: string, body: Record<string, unknown>, done?: string | null) => Promise<TaskDetail>;
  /** PATCH /tasks/:id. */
  patch: (body: Record<string, unknown>, done?: string | null) => Promise<TaskDetail>;
  /** An action without a dialog: a failure is said in a message instead of thrown. */
  act: (path: string, body: Record<string, unknown>) => Promise<void>;
  /** The task changed in a way its answer does not carry (an upload): read it again. */
  reload: () => Promise<void>;
}

export function useTaskAction(taskId: number): TaskAction {
  const qc = useQueryClient();
  const { message } = App.useApp();
  const { t } = useI18n();
  const reload = () => qc.invalidateQueries({ queryKey: keys.tasks.detail(taskId) });
  const run: TaskAction['run'] = async (send, done) => {
    try {
      const task = await send();
      void taskChanged(qc, task);
      if (done !== null) message.success(done ?? t('done'));
      return task;
    } catch (e) {
      if (isStaleVersion(e)) {
        message.warning(t('conflictReload'));
        void reload();
      }
      throw e;
    }
  };
  const post: TaskAction['post'] = (path, body, done) =>
    run(() => api.post<TaskDetail>(`/tasks/${taskId}/${path}`, body), done);
  const patch: TaskAction['patch'] = (body, done) => run(() => api.patch<TaskDetail>(`/tasks/${taskId}`, body), done);
  const act: TaskAction['act'] = (path, body) =>
    post(path, body).then(
      () => undefined,
      (e: unknown) => {
        if (!isStaleVersion(e)) message.error(e instanceof Error ? e.message : String(e));
      },
    );
  return { run, post, patch, act, reload };
}
