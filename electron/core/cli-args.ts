/** Parses `hookscope serve` flags (SPEC §2); every mistake is one clear line. */
export interface ServeArgs {
  command: 'serve' | 'help' | 'version';
  config: string | null;
  dataDir: string | null;
  receiverPort: number | null;
  receiverHost: string | null;
  uiPort: number;
  uiToken: string | null;
  tunnel: boolean | null;
  json: boolean;
}

export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export const USAGE = `Usage: hookscope serve [options]

  --config FILE         load the configuration from FILE (JSON; see README)
  --data-dir DIR        where the database and key live (default ~/.hookscope)
  --receiver-port N     webhook receiver port (default from config, 8787; 0 = any free port)
  --receiver-host HOST  receiver bind address (default from config, 127.0.0.1)
  --ui-port N           local UI/API port (default 0 = any free port)
  --ui-token TOKEN      token for the UI/API (default: random)
  --tunnel, --no-tunnel open (or not) the public ngrok tunnel (default from config)
  --json                print one JSON line first: {"receiver","ui","tunnel"}
  -h, --help            show this help
  -v, --version         print the version`;

function port(flag: string, value: string | undefined): number {
  if (value === undefined || !/^\d+$/.test(value) || Number(value) > 65535) {
    throw new UsageError(`${flag} needs a port number between 0 and 65535 (0 = any free port), got ${value === undefined ? 'nothing' : JSON.stringify(value)}`);
  }
  return Number(value);
}

function value(flag: string, v: string | undefined): string {
  if (v === undefined || v.startsWith('--')) throw new UsageError(`${flag} needs a value`);
  return v;
}

export function parseServeArgs(argv: string[]): ServeArgs {
  const out: ServeArgs = {
    command: 'serve', config: null, dataDir: null, receiverPort: null, receiverHost: null,
    uiPort: 0, uiToken: null, tunnel: null, json: false,
  };
  const args = [...argv];
  const first = args[0];
  if (first === undefined || first === '-h' || first === '--help' || first === 'help') return { ...out, command: 'help' };
  if (first === '-v' || first === '--version') return { ...out, command: 'version' };
  if (first !== 'serve') throw new UsageError(`Unknown command ${JSON.stringify(first)}: the command is \`hookscope serve\` (see --help)`);
  args.shift();
  while (args.length > 0) {
    const raw = args.shift() as string;
    const [flag, inline] = raw.startsWith('--') && raw.includes('=') ? [raw.slice(0, raw.indexOf('=')), raw.slice(raw.indexOf('=') + 1)] : [raw, undefined];
    const next = () => (inline !== undefined ? inline : args.shift());
    switch (flag) {
      case '--config': out.config = value(flag, next()); break;
      case '--data-dir': out.dataDir = value(flag, next()); break;
      case '--receiver-port': out.receiverPort = port(flag, next()); break;
      case '--receiver-host': out.receiverHost = value(flag, next()); break;
      case '--ui-port': out.uiPort = port(flag, next()); break;
      case '--ui-token': {
        const t = value(flag, next());
        if (!/^[A-Za-z0-9._~-]{16,200}$/.test(t)) throw new UsageError('--ui-token must be 16–200 characters of A-Z a-z 0-9 . _ ~ -');
        out.uiToken = t;
        break;
      }
      case '--tunnel': out.tunnel = true; break;
      case '--no-tunnel': out.tunnel = false; break;
      case '--json': out.json = true; break;
      case '-h': case '--help': return { ...out, command: 'help' };
      default: throw new UsageError(`Unknown option ${JSON.stringify(flag)}: see \`hookscope serve --help\``);
    }
  }
  return out;
}
