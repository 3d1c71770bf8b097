/** Sign-in (throttled, counted as the visitor when it fails), sign-out and password change. */
import { and, eq, sql } from 'drizzle-orm';
import { hashPassword, randomToken, sha256, verifyPassword } from '../../auth/crypto.js';
import { revokeTokensOf } from '../../auth/tokens.js';
import { claimSignIn, releaseSignIn, type ThrottleLimits } from '../../auth/throttle.js';
import type { Config } from '../../config.js';
import { rows } from '../../db/client.js';
import { leaders, sessions, users } from '../../db/schema.js';
import type { Actor } from '../../domain/actor.js';
import { AppError, notFound, staleVersion } from '../../errors.js';
import { runCommand, type UserWho, type VisitorWho } from '../../services/command.js';
import type { AppDeps } from '../../services/deps.js';
import type { WriteCtx } from '../../services/write.js';

/** Checked for unknown names, with the same argon2 parameters as real hashes. */
export const DUMMY_HASH = hashPassword('not-a-real-password-0');

export const wrongCredentials = () =>
  new AppError('unauthorized', {
    vi: 'Tên đăng nhập hoặc mật khẩu không đúng.',
    en: 'Wrong username or password.',
  });

function waitText(seconds: number): { vi: string; en: string } {
  if (seconds < 120) return { vi: `${seconds} giây`, en: `${seconds} seconds` };
  const m = Math.ceil(seconds / 60);
  return { vi: `${m} phút`, en: `${m} minutes` };
}

export const tooManyAttempts = (seconds: number) => {
  const w = waitText(seconds);
  return new AppError('too_many_requests', {
    vi: `Đã thử đăng nhập quá nhiều lần từ địa chỉ này. Hãy thử lại sau ${w.vi}.`,
    en: `Too many sign-in attempts from this address. Try again in ${w.en}.`,
  });
};

export const throttleLimits = (config: Config): ThrottleLimits => ({
  accountFree: config.LOGIN_FREE_ATTEMPTS,
  addressFree: config.LOGIN_ADDRESS_FREE_ATTEMPTS,
  maxDelaySeconds: config.LOGIN_MAX_DELAY_MINUTES * 60,
});

export const actorOf = (u: typeof users.$inferSelect, leaderId: number | null = null): Actor => ({
  id: u.id,
  username: u.username,
  fullName: u.fullName,
  role: u.role,
  agencyId: u.agencyId,
  leaderId,
});

/** What a sign-in attempt gives: a new session's token and CSRF token, or the wait the throttle imposes. */
export type SignInResult =
  { ok: true; userId: number; token: string; csrfToken: string } | { ok: false; retryAfterSeconds: number };

/**
 * Checks a name and password under the shared throttle; a failure is counted (and recorded) as the visitor,
 * a success opens a session as the user. Wrong credentials throw 401.
 */
export async function signIn(
  deps: AppDeps,
  name: string,
  password: string,
  origin: { ip: string; userAgent: string | null },
): Promise<SignInResult> {
  const { config, db } = deps;
  const now = deps.now();
  const ip = origin.ip;
  const visitor: VisitorWho = { kind: 'visitor', source: 'sign_in', ...origin };
  const limits = throttleLimits(config);
  // Every attempt claims its slot before the password is checked: parallel guesses cannot slip through.
  const claim = await claimSignIn(db, limits, name, ip, now);
  if (!claim.ok) {
    await db.execute(sql`update users set failed_logins = failed_logins + 1 where lower(username) = lower(${name})`);
    return { ok: false, retryAfterSeconds: claim.retryAfterSeconds };
  }
  const [user] = await db
    .select()
    .from(users)
    .where(sql`lower(${users.username}) = lower(${name})`)
    .limit(1);
  const known = user && user.isActive ? user : null;
  // An unknown name costs the same argon2 check as a wrong password: the answer and its time match.
  const passwordOk = await verifyPassword(known ? known.passwordHash : await DUMMY_HASH, password);
  if (!known || !passwordOk) {
    const heldBack = claim.accountAttempts >= config.LOGIN_FREE_ATTEMPTS;
    await runCommand(deps, visitor, async (c) => {
      // One statement counts the failure: no read-modify-write for parallel attempts to race through.
      const [counted] = await rows<{ id: number; failed_logins: number }>(
        c.tx,
        sql`update users set failed_logins = failed_logins + 1,
              locked_until = case when ${heldBack} then greatest(coalesce(locked_until, ${claim.accountBlockedUntil.toISOString()}::timestamptz), ${claim.accountBlockedUntil.toISOString()}::timestamptz) else locked_until end
            where lower(username) = lower(${name})
            returning id, failed_logins`,
      );
      await c.event(
        counted
          ? {
              entityType: 'user',
              entityId: counted.id,
              action: 'user.login_failed',
              after: { failedLogins: counted.failed_logins },
            }
          : { entityType: 'sign_in', entityId: name.toLowerCase(), action: 'user.login_failed' },
      );
    });
    throw wrongCredentials();
  }
  await releaseSignIn(db, limits, name, ip, now);
  const token = randomToken();
  const csrfToken = randomToken(24);
  const [leader] = await db.select({ id: leaders.id }).from(leaders).where(eq(leaders.userId, known.id));
  const who: UserWho = {
    kind: 'user',
    actor: actorOf(known, leader?.id ?? null),
    tokenId: null,
    source: 'web',
    ...origin,
  };
  await runCommand(deps, who, async (c) => {
    await c.tx.insert(sessions).values({
      idHash: sha256(token),
      userId: known.id,
      csrfToken,
      createdAt: c.now,
      lastSeenAt: c.now,
      expiresAt: new Date(c.now.getTime() + config.SESSION_TTL_HOURS * 3600_000),
      ip,
      userAgent: origin.userAgent,
    });
    await c.tx
      .update(users)
      .set({ failedLogins: 0, lockedUntil: null, lastLoginAt: c.now })
      .where(eq(users.id, known.id));
    await c.event({ entityType: 'user', entityId: known.id, action: 'user.login' });
  });
  return { ok: true, userId: known.id, token, csrfToken };
}

/** Ends the session the request came with. */
export async function signOut(w: WriteCtx, idHash: string): Promise<void> {
  await w.tx.delete(sessions).where(eq(sessions.idHash, idHash));
  await w.event({ entityType: 'user', entityId: w.actor.id, action: 'user.logout' });
}

/**
 * The user's own preferences (today: the interface language), refused over a newer version of the account.
 * Returns the new version.
 */
export async function updateOwnProfile(
  w: WriteCtx,
  actor: Actor,
  input: { version: number; language: 'vi' | 'en' },
): Promise<number> {
  const [cur] = await w.tx.select().from(users).where(eq(users.id, actor.id)).for('update');
  if (!cur) throw notFound({ vi: 'người dùng', en: 'User' });
  if (cur.version !== input.version) throw staleVersion();
  if (cur.language === input.language) return cur.version;
  await w.tx
    .update(users)
    .set({ language: input.language, version: cur.version + 1, updatedAt: w.now })
    .where(eq(users.id, cur.id));
  await w.event({
    entityType: 'user',
    entityId: cur.id,
    action: 'user.update_profile',
    before: { language: cur.language },
    after: { language: input.language },
  });
  return cur.version + 1;
}

/** Sets a new password; the user's other sessions (all but `keep`) and their API tokens end. */
export async function changePassword(w: WriteCtx, actor: Actor, hash: string, keep: string): Promise<void> {
  await w.tx
    .update(users)
    .set({ passwordHash: hash, passwordChangedAt: w.now, version: sql`${users.version} + 1` })
    .where(eq(users.id, actor.id));
  // Other sessions of this user end: a changed password locks out whoever else had it.
  await w.tx.delete(sessions).where(and(eq(sessions.userId, actor.id), sql`${sessions.idHash} <> ${keep}`));
  // API tokens end too: whoever holds one must not outlive the password it was issued under.
  await revokeTokensOf(w.tx, actor.id, w.now);
  await w.event({ entityType: 'user', entityId: actor.id, action: 'user.change_password' });
}
