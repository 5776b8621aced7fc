/**
 * Who is making the current API call, carried through async work without threading it through every
 * function: the dispatcher runs a handler "as" a person, and the audit log reads the name here.
 * null = the instance's own token (the desktop user, or the headless owner).
 */
import { AsyncLocalStorage } from 'node:async_hooks';

const current = new AsyncLocalStorage<string | null>();

export function runAsActor<T>(actor: string | null, work: () => T): T {
  return current.run(actor, work);
}

export function currentActor(): string | null {
  return current.getStore() ?? null;
}
