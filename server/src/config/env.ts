// The environment the server reads, parsed once (by main.ts) into typed settings.
import { customIssue, defineProblemMessages, expecting, problemsFromZod } from '@izinli/core';
import type { Localized, Problem, ProblemText, Result } from '@izinli/core';
import { err, ok } from '@izinli/core';
import { z } from 'zod';
import { cleartextUrl, HTTPS_EXPECTED } from './https-only.js';
import {
  MAX_PROXY_HOPS,
  parseTrustProxy,
  TRUST_PROXY_EXPECTED,
  TRUST_PROXY_EXPECTED_TR,
} from './trust-proxy.js';
import type { TrustProxy } from './trust-proxy.js';

const count = (what: Localized) => {
  const error = expecting({
    en: `${what.en} as a whole number`,
    tr: `tam sayı olarak ${what.tr}`,
  });
  return z.coerce.number({ error }).int({ error });
};
const MILLISECONDS = { en: 'milliseconds', tr: 'milisaniye' };
const SECONDS = { en: 'seconds', tr: 'saniye' };
const PER_MINUTE = { en: 'requests per minute', tr: 'dakikada istek sayısı' };

/** Every environment variable the server understands, with its default. */
export const ServerEnv = z.object({
  PORT: count({ en: 'a TCP port', tr: 'bir TCP portu' }).min(0).max(65535).default(8787),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, {
      error: expecting({
        en: 'a postgres:// connection URL',
        tr: 'postgres:// ile başlayan bir bağlantı adresi',
      }),
    })
    .optional(),
  /** PostgreSQL: how long getting a connection may take (a frozen server answers 503, not never). */
  DATABASE_CONNECT_TIMEOUT_MS: count(MILLISECONDS).min(100).max(600_000).default(10_000),
  /** PostgreSQL: how long one statement may wait for its answer (migrations and purges included). */
  DATABASE_QUERY_TIMEOUT_MS: count(MILLISECONDS).min(100).max(3_600_000).default(60_000),
  IZINLI_CONFIG: z.string().min(1).default('./izinli.config.json'),
  IZINLI_SIGNING_KEY: z.string().min(1).optional(),
  /** İYS's credentials and recipients go there: https:, or plain http: to loopback only. */
  IYS_BASE_URL: z
    .url({
      error: expecting({
        en: 'an https URL of İYS, e.g. https://api.iys.org.tr',
        tr: 'İYS’nin https adresi, ör. https://api.iys.org.tr',
      }),
    })
    .superRefine((url, ctx) => {
      const origin = cleartextUrl(url);
      if (origin === undefined) return;
      const expected = {
        en: `${HTTPS_EXPECTED.en}, e.g. https://api.iys.org.tr`,
        tr: `${HTTPS_EXPECTED.tr}, ör. https://api.iys.org.tr`,
      };
      ctx.addIssue(customIssue({ code: 'env.httpsRequired', expected, params: { origin } }));
    })
    .optional(),
  /** The server's public base URL, for the withdrawal links it hands out (else the request's). */
  PUBLIC_URL: z
    .url({
      protocol: /^https?$/,
      error: expecting({
        en: 'an http(s) URL, e.g. https://izin.example.com.tr',
        tr: 'bir http(s) adresi, ör. https://izin.example.com.tr',
      }),
    })
    .optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** /metrics on the app's port needs `Authorization: Bearer <this>` (at least 16 characters). */
  METRICS_TOKEN: z
    .string()
    .min(16, {
      error: expecting({
        en: 'a token of at least 16 characters (e.g. openssl rand -hex 24)',
        tr: 'en az 16 karakterlik bir belirteç (ör. openssl rand -hex 24)',
      }),
    })
    .optional(),
  /** Serve /metrics on this port (on METRICS_HOST) instead of the app's port. */
  METRICS_PORT: count({ en: 'a TCP port', tr: 'bir TCP portu' }).min(0).max(65535).optional(),
  METRICS_HOST: z.string().min(1).default('127.0.0.1'),
  /** One info line per request (method, route template, status, duration, request id). */
  ACCESS_LOG: z
    .enum(['on', 'off'], { error: expecting({ en: '"on" or "off"', tr: '"on" ya da "off"' }) })
    .default('on')
    .transform((v) => v === 'on'),
  /** Which X-Forwarded-For entries to believe: a count of proxies, or their addresses. */
  TRUST_PROXY: z
    .string()
    .default('0')
    .transform((text, ctx): TrustProxy => {
      const parsed = parseTrustProxy(text);
      if (parsed.ok) return parsed.value;
      ctx.addIssue(
        customIssue({
          code: 'env.trustProxy',
          expected: { en: TRUST_PROXY_EXPECTED, tr: TRUST_PROXY_EXPECTED_TR },
          params: { entry: parsed.entry },
        }),
      );
      return z.NEVER;
    }),
  CAPTURE_BODY_LIMIT_BYTES: count({ en: 'a byte count', tr: 'bayt sayısı' })
    .min(1024)
    .default(64 * 1024),
  RATE_LIMIT_PER_IP: count(PER_MINUTE).min(1).default(120),
  RATE_LIMIT_PER_SITE: count(PER_MINUTE).min(1).default(6000),
  CHECKPOINT_INTERVAL_SECONDS: count(SECONDS).min(1).default(60),
  /** How often the sync worker pulls İYS's changes (only when IYS_BASE_URL is set). */
  SYNC_INTERVAL_SECONDS: count(SECONDS).min(1).default(300),
  /**
   * How often the reconciliation worker looks for İYS days to reconcile and the daily subscription
   * check (only when IYS_BASE_URL is set); each day and account is done once (docs/iys.md).
   */
  RECONCILE_INTERVAL_SECONDS: count(SECONDS).min(1).default(3600),
  /** How often the delivery worker claims due outbox movements (only when IYS_BASE_URL is set). */
  DELIVERY_INTERVAL_MS: count(MILLISECONDS).min(10).default(1000),
  /** A paused İYS account's first probe after this long, doubling up to 30 times it. */
  IYS_PROBE_MS: count(MILLISECONDS).min(100).max(3_600_000).default(30_000),
  /**
   * Token requests (password or refresh grants) izinli sends per İYS account in any hour, counted
   * in the database for every instance; İYS allows 100 per hour per IP (H084), the rest is left
   * for other tools on the same address.
   */
  IYS_TOKEN_BUDGET_PER_HOUR: count({ en: 'token requests', tr: 'jeton isteği sayısı' })
    .min(1)
    .max(100)
    .default(90),
  /** Batches (≤ 1000 per brand, polled after İYS's 300 s) when more movements are due; 0: never. */
  DELIVERY_BATCH_THRESHOLD: count({ en: 'due movements', tr: 'zamanı gelmiş hareket sayısı' })
    .min(0)
    .default(50),
  GROUP_COMMIT_MAX: count({ en: 'captures per transaction', tr: 'işlem başına kayıt sayısı' })
    .min(1)
    .max(10_000)
    .default(256),
  /** How often the retention purge runs (A14, B10): records past their site's retention. */
  RETENTION_INTERVAL_SECONDS: count(SECONDS).min(1).default(86_400),
  /** How often the webhook worker fans out events and sends due deliveries. */
  WEBHOOK_INTERVAL_MS: count(MILLISECONDS).min(10).default(1000),
  /** How often the verification pass sends links, chains confirmations and expires holds. */
  VERIFICATION_INTERVAL_MS: count(MILLISECONDS).min(10).default(1000),
  /** Attempts before a webhook delivery is dead (10 spans about a day of backoff). */
  WEBHOOK_MAX_ATTEMPTS: count({ en: 'attempts', tr: 'deneme sayısı' }).min(1).max(100).default(10),
  /** How long one webhook POST may take. */
  WEBHOOK_TIMEOUT_MS: count(MILLISECONDS).min(100).max(120_000).default(10_000),
  /**
   * The SMTP server verification e-mails go through (docs/verification.md#sending): smtp:// (with
   * STARTTLS when offered) or smtps://, credentials in the URL; a site verifying EPOSTA needs it.
   */
  SMTP_URL: z
    .url({
      protocol: /^smtps?$/,
      error: expecting({
        en: 'an smtp:// or smtps:// URL, e.g. smtps://user:password@smtp.example.com.tr',
        tr: 'smtp:// ya da smtps:// ile başlayan bir adres, ör. smtps://kullanici:parola@smtp.ornek.com.tr',
      }),
    })
    .optional(),
  /** The sender of verification e-mails, e.g. `"Örnek <izin@ornek.com.tr>"`; needed with SMTP_URL. */
  SMTP_FROM: z
    .string()
    .trim()
    .regex(/^(?:[^<>]*<[^\s<>@]+@[^\s<>@]+\.[^\s<>@]+>|[^\s<>@]+@[^\s<>@]+\.[^\s<>@]+)$/, {
      error: expecting({
        en: 'an e-mail address, optionally with a name: izin@ornek.com.tr or "Örnek <izin@ornek.com.tr>"',
        tr: 'bir e-posta adresi, isterseniz adıyla: izin@ornek.com.tr ya da "Örnek <izin@ornek.com.tr>"',
      }),
    })
    .optional(),
  /** How long connecting to the SMTP server, its greeting and each of its replies may take. */
  SMTP_TIMEOUT_MS: count(MILLISECONDS).min(100).max(120_000).default(10_000),
});
export type ServerEnv = z.infer<typeof ServerEnv>;

/** Parses the environment; every problem names the variable. */
export function parseServerEnv(
  env: Record<string, string | undefined>,
): Result<ServerEnv, Problem[]> {
  // An empty variable means "not set", as in most shells' `VAR= cmd`.
  const present = Object.fromEntries(
    Object.entries(env).filter(([, v]) => v !== undefined && v !== ''),
  );
  const parsed = ServerEnv.safeParse(present);
  if (!parsed.success) return err(problemsFromZod(parsed.error, present).map(withoutCredentials));
  // Checked here, not in the schema: each variable's own problem is reported first.
  if (parsed.data.SMTP_URL !== undefined && parsed.data.SMTP_FROM === undefined) {
    return err([
      {
        code: 'env.smtpFromMissing',
        path: ['SMTP_FROM'],
        expected: {
          en: 'the sender address of verification e-mails, since SMTP_URL is set',
          tr: 'SMTP_URL tanımlı olduğundan doğrulama e-postalarının gönderen adresi',
        },
        received: 'undefined (missing)',
      },
    ]);
  }
  return ok(parsed.data);
}

/** A problem with SMTP_URL says what came without the password the URL may hold. */
function withoutCredentials(problem: Problem): Problem {
  if (problem.path[0] !== 'SMTP_URL') return problem;
  return { ...problem, received: problem.received.replace(/\/\/[^/@]*@/, '//***@') };
}

/** Names the bad entry of a TRUST_PROXY list (nothing more when it is the whole value). */
function badEntry(p: ProblemText, say: (entry: string) => string, empty: string): string {
  const entry = String(p.params?.entry ?? '');
  if (p.received === JSON.stringify(entry)) return '';
  return entry === '' ? empty : say(JSON.stringify(entry));
}

defineProblemMessages({
  'env.smtpFromMissing': {
    tr: () =>
      'SMTP_URL tanımlıyken SMTP_FROM da tanımlanmalıdır: doğrulama e-postalarının gönderen adresi, ör. SMTP_FROM="Örnek <izin@ornek.com.tr>"; gelen: tanımsız',
    en: () =>
      'SMTP_FROM must be set when SMTP_URL is: the sender of verification e-mails, e.g. SMTP_FROM="Örnek <izin@ornek.com.tr>"; received nothing',
  },
  'env.httpsRequired': {
    tr: (p) =>
      `https:// ile başlayan bir adres bekleniyordu (ör. https://api.iys.org.tr; düz http:// yalnızca bu makineye: 127.0.0.0/8, ::1 ya da localhost), İYS kimlik bilgileri ve kişisel veriler şifresiz gönderilmez; gelen ${p.params?.origin}`,
    en: (p) =>
      `expected an https:// URL (e.g. https://api.iys.org.tr; plain http:// only to this machine: 127.0.0.0/8, ::1 or localhost), as İYS credentials and personal data are not sent in clear text; received ${p.params?.origin}`,
  },
  'env.trustProxy': {
    tr: (p) =>
      `0 ya da false (vekil sunucu yok: soketin adresi), öndeki vekil sunucu sayısı (1 ile ${MAX_PROXY_HOPS} arası; true 1 demektir) ya da vekil sunucuların adresleri ve CIDR aralıkları, virgülle ayrılmış (ör. 127.0.0.1,10.0.0.0/8; loopback, linklocal ve uniquelocal bu aralıkların adlarıdır) bekleniyordu; gelen ${p.received}${badEntry(p, (entry) => `, ${entry} bunlardan biri değil`, ', içinde boş bir öğe var')}`,
    en: (p) =>
      `expected ${p.expected}; received ${p.received}${badEntry(p, (entry) => `, where ${entry} is none of these`, ', which has an empty entry')}`,
  },
});
