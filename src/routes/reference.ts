/**
 * Reference data and administration: agencies (with merger into a successor), leaders, fields, users,
 * settings, the working calendar and API tokens. Reads are open to every signed-in user where forms need
 * them; writes are the admin's (policies.can).
 */
import { and, asc, eq, ilike, isNull, or, sql } from 'drizzle-orm';
import { z } from 'zod';
import { hashPassword, passwordProblem, randomToken, sha256 } from '../auth/crypto.js';
import { requireActor } from '../auth/plugin.js';
import { forgetAccount } from '../auth/throttle.js';
import { revokeTokensOf } from '../auth/tokens.js';
import {
  AGENCY_KINDS,
  agencies,
  agencyNames,
  apiTokens,
  calendarDays,
  fields,
  leaders,
  ROLES,
  settings,
  users,
} from '../db/schema.js';

import { GOVERNMENT_DECISIONS, isProvisionalYear } from '../domain/calendar.js';
import { vnDateOf } from '../domain/dates.js';
import { foldVietnamese } from '../domain/text.js';
import { badRequest, notFound, staleVersion } from '../errors.js';
import {
  calendarDate,
  idParam,
  idParams,
  isoDate,
  optionalText,
  sortOrder,
  text,
  version,
} from '../http/validation.js';
import { CALENDAR_MAX_YEAR, CALENDAR_MIN_YEAR } from '../domain/calendar.js';
import { authorize, can, isAgencyUser, referenceActions } from '../policies/index.js';
import type { Actor } from '../http/context.js';
import { forgetSettings, loadSettings, settingsSchema } from '../services/settings.js';
import { mergeAgency } from '../services/agency-merger.js';
import { diff, write } from '../services/write.js';
import { errors, iso, ok, type Api } from './types.js';

const agencySchema = z.object({
  id: z.number(),
  code: z.string(),
  name: z.string(),
  shortName: z.string(),
  kind: z.string(),
  parentId: z.number().nullable(),
  sortOrder: z.number(),
  validFrom: z.string(),
  validTo: z.string().nullable(),
  successorId: z.number().nullable(),
  active: z.boolean(),
  version: z.number(),
  actions: z.array(z.string()),
});
type AgencyRow = typeof agencies.$inferSelect;
const presentAgency = (a: AgencyRow, today: string, actor: Actor) => ({
  id: a.id,
  code: a.code,
  name: a.name,
  shortName: a.shortName,
  kind: a.kind,
  parentId: a.parentId,
  sortOrder: a.sortOrder,
  validFrom: a.validFrom,
  validTo: a.validTo,
  successorId: a.successorId,
  active: a.validFrom <= today && (a.validTo === null || a.validTo >= today),
  version: a.version,
  actions: referenceActions(actor, 'agency', {
    active: a.validFrom <= today && (a.validTo === null || a.validTo >= today),
  }),
});

const userSchema = z.object({
  id: z.number(),
  username: z.string(),
  fullName: z.string(),
  title: z.string().nullable(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  role: z.string(),
  agencyId: z.number(),
  isActive: z.boolean(),
  lockedUntil: z.string().nullable(),
  lastLoginAt: z.string().nullable(),
  version: z.number(),
  actions: z.array(z.string()),
});
const presentUser = (u: typeof users.$inferSelect, actor: Actor) => ({
  id: u.id,
  username: u.username,
  fullName: u.fullName,
  title: u.title,
  email: u.email,
  phone: u.phone,
  role: u.role,
  agencyId: u.agencyId,
  isActive: u.isActive,
  lockedUntil: iso(u.lockedUntil),
  lastLoginAt: iso(u.lastLoginAt),
  version: u.version,
  actions: referenceActions(actor, 'user'),
});

const AGENCY = { vi: 'cơ quan', en: 'Agency' };
const USER = { vi: 'người dùng', en: 'User' };

export function referenceRoutes(app: Api) {
  const today = () => vnDateOf(app.deps.now());

  // ---- agencies ----
  app.get(
    '/agencies',
    {
      schema: {
        tags: ['agencies'],
        summary: 'Danh sách cơ quan, đơn vị',
        querystring: z
          .object({
            q: z.string().trim().max(100).optional(),
            kind: z.enum(AGENCY_KINDS).optional(),
            active: z.enum(['true', 'false', 'all']).default('all'),
          })
          .strict(),
        response: { 200: z.object({ items: z.array(agencySchema) }), ...errors },
      },
    },
    async (req) => {
      requireActor(req);
      const d = today();
      const conds = [];
      if (req.query.q) conds.push(sql`${agencies.nameFolded} like ${`%${foldVietnamese(req.query.q)}%`}`);
      if (req.query.kind) conds.push(eq(agencies.kind, req.query.kind));
      if (req.query.active === 'true')
        conds.push(sql`${agencies.validFrom} <= ${d} and (${agencies.validTo} is null or ${agencies.validTo} >= ${d})`);
      if (req.query.active === 'false')
        conds.push(
          sql`not (${agencies.validFrom} <= ${d} and (${agencies.validTo} is null or ${agencies.validTo} >= ${d}))`,
        );
      const list = await app.deps.db
        .select()
        .from(agencies)
        .where(conds.length ? and(...conds) : undefined)
        .orderBy(asc(agencies.sortOrder), asc(agencies.name));
      return { items: list.map((a) => presentAgency(a, d, requireActor(req))) };
    },
  );

  const agencyBody = z
    .object({
      code: z
        .string()
        .trim()
        .max(40, { message: 'agency_code' })
        .regex(/^[A-Z0-9][A-Z0-9_-]{0,39}$/, { message: 'agency_code' }),
      name: text(300),
      shortName: text(100),
      kind: z.enum(AGENCY_KINDS),
      parentId: idParam.nullish(),
      sortOrder: sortOrder.default(0),
      validFrom: isoDate(),
    })
    .strict();

  app.post(
    '/agencies',
    {
      schema: {
        tags: ['agencies'],
        summary: 'Thêm cơ quan',
        body: agencyBody,
        response: { 201: agencySchema, ...errors },
      },
    },
    async (req, reply) => {
      authorize(requireActor(req), 'agency.write');
      const b = req.body;
      const row = await write(req, async (w) => {
        const [a] = await w.tx
          .insert(agencies)
          .values({
            ...b,
            parentId: b.parentId ?? null,
            nameFolded: foldVietnamese(b.name),
            createdAt: w.now,
            updatedAt: w.now,
          })
          .returning();
        await w.tx
          .insert(agencyNames)
          .values({ agencyId: a!.id, name: b.name, shortName: b.shortName, validFrom: b.validFrom });
        await w.event({ entityType: 'agency', entityId: a!.id, action: 'agency.create', after: b });
        return a!;
      });
      reply.status(201);
      return presentAgency(row, today(), requireActor(req));
    },
  );

  app.patch(
    '/agencies/:id',
    {
      schema: {
        tags: ['agencies'],
        summary: 'Sửa cơ quan (đổi tên được ghi lại để báo cáo cũ giữ tên cũ)',
        params: idParams,
        body: agencyBody.omit({ code: true, validFrom: true }).partial().extend({ version }).strict(),
        response: { 200: agencySchema, ...errors },
      },
    },
    async (req) => {
      authorize(requireActor(req), 'agency.write');
      const { version: v, ...b } = req.body;
      const row = await write(req, async (w) => {
        const [cur] = await w.tx.select().from(agencies).where(eq(agencies.id, req.params.id)).for('update');
        if (!cur) throw notFound(AGENCY);
        if (cur.version !== v) throw staleVersion();
        if (b.parentId === cur.id)
          throw badRequest(
            'Cơ quan không thể là cấp trên của chính nó.',
            'An agency cannot be its own parent.',
            'parentId',
          );
        const patch = { ...b, ...(b.name ? { nameFolded: foldVietnamese(b.name) } : {}) };
        const [upd] = await w.tx
          .update(agencies)
          .set({ ...patch, version: v + 1, updatedAt: w.now })
          .where(and(eq(agencies.id, cur.id), eq(agencies.version, v)))
          .returning();
        if (!upd) throw staleVersion();
        if ((b.name && b.name !== cur.name) || (b.shortName && b.shortName !== cur.shortName)) {
          const d = vnDateOf(w.now);
          await w.tx
            .update(agencyNames)
            .set({ validTo: d })
            .where(and(eq(agencyNames.agencyId, cur.id), isNull(agencyNames.validTo)));
          await w.tx
            .insert(agencyNames)
            .values({ agencyId: cur.id, name: upd.name, shortName: upd.shortName, validFrom: d });
        }
        await w.event({
          entityType: 'agency',
          entityId: cur.id,
          action: 'agency.update',
          ...diff(cur, b),
        });
        return upd;
      });
      return presentAgency(row, today(), requireActor(req));
    },
  );

  app.post(
    '/agencies/:id/merge',
    {
      schema: {
        tags: ['agencies'],
        summary: 'Cơ quan thôi hoạt động và chuyển nhiệm vụ đang mở cho cơ quan kế thừa (sáp nhập, hợp nhất)',
        params: idParams,
        body: z
          .object({ version, successorId: idParam, endDate: isoDate().describe('Ngày cuối cùng cơ quan hoạt động') })
          .strict(),
        response: { 200: z.object({ agency: agencySchema, handedOver: z.number() }), ...errors },
      },
    },
    async (req) => {
      const { agency, handedOver } = await write(req, (w) => mergeAgency(w, { agencyId: req.params.id, ...req.body }));
      return { agency: presentAgency(agency, today(), requireActor(req)), handedOver };
    },
  );

  // ---- leaders and fields ----
  const leaderSchema = z.object({
    id: z.number(),
    fullName: z.string(),
    position: z.string(),
    userId: z.number().nullable(),
    sortOrder: z.number(),
    isActive: z.boolean(),
    version: z.number(),
  });
  app.get(
    '/leaders',
    {
      schema: {
        tags: ['reference'],
        summary: 'Lãnh đạo UBND tỉnh',
        response: { 200: z.object({ items: z.array(leaderSchema) }), ...errors },
      },
    },
    async (req) => {
      requireActor(req);
      const list = await app.deps.db.select().from(leaders).orderBy(asc(leaders.sortOrder));
      return {
        items: list.map((l) => ({
          id: l.id,
          fullName: l.fullName,
          position: l.position,
          userId: l.userId,
          sortOrder: l.sortOrder,
          isActive: l.isActive,
          version: l.version,
        })),
      };
    },
  );
  app.post(
    '/leaders',
    {
      schema: {
        tags: ['reference'],
        summary: 'Thêm lãnh đạo',
        body: z
          .object({
            fullName: text(200),
            position: text(200),
            userId: idParam.nullish(),
            sortOrder: sortOrder.default(0),
          })
          .strict(),
        response: { 201: leaderSchema, ...errors },
      },
    },
    async (req, reply) => {
      authorize(requireActor(req), 'leader.write');
      const l = await write(req, async (w) => {
        const [row] = await w.tx
          .insert(leaders)
          .values({ ...req.body, userId: req.body.userId ?? null, createdAt: w.now, updatedAt: w.now })
          .returning();
        await w.event({ entityType: 'leader', entityId: row!.id, action: 'leader.create', after: req.body });
        return row!;
      });
      reply.status(201);
      return {
        id: l.id,
        fullName: l.fullName,
        position: l.position,
        userId: l.userId,
        sortOrder: l.sortOrder,
        isActive: l.isActive,
        version: l.version,
      };
    },
  );

  const fieldSchema = z.object({
    id: z.number(),
    code: z.string(),
    name: z.string(),
    nameEn: z.string().nullable(),
    sortOrder: z.number(),
    isActive: z.boolean(),
    version: z.number(),
    actions: z.array(z.string()),
  });
  const presentField = (f: typeof fields.$inferSelect, actor: Actor) => ({
    id: f.id,
    code: f.code,
    name: f.name,
    nameEn: f.nameEn,
    sortOrder: f.sortOrder,
    isActive: f.isActive,
    version: f.version,
    actions: referenceActions(actor, 'field'),
  });
  app.get(
    '/fields',
    {
      schema: {
        tags: ['reference'],
        summary: 'Lĩnh vực',
        response: { 200: z.object({ items: z.array(fieldSchema) }), ...errors },
      },
    },
    async (req) => {
      requireActor(req);
      return {
        items: (await app.deps.db.select().from(fields).orderBy(asc(fields.sortOrder), asc(fields.name))).map((f) =>
          presentField(f, requireActor(req)),
        ),
      };
    },
  );
  app.post(
    '/fields',
    {
      schema: {
        tags: ['reference'],
        summary: 'Thêm lĩnh vực',
        body: z
          .object({
            code: z
              .string()
              .trim()
              .max(40, { message: 'field_code' })
              .regex(/^[A-Z0-9_-]{1,40}$/, { message: 'field_code' }),
            name: text(200),
            nameEn: optionalText(200),
            sortOrder: sortOrder.default(0),
          })
          .strict(),
        response: { 201: fieldSchema, ...errors },
      },
    },
    async (req, reply) => {
      authorize(requireActor(req), 'field.write');
      const f = await write(req, async (w) => {
        const [row] = await w.tx
          .insert(fields)
          .values({ ...req.body, nameEn: req.body.nameEn ?? null, createdAt: w.now, updatedAt: w.now })
          .returning();
        await w.event({ entityType: 'field', entityId: row!.id, action: 'field.create', after: req.body });
        return row!;
      });
      reply.status(201);
      return presentField(f, requireActor(req));
    },
  );
  app.patch(
    '/fields/:id',
    {
      schema: {
        tags: ['reference'],
        summary: 'Sửa lĩnh vực',
        params: idParams,
        body: z
          .object({
            version,
            name: text(200).optional(),
            nameEn: optionalText(200),
            sortOrder: sortOrder.optional(),
            isActive: z.boolean().optional(),
          })
          .strict(),
        response: { 200: fieldSchema, ...errors },
      },
    },
    async (req) => {
      authorize(requireActor(req), 'field.write');
      const { version: v, ...b } = req.body;
      const f = await write(req, async (w) => {
        const [cur] = await w.tx.select().from(fields).where(eq(fields.id, req.params.id)).for('update');
        if (!cur) throw notFound({ vi: 'lĩnh vực', en: 'Field' });
        if (cur.version !== v) throw staleVersion();
        const [row] = await w.tx
          .update(fields)
          .set({ ...b, version: v + 1, updatedAt: w.now })
          .where(eq(fields.id, cur.id))
          .returning();
        await w.event({
          entityType: 'field',
          entityId: cur.id,
          action: 'field.update',
          ...diff(cur, b),
        });
        return row!;
      });
      return presentField(f, requireActor(req));
    },
  );

  // ---- users ----
  app.get(
    '/users',
    {
      schema: {
        tags: ['users'],
        summary: 'Người dùng (cơ quan chỉ thấy người của mình)',
        querystring: z
          .object({
            role: z.enum(ROLES).optional(),
            agencyId: idParam.optional(),
            q: z.string().trim().max(100).optional(),
          })
          .strict(),
        response: { 200: z.object({ items: z.array(userSchema) }), ...errors },
      },
    },
    async (req) => {
      const actor = requireActor(req);
      const conds = [];
      if (!can(actor, 'user.read_all')) {
        if (!isAgencyUser(actor)) return { items: [] };
        conds.push(eq(users.agencyId, actor.agencyId));
      }
      if (req.query.role) conds.push(eq(users.role, req.query.role));
      if (req.query.agencyId) conds.push(eq(users.agencyId, req.query.agencyId));
      if (req.query.q)
        conds.push(or(ilike(users.fullName, `%${req.query.q}%`), ilike(users.username, `%${req.query.q}%`))!);
      const list = await app.deps.db
        .select()
        .from(users)
        .where(conds.length ? and(...conds) : undefined)
        .orderBy(asc(users.fullName))
        .limit(1000);
      return { items: list.map((u) => presentUser(u, requireActor(req))) };
    },
  );

  app.post(
    '/users',
    {
      schema: {
        tags: ['users'],
        summary: 'Thêm người dùng',
        body: z
          .object({
            username: z
              .string()
              .trim()
              .max(60, { message: 'username' })
              .regex(/^[a-zA-Z0-9._-]{3,60}$/, { message: 'username' }),
            password: z.string().min(1).max(200),
            fullName: text(200),
            title: optionalText(200),
            email: z.email().max(254).nullish(),
            phone: optionalText(30),
            role: z.enum(ROLES),
            agencyId: idParam,
          })
          .strict(),
        response: { 201: userSchema, ...errors },
      },
    },
    async (req, reply) => {
      authorize(requireActor(req), 'user.write');
      const b = req.body;
      const problem = passwordProblem(b.password);
      if (problem) throw badRequest(problem.vi, problem.en, 'password');
      const hash = await hashPassword(b.password);
      const u = await write(req, async (w) => {
        const [ag] = await w.tx.select({ id: agencies.id }).from(agencies).where(eq(agencies.id, b.agencyId));
        if (!ag)
          throw badRequest(
            `Không có cơ quan mã số ${b.agencyId}.`,
            `There is no agency with id ${b.agencyId}.`,
            'agencyId',
          );
        const [dup] = await w.tx
          .select({ id: users.id })
          .from(users)
          .where(sql`lower(${users.username}) = lower(${b.username})`);
        if (dup)
          throw badRequest(
            `Tên đăng nhập "${b.username}" đã có người dùng.`,
            `The username "${b.username}" is taken.`,
            'username',
          );
        const { password: _p, ...rest } = b;
        void _p;
        const [row] = await w.tx
          .insert(users)
          .values({
            ...rest,
            title: b.title ?? null,
            email: b.email ?? null,
            phone: b.phone ?? null,
            passwordHash: hash,
            createdAt: w.now,
            updatedAt: w.now,
          })
          .returning();
        await w.event({ entityType: 'user', entityId: row!.id, action: 'user.create', after: rest });
        return row!;
      });
      reply.status(201);
      return presentUser(u, requireActor(req));
    },
  );

  app.patch(
    '/users/:id',
    {
      schema: {
        tags: ['users'],
        summary: 'Sửa người dùng, khoá/mở khoá, đặt lại mật khẩu',
        params: idParams,
        body: z
          .object({
            version,
            fullName: text(200).optional(),
            title: optionalText(200),
            email: z.email().max(254).nullish(),
            phone: optionalText(30),
            role: z.enum(ROLES).optional(),
            agencyId: idParam.optional(),
            isActive: z.boolean().optional(),
            unlock: z.boolean().optional(),
            newPassword: z.string().min(1).max(200).optional(),
          })
          .strict(),
        response: { 200: userSchema, ...errors },
      },
    },
    async (req) => {
      const actor = requireActor(req);
      authorize(actor, 'user.write');
      const { version: v, unlock, newPassword, ...b } = req.body;
      if (newPassword) {
        const problem = passwordProblem(newPassword);
        if (problem) throw badRequest(problem.vi, problem.en, 'newPassword');
      }
      const hash = newPassword ? await hashPassword(newPassword) : undefined;
      const u = await write(req, async (w) => {
        const [cur] = await w.tx.select().from(users).where(eq(users.id, req.params.id)).for('update');
        if (!cur) throw notFound(USER);
        if (cur.version !== v) throw staleVersion();
        if (cur.id === actor.id && (b.isActive === false || (b.role && b.role !== 'admin')))
          throw badRequest(
            'Không thể tự khoá hoặc tự bỏ quyền quản trị của mình.',
            'You cannot deactivate yourself or drop your own admin role.',
            'isActive',
          );
        const patch: Partial<typeof users.$inferInsert> = { ...b };
        if (unlock) Object.assign(patch, { lockedUntil: null, failedLogins: 0 });
        if (hash) Object.assign(patch, { passwordHash: hash, passwordChangedAt: w.now });
        const [row] = await w.tx
          .update(users)
          .set({ ...patch, version: v + 1, updatedAt: w.now })
          .where(eq(users.id, cur.id))
          .returning();
        const d = diff(cur, b);
        await w.event({
          entityType: 'user',
          entityId: cur.id,
          action: 'user.update',
          before: d.before,
          after: { ...d.after, ...(unlock ? { unlocked: true } : {}), ...(hash ? { passwordReset: true } : {}) },
        });
        if (b.isActive === false || hash) {
          await w.tx.execute(sql`delete from sessions where user_id = ${cur.id}`);
          await revokeTokensOf(w.tx, cur.id, w.now);
        }
        if (unlock) await forgetAccount(w.tx, cur.username);
        return row!;
      });
      return presentUser(u, requireActor(req));
    },
  );

  // ---- settings ----
  app.get(
    '/settings',
    { schema: { tags: ['settings'], summary: 'Thiết lập', response: { 200: settingsSchema, ...errors } } },
    async (req) => {
      requireActor(req);
      return loadSettings(app.deps, app.deps.db);
    },
  );
  app.put(
    '/settings',
    {
      schema: {
        tags: ['settings'],
        summary: 'Sửa thiết lập (một phần hoặc tất cả)',
        body: settingsSchema.partial().strict(),
        response: { 200: settingsSchema, ...errors },
      },
    },
    async (req) => {
      authorize(requireActor(req), 'setting.write');
      const t = req.body.gradingThresholds;
      if (t && !(t.excellent >= t.good && t.good >= t.fair))
        throw badRequest(
          'Ngưỡng xếp loại phải giảm dần: xuất sắc ≥ tốt ≥ đạt.',
          'Grading thresholds must decrease: excellent ≥ good ≥ fair.',
          'gradingThresholds',
        );
      await write(req, async (w) => {
        const before = await loadSettings(w.deps, w.tx, true);
        for (const [key, value] of Object.entries(req.body)) {
          await w.tx
            .insert(settings)
            .values({ key, value, updatedBy: w.actor.id, updatedAt: w.now })
            .onConflictDoUpdate({
              target: settings.key,
              set: { value, updatedBy: w.actor.id, updatedAt: w.now, version: sql`${settings.version} + 1` },
            });
        }
        await w.event({
          entityType: 'setting',
          entityId: 'settings',
          action: 'settings.update',
          ...diff(before, req.body),
        });
      });
      forgetSettings(app.deps);
      return loadSettings(app.deps, app.deps.db, true);
    },
  );

  // ---- working calendar ----
  const dayKinds = ['holiday', 'compensatory', 'day_off', 'working_day'] as const;
  const calendarDaySchema = z.object({
    date: z.string(),
    kind: z.string(),
    nameVi: z.string(),
    nameEn: z.string(),
    corrected: z.boolean(),
  });
  app.get(
    '/calendar/:year',
    {
      schema: {
        tags: ['calendar'],
        summary: 'Ngày nghỉ (lễ, Tết, nghỉ bù) và ngày làm bù của một năm, theo lịch làm việc Việt Nam',
        params: z
          .object({
            year: z.coerce
              .number({ error: 'year' })
              .int({ message: 'year' })
              .min(CALENDAR_MIN_YEAR, { message: 'year' })
              .max(CALENDAR_MAX_YEAR, { message: 'year' }),
          })
          .strict(),
        response: {
          200: z.object({
            year: z.number(),
            weekendDays: z.array(z.number()),
            days: z.array(calendarDaySchema),
            workingDays: z.number(),
            provisional: z
              .boolean()
              .describe('true: chưa có quyết định của Chính phủ về ngày nghỉ năm này; ngày nghỉ theo quy tắc mặc định'),
            decisionSource: z.string().nullable().describe('Quyết định (văn bản) về ngày nghỉ của năm, nếu có'),
          }),
          ...errors,
        },
      },
    },
    async (req) => {
      const y = req.params.year;
      const cal = await app.deps.calendar.get(app.deps.db);
      const corrections = await app.deps.db
        .select()
        .from(calendarDays)
        .where(sql`extract(year from ${calendarDays.date}) = ${y}`);
      const days = cal.specialDays(y).map((d) => ({ ...d, corrected: corrections.some((c) => c.date === d.date) }));
      return {
        year: y,
        weekendDays: [6, 0],
        days,
        workingDays: cal.workingDaysBetween(`${y - 1}-12-31`, `${y}-12-31`),
        provisional: isProvisionalYear(y),
        decisionSource: GOVERNMENT_DECISIONS[y]?.source ?? null,
      };
    },
  );
  app.put(
    '/calendar/days/:date',
    {
      schema: {
        tags: ['calendar'],
        summary: 'Sửa một ngày của lịch: ngày nghỉ, ngày làm bù, hoặc bỏ một ngày nghỉ luật định',
        params: z.object({ date: calendarDate() }).strict(),
        body: z
          .object({ kind: z.enum([...dayKinds, 'remove']), nameVi: optionalText(200), nameEn: optionalText(200) })
          .strict(),
        response: { 200: ok, ...errors },
      },
    },
    async (req) => {
      authorize(requireActor(req), 'calendar.write');
      const { date } = req.params;
      if (req.body.kind !== 'remove' && !req.body.nameVi)
        throw badRequest(
          'Hãy ghi tên ngày (ví dụ "Nghỉ bù Quốc khánh").',
          'Give the day a name (e.g. "Nghỉ bù Quốc khánh").',
          'nameVi',
        );
      await write(req, async (w) => {
        const [cur] = await w.tx.select().from(calendarDays).where(eq(calendarDays.date, date));
        const row = {
          date,
          kind: req.body.kind,
          nameVi: req.body.nameVi ?? null,
          nameEn: req.body.nameEn ?? null,
          updatedBy: w.actor.id,
          updatedAt: w.now,
        };
        await w.tx.insert(calendarDays).values(row).onConflictDoUpdate({ target: calendarDays.date, set: row });
        await w.event({
          entityType: 'calendar_day',
          entityId: date,
          action: 'calendar.set',
          before: cur ?? null,
          after: row,
        });
      });
      await app.deps.calendar.reload(app.deps.db);
      return { ok: true as const };
    },
  );
  app.delete(
    '/calendar/days/:date',
    {
      schema: {
        tags: ['calendar'],
        summary: 'Bỏ điều chỉnh của một ngày (trở về lịch luật định)',
        params: z.object({ date: calendarDate() }).strict(),
        response: { 200: ok, ...errors },
      },
    },
    async (req) => {
      authorize(requireActor(req), 'calendar.write');
      await write(req, async (w) => {
        const [cur] = await w.tx.delete(calendarDays).where(eq(calendarDays.date, req.params.date)).returning();
        if (!cur) throw notFound({ vi: 'điều chỉnh lịch cho ngày này', en: 'Calendar correction for that day' });
        await w.event({ entityType: 'calendar_day', entityId: req.params.date, action: 'calendar.reset', before: cur });
      });
      await app.deps.calendar.reload(app.deps.db);
      return { ok: true as const };
    },
  );

  // ---- API tokens for integrations ----
  const tokenSchema = z.object({
    id: z.number(),
    name: z.string(),
    userId: z.number(),
    createdAt: z.string(),
    expiresAt: z.string().nullable(),
    lastUsedAt: z.string().nullable(),
    revokedAt: z.string().nullable(),
  });
  const presentToken = (t: typeof apiTokens.$inferSelect) => ({
    id: t.id,
    name: t.name,
    userId: t.userId,
    createdAt: t.createdAt.toISOString(),
    expiresAt: iso(t.expiresAt),
    lastUsedAt: iso(t.lastUsedAt),
    revokedAt: iso(t.revokedAt),
  });
  app.get(
    '/tokens',
    {
      schema: {
        tags: ['tokens'],
        summary: 'Mã truy cập API',
        response: { 200: z.object({ items: z.array(tokenSchema) }), ...errors },
      },
    },
    async (req) => {
      const actor = requireActor(req);
      // The administrator sees every token; anyone else their own.
      const mine = can(actor, 'token.manage') ? undefined : eq(apiTokens.userId, actor.id);
      return {
        items: (await app.deps.db.select().from(apiTokens).where(mine).orderBy(asc(apiTokens.id))).map(presentToken),
      };
    },
  );
  app.post(
    '/tokens',
    {
      schema: {
        tags: ['tokens'],
        summary: 'Cấp mã truy cập API cho hệ thống tích hợp; mã chỉ hiện một lần',
        body: z
          .object({
            name: text(200),
            userId: idParam
              .optional()
              .describe('Chỉ được là chính mình: mã truy cập luôn hành động với danh nghĩa người cấp'),
            expiresOn: isoDate().nullish(),
          })
          .strict(),
        response: { 201: tokenSchema.extend({ token: z.string() }), ...errors },
      },
    },
    async (req, reply) => {
      const actor = requireActor(req);
      authorize(actor, 'token.create');
      // A token acts as the one who issues it: nobody, the administrator included, can act as someone else.
      if (req.body.userId !== undefined && req.body.userId !== actor.id)
        throw badRequest(
          'Mã truy cập luôn hành động với danh nghĩa người cấp mã. Người dùng cần tự đăng nhập và tự cấp mã cho hệ thống tích hợp.',
          'A token always acts as the user who issues it. That user must sign in and issue the token themselves.',
          'userId',
        );
      const token = `nv_${randomToken()}`;
      const row = await write(req, async (w) => {
        const [t] = await w.tx
          .insert(apiTokens)
          .values({
            name: req.body.name,
            userId: w.actor.id,
            tokenHash: sha256(token),
            createdBy: w.actor.id,
            createdAt: w.now,
            expiresAt: req.body.expiresOn ? new Date(`${req.body.expiresOn}T17:00:00Z`) : null,
          })
          .returning();
        await w.event({
          entityType: 'api_token',
          entityId: t!.id,
          action: 'token.create',
          after: { name: t!.name, userId: t!.userId },
        });
        return t!;
      });
      reply.status(201);
      return { ...presentToken(row), token };
    },
  );
  app.delete(
    '/tokens/:id',
    {
      schema: { tags: ['tokens'], summary: 'Thu hồi mã truy cập', params: idParams, response: { 200: ok, ...errors } },
    },
    async (req) => {
      const actor = requireActor(req);
      const mine = can(actor, 'token.manage') ? undefined : eq(apiTokens.userId, actor.id);
      await write(req, async (w) => {
        const [t] = await w.tx
          .update(apiTokens)
          .set({ revokedAt: w.now })
          .where(and(eq(apiTokens.id, req.params.id), isNull(apiTokens.revokedAt), mine))
          .returning();
        if (!t) throw notFound({ vi: 'mã truy cập', en: 'Token' });
        await w.event({ entityType: 'api_token', entityId: t.id, action: 'token.revoke' });
      });
      return { ok: true as const };
    },
  );
}
