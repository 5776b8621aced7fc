/**
 * `listen --respond SPEC`: what the provider hears back, in a terminal-friendly form, checked by the
 * config schema itself: ack | relay[:TIMEOUT_MS] | status:CODE[:DELAY_MS] | sequence:500,500,200 |
 * timeout:DELAY_MS — or the JSON of source.respond.
 */
import type { RespondConfig } from '../../../shared/config';
import { UsageError } from './errors';

export const RESPOND_OPTION = {
  type: 'string',
  value: 'SPEC',
  description: 'what the provider hears back: ack | relay[:TIMEOUT_MS] | status:CODE[:DELAY_MS] | sequence:500,500,200 | timeout:DELAY_MS',
} as const;

const num = (text: string | undefined) => (text === undefined || text === '' ? undefined : /^\d+$/.test(text) ? Number(text) : text);

function fromSpec(spec: string): unknown {
  if (spec.trim().startsWith('{')) {
    try {
      return JSON.parse(spec) as unknown;
    } catch {
      throw new UsageError(`--respond: ${JSON.stringify(spec)} is not valid JSON; use e.g. status:500 or '{"mode":"status","status":500}'`);
    }
  }
  const [mode, a, b] = spec.split(':');
  switch (mode) {
    case 'relay':
      return { mode, ...(a ? { timeoutMs: num(a) } : {}) };
    case 'status':
      return { mode, status: num(a), ...(b ? { delayMs: num(b) } : {}) };
    case 'sequence':
      return { mode, statuses: (a ?? '').split(',').filter(Boolean).map(num) };
    case 'timeout':
      return { mode, ...(a ? { delayMs: num(a) } : {}) };
    default:
      return { mode };
  }
}

export async function respondValue(spec: string): Promise<RespondConfig> {
  // the schemas load only when the flag is used, so `hookscope --help` stays light
  const { respondSchema } = await import('../../../shared/config');
  const parsed = respondSchema.safeParse(fromSpec(spec));
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const field = issue.path.length ? `${issue.path.join('.')} ` : '';
  throw new UsageError(`--respond ${JSON.stringify(spec)}: ${field}${issue.message} (e.g. ack, relay:5000, status:500, sequence:500,500,200, timeout:30000)`);
}
