/**
 * The one dispatcher behind both transports (Electron IPC and loopback HTTP): method name checked
 * against the contract, the caller's role checked (team mode), argument validated against its schema,
 * the handler run as the caller (the audit log names them), every answer a Result.
 */
import type { HookscopeApi } from '../../../shared/api';
import { isApiMethod } from '../../../shared/api-methods';
import { checkArgs } from '../../../shared/api-schemas';
import { err, HookscopeError, ok, type Result } from '../../../shared/result';
import { runAsActor } from '../actor';
import { OWNER, refusal, type Principal } from './roles';

/** principal: who calls (default: the instance's own token, which may call everything) */
export type Dispatch = (method: unknown, args: unknown, principal?: Principal) => Promise<Result<unknown>>;

export function createDispatcher(api: HookscopeApi, onInternalError?: (method: string, error: Error) => void): Dispatch {
  return async (method, args, principal = OWNER) => {
    if (!isApiMethod(method)) {
      return err('unknown_method', `Unknown method ${JSON.stringify(String(method)).slice(0, 80)}: see the method list in docs/api.md`);
    }
    const refused = refusal(principal, method);
    if (refused) return err(refused.code, refused.message);
    const checked = checkArgs(method, args);
    if (!checked.ok) {
      const first = checked.issues[0];
      return err('invalid_argument', `${first.field}: ${first.message}`, checked.issues);
    }
    try {
      const handler = api[method] as (a: unknown) => Promise<unknown>;
      return ok(await runAsActor(principal, () => handler.call(api, checked.value)));
    } catch (error) {
      if (error instanceof HookscopeError) return err(error.code, error.message, error.details);
      onInternalError?.(method, error as Error);
      return err('internal', `${method} failed unexpectedly; see the Hookscope log for details`);
    }
  };
}
