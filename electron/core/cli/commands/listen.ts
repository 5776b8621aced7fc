/**
 * `hookscope listen <port|url>`: the one-command start. Runs Hookscope (receiver, UI/API, tunnel when an
 * authtoken is there), points one source at the local server, prints Ready with the receive URLs, then a
 * line per delivery and per forward attempt.
 */
import { PROVIDER_IDS } from '../../../../shared/providers';
import type { HookscopeEvent } from '../../../../shared/api';
import type { ApiConnection } from '../api-client';
import { defineCommand } from '../command';
import { UsageError } from '../errors';
import { httpUrlValue, oneOf, portValue } from '../flag-values';
import { applyListenSource } from '../listen-source';
import { RESPOND_OPTION, respondValue } from '../respond-flag';
import { followDeliveries } from '../live/follow-deliveries';
import { LOG_OPTIONS, loggerFromFlags } from '../log-options';
import { START_OPTIONS, startInstance } from '../start-instance';

function targetValue(positional: string, path: string | undefined): string {
  if (/^\d+$/.test(positional)) {
    const port = portValue('<port>', positional);
    if (port === 0) throw new UsageError('<port> must be the port your local server listens on (1–65535)');
    if (path !== undefined && !path.startsWith('/')) throw new UsageError(`--path must start with "/", got ${JSON.stringify(path)}`);
    return `http://localhost:${port}${path ?? '/'}`;
  }
  if (path !== undefined) throw new UsageError('--path goes with a <port>; a <url> carries its own path');
  return httpUrlValue('<url>', positional);
}

export const listenCommand = defineCommand({
  name: 'listen',
  summary: 'Receive webhooks and forward them to a local port or URL, one line per delivery and per forward.',
  positionals: [{ name: 'port|url', required: true, description: 'where your handler listens: 3000, or http://localhost:3000/webhooks' }],
  options: {
    provider: { type: 'string', value: 'P', description: `the sender's preset: ${PROVIDER_IDS.join(', ')} (without it: capture and forward, signature check skipped)` },
    secret: { type: 'string', value: 'VALUE|env:NAME', description: 'its signing secret (replaces the source\'s secrets; a value is stored encrypted)' },
    source: { type: 'string', value: 'ID', description: 'the source to create or reuse (default: the provider\'s id, or "listen"); receives at /hooks/<ID>' },
    path: { type: 'string', value: 'P', description: 'the path on your local server when <port> is given (default /)' },
    respond: RESPOND_OPTION,
    tunnel: { type: 'boolean', negatable: true, description: 'open the public tunnel (default: when NGROK_AUTHTOKEN is set)' },
    json: { type: 'boolean', description: 'NDJSON: a "ready" object, then one per delivery and attempt (kind "delivery" | "attempt")' },
    ...START_OPTIONS,
    ...LOG_OPTIONS,
  },
  details: [
    'Example:  hookscope listen 3000 --provider stripe --secret env:STRIPE_WEBHOOK_SECRET --path /webhooks',
    'Retries:  hookscope listen 3000 --provider github --secret env:GH_SECRET --respond sequence:500,500,200',
    'Lines:    time --> source event-type [id] verdict (failing check)',
    '          time <-- [status] METHOD url  N ms',
  ].join('\n'),
  async run({ values, positionals, io }) {
    const target = targetValue(positionals[0], values.path);
    const provider = values.provider === undefined ? null : oneOf('--provider', values.provider, PROVIDER_IDS);
    if (provider === null && values.secret !== undefined) {
      throw new UsageError(`--secret needs --provider: the sender's preset (${PROVIDER_IDS.join(', ')}) that the secret verifies`);
    }
    const sourceId = values.source ?? provider ?? 'listen';
    if (!/^[a-z0-9-]{1,40}$/.test(sourceId) || sourceId === 'unmatched') {
      throw new UsageError(`--source must be 1–40 characters of a-z, 0-9 and "-" (not "unmatched"), got ${JSON.stringify(sourceId)}`);
    }
    const respond = values.respond === undefined ? null : await respondValue(values.respond);
    const secret = values.secret ?? null;
    if (secret === '') throw new UsageError('--secret must not be empty: give the secret or env:NAME');
    if (secret?.startsWith('env:') && !io.env[secret.slice(4)]) {
      throw new UsageError(`--secret ${secret}: the environment variable ${secret.slice(4)} is not set or empty`);
    }
    // the delivery lines are the output: only warnings and errors of the core by default
    const log = await loggerFromFlags({ ...values, 'log-level': values['log-level'] ?? io.env.HOOKSCOPE_LOG_LEVEL ?? 'warn' }, io.env);
    const running = await startInstance(values, { env: io.env, log, tunnel: values.tunnel ?? Boolean(io.env.NGROK_AUTHTOKEN) });
    try {
      const applied = await applyListenSource(running.core.api, { sourceId, provider, secret, target, respond });
      if (applied.provider === null) {
        io.stderr.write(`hookscope: source "${sourceId}" has no provider configured: deliveries are captured and forwarded, the signature check is skipped (pass --provider to verify)\n`);
      } else if (applied.secrets === 0) io.stderr.write(`hookscope: source "${sourceId}" has no secret, so every delivery fails the signature check: pass --secret\n`);
      const status = await running.core.api.getStatus({});
      const local = `${running.receiverUrl}/hooks/${sourceId}`;
      const publicUrl = status.tunnel.state === 'online' && status.tunnel.url ? `${status.tunnel.url}/hooks/${sourceId}` : null;
      if (values.json) {
        io.stdout.write(`${JSON.stringify({ kind: 'ready', sourceId, provider: applied.provider, target, local, public: publicUrl, ui: running.uiUrl })}\n`);
      } else {
        io.stdout.write(
          [
            applied.provider
              ? `Ready! ${applied.provider} deliveries to source "${sourceId}" are verified and forwarded to ${target}`
              : `Ready! deliveries to source "${sourceId}" are captured (no provider configured, nothing verified) and forwarded to ${target}`,
            `  public  ${publicUrl ?? `off (${status.tunnel.state === 'error' ? status.tunnel.message : 'set NGROK_AUTHTOKEN or pass --tunnel'})`}`,
            `  local   ${local}`,
            `  UI      ${running.uiUrl}`,
            'Press Ctrl-C to stop.',
            '',
          ].join('\n'),
        );
      }
      const core = running.core;
      const inProcess: ApiConnection = {
        api: core.api,
        async subscribe(listener: (event: HookscopeEvent) => void) {
          return { close: core.events.subscribe(listener), ended: new Promise<void>(() => undefined) };
        },
      };
      const subscription = await followDeliveries(inProcess, {
        query: {},
        json: values.json === true,
        since: Date.now(),
        write: (line) => io.stdout.write(`${line}\n`),
        warn: (message) => io.stderr.write(`hookscope: ${message}\n`),
      });
      await io.stopSignal;
      subscription.close();
      return 0;
    } finally {
      await running.stop();
    }
  },
});
