/** Settings with their defaults; the admin's values live in the `settings` table, one row per key. */
import { z } from 'zod';
import type { Executor } from '../db/client.js';
import { settings } from '../db/schema.js';
import type { WithCaches } from './caches.js';

export const settingsSchema = z
  .object({
    reminderDaysBefore: z.array(z.number().int().min(0).max(60)).max(10).describe('Nhắc trước hạn N ngày'),
    overdueReminderEveryDays: z.number().int().min(1).max(60),
    extensionCap: z.number().int().min(0).max(10).describe('Số lần gia hạn tối đa cho một nhiệm vụ'),
    staleAfterDays: z.number().int().min(1).max(365).describe('Quá số ngày này không có báo cáo là "chưa cập nhật"'),
    reportCutoffDay: z.number().int().min(1).max(31).describe('Ngày chốt số liệu hằng tháng'),
    officeLeadDecidesExtensions: z
      .boolean()
      .describe('Lãnh đạo UBND tỉnh ủy quyền cho Lãnh đạo Văn phòng quyết định gia hạn'),
    gradingThresholds: z
      .object({ excellent: z.number().min(0).max(1), good: z.number().min(0).max(1), fair: z.number().min(0).max(1) })
      .describe('Ngưỡng xếp loại theo tỷ lệ hoàn thành đúng hạn'),
    publicResults: z
      .boolean()
      .describe('Công khai kết quả thực hiện nhiệm vụ của từng cơ quan theo quý, 6 tháng, năm (chỉ số liệu tổng hợp)'),
    issuingBody: z
      .string()
      .trim()
      .min(1)
      .max(200)
      .describe(
        'Cơ quan ban hành trên báo cáo, văn bản đôn đốc (dòng đầu bên trái), ví dụ "ỦY BAN NHÂN DÂN TỈNH AN GIANG"',
      ),
    issuingPlace: z
      .string()
      .trim()
      .max(100)
      .describe('Địa danh ở dòng ngày tháng của văn bản (ví dụ "An Giang"); để trống thì để chỗ cho người ký điền'),
    documentSigner: z
      .string()
      .trim()
      .max(200)
      .describe(
        'Chức vụ ký văn bản xuất ra (ví dụ "KT. CHỦ TỊCH / PHÓ CHỦ TỊCH"); để trống: "TM. ỦY BAN NHÂN DÂN / CHỦ TỊCH"',
      ),
  })
  .strict();
export type Settings = z.infer<typeof settingsSchema>;

export const DEFAULT_SETTINGS: Settings = {
  reminderDaysBefore: [7, 3, 1],
  overdueReminderEveryDays: 7,
  extensionCap: 1,
  staleAfterDays: 30,
  reportCutoffDay: 15,
  officeLeadDecidesExtensions: true,
  gradingThresholds: { excellent: 0.9, good: 0.8, fair: 0.6 },
  publicResults: false,
  issuingBody: 'ỦY BAN NHÂN DÂN TỈNH',
  issuingPlace: '',
  documentSigner: '',
};

/**
 * Settings are read on most requests: kept for a few seconds (`caches.ts`); the write that changes them
 * drops the cache. Inside a transaction pass `fresh` — they are then read through it, afresh.
 */
export function loadSettings(deps: WithCaches, ex: Executor, fresh = false): Promise<Settings> {
  if (fresh) return readSettings(ex);
  return deps.caches.settings.get(() => readSettings(ex));
}

export function forgetSettings(deps: WithCaches): void {
  deps.caches.settings.forget();
}

async function readSettings(ex: Executor): Promise<Settings> {
  const list = await ex.select().from(settings);
  const merged: Record<string, unknown> = { ...DEFAULT_SETTINGS };
  for (const row of list) if (row.key in DEFAULT_SETTINGS) merged[row.key] = row.value;
  const parsed = settingsSchema.safeParse(merged);
  return parsed.success ? parsed.data : DEFAULT_SETTINGS;
}
