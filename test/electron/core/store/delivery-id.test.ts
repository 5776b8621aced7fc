/** Delivery ids: ULID layout, strictly increasing within one millisecond, sorted by time across them. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DELIVERY_ID_PATTERN, newDeliveryId } from '../../../../electron/core/store/delivery-id';

test('ids of one millisecond increase one by one; the time part encodes the millisecond', () => {
  const at = Date.UTC(2026, 0, 31, 12, 0, 0, 5);
  const ids = Array.from({ length: 1000 }, () => newDeliveryId(at));
  for (const id of ids) assert.match(id, DELIVERY_ID_PATTERN);
  for (let i = 1; i < ids.length; i++) assert.ok(ids[i - 1] < ids[i], `${ids[i - 1]} < ${ids[i]}`);
  assert.equal(new Set(ids.map((id) => id.slice(0, 10))).size, 1);
  let ms = 0;
  for (const c of ids[0].slice(0, 10)) ms = ms * 32 + '0123456789ABCDEFGHJKMNPQRSTVWXYZ'.indexOf(c);
  assert.equal(ms, at);
});

test('a later millisecond sorts after, with fresh random digits; an earlier one sorts before', () => {
  const a = newDeliveryId(1_000_000);
  const b = newDeliveryId(1_000_001);
  const c = newDeliveryId(1_000_001);
  const earlier = newDeliveryId(999_999);
  assert.ok(a < b && b < c, 'a later millisecond after, and the same millisecond again increments');
  assert.ok(earlier < a, 'a clock that went back sorts by the time it gives');
});
