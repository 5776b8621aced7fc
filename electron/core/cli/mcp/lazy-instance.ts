/**
 * The MCP server starts with the agent, often before Hookscope does: it finds the instance on each call
 * until one answers, keeps it, and looks again once it stops answering.
 */
import { ApiCallError } from '../api-client';
import { type ConnectedInstance, connectInstance, type InstanceFlags } from '../instance-options';

export interface LazyInstance {
  use<T>(run: (instance: ConnectedInstance) => Promise<T>): Promise<T>;
}

export function lazyInstance(flags: InstanceFlags, env: NodeJS.ProcessEnv): LazyInstance {
  let current: ConnectedInstance | null = null;
  return {
    async use(run) {
      current ??= await connectInstance(flags, env);
      try {
        return await run(current);
      } catch (error) {
        if (error instanceof ApiCallError && (error.code === 'network' || error.code === 'unauthorized')) current = null;
        throw error;
      }
    },
  };
}
