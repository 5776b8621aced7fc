/**
 * Live lines from an instance's events (shared by `listen` and `tail`): each new delivery that matches
 * the query, then each forward or replay attempt recorded for it. Events are handled one at a time, so a
 * delivery's line always comes before its attempts'.
 */
import type { DeliverySummary, HookscopeEvent } from '../../../../shared/api';
import { type DeliveryQuery, matchesFields } from '../../../../shared/delivery-query';
import type { ApiConnection, Subscription } from '../api-client';
import { attemptJson, attemptLine, deliveryJson, deliveryLine } from './format-lines';

export interface FollowOptions {
  query: DeliveryQuery;
  json: boolean;
  write(line: string): void;
  /** a failed lookup (the instance went away): reported once per event, the stream goes on */
  warn(message: string): void;
  /** attempts recorded before this (epoch ms) are history, not news */
  since: number;
}

export async function followDeliveries(conn: ApiConnection, opts: FollowOptions): Promise<Subscription> {
  const shownAttempts = new Map<string, Set<string>>();
  const ignored = new Set<string>();
  let queue = Promise.resolve();

  async function matches(item: DeliverySummary): Promise<boolean> {
    if (!matchesFields(opts.query, item)) return false;
    if (opts.query.q === undefined) return true;
    const page = await conn.api.listDeliveries({ ...opts.query, limit: 100 });
    return page.items.some((d) => d.id === item.id);
  }

  async function onAdded(item: DeliverySummary): Promise<void> {
    if (shownAttempts.has(item.id) || ignored.has(item.id)) return;
    if (!(await matches(item))) {
      ignored.add(item.id);
      return;
    }
    shownAttempts.set(item.id, new Set());
    opts.write(opts.json ? deliveryJson(item) : deliveryLine(item));
  }

  async function onUpdated(item: DeliverySummary): Promise<void> {
    if (ignored.has(item.id)) return;
    if (!shownAttempts.has(item.id)) {
      // a delivery from before we started: its new attempts are news, the delivery itself is not
      if (!(await matches(item))) {
        ignored.add(item.id);
        return;
      }
      shownAttempts.set(item.id, new Set());
    }
    const shown = shownAttempts.get(item.id) as Set<string>;
    const detail = await conn.api.getDelivery({ id: item.id });
    const fresh = detail.attempts
      .filter((a) => !shown.has(a.id) && Date.parse(a.at) >= opts.since)
      .sort((a, b) => a.at.localeCompare(b.at));
    for (const attempt of fresh) {
      shown.add(attempt.id);
      opts.write(opts.json ? attemptJson(item.id, detail.method, attempt) : attemptLine(detail.method, attempt));
    }
  }

  function handle(event: HookscopeEvent): void {
    queue = queue
      .then(async () => {
        if (event.type === 'deliveriesAdded') {
          for (const item of (event as HookscopeEvent<'deliveriesAdded'>).payload.items) await onAdded(item);
        } else if (event.type === 'deliveryUpdated') {
          await onUpdated((event as HookscopeEvent<'deliveryUpdated'>).payload.item);
        }
      })
      .catch((error: Error) => opts.warn(error.message));
  }

  return conn.subscribe(handle);
}
