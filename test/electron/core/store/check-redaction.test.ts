import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CheckResult } from '../../../../shared/checks';
import { delivery, openStore, tempDir } from './helpers';

const PHONE = '+1 (415) 555-0100';
const EMAIL = 'alice.smith@example.com';
const CARD = '4242 4242 4242 4242';
const TRANSCRIPT = 'please cancel my Tuesday appointment';

/** a check whose evidence quotes personal data in its summary, detail and diagnosis */
const leaky: CheckResult = {
  id: 'signature',
  outcome: 'fail',
  code: 'no_matching_signature',
  summary: `No signature matched for ${EMAIL} (callback ${PHONE}).`,
  detail: {
    excerpt: `card ${CARD}`,
    phoneNumber: 'not even a number',
    nested: [{ transcript: TRANSCRIPT }, { email: EMAIL }],
  },
  diagnosis: [{ code: 'reserialized_json', summary: `The body held ${PHONE}, ${EMAIL} and ${CARD}.` }],
};

describe('check results are stored redacted', () => {
  test('phone, e-mail, card and configured keys in summary, detail and diagnosis are masked', async () => {
    const { dir, cleanup } = tempDir();
    try {
      const store = openStore(dir);
      const d = delivery({ checks: [leaky, leaky], verdict: 'rejected', status: 401 });
      await store.add(d);
      const stored = store.get(d.id)!.checks;
      await store.close();
      for (const c of stored) {
        const text = JSON.stringify(c);
        for (const needle of [PHONE, EMAIL, CARD, TRANSCRIPT, '555-0100', 'alice.smith', '4242 4242']) assert.ok(!text.includes(needle), `${needle} in ${text}`);
        assert.match(c.summary, /«email @example\.com»/);
        assert.match(c.summary, /«phone …00»/);
        assert.equal(c.detail.excerpt, 'card «card …4242»');
        assert.equal(c.detail.phoneNumber, '«redacted phoneNumber»');
        assert.deepEqual(c.detail.nested, [{ transcript: '«redacted transcript»' }, { email: '«email @example.com»' }]);
        assert.match(c.diagnosis[0].summary, /«phone …00», «email @example\.com» and «card …4242»/);
        // what the API returns is otherwise unchanged
        assert.equal(c.id, 'signature');
        assert.equal(c.code, 'no_matching_signature');
      }
      // and nothing of it reached the database files in plain text
      const files = readdirSync(dir).filter((n) => n.includes('.db'));
      assert.ok(files.length > 0);
      for (const f of files) {
        const bytes = readFileSync(join(dir, f)).toString('latin1');
        for (const needle of [EMAIL, TRANSCRIPT]) assert.ok(!bytes.includes(needle), `${needle} in ${f}`);
      }
    } finally {
      cleanup();
    }
  });
});
