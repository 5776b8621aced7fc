/**
 * The one configuration schema (docs/api.md "Configuration"). Validated at every entry point: file, IPC, HTTP API.
 * Messages name the field (as a path like `sources[0].toleranceSeconds`) and say what is allowed.
 */
import { z } from 'zod';
import { PROVIDER_IDS } from './providers';

/** `env:NAME` (read from the environment), `enc:<base64>` (encrypted by the app), or a literal. */
export const secretRefSchema = z
  .string()
  .min(1, 'must not be empty: use env:NAME to read the secret from an environment variable');

export const secretEntrySchema = z.union([
  secretRefSchema,
  z
    .object({
      value: secretRefSchema,
      label: z.string().min(1).max(60).optional(),
      retiresAt: z.iso
        .datetime({ offset: true, message: 'must be an ISO 8601 date-time such as 2026-11-23T00:00:00Z' })
        .optional(),
    })
    .strict(),
]);

/** an HTTP header name: a token of letters, digits and !#$%&'*+-.^_`|~ (RFC 9110) */
const headerName = (what: string, example: string) =>
  z
    .string({ message: `must be the name of the header that carries ${what}, e.g. ${example}` })
    .min(1, `must name the header that carries ${what}, e.g. ${example}`)
    .max(100, 'must be at most 100 characters')
    .regex(/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/, `must be a header name (letters, digits and -, no spaces or colon), e.g. ${example}`);
const jsonPath = (what: string, example: string) =>
  z
    .string({ message: `must be the JSON path to ${what}, e.g. ${example}` })
    .min(1, `must be the JSON path to ${what}, e.g. ${example}`)
    .max(200, 'must be at most 200 characters');

/** the signed content: placeholders {body} (the raw bytes, required) and {timestamp} (as sent), any text between */
const signedContentTemplate = z
  .string()
  .max(200, 'must be at most 200 characters')
  .refine((t) => t.includes('{body}'), { message: 'must contain {body} (the raw request body), e.g. {body} or {timestamp}.{body}' })
  .refine((t) => !/\{(?!body\}|timestamp\})[^}]*\}/.test(t), { message: 'knows only the placeholders {body} and {timestamp}: remove or fix the others' });

export const schemeSchema = z
  .object({
    header: headerName('the signature', 'X-Signature').default('X-Signature'),
    algorithm: z.enum(['sha1', 'sha256', 'sha512'], { message: 'must be sha1, sha256 or sha512' }).default('sha256'),
    encoding: z.enum(['hex', 'base64'], { message: 'must be hex or base64' }).default('hex'),
    prefix: z.string().max(40, 'must be at most 40 characters, e.g. sha256=').default(''),
    /** signed content; placeholders {body} and {timestamp}. Default: the body alone. */
    template: signedContentTemplate.default('{body}'),
    timestamp: z
      .discriminatedUnion(
        'from',
        [
          z.object({ from: z.literal('header'), name: headerName('the timestamp', 'X-Timestamp') }).strict(),
          z.object({ from: z.literal('payload'), path: jsonPath('the timestamp', 'created_at') }).strict(),
        ],
        { message: 'must say where the timestamp is: {"from": "header", "name": …} or {"from": "payload", "path": …}' },
      )
      .nullable()
      .default(null),
    idempotency: z
      .discriminatedUnion(
        'from',
        [
          z.object({ from: z.literal('header'), name: headerName('the event id', 'X-Event-Id') }).strict(),
          z.object({ from: z.literal('payload'), path: jsonPath('the event id', 'id') }).strict(),
        ],
        { message: 'must say where the event id is: {"from": "header", "name": …} or {"from": "payload", "path": …}' },
      )
      .nullable()
      .default(null),
    eventType: z.object({ from: z.literal('payload'), path: jsonPath('the event type', 'type') }).strict().nullable().default(null),
  })
  .strict();
export type GenericScheme = z.infer<typeof schemeSchema>;

const cidrOrIp = z
  .string()
  .min(2)
  .refine((s) => /^[0-9a-fA-F:.]+(\/\d{1,3})?$/.test(s), {
    message: 'must be an IPv4 or IPv6 address or CIDR range such as 52.202.195.162/32 or 2001:db8::/32',
  });

export const forwardSchema = z
  .object({
    url: z.url({ message: 'must be a URL such as http://localhost:3000/webhooks' }),
    auto: z.boolean().default(true),
    resign: z.boolean().default(false),
    timeoutMs: z.number().int().min(100).max(60000).default(5000),
    /** one delivery in flight at a time, strictly in receipt order (a failing one holds the rest back) */
    ordered: z.boolean({ message: 'must be true (one at a time, in receipt order) or false (parallel)' }).default(false),
  })
  .strict();

/** HTTP statuses a provider can be answered with: 200–599 (1xx is not a final answer). */
const answerStatus = z
  .number({ message: 'must be an HTTP status code such as 200, 429 or 500' })
  .int('must be a whole HTTP status code such as 500')
  .min(200, 'must be 200–599: a provider needs a final answer')
  .max(599, 'must be 200–599: a provider needs a final answer');
const holdMs = (what: string) =>
  z
    .number({ message: `must be a number of milliseconds (${what})` })
    .int('must be a whole number of milliseconds')
    .min(0, 'must not be negative')
    .max(600_000, 'must not exceed 600000 ms (10 minutes)');

/**
 * What the provider hears back (after the delivery is committed, always). Deliveries that fail a
 * check in `enforce` mode are answered 4xx first, whatever the mode.
 */
export const respondSchema = z.discriminatedUnion(
  'mode',
  [
    z.object({ mode: z.literal('ack') }).strict(),
    z
      .object({
        mode: z.literal('relay'),
        timeoutMs: z.number().int().min(100, 'must be at least 100 ms').max(60_000, 'must not exceed 60000 ms').default(5000),
      })
      .strict(),
    z.object({ mode: z.literal('status'), status: answerStatus, delayMs: holdMs('before answering').default(0) }).strict(),
    z
      .object({
        mode: z.literal('sequence'),
        statuses: z
          .array(answerStatus)
          .min(1, 'must list at least one status, e.g. [500, 500, 200]')
          .max(50, 'must list at most 50 statuses (later arrivals get the last one)'),
      })
      .strict(),
    z.object({ mode: z.literal('timeout'), delayMs: holdMs('to hold the answer').default(30_000) }).strict(),
  ],
  { message: 'must be one of ack, relay, status, sequence, timeout' },
);

export const sourceSchema = z
  .object({
    id: z
      .string()
      .regex(/^[a-z0-9-]{1,40}$/, 'must be 1–40 characters of a-z, 0-9 and "-" (it becomes the path /hooks/<id>)')
      .refine((id) => id !== 'unmatched', { message: 'is reserved: "unmatched" names the deliveries that match no source' }),
    name: z.string().min(1).max(100).optional(),
    environment: z.enum(['development', 'staging', 'production']).default('development'),
    // absent: a capture-only source (hookscope listen without --provider) — received, stored and forwarded,
    // with the signature, timestamp and duplicate checks skipped as "no provider configured"
    provider: z
      .enum(PROVIDER_IDS, {
        message: `must be one of the presets: ${PROVIDER_IDS.join(', ')}`,
      })
      .optional(),
    secrets: z.array(secretEntrySchema).max(10).default([]),
    toleranceSeconds: z
      .number({ message: 'must be a number of seconds, e.g. 300' })
      .int('must be a whole number of seconds, e.g. 300')
      .min(1, 'must be at least 1 second')
      .max(900, 'must not exceed 900 seconds: never accept webhooks more than 15 minutes old')
      .default(300),
    allowIps: z.array(cidrOrIp).max(200).optional(),
    authTokens: z.array(secretRefSchema).max(10).optional(),
    rateLimit: z
      .object({
        max: z
          .number({ message: 'must be a number of requests, e.g. 100' })
          .int('must be a whole number of requests')
          .min(1, 'must be at least 1 request (no limit: rateLimit null, or untick "Limit requests" in Settings)')
          .max(1_000_000, 'must not exceed 1000000 requests'),
        windowSeconds: z
          .number({ message: 'must be a number of seconds, e.g. 60' })
          .int('must be a whole number of seconds')
          .min(1, 'must be at least 1 second')
          .max(86_400, 'must not exceed 86400 seconds (one day)'),
      })
      .strict()
      .nullable()
      .default({ max: 100, windowSeconds: 60 }),
    maxBodyBytes: z.number().int().min(1).max(50 * 1024 * 1024).default(1024 * 1024),
    mode: z.enum(['enforce', 'observe']).default('enforce'),
    forward: forwardSchema.nullable().default(null),
    respond: respondSchema.default({ mode: 'ack' }),
    scheme: schemeSchema.optional(),
  })
  .strict();

export const configSchema = z
  .object({
    sources: z.array(sourceSchema).max(100).default([]),
    receiver: z
      .object({
        host: z.string().min(1).default('127.0.0.1'),
        port: z.number().int().min(0).max(65535).default(8787),
      })
      .strict()
      .default({ host: '127.0.0.1', port: 8787 }),
    tunnel: z
      .object({
        enabled: z.boolean().default(false),
        authtoken: secretRefSchema.nullable().default('env:NGROK_AUTHTOKEN'),
        domain: z.string().min(1).nullable().default(null),
      })
      .strict()
      .default({ enabled: false, authtoken: 'env:NGROK_AUTHTOKEN', domain: null }),
    redaction: z
      .object({
        keys: z.array(z.string().min(1)).default(['phoneNumber', 'email', 'transcript']),
        detectors: z.array(z.enum(['email', 'phone', 'card'])).default(['email', 'phone', 'card']),
      })
      .strict()
      .default({ keys: ['phoneNumber', 'email', 'transcript'], detectors: ['email', 'phone', 'card'] }),
    retention: z
      .object({
        rawBodyDays: z.number().int().min(0).max(3650).default(7),
        eventDays: z.number().int().min(1).max(3650).default(30),
        idempotencyHours: z.number().int().min(1).max(24 * 90).default(24),
      })
      .strict()
      .default({ rawBodyDays: 7, eventDays: 30, idempotencyHours: 24 }),
    storage: z
      .object({
        durability: z
          .enum(['process', 'power'], {
            message: 'must be "process" (survives a crash or kill -9; the default) or "power" (survives a power loss; slower)',
          })
          .default('process'),
        rejectedBudgetMB: z
          .number({ message: 'must be a number of megabytes, e.g. 100' })
          .int('must be a whole number of megabytes')
          .min(0, 'must be 0 or more megabytes (0 keeps no bodies of rejected deliveries)')
          .max(100_000, 'must not exceed 100000 megabytes')
          .default(100),
      })
      .strict()
      .default({ durability: 'process', rejectedBudgetMB: 100 }),
    replay: z
      .object({ allowRemoteTargets: z.boolean().default(false) })
      .strict()
      .default({ allowRemoteTargets: false }),
    /**
     * null: the embedded SQLite file; env:NAME naming a postgres:// URL: PostgreSQL (team mode). Only a
     * reference: a database URL holds a password, so it is never written in a config file (read at start).
     */
    store: z
      .object({
        url: z
          .string()
          .regex(/^env:[A-Za-z_][A-Za-z0-9_]*$/, {
            message: 'must be env:NAME, e.g. env:DATABASE_URL (a database URL holds a password, so it is never written in the config; on the command line use --store postgres://…); null keeps the embedded SQLite store',
          })
          .nullable()
          .default(null),
      })
      .strict()
      .default({ url: null }),
  })
  .strict()
  .superRefine((cfg, ctx) => {
    const seen = new Set<string>();
    cfg.sources.forEach((s, i) => {
      if (seen.has(s.id)) {
        ctx.addIssue({ code: 'custom', path: ['sources', i, 'id'], message: `duplicates another source's id "${s.id}": ids must be unique` });
      }
      seen.add(s.id);
      if (s.provider === 'generic-hmac' && !s.scheme) {
        ctx.addIssue({ code: 'custom', path: ['sources', i, 'scheme'], message: 'is required for provider "generic-hmac": set at least the signature header (Settings → the source → Signature scheme), or "scheme": {"header": "X-Signature"} in the config file' });
      }
      if (s.respond.mode === 'relay' && !s.forward) {
        ctx.addIssue({ code: 'custom', path: ['sources', i, 'respond', 'mode'], message: '"relay" answers with the dev server\'s response: set forward.url (the dev server) too, or use another mode' });
      }
      if (s.provider !== 'generic-hmac' && s.scheme) {
        const why = s.provider ? `the "${s.provider}" preset fixes its own scheme` : 'a capture-only source (no provider) verifies no signature';
        ctx.addIssue({ code: 'custom', path: ['sources', i, 'scheme'], message: `is only for provider "generic-hmac": ${why}; remove the scheme` });
      }
    });
  });

export type HookscopeConfig = z.infer<typeof configSchema>;
export type HookscopeConfigInput = z.input<typeof configSchema>;
export type SourceConfig = z.infer<typeof sourceSchema>;
export type SecretEntry = z.infer<typeof secretEntrySchema>;
export type ForwardConfig = z.infer<typeof forwardSchema>;
export type RespondConfig = z.infer<typeof respondSchema>;

/** Renders a zod issue path as `sources[0].secrets[1].retiresAt`. */
export function formatPath(path: ReadonlyArray<PropertyKey>): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out ? `.${String(part)}` : String(part);
  }
  return out || '(root)';
}

export interface ConfigIssue {
  field: string;
  message: string;
}

/** One line per issue: `sources[0].toleranceSeconds: must not exceed 900 seconds: …` */
export function describeIssues(error: z.ZodError, prefix = ''): ConfigIssue[] {
  return error.issues.map((issue) => {
    const field = formatPath([...(prefix ? [prefix] : []), ...issue.path]);
    let message = issue.message;
    if (issue.code === 'unrecognized_keys') {
      message = `unknown field(s) ${issue.keys.map((k) => `"${k}"`).join(', ')}: remove them or check the spelling`;
    } else if (issue.code === 'invalid_type' && /received undefined/.test(issue.message)) {
      message = `is required (${issue.expected})`;
    }
    return { field, message };
  });
}

export type ParseConfigResult =
  | { ok: true; config: HookscopeConfig }
  | { ok: false; issues: ConfigIssue[] };

export function parseConfig(input: unknown): ParseConfigResult {
  const parsed = configSchema.safeParse(input);
  if (parsed.success) return { ok: true, config: parsed.data };
  return { ok: false, issues: describeIssues(parsed.error) };
}

export function defaultConfig(): HookscopeConfig {
  return configSchema.parse({});
}
