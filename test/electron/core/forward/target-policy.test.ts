import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { checkTarget, displayTarget, isLoopbackAddress, type LookupFn } from '../../../../electron/core/forward/target-policy';
import { HookscopeError } from '../../../../shared/result';

function lookupOf(table: Record<string, string[]>): LookupFn & { calls: string[] } {
  const calls: string[] = [];
  const fn = async (host: string) => {
    calls.push(host);
    const list = table[host];
    if (!list) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: 'ENOTFOUND' });
    return list.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
  };
  return Object.assign(fn, { calls });
}

const strict = (lookup: LookupFn) => ({ allowRemoteTargets: false, lookup });

async function refusal(p: Promise<unknown>): Promise<HookscopeError> {
  try {
    await p;
  } catch (error) {
    assert.ok(error instanceof HookscopeError, `expected a HookscopeError, got ${String(error)}`);
    return error;
  }
  assert.fail('expected a refusal');
}

describe('isLoopbackAddress', () => {
  test('accepts 127.0.0.0/8, ::1 and ::ffff:127.x only', () => {
    for (const a of ['127.0.0.1', '127.255.0.9', '::1', '::ffff:127.0.0.1', '0:0:0:0:0:0:0:1']) assert.equal(isLoopbackAddress(a), true, a);
    for (const a of ['0.0.0.0', '::', '10.0.0.1', '192.168.1.1', '93.184.216.34', '::ffff:10.0.0.1', 'fe80::1', 'localhost', '']) {
      assert.equal(isLoopbackAddress(a), false, a);
    }
  });
});

describe('checkTarget', () => {
  test('localhost is resolved and the first loopback address is pinned', async () => {
    const lookup = lookupOf({ localhost: ['127.0.0.1', '::1'] });
    const t = await checkTarget('http://localhost:3000/webhooks?x=1', strict(lookup));
    assert.equal(t.address, '127.0.0.1');
    assert.equal(t.family, 4);
    assert.equal(t.loopback, true);
    assert.equal(t.url.host, 'localhost:3000');
    assert.deepEqual(lookup.calls, ['localhost']);
  });

  test('IP literals are checked without a lookup', async () => {
    const lookup = lookupOf({});
    const v6 = await checkTarget('http://[::1]:8080/', strict(lookup));
    assert.equal(v6.address, '::1');
    assert.equal(v6.family, 6);
    const mapped = await checkTarget('http://[::ffff:127.0.0.1]/', strict(lookup));
    assert.equal(mapped.loopback, true);
    assert.deepEqual(lookup.calls, []);
  });

  test('a private IP is refused with target_not_allowed and the address in the message', async () => {
    const e = await refusal(checkTarget('http://10.0.0.1/', strict(lookupOf({}))));
    assert.equal(e.code, 'target_not_allowed');
    assert.match(e.message, /^Replay target 10\.0\.0\.1 resolves to 10\.0\.0\.1, which is not loopback: .*replay\.allowRemoteTargets/);
  });

  test('a name that resolves to a public address is refused after resolution', async () => {
    const lookup = lookupOf({ 'dev.example.com': ['93.184.216.34'] });
    const e = await refusal(checkTarget('https://dev.example.com/hook', strict(lookup)));
    assert.equal(e.code, 'target_not_allowed');
    assert.match(e.message, /dev\.example\.com resolves to 93\.184\.216\.34, which is not loopback/);
    assert.deepEqual(lookup.calls, ['dev.example.com']);
  });

  test('every resolved address must be loopback (a rebinding name with one public address is refused)', async () => {
    const e = await refusal(checkTarget('http://mixed.test/', strict(lookupOf({ 'mixed.test': ['127.0.0.1', '93.184.216.34'] }))));
    assert.equal(e.code, 'target_not_allowed');
    assert.match(e.message, /93\.184\.216\.34/);
  });

  test('an unresolvable name is refused', async () => {
    const e = await refusal(checkTarget('http://example.invalid/', strict(lookupOf({}))));
    assert.equal(e.code, 'target_not_allowed');
    assert.match(e.message, /example\.invalid does not resolve to any address \(ENOTFOUND\)/);
  });

  test('0.0.0.0 is not loopback', async () => {
    assert.equal((await refusal(checkTarget('http://0.0.0.0:3000/', strict(lookupOf({}))))).code, 'target_not_allowed');
  });

  test('bad URLs and schemes are invalid_argument naming the field', async () => {
    for (const bad of ['not a url', '/relative/path', 'ftp://localhost/x', 'file:///etc/passwd', 'javascript:alert(1)']) {
      const e = await refusal(checkTarget(bad, strict(lookupOf({ localhost: ['127.0.0.1'] }))));
      assert.equal(e.code, 'invalid_argument', bad);
      assert.match(e.message, /^target: /);
    }
  });

  test('allowRemoteTargets lets a public address through, marked not loopback', async () => {
    const t = await checkTarget('http://dev.example.com/', { allowRemoteTargets: true, lookup: lookupOf({ 'dev.example.com': ['93.184.216.34'] }) });
    assert.equal(t.address, '93.184.216.34');
    assert.equal(t.loopback, false);
  });
});

test('displayTarget hides userinfo and query values', () => {
  assert.equal(displayTarget(new URL('http://u:p@localhost:3000/a/b?token=s3cret')), 'http://localhost:3000/a/b?…');
  assert.equal(displayTarget(new URL('http://localhost:3000/a')), 'http://localhost:3000/a');
});
