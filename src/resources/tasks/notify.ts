/**
 * Who is told about a task (the lead or coordinating agencies' users, the Office follower, the leader)
 * and the notification of a newly assigned task.
 */
import { and, eq, inArray } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { leaders, users } from '../../db/schema.js';
import { AGENCY_ROLES } from '../../policies/index.js';
import type { WriteCtx } from '../../services/write.js';
import type { TaskRow } from './repository.js';

// ---- who is told --------------------------------------------------------------------------------------

export async function agencyUserIds(ex: Executor, agencyIds: number[]): Promise<number[]> {
  if (agencyIds.length === 0) return [];
  const list = await ex
    .select({ id: users.id })
    .from(users)
    .where(and(inArray(users.agencyId, agencyIds), inArray(users.role, [...AGENCY_ROLES]), eq(users.isActive, true)));
  return list.map((u) => u.id);
}

/** The specialist who follows the task, or the Office leadership when nobody does. */
export async function officeFollowerIds(ex: Executor, t: TaskRow): Promise<number[]> {
  if (t.specialistId) return [t.specialistId];
  const list = await ex
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.role, 'office_lead'), eq(users.isActive, true)));
  return list.map((u) => u.id);
}

async function officeLeadIds(ex: Executor): Promise<number[]> {
  const list = await ex
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.role, 'office_lead'), eq(users.isActive, true)));
  return list.map((u) => u.id);
}

/**
 * Who must decide an extension request, besides the Office follower who is kept informed: the leader who
 * assigned the task, and the Office leadership when the leaders delegated the decision to it (or when no
 * leader is named) — the same rule as the policy's `decide_extension`.
 */
export async function extensionDeciderIds(
  ex: Executor,
  t: TaskRow,
  s: { officeLeadDecidesExtensions: boolean },
): Promise<number[]> {
  const ids = await leaderUserIds(ex, t.leaderId);
  if (s.officeLeadDecidesExtensions || t.leaderId === null) ids.push(...(await officeLeadIds(ex)));
  return ids;
}

export async function leaderUserIds(ex: Executor, leaderId: number | null): Promise<number[]> {
  if (!leaderId) return [];
  const [l] = await ex.select({ userId: leaders.userId }).from(leaders).where(eq(leaders.id, leaderId));
  return l?.userId ? [l.userId] : [];
}

export const short = (s: string) => (s.length > 120 ? `${s.slice(0, 117)}…` : s);

export async function notifyAssigned(w: WriteCtx, task: TaskRow, coordinating: number[]) {
  await w.notify(await agencyUserIds(w.tx, [task.leadAgencyId]), {
    kind: 'task.assigned',
    taskId: task.id,
    title: taskTexts.assignedLead(task.content),
    body: task.currentDeadline ? taskTexts.deadline(task.currentDeadline) : undefined,
  });
  await w.notify(await agencyUserIds(w.tx, coordinating), {
    kind: 'task.coordinating',
    taskId: task.id,
    title: taskTexts.assignedCoordinating(task.content),
  });
}

const REPORT_TITLES = {
  completion: 'Báo cáo hoàn thành chờ xác nhận',
  progress: 'Báo cáo tiến độ mới',
  explanation: 'Giải trình chậm tiến độ',
} as const;

/**
 * The texts of the notifications about one task (Vietnamese), each naming the task by its shortened content.
 * The merger's summary ("Đơn vị nhận bàn giao N nhiệm vụ") is written by agencies/merger.ts.
 */
export const taskTexts = {
  assignedLead: (content: string) => `Nhiệm vụ mới (chủ trì): ${short(content)}`,
  assignedCoordinating: (content: string) => `Nhiệm vụ mới (phối hợp): ${short(content)}`,
  deadline: (deadline: string) => `Thời hạn: ${deadline}`,
  report: (kind: keyof typeof REPORT_TITLES, content: string) => `${REPORT_TITLES[kind]}: ${short(content)}`,
  reviewed: (accepted: boolean, content: string) =>
    accepted ? `Kết quả đã được xác nhận: ${short(content)}` : `Báo cáo bị trả lại: ${short(content)}`,
  extensionRequested: (deadline: string, content: string) => `Đề nghị gia hạn đến ${deadline}: ${short(content)}`,
  extensionDecided: (approve: boolean, deadline: string | null, content: string) =>
    approve ? `Đồng ý gia hạn đến ${deadline}: ${short(content)}` : `Không đồng ý gia hạn: ${short(content)}`,
  closed: (kind: 'cancel' | 'withdraw', content: string) =>
    `${kind === 'cancel' ? 'Nhiệm vụ đã huỷ' : 'Nhiệm vụ đã thu hồi'}: ${short(content)}`,
  message: (kind: 'direction' | 'comment', content: string) =>
    `${kind === 'direction' ? 'Ý kiến chỉ đạo' : 'Trao đổi'}: ${short(content)}`,
  handedOver: (content: string) => `Nhiệm vụ được bàn giao cho đơn vị: ${short(content)}`,
  originalDeadlineCorrected: (deadline: string, content: string) =>
    `Đính chính thời hạn ban đầu thành ${deadline}: ${short(content)}`,
  urged: (content: string) => `Đôn đốc: ${short(content)}`,
  reopened: (content: string) => `Nhiệm vụ được mở lại để tiếp tục thực hiện: ${short(content)}`,
};
