/**
 * The closed set of errors the API answers with. Each carries a message for the user in Vietnamese and
 * English; anything else is an internal error whose details stay in the log.
 */
export type Lang = 'vi' | 'en';
export interface Text {
  vi: string;
  en: string;
}

export type ErrorCode =
  | 'bad_request'
  | 'unauthorized'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'stale_version'
  | 'past_deadline'
  | 'duplicate_document'
  | 'payload_too_large'
  | 'uri_too_long'
  | 'unsupported_media_type'
  | 'locked'
  | 'too_many_requests'
  | 'unavailable';

const STATUS: Record<ErrorCode, number> = {
  bad_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  stale_version: 409,
  past_deadline: 409,
  duplicate_document: 409,
  payload_too_large: 413,
  uri_too_long: 414,
  unsupported_media_type: 415,
  locked: 423,
  too_many_requests: 429,
  unavailable: 503,
};

export interface FieldIssue {
  field: string;
  message: string;
}

export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    readonly text: Text,
    readonly details?: { issues?: { field: string; text: Text }[] },
  ) {
    super(text.en);
    this.status = STATUS[code];
  }
}

export const badRequest = (vi: string, en: string, field?: string) =>
  new AppError('bad_request', { vi, en }, field ? { issues: [{ field, text: { vi, en } }] } : undefined);
export const unauthorized = () =>
  new AppError('unauthorized', {
    vi: 'Bạn cần đăng nhập để tiếp tục.',
    en: 'You need to sign in to continue.',
  });
export const forbidden = (vi = 'Bạn không có quyền thực hiện thao tác này.', en = 'You are not allowed to do this.') =>
  new AppError('forbidden', { vi, en });
export const notFound = (what: Text) =>
  new AppError('not_found', { vi: `Không tìm thấy ${what.vi}.`, en: `${what.en} not found.` });
/** The record changed since the user read it (optimistic locking): reload and redo; not a wrong state. */
export const staleVersion = () =>
  new AppError('stale_version', {
    vi: 'Bản ghi đã được người khác thay đổi. Hãy tải lại để xem bản mới nhất rồi thực hiện lại.',
    en: 'Someone else changed this record. Reload to see the latest version, then try again.',
  });
export const conflict = (vi: string, en: string) => new AppError('conflict', { vi, en });

/** The database did not answer in time (or is down): the request may be retried (ADR 0009). */
export function unavailable(): AppError {
  return new AppError('unavailable', {
    vi: 'Máy chủ đang bận, chưa xử lý kịp yêu cầu này; chưa có gì được ghi. Hãy thử lại sau ít phút.',
    en: 'The server is busy and could not handle this request in time; nothing was saved. Please try again in a few minutes.',
  });
}
/**
 * A deadline already past when it is set: it would count overdue at once, so the request must say that
 * the user confirms it (`confirmPastDeadline: true`); the interface asks and sends again.
 */
/** A document with the same number and symbol is registered in the same year: the user confirms or corrects. */
export const duplicateDocument = (vi: string, en: string) =>
  new AppError('duplicate_document', { vi, en }, { issues: [{ field: 'numberText', text: { vi, en } }] });
export const pastDeadline = (vi: string, en: string, field: string) =>
  new AppError('past_deadline', { vi, en }, { issues: [{ field, text: { vi, en } }] });
