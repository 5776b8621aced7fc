/** The timeline follows the list: a new query reloads at once with that query; live arrivals reload at most once per interval. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { TimelineArgs, TimelineValue } from '../../shared/api';
import { createDeliveriesStore } from '../../renderer/src/stores/deliveries-store';
import { createTimelineStore, followDeliveries } from '../../renderer/src/stores/timeline-store';
import { delivery, memoryServer, until } from './fixtures';

const EMPTY: TimelineValue = { from: null, to: null, bucketMs: 1000, buckets: [], total: 0 };

test('a query change reloads the timeline with it; arrivals while live reload once per interval', async () => {
  const server = memoryServer([delivery(), delivery()]);
  const deliveries = createDeliveriesStore(server, { liveInterval: 1 });
  const asked: TimelineArgs[] = [];
  const timeline = createTimelineStore({
    getTimeline: async (args) => {
      asked.push(args);
      return { ...EMPTY, total: asked.length };
    },
  });
  const stop = followDeliveries(timeline, deliveries, { liveInterval: 500 });
  try {
    await deliveries.getState().load();
    await until(() => asked.length === 1);
    assert.deepEqual(asked[0], { maxBuckets: 60 });

    await deliveries.getState().setQuery('status:401');
    await until(() => asked.length === 2);
    assert.deepEqual(asked[1], { q: 'status:401', maxBuckets: 60 });
    await until(() => timeline.getState().query === 'status:401' && timeline.getState().value?.total === 2);

    // three arrivals in quick succession: one redraw, after the interval
    for (let i = 0; i < 3; i++) {
      server.stored.push(delivery());
      deliveries.getState().receiveAdded([server.stored.at(-1)!]);
      await new Promise((r) => setTimeout(r, 5));
    }
    for (let waited = 0; asked.length < 3 && waited < 5000; waited += 20) await new Promise((r) => setTimeout(r, 20));
    await new Promise((r) => setTimeout(r, 100));
    assert.equal(asked.length, 3, `one reload for the burst, not one per arrival (${asked.length - 2})`);
    assert.deepEqual(asked[2], { q: 'status:401', maxBuckets: 60 });
  } finally {
    stop();
  }
});
