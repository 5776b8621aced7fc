/**
 * `hookscope verify`: the full check chain and diagnosis on a saved request, offline (no instance, no
 * data dir). Exit 0 when it verifies, 1 when not: for CI, and for a failing request pasted from a log.
 */
import { PROVIDER_IDS } from '../../../../shared/providers';
import type { ChainPorts, InboundRequest } from '../../../../shared/verify/types';
import { defineCommand } from '../command';
import { UsageError } from '../errors';
import { httpUrlValue, intValue, oneOf, readFileValue, secretValue } from '../flag-values';
import { parseSavedHeaders } from '../saved-request';

const OFFLINE_PORTS: Omit<ChainPorts, 'crypto'> = {
  rateLimiter: { hit: () => ({ allowed: true, retryAfterSeconds: 0, count: 1 }) },
  idempotency: { lookup: () => null },
  otherSecrets: () => [],
};

function timeValue(value: string): number {
  if (/^\d{9,10}$/.test(value)) return Number(value) * 1000;
  if (/^\d{12,13}$/.test(value)) return Number(value);
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) throw new UsageError(`--at needs an ISO 8601 time (2026-12-07T12:00:00Z) or epoch seconds, got ${JSON.stringify(value)}`);
  return ms;
}

// the schemas and the chain load when the command runs, so `hookscope --help` and the other commands stay light
const loadConfigSchemas = () => import('../../../../shared/config');

async function schemeValue(path: string | undefined, provider: string) {
  if (provider !== 'generic-hmac') {
    if (path !== undefined) throw new UsageError(`--scheme is only for --provider generic-hmac; the "${provider}" preset fixes its own scheme`);
    return undefined;
  }
  if (path === undefined) throw new UsageError('--provider generic-hmac needs --scheme FILE (JSON, e.g. {"header": "X-Signature"})');
  let json: unknown;
  try {
    json = JSON.parse(readFileValue('--scheme', path).toString('utf8'));
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(`--scheme: ${path} is not valid JSON`);
  }
  const { schemeSchema, describeIssues } = await loadConfigSchemas();
  const parsed = schemeSchema.safeParse(json);
  if (!parsed.success) {
    const first = describeIssues(parsed.error, 'scheme')[0];
    throw new UsageError(`--scheme: ${first.field}: ${first.message}`);
  }
  return parsed.data;
}

export const verifyCommand = defineCommand({
  name: 'verify',
  summary: 'Run the check chain and diagnosis on a saved request, offline. Exit 0 when it verifies, 1 when not.',
  positionals: [],
  options: {
    provider: { type: 'string', value: 'P', description: `the preset: ${PROVIDER_IDS.join(', ')}` },
    secret: { type: 'string', multiple: true, value: 'S|env:NAME', description: 'a signing secret (env:NAME reads it from the environment)' },
    headers: { type: 'string', value: 'FILE', description: 'the request headers: "Name: value" lines (optionally after the request line) or JSON' },
    body: { type: 'string', value: 'FILE', description: 'the raw request body, byte for byte' },
    url: { type: 'string', value: 'URL', description: 'the URL the provider called (Twilio signs it; default from the request line)' },
    at: { type: 'string', value: 'TIME', description: 'when it was received (ISO 8601 or epoch seconds; default now): for the timestamp check' },
    tolerance: { type: 'string', value: 'SECONDS', description: 'timestamp tolerance, 1–900 (default 300)' },
    scheme: { type: 'string', value: 'FILE', description: 'generic-hmac only: the scheme as JSON' },
    json: { type: 'boolean', description: 'print {verdict, checks, eventType, idempotencyKey} as JSON' },
  },
  details: 'Exit codes: 0 verified, 1 rejected, 2 a usage mistake.',
  async run({ values, io }) {
    if (values.provider === undefined) throw new UsageError('--provider is required: the preset the sender uses, e.g. --provider stripe');
    const provider = oneOf('--provider', values.provider, PROVIDER_IDS);
    if (!values.secret?.length) throw new UsageError('--secret is required: the signing secret, or env:NAME to read it from the environment');
    if (values.headers === undefined) throw new UsageError('--headers FILE is required: the request headers as saved');
    if (values.body === undefined) throw new UsageError('--body FILE is required: the raw request body');
    const secrets = values.secret.map((s, i) => ({ value: secretValue('--secret', s, io.env), label: `--secret #${i + 1}`, retiresAt: null }));
    const saved = parseSavedHeaders(readFileValue('--headers', values.headers).toString('utf8'));
    const body = readFileValue('--body', values.body);
    const url = values.url === undefined ? null : new URL(httpUrlValue('--url', values.url));
    const tolerance = values.tolerance === undefined ? 300 : intValue('--tolerance', values.tolerance, 1, 900);
    const [{ sourceSchema }, { runChain }, { nodeCryptoPort }, { checkLines, verdictLine }] = await Promise.all([
      loadConfigSchemas(),
      import('../../../../shared/verify/chain'),
      import('../../crypto/node-crypto-port'),
      import('../check-report'),
    ]);
    const config = sourceSchema.parse({
      id: 'verify',
      provider,
      toleranceSeconds: tolerance,
      rateLimit: null,
      maxBodyBytes: Math.max(1, Math.min(body.length, 50 * 1024 * 1024)),
      scheme: await schemeValue(values.scheme, provider),
    });
    const request: InboundRequest = {
      method: saved.method ?? 'POST',
      target: url ? `${url.pathname}${url.search}` : (saved.target ?? '/hooks/verify'),
      rawHeaders: saved.headers,
      body,
      bodyTruncated: body.length > 50 * 1024 * 1024,
      receivedAt: values.at === undefined ? Date.now() : timeValue(values.at),
      remoteAddress: '127.0.0.1',
      viaTunnel: false,
      publicBaseUrl: url?.origin ?? null,
      localBaseUrl: url?.origin ?? 'http://127.0.0.1',
    };
    const out = runChain(request, { config, secrets, authTokens: [] }, { crypto: nodeCryptoPort, ...OFFLINE_PORTS });
    // offline, how the request arrived is unknown: the local listener's plain-HTTP warning would mislead
    const checks = out.checks.map((c) =>
      c.id === 'transport' ? { ...c, outcome: 'skip' as const, code: 'offline', summary: 'Verified offline: how the request arrived is not known.', detail: {}, diagnosis: [] } : c,
    );
    if (values.json) {
      io.stdout.write(`${JSON.stringify({ verdict: out.verdict, checks, eventType: out.eventType, idempotencyKey: out.idempotencyKey })}\n`);
    } else {
      io.stdout.write(`${[...checkLines(checks), '', verdictLine(out.verdict, checks)].join('\n')}\n`);
    }
    return out.verdict === 'verified' ? 0 : 1;
  },
});
