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
  | 'payload_too_large'
  | 'uri_too_long'
  | 'unsupported_media_type'
  | 'locked'
  | 'too_many_requests';

const STATUS: Record<ErrorCode, number> = {
  bad_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  uri_too_long: 414,
  unsupported_media_type: 415,
  locked: 423,
  too_many_requests: 429,
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
export const staleVersion = () =>
  new AppError('conflict', {
    vi: 'Bản ghi đã được người khác thay đổi. Hãy tải lại để xem bản mới nhất rồi thực hiện lại.',
    en: 'Someone else changed this record. Reload to see the latest version, then try again.',
  });
export const conflict = (vi: string, en: string) => new AppError('conflict', { vi, en });
