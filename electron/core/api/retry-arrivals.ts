/**
 * Retry chains for the API: each listed delivery learns its place among the arrivals of its provider
 * event id ("3rd arrival of evt_…, +62 s after the 2nd"), and a detail gets the whole chain for the
 * timeline. One indexed query per page (store.retryChains).
 */
import type { DeliveryDetail, DeliverySummary, RetryArrival, RetryChainEntry } from '../../../shared/api';
import type { ChainMember, DeliveryStore } from '../store/types';

type ChainReader = Pick<DeliveryStore, 'retryChains'>;

async function chainsOf(store: ChainReader, firstIds: string[]): Promise<Map<string, ChainMember[]>> {
  const chains = new Map<string, ChainMember[]>();
  for (const m of await store.retryChains(firstIds)) {
    const chain = chains.get(m.firstId);
    if (chain) chain.push(m);
    else chains.set(m.firstId, [m]);
  }
  return chains;
}

function arrival(chain: ChainMember[] | undefined, id: string): RetryArrival | null {
  if (!chain || chain.length < 2) return null;
  const i = chain.findIndex((m) => m.id === id);
  if (i < 0) return null;
  const first = chain[0];
  return {
    n: i + 1,
    of: chain.length,
    firstId: first.firstId,
    eventKey: chain.find((m) => m.eventKey !== null)?.eventKey ?? null,
    sincePreviousMs: i === 0 ? null : chain[i].receivedAt - chain[i - 1].receivedAt,
  };
}

/** The items with `retry` set where their event id arrived more than once. */
export async function withArrivals<T extends DeliverySummary>(store: ChainReader, items: T[]): Promise<T[]> {
  // only a delivery that is a duplicate, or could be the first of one, can be in a chain
  const firsts = items.filter((i) => i.duplicateOf !== null || i.verdict === 'verified').map((i) => i.duplicateOf ?? i.id);
  if (firsts.length === 0) return items;
  const chains = await chainsOf(store, firsts);
  if (chains.size === 0) return items;
  return items.map((item) => {
    const retry = arrival(chains.get(item.duplicateOf ?? item.id), item.id);
    return retry ? { ...item, retry } : item;
  });
}

/** A detail with `retry` and the whole chain (oldest first) when its event id arrived more than once. */
export async function withRetryChain(store: ChainReader, detail: DeliveryDetail): Promise<DeliveryDetail> {
  const firstId = detail.duplicateOf ?? detail.id;
  const chain = (await chainsOf(store, [firstId])).get(firstId);
  const retry = arrival(chain, detail.id);
  if (!chain || !retry) return detail;
  const retryChain: RetryChainEntry[] = chain.map((m) => ({ id: m.id, receivedAt: new Date(m.receivedAt).toISOString(), status: m.status }));
  return { ...detail, retry, retryChain };
}
