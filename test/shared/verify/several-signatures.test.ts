/** Issue 13: a signature header sent more than once passes when any copy verifies with a current secret; evidence lists each copy. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import type { CheckResult } from '../../../shared/checks';
import { runChain } from '../../../shared/verify/chain';
import { T0, enc, makePorts, makeRequest, makeSource, type SecretSpec } from './fixtures';

const CURRENT = 'current-secret';
const body = JSON.stringify({ event: 'CompletedWebHookPayload', eventId: 'evt_1', timestamp: new Date(T0).toISOString(), data: { callId: 'c1', agentId: 'a1' } });
const mac = (secret: string) => createHmac('sha256', secret).update(body).digest('hex');

function check(signatures: string[], secrets: SecretSpec[] = [CURRENT]) {
  const out = runChain(
    makeRequest({ body: enc(body), rawHeaders: [['Content-Type', 'application/json'], ...signatures.map((s): [string, string] => ['X-BlackBox-Signature', s])] }),
    makeSource('blackbox', { secrets }),
    makePorts(),
  );
  return { out, signature: out.checks.find((c) => c.id === 'signature') as CheckResult };
}

test('one valid and one invalid copy pass in either order; each copy is in the evidence', () => {
  for (const order of [[mac(CURRENT), mac('other')], [mac('other'), mac(CURRENT)]]) {
    const { out, signature } = check(order);
    assert.equal(signature.outcome, 'pass');
    assert.equal(out.status, 200);
    const validAt = order.indexOf(mac(CURRENT)) + 1;
    assert.equal(signature.detail.headerCopies, 2);
    assert.deepEqual(signature.detail.headers, [1, 2].map((copy) => ({ copy, outcome: copy === validAt ? 'pass' : 'fail', code: copy === validAt ? 'ok' : 'no_matching_signature' })));
    assert.match(signature.summary, new RegExp(`sent 2 times and copy ${validAt} decided`));
  }
});

test('a copy that matches only a retired secret does not pass; a current copy beside it does', () => {
  const secrets: SecretSpec[] = [CURRENT, { value: 'old', label: 'old', retiresAt: T0 - 1000 }];
  assert.equal(check([mac('old')], secrets).signature.code, 'retired_secret');
  const both = check([mac('old'), mac(CURRENT)], secrets).signature;
  assert.equal(both.outcome, 'pass');
  assert.deepEqual((both.detail.headers as Array<{ code: string }>).map((h) => h.code), ['retired_secret', 'ok']);
});

test('no valid copy: rejected with the first failure and every copy listed; malformed copies say so', () => {
  const { out, signature } = check(['zz', mac('other')]);
  assert.equal(out.status, 401);
  assert.equal(signature.outcome, 'fail');
  assert.deepEqual((signature.detail.headers as Array<{ code: string }>).map((h) => h.code), ['malformed_signature', 'no_matching_signature']);
  assert.match(signature.summary, /none of them verifies/);
  assert.ok(!JSON.stringify(signature).includes(CURRENT), 'no secret in the evidence');
});

test('copies beyond eight are counted, not verified', () => {
  const { signature } = check([...Array.from({ length: 10 }, () => mac('other')), mac(CURRENT)]);
  assert.equal(signature.outcome, 'fail');
  assert.equal((signature.detail.headers as unknown[]).length, 8);
  assert.equal(signature.detail.uncheckedCopies, 3);
});
