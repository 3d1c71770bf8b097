/**
 * THE texts of what the system tells people, in Vietnamese and English. A notification stores a template key
 * and its parameters (`notifications.template`, `params`); it is rendered when read, in the reader's language
 * (ADR 0014). Nothing here touches the database or HTTP, so reminders, the outbox's e-mails and any job render
 * the same texts with `renderMessage(message, lang)`.
 *
 * Texts name the task by its code, its document's number and its lead agency; dates are written dd/MM/yyyy.
 */
import { dmy } from '../domain/dates.js';
import type { Lang } from '../errors.js';

export type { Lang };

/** How a message names a task: what the reader recognises it by, as it was when the message was written. */
export interface TaskRef {
  code: string;
  /** The task's content (shortened when rendered). */
  content: string;
  /** The document's number ("123/UBND-KT"), when the task comes from one. */
  document: string | null;
  /** The lead agency's name. */
  agency: string;
  /** The current deadline ('YYYY-MM-DD'), if any. */
  deadline: string | null;
}

type ReportKind = 'progress' | 'completion' | 'explanation';

/** Each template and its parameters (stored as JSON: strings, numbers, null). */
export interface MessageParams {
  'task.assigned': { task: TaskRef };
  'task.coordinating': { task: TaskRef };
  'report.progress': { task: TaskRef; reporter: string };
  'report.completion': { task: TaskRef; reporter: string };
  'report.explanation': { task: TaskRef; reporter: string };
  'report.accepted': { task: TaskRef };
  'report.returned': { task: TaskRef; reason: string | null };
  'extension.requested': { task: TaskRef; requested: string; reason: string };
  'extension.approved': { task: TaskRef; deadline: string; note: string | null };
  'extension.rejected': { task: TaskRef; note: string | null };
  'task.cancel': { task: TaskRef; reason: string };
  'task.withdraw': { task: TaskRef; reason: string };
  'task.direction': { task: TaskRef; message: string };
  'task.comment': { task: TaskRef; message: string };
  'task.handover': { task: TaskRef; reason: string };
  'task.correct_original_deadline': { task: TaskRef; deadline: string; reason: string };
  'task.urge': { task: TaskRef; message: string };
  'task.reopen': { task: TaskRef; reason: string };
  /** The merger's summary to the successor's users. */
  'agency.merged': { count: number; from: string; to: string; endDate: string };
}

export type TemplateKey = keyof MessageParams;

/** A message to render: a template and its parameters. */
export type Message = { [K in TemplateKey]: { template: K; params: MessageParams[K] } }[TemplateKey];

export interface Rendered {
  title: string;
  body: string | null;
}

export const message = <K extends TemplateKey>(template: K, params: MessageParams[K]) =>
  ({ template, params }) as Message;

export const short = (s: string, max = 120) => (s.length > max ? `${s.slice(0, max - 3)}…` : s);

// ---- pieces shared by the templates --------------------------------------------------------------------

const WORDS = {
  vi: { document: 'văn bản', leads: 'chủ trì', due: 'hạn', reason: 'Lý do', note: 'Ý kiến' },
  en: { document: 'document', leads: 'leads', due: 'due', reason: 'Reason', note: 'Note' },
} as const;

/** "NV-2026-005004 (văn bản 123/UBND-KT)" */
const named = (lang: Lang, t: TaskRef) => (t.document ? `${t.code} (${WORDS[lang].document} ${t.document})` : t.code);

/** "Sở Tài chính chủ trì, hạn 15/12/2026" / "Sở Tài chính leads, due 15/12/2026" */
const leadAndDue = (lang: Lang, t: TaskRef) =>
  `${t.agency} ${WORDS[lang].leads}${t.deadline ? `, ${WORDS[lang].due} ${dmy(t.deadline)}` : ''}`;

/** The task's content, then the person's own words under a label, if any. */
const body = (t: TaskRef, extra?: { label: string; text: string | null }) =>
  [short(t.content), extra?.text ? `${extra.label}: ${short(extra.text, 500)}` : null].filter(Boolean).join('\n');

const reason = (lang: Lang, t: TaskRef, text: string | null) => body(t, { label: WORDS[lang].reason, text });
const note = (lang: Lang, t: TaskRef, text: string | null) => body(t, { label: WORDS[lang].note, text });

const REPORT_TITLES: Record<ReportKind, Record<Lang, string>> = {
  progress: { vi: 'Báo cáo tiến độ', en: 'Progress report' },
  completion: { vi: 'Báo cáo hoàn thành chờ xác nhận', en: 'Completion report awaiting review' },
  explanation: { vi: 'Giải trình chậm tiến độ', en: 'Explanation of delay' },
};

const report =
  (kind: ReportKind) =>
  (lang: Lang) =>
  ({ task, reporter }: { task: TaskRef; reporter: string }): Rendered => ({
    title: `${REPORT_TITLES[kind][lang]} ${named(lang, task)}: ${reporter}`,
    body: body(task),
  });

type Templates = { [K in TemplateKey]: Record<Lang, (p: MessageParams[K]) => Rendered> };

const both = <P>(f: (lang: Lang) => (p: P) => Rendered): Record<Lang, (p: P) => Rendered> => ({
  vi: f('vi'),
  en: f('en'),
});

/** Every template, in both languages. */
export const TEMPLATES: Templates = {
  'task.assigned': {
    vi: ({ task }) => ({ title: `Nhiệm vụ mới ${named('vi', task)}: ${leadAndDue('vi', task)}`, body: body(task) }),
    en: ({ task }) => ({ title: `New task ${named('en', task)}: ${leadAndDue('en', task)}`, body: body(task) }),
  },
  'task.coordinating': {
    vi: ({ task }) => ({
      title: `Nhiệm vụ mới cần phối hợp ${named('vi', task)}: ${leadAndDue('vi', task)}`,
      body: body(task),
    }),
    en: ({ task }) => ({
      title: `New task to coordinate ${named('en', task)}: ${leadAndDue('en', task)}`,
      body: body(task),
    }),
  },
  'report.progress': both(report('progress')),
  'report.completion': both(report('completion')),
  'report.explanation': both(report('explanation')),
  'report.accepted': {
    vi: ({ task }) => ({ title: `Kết quả đã được xác nhận: ${named('vi', task)}`, body: body(task) }),
    en: ({ task }) => ({ title: `Result accepted: ${named('en', task)}`, body: body(task) }),
  },
  'report.returned': {
    vi: (p) => ({ title: `Báo cáo bị trả lại: ${named('vi', p.task)}`, body: reason('vi', p.task, p.reason) }),
    en: (p) => ({ title: `Report returned: ${named('en', p.task)}`, body: reason('en', p.task, p.reason) }),
  },
  'extension.requested': {
    vi: (p) => ({
      title: `${p.task.agency} đề nghị gia hạn ${named('vi', p.task)} đến ${dmy(p.requested)}`,
      body: reason('vi', p.task, p.reason),
    }),
    en: (p) => ({
      title: `${p.task.agency} asks to extend ${named('en', p.task)} to ${dmy(p.requested)}`,
      body: reason('en', p.task, p.reason),
    }),
  },
  'extension.approved': {
    vi: (p) => ({
      title: `Đồng ý gia hạn ${named('vi', p.task)} đến ${dmy(p.deadline)}`,
      body: note('vi', p.task, p.note),
    }),
    en: (p) => ({
      title: `Extension of ${named('en', p.task)} approved to ${dmy(p.deadline)}`,
      body: note('en', p.task, p.note),
    }),
  },
  'extension.rejected': {
    vi: (p) => ({ title: `Không đồng ý gia hạn ${named('vi', p.task)}`, body: note('vi', p.task, p.note) }),
    en: (p) => ({ title: `Extension of ${named('en', p.task)} refused`, body: note('en', p.task, p.note) }),
  },
  'task.cancel': {
    vi: (p) => ({ title: `Nhiệm vụ đã hủy: ${named('vi', p.task)}`, body: reason('vi', p.task, p.reason) }),
    en: (p) => ({ title: `Task cancelled: ${named('en', p.task)}`, body: reason('en', p.task, p.reason) }),
  },
  'task.withdraw': {
    vi: (p) => ({ title: `Nhiệm vụ đã thu hồi: ${named('vi', p.task)}`, body: reason('vi', p.task, p.reason) }),
    en: (p) => ({ title: `Task withdrawn: ${named('en', p.task)}`, body: reason('en', p.task, p.reason) }),
  },
  'task.direction': {
    vi: (p) => ({ title: `Ý kiến chỉ đạo về ${named('vi', p.task)}`, body: short(p.message, 500) }),
    en: (p) => ({ title: `Direction on ${named('en', p.task)}`, body: short(p.message, 500) }),
  },
  'task.comment': {
    vi: (p) => ({ title: `Trao đổi về ${named('vi', p.task)}`, body: short(p.message, 500) }),
    en: (p) => ({ title: `Comment on ${named('en', p.task)}`, body: short(p.message, 500) }),
  },
  'task.handover': {
    vi: (p) => ({
      title: `Nhiệm vụ ${named('vi', p.task)} được bàn giao: ${leadAndDue('vi', p.task)}`,
      body: reason('vi', p.task, p.reason),
    }),
    en: (p) => ({
      title: `Task ${named('en', p.task)} handed over: ${leadAndDue('en', p.task)}`,
      body: reason('en', p.task, p.reason),
    }),
  },
  'task.correct_original_deadline': {
    vi: (p) => ({
      title: `Đính chính thời hạn ban đầu của ${named('vi', p.task)} thành ${dmy(p.deadline)}`,
      body: reason('vi', p.task, p.reason),
    }),
    en: (p) => ({
      title: `Original deadline of ${named('en', p.task)} corrected to ${dmy(p.deadline)}`,
      body: reason('en', p.task, p.reason),
    }),
  },
  'task.urge': {
    vi: (p) => ({ title: `Đôn đốc ${named('vi', p.task)}: ${leadAndDue('vi', p.task)}`, body: p.message }),
    en: (p) => ({ title: `Reminder on ${named('en', p.task)}: ${leadAndDue('en', p.task)}`, body: p.message }),
  },
  'task.reopen': {
    vi: (p) => ({
      title: `Nhiệm vụ ${named('vi', p.task)} được mở lại để tiếp tục thực hiện`,
      body: reason('vi', p.task, p.reason),
    }),
    en: (p) => ({
      title: `Task ${named('en', p.task)} reopened to be carried on`,
      body: reason('en', p.task, p.reason),
    }),
  },
  'agency.merged': {
    vi: (p) => ({
      title: `${p.to} nhận bàn giao ${p.count} nhiệm vụ của ${p.from}`,
      body: `${p.from} hợp nhất vào ${p.to} từ ngày ${dmy(p.endDate)}.`,
    }),
    en: (p) => ({
      title: `${p.to} takes over ${p.count} ${p.count === 1 ? 'task' : 'tasks'} from ${p.from}`,
      body: `${p.from} merges into ${p.to} from ${dmy(p.endDate)}.`,
    }),
  },
};

export const isTemplateKey = (k: string): k is TemplateKey => Object.hasOwn(TEMPLATES, k);

/** The message in `lang`. */
export function renderMessage(m: Message, lang: Lang): Rendered {
  const render = TEMPLATES[m.template][lang] as (p: unknown) => Rendered;
  return render(m.params);
}

/**
 * A stored notification in `lang`: from its template when it has one, else (rows written before templates,
 * or a template this version no longer knows) the text stored with it.
 */
export function renderStored(
  row: { template: string | null; params: unknown; title: string; body: string | null },
  lang: Lang,
): Rendered {
  if (row.template && isTemplateKey(row.template) && row.params && typeof row.params === 'object') {
    try {
      return renderMessage({ template: row.template, params: row.params } as Message, lang);
    } catch {
      // parameters of an older shape: the text written at the time is still right
    }
  }
  return { title: row.title, body: row.body };
}
