/**
 * Sign-in throttling kept in the database, so that every server process agrees (ADR 0004).
 *
 * Two counters hold each attempt back: one per (account name, client address) and one per client
 * address. An attempt first claims a slot in both with one conditional upsert each — before the password
 * is checked, so parallel guesses cannot slip through between a read and a write. The first `free`
 * attempts pass at once; from then on each attempt must wait a delay that doubles (1 s, 2 s, 4 s … up to
 * the cap). A claimed slot already sets the delay, as if the attempt failed; a successful sign-in gives
 * it back. There is no lock anyone can trigger: guesses from one address never hold back the same account
 * signed in from another address. Unknown account names are counted exactly like real ones, so the
 * answers do not tell them apart.
 */
import { sql, type SQL } from 'drizzle-orm';
import { rows, type Executor as Db } from '../db/client.js';

export interface ThrottleLimits {
  /** Attempts per account and address before delays start. */
  accountFree: number;
  /** Attempts per address (all accounts) before delays start. */
  addressFree: number;
  /** The longest delay, in seconds. */
  maxDelaySeconds: number;
}

/** A counter with no attempt for this long starts again from zero. */
const FORGET_AFTER = sql`interval '24 hours'`;

export const accountKey = (username: string, ip: string) => `u:${username.toLowerCase()}|${ip}`;
export const addressKey = (ip: string) => `a:${ip}`;

/** Claims one attempt on a counter; answers the instant until which it is held back when refused. */
async function claim(
  db: Db,
  key: string,
  username: string | null,
  ip: string,
  free: number,
  cap: number,
  now: Date,
): Promise<{ ok: true; attempts: number; blockedUntil: Date } | { ok: false; retryAt: Date }> {
  const at = sql`${now.toISOString()}::timestamptz`;
  // A counter last touched a day ago, or "in the future" (the clock was set back), starts again.
  const next = sql`(case when t.updated_at < ${at} - ${FORGET_AFTER} or t.updated_at > ${at} then 1 else t.attempts + 1 end)`;
  // After the n-th attempt the next one waits 0 s while n < free, then 2^(n − free) s, at most `cap`.
  const delay = (n: SQL) =>
    sql`least(${cap}::float8, case when ${n} < ${free} then 0 else power(2::float8, least(${n} - ${free}, 30)) end) * interval '1 second'`;
  const [won] = await rows<{ attempts: number; blocked_until: Date | string }>(
    db,
    sql`insert into sign_in_throttle as t (key, username, ip, attempts, blocked_until, updated_at)
        values (${key}, ${username}, ${ip}, 1, ${at} + ${delay(sql`1`)}, ${at})
        on conflict (key) do update set
          attempts = ${next},
          blocked_until = ${at} + ${delay(next)},
          updated_at = ${at}
        where t.blocked_until <= ${at} or t.updated_at > ${at}
        returning attempts, blocked_until`,
  );
  if (won) return { ok: true, attempts: won.attempts, blockedUntil: new Date(won.blocked_until) };
  const [held] = await rows<{ blocked_until: Date | string }>(
    db,
    sql`select blocked_until from sign_in_throttle where key = ${key}`,
  );
  return { ok: false, retryAt: held ? new Date(held.blocked_until) : now };
}

export type Claim =
  { ok: true; accountAttempts: number; accountBlockedUntil: Date } | { ok: false; retryAfterSeconds: number };

/** Claims an attempt for `username` from `ip`: the address first, then the account at that address. */
export async function claimSignIn(
  db: Db,
  limits: ThrottleLimits,
  username: string,
  ip: string,
  now: Date,
): Promise<Claim> {
  const refused = (until: Date): Claim => ({
    ok: false,
    retryAfterSeconds: Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 1000)),
  });
  const address = await claim(db, addressKey(ip), null, ip, limits.addressFree, limits.maxDelaySeconds, now);
  if (!address.ok) return refused(address.retryAt);
  const account = await claim(
    db,
    accountKey(username, ip),
    username.toLowerCase(),
    ip,
    limits.accountFree,
    limits.maxDelaySeconds,
    now,
  );
  if (!account.ok) return refused(account.retryAt);
  return { ok: true, accountAttempts: account.attempts, accountBlockedUntil: account.blockedUntil };
}

/** A successful sign-in: the account's counter at this address ends, the address gets its slot back. */
export async function releaseSignIn(
  db: Db,
  limits: ThrottleLimits,
  username: string,
  ip: string,
  now: Date,
): Promise<void> {
  const at = sql`${now.toISOString()}::timestamptz`;
  await db.execute(sql`delete from sign_in_throttle where key = ${accountKey(username, ip)}`);
  await db.execute(
    sql`update sign_in_throttle set
          attempts = greatest(attempts - 1, 0),
          blocked_until = case when attempts - 1 < ${limits.addressFree} then least(blocked_until, ${at}) else blocked_until end
        where key = ${addressKey(ip)}`,
  );
}

/** The administrator's "unlock": every address's counter for this account starts again. */
export async function forgetAccount(db: Db, username: string): Promise<void> {
  await db.execute(sql`delete from sign_in_throttle where username = ${username.toLowerCase()}`);
}
