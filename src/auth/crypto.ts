import { createHash, randomBytes } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';

/** argon2id with the library's defaults (19 MiB, t=2), as OWASP recommends. */
export const hashPassword = (password: string) => hash(password);
export const verifyPassword = (stored: string, password: string) => verify(stored, password).catch(() => false);

export const randomToken = (bytes = 32) => randomBytes(bytes).toString('base64url');
export const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

/** Rules for a new password; the message says what to fix. */
export function passwordProblem(pw: string): { vi: string; en: string } | null {
  if (pw.length < 10)
    return { vi: 'Mật khẩu mới phải có ít nhất 10 ký tự.', en: 'The new password must have at least 10 characters.' };
  if (!/[A-Za-zÀ-ỹ]/.test(pw) || !/\d/.test(pw))
    return { vi: 'Mật khẩu mới phải có cả chữ và số.', en: 'The new password must contain letters and digits.' };
  return null;
}
