/** Test data and a scriptable fake of the API for the renderer's stores. */
import type { DeliveryPage, DeliverySummary, HookscopeApi, ListDeliveriesArgs } from '../../shared/api';
import type { ClientEvent, ClientListener, HookscopeClient } from '../../renderer/src/client/types';
import type { CheckId, Outcome } from '../../shared/checks';

let counter = 0;

export function delivery(overrides: Partial<DeliverySummary> & { at?: number } = {}): DeliverySummary {
  counter++;
  const at = overrides.at ?? Date.UTC(2026, 0, 1, 12, 0, 0) + counter * 1000;
  const { at: _at, ...rest } = overrides;
  return {
    id: `d${String(counter).padStart(6, '0')}`,
    sourceId: 'blackbox',
    receivedAt: new Date(at).toISOString(),
    method: 'POST',
    path: '/hooks/blackbox',
    eventType: 'call.completed',
    verdict: 'verified',
    status: 200,
    checks: [
      { id: 'transport', outcome: 'warn', code: 'plain_http' },
      { id: 'signature', outcome: 'pass', code: 'ok' },
      { id: 'timestamp', outcome: 'pass', code: 'ok' },
    ],
    duplicateOf: null,
    forward: null,
    size: 120,
    clientIp: '127.0.0.1',
    ...rest,
  };
}

export function failing(check: CheckId, code: string, overrides: Partial<DeliverySummary> & { at?: number } = {}): DeliverySummary {
  const outcome: Outcome = 'fail';
  return delivery({ verdict: 'rejected', status: 401, checks: [{ id: check, outcome, code }], ...overrides });
}

/** A deferred promise: the test decides when an API call answers. */
export function deferred<T>(): { promise: Promise<T>; resolve(value: T): void; reject(error: unknown): void } {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

export interface ListCall {
  args: ListDeliveriesArgs;
  answer: ReturnType<typeof deferred<DeliveryPage>>;
}

/** listDeliveries that records every call and answers when told to. */
export function scriptedList(): { calls: ListCall[]; listDeliveries(args: ListDeliveriesArgs): Promise<DeliveryPage> } {
  const calls: ListCall[] = [];
  return {
    calls,
    listDeliveries(args) {
      const answer = deferred<DeliveryPage>();
      calls.push({ args, answer });
      return answer.promise;
    },
  };
}

/**
 * A server in memory: `stored` oldest first; answers with the snapshot (`top` = how many were stored),
 * the total and offset pages like the real one. The query is recorded, not applied (the server filters).
 */
export function memoryServer(stored: DeliverySummary[]): { stored: DeliverySummary[]; calls: ListDeliveriesArgs[]; listDeliveries(args: ListDeliveriesArgs): Promise<DeliveryPage> } {
  const calls: ListDeliveriesArgs[] = [];
  return {
    stored,
    calls,
    async listDeliveries(args) {
      calls.push(args);
      const top = args.asOf ? Number(args.asOf.slice(1)) : stored.length;
      const newestFirst = stored.slice(0, top).reverse();
      const offset = args.offset ?? 0;
      const limit = args.limit ?? 50;
      const items = newestFirst.slice(offset, offset + limit);
      const page: DeliveryPage = { items, total: newestFirst.length, top: `s${top}` };
      if (offset + limit < newestFirst.length) page.next = `c${offset + limit}`;
      return page;
    },
  };
}

export const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Lets promises settle until `done` holds (at most `max` event-loop turns). */
export async function until(done: () => boolean, max = 100): Promise<void> {
  for (let i = 0; i < max && !done(); i++) await tick();
}

/** a client over the given methods, whose events a test pushes with emit() */
export function pushClient(api: Partial<HookscopeApi>): { client: HookscopeClient; emit(event: ClientEvent): void } {
  const listeners = new Set<ClientListener>();
  const client = {
    ...api,
    subscribe(listener: ClientListener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  } as HookscopeClient;
  return { client, emit: (event) => listeners.forEach((l) => l(event)) };
}
