/** Where headless mode keeps its data. Its own small module: the CLI's option parsing needs it without loading the core. */
import { homedir } from 'node:os';
import { join } from 'node:path';

export function defaultDataDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.HOOKSCOPE_DATA_DIR || join(homedir(), '.hookscope');
}
