/**
 * Builds the HTTP application: plugins, the error handler that never leaks internals, authentication,
 * and the /api routes. `main.ts` starts it; tests build it on their own database.
 */
import fastifyCookie from '@fastify/cookie';
import fastifyHelmet from '@fastify/helmet';
import fastifyMultipart from '@fastify/multipart';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, {
  type FastifyError,
  type FastifyInstance,
  type FastifyReply,
  type FastifyServerOptions,
} from 'fastify';
import {
  hasZodFastifySchemaValidationErrors,
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { registerAuth } from './auth/plugin.js';
import { isUnavailable } from './db/errors.js';
import { AppError, unavailable, type Lang, type Text } from './errors.js';
import type { AppDeps } from './http/context.js';
import { CalendarRangeError } from './domain/calendar.js';
import { databaseRefusal, loggableError } from './http/db-errors.js';
import { registerIdempotency } from './http/idempotency.js';
import { calendarRangeText, describeIssue, fieldName, findNul, nulRefused, placeText } from './http/validation.js';
import { createCaches } from './services/caches.js';
import { onAppReady, registerJobKinds, registerRoutes } from './resources/index.js';
import { JobRunner } from './services/jobs.js';
import { registerWeb } from './web.js';

export type App = FastifyInstance;

function pickLang(header: string | undefined): Lang {
  if (!header) return 'vi';
  const first = header.split(',')[0]?.trim().toLowerCase() ?? '';
  return first.startsWith('en') ? 'en' : 'vi';
}

/** Errors Fastify itself raises for bad requests, in words a user understands. */
const FRAMEWORK: Record<string, { status: number; code: AppError['code']; text: Text }> = {
  FST_ERR_CTP_INVALID_JSON_BODY: {
    status: 400,
    code: 'bad_request',
    text: { vi: 'Nội dung yêu cầu không phải JSON hợp lệ.', en: 'The request body is not valid JSON.' },
  },
  FST_ERR_CTP_EMPTY_JSON_BODY: {
    status: 400,
    code: 'bad_request',
    text: {
      vi: 'Nội dung yêu cầu đang trống; hãy gửi một đối tượng JSON.',
      en: 'The request body is empty; send a JSON object.',
    },
  },
  FST_ERR_CTP_BODY_TOO_LARGE: {
    status: 413,
    code: 'payload_too_large',
    text: { vi: 'Nội dung yêu cầu quá lớn.', en: 'The request body is too large.' },
  },
  FST_REQ_FILE_TOO_LARGE: {
    status: 413,
    code: 'payload_too_large',
    text: { vi: 'Tệp đính kèm vượt quá dung lượng cho phép.', en: 'The file is larger than allowed.' },
  },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: {
    status: 415,
    code: 'unsupported_media_type',
    text: {
      vi: 'Kiểu nội dung không được hỗ trợ; hãy gửi application/json.',
      en: 'Unsupported content type; send application/json.',
    },
  },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: {
    status: 400,
    code: 'bad_request',
    text: { vi: 'Độ dài nội dung không khớp.', en: 'The content length does not match.' },
  },
  FST_INVALID_MULTIPART_CONTENT_TYPE: {
    status: 415,
    code: 'unsupported_media_type',
    text: { vi: 'Hãy gửi tệp dưới dạng multipart/form-data.', en: 'Send the file as multipart/form-data.' },
  },
  FST_FILES_LIMIT: {
    status: 413,
    code: 'payload_too_large',
    text: { vi: 'Chỉ gửi một tệp mỗi lần.', en: 'Send one file at a time.' },
  },
  FST_PARTS_LIMIT: {
    status: 413,
    code: 'payload_too_large',
    text: { vi: 'Yêu cầu có quá nhiều phần.', en: 'The request has too many parts.' },
  },
  FST_ERR_BAD_URL: {
    status: 400,
    code: 'bad_request',
    text: {
      vi: 'Địa chỉ không hợp lệ (có chuỗi "%" không giải mã được).',
      en: 'The address is invalid (a "%" sequence cannot be decoded).',
    },
  },
  FST_ERR_MAX_PARAM_LENGTH: {
    status: 414,
    code: 'uri_too_long',
    text: { vi: 'Một phần của địa chỉ quá dài.', en: 'A part of the address is too long.' },
  },
  FST_ERR_VALIDATION: {
    status: 400,
    code: 'bad_request',
    text: { vi: 'Yêu cầu không hợp lệ.', en: 'The request is invalid.' },
  },
};

/**
 * Content Security Policy for the web interface and the API documentation. Scripts only from this
 * server; styles also inline, because Ant Design injects its styles as <style> elements at run time;
 * never inside a frame. No `upgrade-insecure-requests`: the server may be reached over plain HTTP on
 * the Office's network.
 */
const CSP = {
  defaultSrc: ["'self'"],
  baseUri: ["'self'"],
  scriptSrc: ["'self'"],
  scriptSrcAttr: ["'none'"],
  styleSrc: ["'self'", "'unsafe-inline'"],
  imgSrc: ["'self'", 'data:'],
  fontSrc: ["'self'", 'data:'],
  connectSrc: ["'self'"],
  objectSrc: ["'none'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
  upgradeInsecureRequests: null,
};

export async function buildApp(
  given: Omit<AppDeps, 'caches' | 'jobs'> & Partial<Pick<AppDeps, 'caches'>>,
  opts: FastifyServerOptions = {},
): Promise<App> {
  const deps = { ...given, caches: given.caches ?? createCaches(given.now) } as AppDeps;
  deps.jobs = new JobRunner(deps);
  registerJobKinds(deps.jobs);
  const app = Fastify({
    bodyLimit: 1024 * 1024,
    // A client that sends its request slowly is cut off instead of holding a connection (ADR 0009).
    requestTimeout: 60_000,
    // X-Forwarded-For / -Proto are believed only from the configured proxies (TRUST_PROXY), never by default.
    trustProxy: deps.config.TRUST_PROXY.length > 0 ? deps.config.TRUST_PROXY : false,
    ajv: undefined,
    // Errors the router raises before any hook runs (a broken %-escape, an overlong path segment).
    frameworkErrors: (err, req, reply) => {
      const known = FRAMEWORK[err.code] ?? FRAMEWORK.FST_ERR_BAD_URL!;
      const lang = pickLang(req.headers['accept-language']);
      return (reply as FastifyReply)
        .status(known.status)
        .send({ error: { code: known.code, message: known.text[lang] } });
    },
    ...opts,
  });
  app.decorate('deps', deps);
  // Background jobs run once the app is ready and stop (the running one queued again) when it closes.
  app.addHook('onReady', async () => {
    deps.jobs.start();
    await onAppReady(deps);
  });
  app.addHook('onClose', async () => deps.jobs.stop());
  // A commit anywhere (here, or on another server as the database tells) may have changed the settings or the
  // names kept for seconds: read again, so that an answer kept under the new version is computed with them —
  // unless it changed task data only (db/versions.ts ChangeKind).
  const unwatch = deps.database.versions.onBump((kind) => {
    if (kind === 'data') return;
    deps.caches.settings.forget();
    deps.caches.names.forget();
  });
  app.addHook('onClose', async () => void unwatch());
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  app.decorateRequest('lang', 'vi');
  app.addHook('onRequest', async (req) => {
    req.lang = pickLang(req.headers['accept-language']);
  });
  // PostgreSQL cannot store U+0000: no string holding it goes further than here, on any route.
  app.addHook('preValidation', async (req) => {
    const field = findNul(req);
    if (field) throw nulRefused(field);
  });

  app.setErrorHandler((err: FastifyError, req, reply) => {
    const lang = req.lang ?? 'vi';
    if (hasZodFastifySchemaValidationErrors(err)) {
      const ctx = err.validationContext;
      const all = err.validation.map((v) => {
        const issue = { ...(v.params as Record<string, unknown>), code: v.keyword, message: v.message };
        const field = fieldName(v.instancePath, ctx);
        return { field, message: describeIssue(issue)[lang] };
      });
      // One field can fail two checks that say the same (a date's shape and its reality): say it once.
      const issues = all.filter((i, n) => all.findIndex((j) => j.field === i.field && j.message === i.message) === n);
      const place = placeText(ctx)[lang];
      const summary = issues
        .map((i) => (lang === 'vi' ? `Trường "${i.field}" ${i.message}` : `Field "${i.field}" ${i.message}`))
        .join('; ');
      return reply.status(400).send({
        error: {
          code: 'bad_request',
          message: lang === 'vi' ? `Dữ liệu ${place} chưa đúng: ${summary}.` : `The ${place} is invalid: ${summary}.`,
          issues,
        },
      });
    }
    if (isUnavailable(err)) {
      req.log.warn({ err: { message: err.message, code: (err as { code?: unknown }).code } }, 'database unavailable');
      err = unavailable() as unknown as FastifyError;
      void reply.header('retry-after', '5');
    }
    if (err instanceof AppError) {
      return reply.status(err.status).send({
        error: {
          code: err.code,
          message: err.text[lang],
          issues: err.details?.issues?.map((i) => ({ field: i.field, message: i.text[lang] })),
        },
      });
    }
    const known = err.code ? FRAMEWORK[err.code] : undefined;
    if (known) return reply.status(known.status).send({ error: { code: known.code, message: known.text[lang] } });
    // Database refusals that reached here are bad input the checks above did not catch.
    const db = databaseRefusal(err);
    if (db) {
      req.log.info({ err: loggableError(err) }, 'database refused the input');
      return reply.status(db.status).send({
        error: {
          code: db.code,
          message: db.text[lang],
          issues: db.field ? [{ field: db.field, message: db.text[lang] }] : undefined,
        },
      });
    }
    if (err instanceof CalendarRangeError)
      return reply.status(400).send({ error: { code: 'bad_request', message: calendarRangeText(err)[lang] } });
    if (typeof err.statusCode === 'number' && err.statusCode >= 400 && err.statusCode < 500)
      return reply.status(err.statusCode).send({
        error: { code: 'bad_request', message: lang === 'vi' ? 'Yêu cầu không hợp lệ.' : 'The request is invalid.' },
      });
    req.log.error({ err: loggableError(err) }, 'unhandled error');
    return reply.status(500).send({
      error: {
        code: 'internal',
        message:
          lang === 'vi'
            ? 'Đã có lỗi ở máy chủ; lỗi đã được ghi lại.'
            : 'Something went wrong on the server; it has been logged.',
      },
    });
  });

  app.setNotFoundHandler((req, reply) => {
    const lang = req.lang ?? 'vi';
    reply.status(404).send({
      error: { code: 'not_found', message: lang === 'vi' ? 'Không có địa chỉ này.' : 'No such address.' },
    });
  });

  await app.register(fastifyHelmet, {
    contentSecurityPolicy: { directives: CSP },
    referrerPolicy: { policy: 'no-referrer' },
  });
  // API answers are personal and current: no browser or proxy keeps them.
  app.addHook('onSend', async (req, reply) => {
    if (req.url.startsWith('/api/')) reply.header('cache-control', 'no-store');
  });
  await app.register(fastifyRateLimit, { global: false });
  await app.register(fastifyCookie);
  await app.register(fastifyMultipart, {
    limits: { fileSize: deps.config.MAX_UPLOAD_MB * 1024 * 1024, files: 1, fields: 10, parts: 12 },
  });
  await app.register(fastifySwagger, {
    openapi: {
      info: {
        title: 'Nhiệm vụ API',
        description:
          'API theo dõi nhiệm vụ do UBND tỉnh giao. Xác thực bằng cookie phiên (trình duyệt, kèm X-CSRF-Token khi ghi) hoặc `Authorization: Bearer <token>` cho hệ thống tích hợp.',
        version: deps.version,
      },
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer' },
          session: { type: 'apiKey', in: 'cookie', name: 'nv_session' },
        },
      },
      security: [{ bearer: [] }, { session: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs' });

  registerAuth(app);
  registerIdempotency(app);
  await app.register(
    async (api) => {
      registerRoutes(api.withTypeProvider<ZodTypeProvider>());
    },
    { prefix: '/api' },
  );
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  await registerWeb(app);
  return app;
}
