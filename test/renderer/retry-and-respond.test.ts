import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseConfig, type RespondConfig } from '../../shared/config';
import { ordinal, retryLabel } from '../../renderer/src/lib/retry-label';
import { respondDraftFrom, respondFromDraft } from '../../renderer/src/lib/respond-draft';

test('retry labels: "3rd arrival of evt_…, +62 s after the 2nd"', () => {
  assert.deepEqual([1, 2, 3, 4, 11, 12, 13, 21, 22, 101].map(ordinal), ['1st', '2nd', '3rd', '4th', '11th', '12th', '13th', '21st', '22nd', '101st']);
  assert.equal(retryLabel({ n: 3, of: 3, firstId: 'd1', eventKey: 'evt_1NqLongStripeId0001', sincePreviousMs: 62_000 }), '3rd arrival of evt_1NqLongStr…, +62 s after the 2nd');
  assert.equal(retryLabel({ n: 1, of: 4, firstId: 'd1', eventKey: 'evt_short', sincePreviousMs: null }), '1st of 4 arrivals of evt_short');
  assert.equal(retryLabel({ n: 2, of: 2, firstId: 'd1', eventKey: null, sincePreviousMs: 3_600_000 }), '2nd arrival of this event, +60 min after the 1st');
});

test('the respond draft round-trips every mode through the config schema', () => {
  const configs: RespondConfig[] = [
    { mode: 'ack' },
    { mode: 'relay', timeoutMs: 2500 },
    { mode: 'status', status: 503, delayMs: 100 },
    { mode: 'sequence', statuses: [500, 500, 200] },
    { mode: 'timeout', delayMs: 31000 },
  ];
  for (const respond of configs) {
    const back = respondFromDraft(respondDraftFrom(respond));
    const parsed = parseConfig({ sources: [{ id: 'a', provider: 'stripe', forward: { url: 'http://localhost:3000/x' }, respond: back }] });
    assert.ok(parsed.ok, JSON.stringify(back));
    assert.deepEqual(parsed.config.sources[0].respond, respond);
  }
  // typed text the server must refuse keeps its shape, so the message names the field
  const typo = respondFromDraft({ ...respondDraftFrom(undefined), mode: 'sequence', statuses: '500, x' });
  const refused = parseConfig({ sources: [{ id: 'a', provider: 'stripe', respond: typo }] });
  assert.ok(!refused.ok);
  assert.equal(refused.issues[0].field, 'sources[0].respond.statuses[1]');
});
