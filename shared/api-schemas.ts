/** Argument schemas for every API method: the one validation used by IPC and HTTP alike. */
import { z } from 'zod';
import type { ApiMethod } from './api';
import { CHECK_IDS } from './checks';
import { describeIssues, type ConfigIssue } from './config';
import { PROVIDER_IDS } from './providers';

const empty = z.object({}).strict();
const id = z.string().min(1).max(100);
/** chaos replay options (repeat, concurrency, spacing, side-effect probe) */
const chaos = {
  repeat: z.number().int('must be a whole number of copies').min(1, 'must be at least 1').max(50, 'must be at most 50 copies').optional(),
  concurrency: z.number().int('must be a whole number').min(1, 'must be at least 1').max(20, 'must be at most 20 in flight').optional(),
  delayMs: z.number().int('must be whole milliseconds').min(0, 'must not be negative').max(600_000, 'must not exceed 600000 ms').optional(),
  probe: z.string().min(1).max(2000).optional(),
};

const listDeliveriesArgs = z
  .object({
    sourceId: z.string().min(1).max(40).optional(),
    verdict: z.enum(['verified', 'rejected']).optional(),
    failedCheck: z.enum(CHECK_IDS).optional(),
    eventType: z.string().min(1).max(200).optional(),
    q: z.string().max(500).optional(),
    limit: z.number().int().min(1).max(500).optional(),
    before: z.string().min(1).max(200).optional(),
    offset: z.number().int().min(0).max(100_000_000).optional(),
    asOf: z.string().min(1).max(40).optional(),
  })
  .strict();
const timelineArgs = z
  .object({
    q: z.string().max(500).optional(),
    sourceId: z.string().min(1).max(40).optional(),
    maxBuckets: z.number().int('must be a whole number of bars').min(10, 'must be at least 10').max(240, 'must be at most 240 bars').optional(),
  })
  .strict();
/** a team workspace's address: checked in full by the core (electron/core/workspace/workspace-url.ts) */
const workspaceUrl = z.string({ message: 'enter the workspace address, e.g. https://hookscope.example.com' }).trim().min(1, 'enter the workspace address, e.g. https://hookscope.example.com').max(2000);
/** one delivery's replay: the fields replayDelivery, copyReplayCommand and replayFromWorkspace share */
const replayFields = {
  id,
  target: z.string().min(1).max(2000).optional(),
  mode: z.enum(['original', 'resign']).optional(),
  body: z.string().max(10 * 1024 * 1024).optional(),
  newMessageId: z.boolean().optional(),
};

export const apiArgSchemas: { [M in ApiMethod]: z.ZodType } = {
  getStatus: empty,
  listDeliveries: listDeliveriesArgs,
  getTimeline: timelineArgs,
  getDelivery: z.object({ id }).strict(),
  whoami: empty,
  connectWorkspace: z
    .object({
      url: workspaceUrl,
      token: z
        .string({ message: 'paste your personal token (hookscope token create --name YOU --role member)' })
        .trim()
        .min(1, 'paste your personal token (hookscope token create --name YOU --role member)')
        .max(512, 'must be at most 512 characters: paste the token alone')
        .regex(/^[\x21-\x7e]+$/, 'must be the token alone: no spaces or line breaks'),
      name: z.string().trim().min(1).max(60, 'must be at most 60 characters').optional(),
      replayTarget: z.string().trim().min(1).max(2000).optional(),
    })
    .strict(),
  disconnectWorkspace: empty,
  getWorkspace: empty,
  getWorkspaceStatus: empty,
  listWorkspaceDeliveries: listDeliveriesArgs,
  getWorkspaceTimeline: timelineArgs,
  getWorkspaceDelivery: z.object({ id }).strict(),
  revealWorkspaceRaw: z.object({ id }).strict(),
  replayFromWorkspace: z.object(replayFields).strict(),
  sendRequest: z
    .object({
      url: z.string().min(1).max(2000),
      method: z.string().regex(/^[A-Z]{1,16}$/, 'must be an HTTP method in capitals, e.g. POST'),
      headers: z.array(z.tuple([z.string().min(1).max(256), z.string().max(16 * 1024)])).max(500, 'must be at most 500 headers'),
      body: z.string().max(10 * 1024 * 1024, 'must be at most 10 MiB'),
    })
    .strict(),
  replayDelivery: z.object({ ...replayFields, ...chaos }).strict(),
  copyReplayCommand: z
    .object({ ...replayFields, format: z.enum(['curl', 'fetch', 'httpie', 'json'], { message: 'must be curl, fetch, httpie or json' }) })
    .strict(),
  replayQuery: z
    .object({
      query: z.string().max(500).optional(),
      sourceId: z.string().min(1).max(40).optional(),
      limit: z.number().int().min(1).max(200, 'must be at most 200 deliveries per run').optional(),
      order: z.enum(['original', 'reverse', 'shuffled'], { message: 'must be original, reverse or shuffled' }).optional(),
      concurrency: chaos.concurrency,
      delayMs: chaos.delayMs,
      target: z.string().min(1).max(2000).optional(),
      mode: z.enum(['original', 'resign']).optional(),
      probe: chaos.probe,
    })
    .strict(),
  sendTestEvent: z
    .object({
      sourceId: z.string().min(1).max(40),
      kind: z.enum(['valid', 'bad_signature', 'stale_timestamp', 'duplicate', 'reserialized_json']),
      eventType: z.string().min(1).max(200).optional(),
      body: z.string().max(10 * 1024 * 1024).optional(),
      fromDeliveryId: id.optional(),
    })
    .strict()
    .refine((a) => a.body === undefined || a.fromDeliveryId === undefined, {
      message: 'give either body or fromDeliveryId as the template, not both',
      path: ['fromDeliveryId'],
    }),
  revealRaw: z.object({ id }).strict(),
  eraseByValue: z.object({ value: z.string().min(3).max(320) }).strict(),
  getConfig: empty,
  updateConfig: z.object({ config: z.unknown() }).strict(),
  addSecret: z
    .object({
      sourceId: z.string().min(1).max(40),
      value: z.string().min(1).max(4096),
      label: z.string().min(1).max(60).optional(),
      retiresAt: z.iso.datetime({ offset: true }).optional(),
    })
    .strict(),
  removeSecret: z.object({ sourceId: z.string().min(1).max(40), ref: z.string().min(1).max(200) }).strict(),
  exportDeliveries: z
    .object({ ids: z.array(id).min(1).max(1000), format: z.enum(['har', 'curl', 'json']) })
    .strict(),
  listAudit: z.object({ limit: z.number().int().min(1).max(1000).optional() }).strict(),
  getSecurity: empty,
  getReadiness: z.object({ sourceId: z.string().min(1).max(40) }).strict(),
  listPresets: empty,
  setTunnel: z.object({ enabled: z.boolean() }).strict(),
  verifyRequest: z
    .object({
      sourceId: z.string().min(1).max(40),
      headers: z.string().max(64 * 1024, 'must be at most 64 KiB of header lines').optional(),
      body: z.string().max(1024 * 1024, 'must be at most 1 MiB: try a captured delivery instead').optional(),
      deliveryId: id.optional(),
      provider: z.enum(PROVIDER_IDS, { message: `must be one of the presets: ${PROVIDER_IDS.join(', ')}` }).optional(),
      scheme: z.unknown().optional(),
      toleranceSeconds: z
        .number({ message: 'must be a whole number of seconds, 1–900' })
        .int('must be a whole number of seconds, 1–900')
        .min(1, 'must be at least 1 second')
        .max(900, 'must not exceed 900 seconds')
        .optional(),
    })
    .strict()
    .refine((a) => (a.deliveryId === undefined) !== (a.headers === undefined && a.body === undefined), {
      message: 'paste the request (headers and body) or pick a captured delivery: one of the two',
      path: ['headers'],
    }),
};

export type ArgCheck = { ok: true; value: unknown } | { ok: false; issues: ConfigIssue[] };

/** Validates a method's argument; issues name the field, e.g. `args.limit: …`. */
export function checkArgs(method: ApiMethod, args: unknown): ArgCheck {
  const parsed = apiArgSchemas[method].safeParse(args ?? {});
  if (parsed.success) return { ok: true, value: parsed.data };
  return { ok: false, issues: describeIssues(parsed.error, 'args') };
}
