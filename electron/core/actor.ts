/**
 * Who is making the current API call, carried through async work without threading it through every
 * function: the dispatcher runs a handler "as" a person, and the audit log reads the name here.
 * null = the instance's own token (the desktop user, or the headless owner).
 */
import { AsyncLocalStorage } from 'node:async_hooks';

export interface Actor {
  name: string | null;
  role: 'viewer' | 'member' | 'admin';
}

const current = new AsyncLocalStorage<Actor>();

export function runAsActor<T>(actor: Actor, work: () => T): T {
  return current.run(actor, work);
}

export function currentActor(): string | null {
  return current.getStore()?.name ?? null;
}

/** the caller's role; outside a call (the instance itself): admin */
export function currentRole(): Actor['role'] {
  return current.getStore()?.role ?? 'admin';
}
