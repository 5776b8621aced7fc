import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { allowlistCovers, openEntries } from '../../../../electron/core/readiness/ip-ranges';

describe('allowlistCovers', () => {
  it('matches an address or a range inside an entry', () => {
    assert.equal(allowlistCovers(['52.202.195.162/32'], '52.202.195.162/32'), true);
    assert.equal(allowlistCovers(['52.202.195.162'], '52.202.195.162/32'), true);
    assert.equal(allowlistCovers(['52.202.0.0/16'], '52.202.195.162'), true);
    assert.equal(allowlistCovers(['52.202.0.0/24'], '52.202.0.0/16'), false, 'a narrower entry does not cover a wider range');
    assert.equal(allowlistCovers(['52.202.195.163/32'], '52.202.195.162/32'), false);
  });

  it('treats ::ffff:-mapped entries as IPv4 and keeps IPv6 apart', () => {
    assert.equal(allowlistCovers(['::ffff:3.218.180.13'], '3.218.180.13/32'), true);
    assert.equal(allowlistCovers(['::ffff:3.218.180.0/120'], '3.218.180.13'), true);
    assert.equal(allowlistCovers(['2001:db8::/32'], '2001:db8::1'), true);
    assert.equal(allowlistCovers(['2001:db8::/32'], '3.218.180.13'), false);
  });

  it('ignores unparseable entries and targets', () => {
    assert.equal(allowlistCovers(['not-an-ip', '10.0.0.0/8'], '10.1.2.3'), true);
    assert.equal(allowlistCovers(['10.0.0.0/8'], 'nope'), false);
  });
});

describe('openEntries', () => {
  it('finds entries that admit every address', () => {
    assert.deepEqual(openEntries(['0.0.0.0/0', '10.0.0.0/8', '::/0']), ['0.0.0.0/0', '::/0']);
    assert.deepEqual(openEntries(['10.0.0.0/8']), []);
  });
});
