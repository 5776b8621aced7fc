/** `hookscope replay <id>`: replays a captured delivery through a running instance and prints the attempt. */
import { defineCommand } from '../command';
import { intValue, readFileValue, oneOf, httpUrlValue } from '../flag-values';
import { reportJson, reportLines } from '../chaos-report';
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
    repeat: { type: 'string', value: 'N', description: 'chaos: send N copies of the event (1–50), then print an idempotency report' },
    concurrency: { type: 'string', value: 'N', description: 'chaos: copies in flight at once (1–20, default 1)' },
    delay: { type: 'string', value: 'MS', description: 'chaos: wait MS between starting one copy and the next (a duplicate after a delay)' },
    probe: { type: 'string', value: 'URL', description: 'chaos: a GET URL on your dev server (loopback) answering JSON with a counter, read before and after for a verdict' },
    json: { type: 'boolean', description: 'print each attempt as one JSON object (kind "attempt"), then the report (kind "report")' },
  },
  details: [
    'Exit codes: 0 when the target answered 2xx, 1 otherwise (the attempt line says what happened).',
    'With --repeat, --concurrency, --delay or --probe: 1 also when any copy was not answered 2xx or the handler is not idempotent.',
    'Example: hookscope replay 01J… --repeat 5 --concurrency 5 --probe http://localhost:3000/debug/processed',
  ].join('\n'),
  async run({ values, positionals, io }) {
    const mode = values.mode === undefined ? undefined : oneOf('--mode', values.mode, ['original', 'resign'] as const);
    const body = values.body === undefined ? undefined : readFileValue('--body', values.body).toString('utf8');
    const chaos = {
      ...(values.repeat !== undefined ? { repeat: intValue('--repeat', values.repeat, 1, 50) } : {}),
      ...(values.concurrency !== undefined ? { concurrency: intValue('--concurrency', values.concurrency, 1, 20) } : {}),
      ...(values.delay !== undefined ? { delayMs: intValue('--delay', values.delay, 0, 600_000) } : {}),
      ...(values.probe !== undefined ? { probe: httpUrlValue('--probe', values.probe) } : {}),
    };
    const conn = await connectInstance(values, io.env);
    const id = positionals[0];
    const delivery = await conn.api.getDelivery({ id });
    const attempt = await conn.api.replayDelivery({
      id,
      ...(mode ? { mode } : {}),
      ...(values.to !== undefined ? { target: values.to } : {}),
      ...(body !== undefined ? { body } : {}),
      ...chaos,
    });
    const ok = (a: { status: number | null }) => a.status !== null && a.status >= 200 && a.status < 300;
    const attempts = attempt.attempts ?? [attempt];
    for (const a of attempts) io.stdout.write(`${values.json ? attemptJson(id, delivery.method, a) : attemptLine(delivery.method, a)}\n`);
    if (!attempt.report) return ok(attempt) ? 0 : 1;
    const report = attempt.report;
    io.stdout.write(values.json ? `${reportJson(id, report)}\n` : reportLines(report).map((line) => `${line}\n`).join(''));
    return attempts.every(ok) && report.verdict !== 'not_idempotent' ? 0 : 1;
  },
});
