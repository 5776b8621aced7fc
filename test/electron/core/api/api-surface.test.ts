/** The contract's surface: every method of docs/api.md "Local API" is served over HTTP by the real core and validates its argument. */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { API_METHODS } from '../../../../shared/api-methods';
import { apiArgSchemas } from '../../../../shared/api-schemas';
import { startFixture, type Fixture } from '../../../helpers/serve-fixture';

let fx: Fixture;
before(async () => {
  fx = await startFixture({ sources: [{ id: 'gh', provider: 'github', secrets: ['env:GH'] }] }, { GH: 'github-secret-0123456789abcdef' });
});
after(() => fx.close());

test('every contract method has an argument schema', () => {
  assert.deepEqual(Object.keys(apiArgSchemas).sort(), [...API_METHODS].sort());
});

test('every method is registered: an unknown field is invalid_argument naming it, never unknown_method', async () => {
  for (const method of API_METHODS) {
    const r = await fx.rawApi(method, { notAField: 1 });
    assert.equal(r.ok, false, method);
    assert.equal(r.error?.code, 'invalid_argument', `${method}: ${r.error?.code} ${r.error?.message}`);
    assert.match(r.error?.message ?? '', /^args/, method);
  }
});

test('the read-only methods answer with the documented shapes', async () => {
  const status = await fx.api('getStatus', {});
  assert.equal(status.sources[0].localUrl, `${fx.receiver}/hooks/gh`);
  assert.equal(status.tunnel.state, 'off');
  assert.deepEqual(await fx.api('listDeliveries', {}), { items: [], total: 0, top: 's0' });
  assert.equal((await fx.api('listPresets', {})).items.length, 11);
  assert.ok(Array.isArray((await fx.api('getReadiness', { sourceId: 'gh' })).items));
  assert.deepEqual((await fx.api('getSecurity', {})).alerts, []);
  const nf = await fx.rawApi('getDelivery', { id: 'nope' });
  assert.equal(nf.error?.code, 'not_found');
});
