/**
 * The one dispatcher behind both transports (Electron IPC and loopback HTTP): method name checked
 * against the contract, argument validated against its schema, every answer a Result.
 */
import type { HookscopeApi } from '../../../shared/api';
import { isApiMethod } from '../../../shared/api-methods';
import { checkArgs } from '../../../shared/api-schemas';
import { err, HookscopeError, ok, type Result } from '../../../shared/result';

export type Dispatch = (method: unknown, args: unknown) => Promise<Result<unknown>>;

export function createDispatcher(api: HookscopeApi, onInternalError?: (method: string, error: Error) => void): Dispatch {
  return async (method, args) => {
    if (!isApiMethod(method)) {
      return err('unknown_method', `Unknown method ${JSON.stringify(String(method)).slice(0, 80)}: see the method list in SPEC §11`);
    }
    const checked = checkArgs(method, args);
    if (!checked.ok) {
      const first = checked.issues[0];
      return err('invalid_argument', `${first.field}: ${first.message}`, checked.issues);
    }
    try {
      const handler = api[method] as (a: unknown) => Promise<unknown>;
      return ok(await handler.call(api, checked.value));
    } catch (error) {
      if (error instanceof HookscopeError) return err(error.code, error.message, error.details);
      onInternalError?.(method, error as Error);
      return err('internal', `${method} failed unexpectedly; see the Hookscope log for details`);
    }
  };
}
