/** The report's query (the parameters shared with the task list come from its schema) and its answer. */
import { z } from 'zod';
import { checkRange, cutOffOf, idParam, isoDate } from '../../http/validation.js';
import { listQuery } from '../tasks/schemas.js';
import { REPORT_DIMENSIONS, type ReportDimension, type ReportParams } from './types.js';

export const reportParamsSchema = z.object({ by: z.enum(REPORT_DIMENSIONS) }).strict();

export const reportQuery = listQuery
  .pick({ asOf: true, against: true, agencyKind: true })
  .extend({
    from: isoDate().optional().describe('Kỳ báo cáo từ ngày (theo periodBy)'),
    to: isoDate().optional().describe('Kỳ báo cáo đến ngày'),
    periodBy: z.enum(['assigned', 'due']).default('assigned').describe('assigned: theo ngày giao; due: theo thời hạn'),
    role: z
      .enum(['lead', 'any'])
      .default('lead')
      .describe('lead: chỉ vai trò chủ trì; any: chủ trì và phối hợp (một nhiệm vụ tính cho mỗi cơ quan)'),
    agencyId: idParam.optional().describe('Chỉ nhiệm vụ của một cơ quan (theo role)'),
    leaderId: idParam.optional().describe('Chỉ nhiệm vụ của một lãnh đạo giao'),
  })
  .strict();

const figures = z.object({
  assigned: z.number(),
  fallenDue: z.number(),
  doneOnTime: z.number(),
  doneLate: z.number(),
  inTime: z.number(),
  overdue: z.number(),
  overdueUpTo30: z.number(),
  overdue31To90: z.number(),
  overdueOver90: z.number(),
  noDeadline: z.number(),
  routine: z.number(),
  open: z.number(),
  notUpdated: z.number(),
  completionRate: z.number().nullable(),
  onTimeRate: z.number().nullable(),
  updateRate: z.number().nullable(),
  extensionsRequested: z.number(),
  extensionsGranted: z.number(),
  averageDaysOverdue: z.number().nullable(),
  grade: z.enum(['excellent', 'good', 'fair', 'poor']).nullable(),
});

export const reportResponse = z.object({
  params: z.object({
    by: z.enum(REPORT_DIMENSIONS),
    asOf: z.string(),
    from: z.string().optional(),
    to: z.string().optional(),
    periodBy: z.enum(['assigned', 'due']),
    against: z.enum(['current', 'original']),
    role: z.enum(['lead', 'any']),
    agencyKind: z.array(z.string()).optional(),
    agencyId: z.number().optional(),
    leaderId: z.number().optional(),
  }),
  rows: z.array(figures.extend({ key: z.union([z.number(), z.string()]).nullable(), label: z.string() })),
  totals: figures,
  definitions: z.record(z.string(), z.string()),
  computedAt: z.string(),
  drill: z.object({
    base: z.record(z.string(), z.string()),
    columns: z.record(z.string(), z.record(z.string(), z.string())),
    rowParam: z.string(),
  }),
});

/** The parameters of the report from its query (as the JSON report reads them). */
export function reportParamsOf(by: ReportDimension, q: z.output<typeof reportQuery>, today: string): ReportParams {
  checkRange(q.from, q.to, { from: 'from', to: 'to', vi: ['Từ ngày', 'đến ngày'] });
  return {
    by,
    asOf: cutOffOf(q.asOf, today),
    periodBy: q.periodBy,
    against: q.against ?? 'current',
    role: q.role,
    ...(q.from ? { from: q.from } : {}),
    ...(q.to ? { to: q.to } : {}),
    ...(q.agencyKind?.length ? { agencyKind: [...q.agencyKind].sort() } : {}),
    ...(q.agencyId ? { agencyId: q.agencyId } : {}),
    ...(q.leaderId ? { leaderId: q.leaderId } : {}),
  };
}
