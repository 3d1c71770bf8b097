/**
 * What one request may create. A request's body is capped by its schema (tasks per request, coordinating
 * agencies per task), but what it implies is only known while it is carried out: the periods of a
 * recurring task, the subtasks of each of them. Creation is counted against the request's write
 * (`WriteCtx`), and past a limit the request is refused with a 400 that says the limit — the transaction
 * rolls back, so nothing of it stays, and the work done before the refusal is bounded by the limit.
 */
import { badRequest } from '../errors.js';
import type { WriteCtx } from './write.js';

export const CREATE_LIMITS = {
  /** Tasks given in one request body (documents, tasks, subtasks). */
  tasksPerRequest: 100,
  /** Coordinating agencies of one task. */
  coordinatingPerTask: 100,
  /** Tasks one request creates, the periods of recurring tasks included. */
  tasksCreated: 200,
  /** Coordinating-agency links one request creates (each task × its coordinating agencies). */
  coordinatingLinks: 1000,
} as const;

const used = new WeakMap<WriteCtx, { tasks: number; links: number }>();

function tooMany(tasks: number, links: number, field: string): never {
  if (tasks > CREATE_LIMITS.tasksCreated)
    throw badRequest(
      `Một yêu cầu chỉ được tạo tối đa ${CREATE_LIMITS.tasksCreated} nhiệm vụ (kể cả các kỳ của nhiệm vụ định kỳ); yêu cầu này cần ${tasks}. Hãy chia thành nhiều lần.`,
      `One request may create at most ${CREATE_LIMITS.tasksCreated} tasks (periods of recurring tasks included); this one needs ${tasks}. Split it into several requests.`,
      field,
    );
  throw badRequest(
    `Một yêu cầu chỉ được tạo tối đa ${CREATE_LIMITS.coordinatingLinks} lượt giao phối hợp (số nhiệm vụ × số cơ quan phối hợp); yêu cầu này cần ${links}. Hãy chia thành nhiều lần.`,
    `One request may create at most ${CREATE_LIMITS.coordinatingLinks} coordination links (tasks × coordinating agencies); this one needs ${links}. Split it into several requests.`,
    field,
  );
}

/** Refuses before any work when `tasks` more tasks with `links` links would pass a limit. */
export function checkRoom(w: WriteCtx, tasks: number, links: number, field: string): void {
  const u = used.get(w) ?? { tasks: 0, links: 0 };
  if (u.tasks + tasks > CREATE_LIMITS.tasksCreated || u.links + links > CREATE_LIMITS.coordinatingLinks)
    tooMany(u.tasks + tasks, u.links + links, field);
}

/** Refuses at once a body whose tasks and coordinating agencies alone pass a limit. */
export function checkBody(w: WriteCtx, tasks: { coordinatingAgencyIds?: number[] }[], field = 'tasks'): void {
  const links = tasks.reduce((n, t) => n + new Set(t.coordinatingAgencyIds ?? []).size, 0);
  checkRoom(w, tasks.length, links, field);
}

/** Counts one task about to be created with its coordinating agencies; refuses past a limit. */
export function countCreation(w: WriteCtx, links: number, field: string): void {
  checkRoom(w, 1, links, field);
  const u = used.get(w) ?? { tasks: 0, links: 0 };
  used.set(w, { tasks: u.tasks + 1, links: u.links + links });
}
