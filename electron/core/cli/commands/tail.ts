/** `hookscope tail`: live lines from a running instance, in the format of `listen`. */
import { defineCommand } from '../command';
import { CliError } from '../errors';
import { INSTANCE_OPTIONS, connectInstance } from '../instance-options';
import { followDeliveries } from '../live/follow-deliveries';
import { QUERY_OPTION, queryValue } from '../query-flag';

export const tailCommand = defineCommand({
  name: 'tail',
  summary: 'Print each new delivery and forward/replay attempt of a running Hookscope, live.',
  positionals: [],
  options: {
    ...INSTANCE_OPTIONS,
    query: QUERY_OPTION,
    json: { type: 'boolean', description: 'NDJSON: one object per line, kind "delivery" or "attempt"' },
  },
  details: 'Lines:  time --> source event-type [id] verdict (failing check)\n        time <-- [status] METHOD url  N ms',
  async run({ values, io }) {
    const query = queryValue(values.query);
    const conn = await connectInstance(values, io.env);
    const subscription = await followDeliveries(conn, {
      query,
      json: values.json === true,
      since: Date.now(),
      write: (line) => io.stdout.write(`${line}\n`),
      warn: (message) => io.stderr.write(`hookscope: ${message}\n`),
    });
    io.stderr.write(`Tailing ${conn.ui} (Ctrl-C to stop)\n`);
    const how = await Promise.race([io.stopSignal, subscription.ended.then(() => 'ended' as const)]);
    subscription.close();
    if (how === 'ended') throw new CliError(`Hookscope at ${conn.ui} stopped: the live stream ended`);
    return 0;
  },
});
