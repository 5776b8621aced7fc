/**
 * `hookscope mcp`: a Model Context Protocol server on stdio for coding agents, bridging to a running
 * instance through its local API. stdout is the protocol channel: nothing else is written there.
 */
import { readVersion } from '../../version';
import { defineCommand } from '../command';
import { INSTANCE_OPTIONS } from '../instance-options';
import { lazyInstance } from '../mcp/lazy-instance';

export const mcpCommand = defineCommand({
  name: 'mcp',
  summary: 'Serve the Model Context Protocol on stdio for coding agents (tools over a running Hookscope).',
  positionals: [],
  options: {
    ...INSTANCE_OPTIONS,
    'allow-raw': { type: 'boolean', description: 'let get_delivery return raw (unredacted) bodies; off by default' },
  },
  details: 'Tools: list_sources, list_deliveries, get_delivery, explain_delivery, replay_delivery, send_test_event.\nThe instance is looked up on each call until one answers, so the agent may start before Hookscope.',
  async run({ values, io }) {
    // the SDK loads when the command runs, so `hookscope --help` and the other commands stay light
    const [{ McpServer }, { StdioServerTransport }, { registerTools }] = await Promise.all([
      import('@modelcontextprotocol/sdk/server/mcp.js'),
      import('@modelcontextprotocol/sdk/server/stdio.js'),
      import('../mcp/tools'),
    ]);
    const server = new McpServer({ name: 'hookscope', version: readVersion() });
    registerTools(server, lazyInstance(values, io.env), { allowRaw: values['allow-raw'] === true });
    const transport = new StdioServerTransport();
    const closed = new Promise<void>((resolve) => (transport.onclose = () => resolve()));
    await server.connect(transport);
    process.stdin.once('end', () => void server.close());
    io.stderr.write(`Hookscope MCP server on stdio${values['allow-raw'] ? ' (raw bodies allowed)' : ''}\n`);
    await Promise.race([closed, io.stopSignal]);
    await server.close();
    return 0;
  },
});
