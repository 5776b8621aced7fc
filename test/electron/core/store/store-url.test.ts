import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseConfig } from '../../../../shared/config';
import { chooseStore } from '../../../../electron/core/store/store-url';

test('the embedded SQLite store unless --store or store.url says PostgreSQL; --store wins', () => {
  assert.deepEqual(chooseStore(null, null, {}), { engine: 'sqlite' });
  assert.deepEqual(chooseStore(null, 'env:DATABASE_URL', { DATABASE_URL: 'postgres://u:p@db:5432/h' }), { engine: 'postgres', url: 'postgres://u:p@db:5432/h' });
  assert.deepEqual(chooseStore('postgresql://a@b/c', 'env:DATABASE_URL', { DATABASE_URL: 'postgres://u:p@db/h' }), { engine: 'postgres', url: 'postgresql://a@b/c' });
});

test('a missing or wrong store URL is refused naming the field, never echoing the value', () => {
  assert.throws(() => chooseStore(null, 'env:DATABASE_URL', {}), /store\.url: the environment variable DATABASE_URL is not set/);
  assert.throws(() => chooseStore(null, 'env:DB', { DB: 'mysql://u:hunter2@x/y' }), (e: Error) => /store\.url: DB must hold a postgres/.test(e.message) && !e.message.includes('hunter2'));
  assert.throws(() => chooseStore('mysql://u:hunter2@x/y', null, {}), (e: Error) => /^--store: must be a postgres/.test(e.message) && !e.message.includes('hunter2'));
});

test('the config accepts store.url only as env:NAME (a URL holds a password: never in a config file)', () => {
  const ok = parseConfig({ store: { url: 'env:DATABASE_URL' } });
  assert.equal(ok.ok && ok.config.store.url, 'env:DATABASE_URL');
  const dflt = parseConfig({});
  assert.equal(dflt.ok && dflt.config.store.url, null);
  const literal = parseConfig({ store: { url: 'postgres://u:hunter2@db/h' } });
  assert.equal(literal.ok, false);
  const issue = !literal.ok ? literal.issues[0] : null;
  assert.equal(issue?.field, 'store.url');
  assert.match(issue!.message, /env:NAME.*--store postgres/);
  assert.ok(!JSON.stringify(literal).includes('hunter2'));
});
