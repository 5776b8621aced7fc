/** `hookscope export`: the matching deliveries of a running instance as HAR, curl or JSON — redacted, as the UI exports. */
import { writeFileSync } from 'node:fs';
import { defineCommand } from '../command';
import { CliError, UsageError } from '../errors';
import { intValue, oneOf } from '../flag-values';
import { INSTANCE_OPTIONS, connectInstance } from '../instance-options';
import { QUERY_OPTION, queryValue } from '../query-flag';

/** the API's limit per export call */
const MAX_EXPORT = 1000;

export const exportCommand = defineCommand({
  name: 'export',
  summary: 'Export deliveries (newest first) as HAR, curl commands or JSON, redacted as in the UI.',
  positionals: [],
  options: {
    ...INSTANCE_OPTIONS,
    query: QUERY_OPTION,
    format: { type: 'string', value: 'FORMAT', description: 'har | curl | json (required)' },
    limit: { type: 'string', value: 'N', description: `at most N deliveries, 1–${MAX_EXPORT} (default ${MAX_EXPORT})` },
    output: { type: 'string', short: 'o', value: 'FILE', description: 'write to FILE (mode 0600) instead of stdout' },
  },
  async run({ values, io }) {
    if (values.format === undefined) throw new UsageError('--format is required: har, curl or json');
    const format = oneOf('--format', values.format, ['har', 'curl', 'json'] as const);
    const limit = values.limit === undefined ? MAX_EXPORT : intValue('--limit', values.limit, 1, MAX_EXPORT);
    const query = queryValue(values.query);
    const conn = await connectInstance(values, io.env);
    const ids: string[] = [];
    let before: string | undefined;
    while (ids.length < limit) {
      const page = await conn.api.listDeliveries({ ...query, limit: Math.min(500, limit - ids.length), ...(before ? { before } : {}) });
      ids.push(...page.items.map((d) => d.id));
      if (!page.next || page.items.length === 0) break;
      before = page.next;
    }
    if (ids.length === 0) throw new CliError(values.query ? `no deliveries match --query ${JSON.stringify(values.query)}` : 'there are no deliveries to export yet');
    const { text } = await conn.api.exportDeliveries({ ids, format });
    if (values.output !== undefined) {
      writeFileSync(values.output, text, { mode: 0o600 });
      io.stderr.write(`Exported ${ids.length} deliveries to ${values.output}\n`);
    } else {
      io.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
    }
    return 0;
  },
});
