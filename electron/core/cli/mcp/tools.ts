/**
 * The MCP tools: the same facts a person sees in the UI, through the instance's local API. Bodies are the
 * redacted ones; raw bodies only when the server was started with --allow-raw (and the call asks).
 */
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import type { Attempt, DeliverySummary, TestEventKind } from '../../../../shared/api';
import { parseDeliveryQuery } from '../../../../shared/delivery-query';
import { explainDelivery } from '../explain-delivery';
import { failingCheck } from '../live/format-lines';
import { waitForDelivery } from '../wait-for-delivery';
import type { LazyInstance } from './lazy-instance';

const KINDS = ['valid', 'bad_signature', 'stale_timestamp', 'duplicate', 'reserialized_json'] as const satisfies readonly TestEventKind[];
/** an agent's context is precious: a handler's long response is cut */
const RESPONSE_BODY_CHARS = 4096;

type ToolResult = { content: Array<{ type: 'text'; text: string }>; isError?: boolean };

const text = (value: unknown): ToolResult => ({ content: [{ type: 'text', text: typeof value === 'string' ? value : JSON.stringify(value, null, 2) }] });

async function answer(run: () => Promise<unknown>): Promise<ToolResult> {
  try {
    return text(await run());
  } catch (error) {
    return { content: [{ type: 'text', text: (error as Error).message }], isError: true };
  }
}

function row(d: DeliverySummary) {
  return { id: d.id, receivedAt: d.receivedAt, sourceId: d.sourceId, eventType: d.eventType, verdict: d.verdict, status: d.status, failingCheck: failingCheck(d), duplicateOf: d.duplicateOf, forward: d.forward };
}

function attemptFacts(a: Attempt) {
  const cut = a.responseBody.length > RESPONSE_BODY_CHARS;
  return { ...a, responseBody: cut ? `${a.responseBody.slice(0, RESPONSE_BODY_CHARS)}… (cut)` : a.responseBody };
}

export function registerTools(server: McpServer, instance: LazyInstance, opts: { allowRaw: boolean }): void {
  server.registerTool(
    'list_sources',
    { description: 'The webhook sources of the running Hookscope: id, provider, receive URLs (local and public) and delivery counts.', inputSchema: {} },
    () =>
      answer(() =>
        instance.use(async ({ api }) => {
          const status = await api.getStatus({});
          return { receiverUrl: status.receiverUrl, tunnel: status.tunnel, sources: status.sources };
        }),
      ),
  );

  server.registerTool(
    'list_deliveries',
    {
      description:
        'Recent deliveries, newest first, with verdict and failing check. query: source:ID verdict:verified|rejected check:CHECK event:TYPE and free words (full-text).',
      inputSchema: { query: z.string().max(500).optional(), limit: z.number().int().min(1).max(200).optional() },
    },
    ({ query, limit }) =>
      answer(async () => {
        const parsed = parseDeliveryQuery(query ?? '');
        if (!parsed.ok) throw new Error(`query: ${parsed.message}`);
        return instance.use(async ({ api }) => {
          const page = await api.listDeliveries({ ...parsed.query, limit: limit ?? 20 });
          return { deliveries: page.items.map(row), more: page.next !== undefined };
        });
      }),
  );

  server.registerTool(
    'get_delivery',
    {
      description: `One delivery in full: headers and body (redacted as in the UI), every check, forward attempts.${opts.allowRaw ? ' raw: true adds the raw body (this server was started with --allow-raw).' : ''}`,
      inputSchema: opts.allowRaw ? { id: z.string().min(1).max(100), raw: z.boolean().optional() } : { id: z.string().min(1).max(100) },
    },
    (args: { id: string; raw?: boolean }) =>
      answer(() =>
        instance.use(async ({ api }) => {
          const d = await api.getDelivery({ id: args.id });
          const out: Record<string, unknown> = { ...d, attempts: d.attempts.map(attemptFacts) };
          if (opts.allowRaw && args.raw === true) out.raw = await api.revealRaw({ id: args.id });
          return out;
        }),
      ),
  );

  server.registerTool(
    'explain_delivery',
    { description: 'Why a delivery verified or failed: each check with outcome, reason and diagnosis, the forward attempts, and the next step — as text.', inputSchema: { id: z.string().min(1).max(100) } },
    ({ id }) => answer(() => instance.use(async ({ api }) => explainDelivery(await api.getDelivery({ id })))),
  );

  server.registerTool(
    'replay_delivery',
    {
      description:
        'Replay a captured delivery to its forward URL or target (loopback only unless the config allows remote targets). mode original = exact bytes and headers; resign = fresh timestamp and signature. body: an edited body (re-signed).',
      inputSchema: {
        id: z.string().min(1).max(100),
        mode: z.enum(['original', 'resign']).optional(),
        target: z.string().min(1).max(2000).optional(),
        body: z.string().max(10 * 1024 * 1024).optional(),
      },
    },
    ({ id, mode, target, body }) =>
      answer(() =>
        instance.use(async ({ api }) =>
          attemptFacts(await api.replayDelivery({ id, ...(mode ? { mode } : {}), ...(target ? { target } : {}), ...(body !== undefined ? { body } : {}) })),
        ),
      ),
  );

  server.registerTool(
    'send_test_event',
    {
      description: `Send a signed sample event of the source's provider through the real receiver (or a deliberately broken one: ${KINDS.join(', ')}); returns the delivery and its explanation.`,
      inputSchema: { source: z.string().min(1).max(40), kind: z.enum(KINDS).optional() },
    },
    ({ source, kind }) =>
      answer(() =>
        instance.use(async ({ api }) => {
          const { deliveryId } = await api.sendTestEvent({ sourceId: source, kind: kind ?? 'valid' });
          return explainDelivery(await waitForDelivery(api, deliveryId));
        }),
      ),
  );
}
