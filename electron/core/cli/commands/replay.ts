/** `hookscope replay <id>`: replays a captured delivery through a running instance and prints the attempt. */
import { defineCommand } from '../command';
import { readFileValue, oneOf } from '../flag-values';
import { INSTANCE_OPTIONS, connectInstance } from '../instance-options';
import { attemptJson, attemptLine } from '../live/format-lines';

export const replayCommand = defineCommand({
  name: 'replay',
  summary: 'Replay a captured delivery to its forward URL or another target; print the attempt.',
  positionals: [{ name: 'id', required: true, description: 'the delivery id (see `hookscope tail` or the UI)' }],
  options: {
    ...INSTANCE_OPTIONS,
    mode: { type: 'string', value: 'MODE', description: 'original (exact bytes and headers) | resign (fresh timestamp and signature) (default original)' },
    to: { type: 'string', value: 'URL', description: 'the target (default: the source\'s forward URL; loopback only unless replay.allowRemoteTargets)' },
    body: { type: 'string', value: 'FILE', description: 'send FILE as an edited body (re-signed with --mode resign)' },
    json: { type: 'boolean', description: 'print the attempt as one JSON object (kind "attempt")' },
  },
  details: 'Exit codes: 0 when the target answered 2xx, 1 otherwise (the attempt line says what happened).',
  async run({ values, positionals, io }) {
    const mode = values.mode === undefined ? undefined : oneOf('--mode', values.mode, ['original', 'resign'] as const);
    const body = values.body === undefined ? undefined : readFileValue('--body', values.body).toString('utf8');
    const conn = await connectInstance(values, io.env);
    const id = positionals[0];
    const delivery = await conn.api.getDelivery({ id });
    const attempt = await conn.api.replayDelivery({
      id,
      ...(mode ? { mode } : {}),
      ...(values.to !== undefined ? { target: values.to } : {}),
      ...(body !== undefined ? { body } : {}),
    });
    io.stdout.write(`${values.json ? attemptJson(id, delivery.method, attempt) : attemptLine(delivery.method, attempt)}\n`);
    return attempt.status !== null && attempt.status >= 200 && attempt.status < 300 ? 0 : 1;
  },
});
