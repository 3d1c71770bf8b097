/** The notification templates: every kind in both languages, naming the task, dates as dd/MM/yyyy. */
import { describe, expect, it } from 'vitest';
import { dmy } from '../../src/domain/dates.js';
import {
  message,
  renderMessage,
  renderStored,
  TEMPLATES,
  type Message,
  type MessageParams,
  type TaskRef,
  type TemplateKey,
} from '../../src/services/messages.js';

const task: TaskRef = {
  code: 'NV-2026-005004',
  content: 'Rà soát, báo cáo tình hình giải ngân vốn đầu tư công năm 2026',
  document: '123/UBND-KT',
  agency: 'Sở Tài chính',
  deadline: '2026-12-15',
};

/** A sample of every template's parameters (the type makes this list complete). */
const SAMPLES: { [K in TemplateKey]: MessageParams[K] } = {
  'task.assigned': { task },
  'task.coordinating': { task },
  'report.progress': { task, reporter: 'Sở Xây dựng' },
  'report.completion': { task, reporter: 'Sở Tài chính' },
  'report.explanation': { task, reporter: 'Sở Tài chính' },
  'report.accepted': { task },
  'report.returned': { task, reason: 'Thiếu số liệu quý IV' },
  'extension.requested': { task, requested: '2027-01-31', reason: 'Chờ số liệu của Kho bạc' },
  'extension.approved': { task, deadline: '2027-01-31', note: null },
  'extension.rejected': { task, note: 'Không có căn cứ' },
  'task.cancel': { task, reason: 'Trùng nhiệm vụ' },
  'task.withdraw': { task, reason: 'Đã có văn bản thay thế' },
  'task.direction': { task, message: 'Khẩn trương hoàn thành' },
  'task.comment': { task, message: 'Đã gửi dự thảo' },
  'task.handover': { task, reason: 'Điều chỉnh chức năng' },
  'task.correct_original_deadline': { task, deadline: '2026-12-31', reason: 'Nhập nhầm' },
  'task.urge': { task, message: 'Đề nghị báo cáo trước ngày 10' },
  'task.reopen': { task, reason: 'Kết quả chưa đầy đủ' },
  'agency.merged': { count: 12, from: 'Sở Giao thông vận tải', to: 'Sở Xây dựng', endDate: '2026-03-10' },
};

const all = Object.entries(SAMPLES).map(([template, params]) => ({ template, params }) as Message);

describe('notification templates', () => {
  it('has a Vietnamese and an English text for every kind, different from each other', () => {
    expect(Object.keys(TEMPLATES).sort()).toEqual(Object.keys(SAMPLES).sort());
    for (const m of all) {
      const vi = renderMessage(m, 'vi');
      const en = renderMessage(m, 'en');
      expect(vi.title.length, m.template).toBeGreaterThan(10);
      expect(en.title.length, m.template).toBeGreaterThan(10);
      expect(en.title, m.template).not.toBe(vi.title);
    }
  });

  it('names the task by its code and document, and writes dates dd/MM/yyyy, never ISO', () => {
    for (const m of all) {
      for (const lang of ['vi', 'en'] as const) {
        const r = renderMessage(m, lang);
        const text = `${r.title}\n${r.body ?? ''}`;
        expect(text, `${m.template} ${lang}`).not.toMatch(/\d{4}-\d{2}-\d{2}/);
        if (m.template !== 'agency.merged') expect(r.title, `${m.template} ${lang}`).toContain('NV-2026-005004');
        if (m.template !== 'agency.merged') expect(r.title, `${m.template} ${lang}`).toContain('123/UBND-KT');
      }
    }
  });

  it('writes the new task as the Office writes it', () => {
    expect(renderMessage(message('task.assigned', { task }), 'vi')).toEqual({
      title: 'Nhiệm vụ mới NV-2026-005004 (văn bản 123/UBND-KT): Sở Tài chính chủ trì, hạn 15/12/2026',
      body: 'Rà soát, báo cáo tình hình giải ngân vốn đầu tư công năm 2026',
    });
    expect(renderMessage(message('task.assigned', { task }), 'en').title).toBe(
      'New task NV-2026-005004 (document 123/UBND-KT): Sở Tài chính leads, due 15/12/2026',
    );
    // No document, no deadline: the text leaves them out rather than printing "null".
    const bare = { ...task, document: null, deadline: null };
    expect(renderMessage(message('task.assigned', { task: bare }), 'vi').title).toBe(
      'Nhiệm vụ mới NV-2026-005004: Sở Tài chính chủ trì',
    );
  });

  it('puts the person’s own words under a label, and shortens a long content', () => {
    const r = renderMessage(message('report.returned', { task, reason: 'Thiếu số liệu' }), 'en');
    expect(r.body).toBe(`${task.content}\nReason: Thiếu số liệu`);
    const long = { ...task, content: 'x'.repeat(300) };
    const body = renderMessage(message('task.assigned', { task: long }), 'vi').body!;
    expect(body).toHaveLength(118);
    expect(body.endsWith('…')).toBe(true);
    expect(renderMessage(message('report.returned', { task, reason: null }), 'vi').body).toBe(task.content);
  });

  it('shows a stored notification from its template, or as written when it has none or an unreadable one', () => {
    const stored = { template: 'task.assigned', params: { task }, title: 'cũ', body: null };
    expect(renderStored(stored, 'en').title).toMatch(/^New task/);
    expect(renderStored({ ...stored, template: null, params: null }, 'en')).toEqual({ title: 'cũ', body: null });
    expect(renderStored({ ...stored, template: 'no.such.template' }, 'en')).toEqual({ title: 'cũ', body: null });
    expect(renderStored({ ...stored, params: { task: null } }, 'vi')).toEqual({ title: 'cũ', body: null });
  });

  it('writes dates as dd/MM/yyyy', () => {
    expect(dmy('2026-03-02')).toBe('02/03/2026');
    expect(() => dmy('2026-02-30')).toThrow(RangeError);
  });
});
