/** Configuration from the environment, validated once at start-up with a readable list of what is wrong. */
import { isIP } from 'node:net';
import { z } from 'zod';

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

/** proxy-addr's names for address ranges, accepted in TRUST_PROXY beside addresses and CIDRs. */
const PROXY_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);
function proxyEntryOk(entry: string): boolean {
  if (PROXY_NAMES.has(entry)) return true;
  const [addr, bits, ...rest] = entry.split('/');
  const v = isIP(addr ?? '');
  if (v === 0 || rest.length > 0) return false;
  if (bits === undefined) return true;
  return /^\d{1,3}$/.test(bits) && Number(bits) <= (v === 4 ? 32 : 128);
}

/** TRUST_PROXY: the reverse proxies whose X-Forwarded-For is believed, as addresses or CIDRs. */
const proxyList = z
  .string()
  .default('')
  .transform((s) =>
    s
      .split(',')
      .map((p) => p.trim())
      .filter(Boolean),
  )
  .refine((list) => list.every(proxyEntryOk), {
    message: 'must be a comma-separated list of IP addresses or CIDR ranges (e.g. 10.0.0.5,192.168.1.0/24)',
  });

const schema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://')
    .optional(),
  DATA_DIR: z.string().min(1).default('./data'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SEED: z.enum(['demo', 'none']).default('demo'),
  SESSION_TTL_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 30)
    .default(12),
  /** A session not used for this long ends, whatever its lifetime. */
  SESSION_IDLE_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 60 * 30)
    .default(120),
  COOKIE_SECURE: bool.default(false),
  TRUST_PROXY: proxyList,
  MAX_UPLOAD_MB: z.coerce.number().int().min(1).max(200).default(20),
  /** Sign-in attempts per account and client address before each further one waits a doubling delay. */
  LOGIN_FREE_ATTEMPTS: z.coerce.number().int().min(3).max(50).default(5),
  /** Sign-in attempts per client address, over all accounts, before delays start. */
  LOGIN_ADDRESS_FREE_ATTEMPTS: z.coerce.number().int().min(5).max(10_000).default(30),
  /** The longest delay between sign-in attempts. */
  LOGIN_MAX_DELAY_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(15),
  /** Sign-in and password-change requests per client address and minute, counted in each process. */
  LOGIN_RATE_PER_MINUTE: z.coerce.number().int().min(10).max(100_000).default(120),
  /** Requests to the published results (no sign-in) per client address and minute, counted in each process. */
  PUBLIC_RATE_PER_MINUTE: z.coerce.number().int().min(1).max(100_000).default(60),
  /** Task lists longer than this are exported by a background job instead of in the request (ADR 0012). */
  EXPORT_SYNC_MAX_ROWS: z.coerce.number().int().min(1).max(1_000_000).default(20_000),
  /** Export files are removed this many days after they were made (ADR 0012). */
  EXPORT_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(7),
  /** Kept report results of past days not read for this many days are dropped (ADR 0011, 0012). */
  REPORT_RESULTS_UNREAD_DAYS: z.coerce.number().int().min(1).max(3650).default(30),
  /**
   * The figures of ended days are built ahead in the background (ADR 0020): this many last days, and the ends of
   * this many last months. Other past days are built when a report for them is first asked for.
   */
  REPORT_PAST_DAYS_AHEAD: z.coerce.number().int().min(0).max(366).default(31),
  REPORT_PAST_MONTHS_AHEAD: z.coerce.number().int().min(0).max(240).default(24),
  /**
   * Open tasks an agency merger hands over per transaction (ADR 0024); the rest goes on in a job. Unset: 2 000
   * on PostgreSQL, 500 on the embedded database (whose one session a batch holds).
   */
  MERGER_BATCH: z.coerce.number().int().min(1).max(20_000).optional(),
});

export type Config = z.infer<typeof schema>;

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Cấu hình không hợp lệ / invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const picked = Object.fromEntries(Object.keys(schema.shape).map((k) => [k, env[k] === '' ? undefined : env[k]]));
  const parsed = schema.safeParse(picked);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  }
  return parsed.data;
}

/** For a command's start (the server, the scripts): the configuration, or its problems printed and exit 2. */
export function loadConfigOrExit(): Config {
  try {
    return loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(2);
    }
    throw err;
  }
}
