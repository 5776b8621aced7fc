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

describe('check results are stored as codes', () => {
  test('only id, outcome, code and numbers are kept: evidence quoting personal data never reaches a file', async () => {
    const { dir, cleanup } = tempDir();
    try {
      const store = openStore(dir);
      const d = delivery({ checks: [leaky, { ...leaky, id: 'timestamp', outcome: 'warn', code: 'clock_drift', detail: { skewSeconds: 42 } }], verdict: 'rejected', status: 401 });
      await store.add(d);
      const pending = store.get(d.id)!.checks;
      await store.flush();
      const derived = store.get(d.id)!.checks;
      await store.close();
      for (const stored of [pending, derived]) {
        assert.deepEqual(stored.map((c) => [c.id, c.outcome, c.code]), [['signature', 'fail', 'no_matching_signature'], ['timestamp', 'warn', 'clock_drift']]);
        // the prose is rebuilt on read from the code and the recorded numbers
        assert.match(stored[0].summary, /no matching signature/);
        assert.deepEqual(stored[1].detail, { skewSeconds: 42 });
        const text = JSON.stringify(stored);
        for (const needle of [PHONE, EMAIL, CARD, TRANSCRIPT, '555-0100', 'alice.smith', '4242 4242']) assert.ok(!text.includes(needle), `${needle} in ${text}`);
      }
      // and nothing of it reached the database files in plain text
      const files = readdirSync(dir).filter((n) => n.includes('.db'));
      assert.ok(files.length > 0);
      for (const f of files) {
        const bytes = readFileSync(join(dir, f)).toString('latin1');
        for (const needle of [EMAIL, TRANSCRIPT, 'callback']) assert.ok(!bytes.includes(needle), `${needle} in ${f}`);
      }
    } finally {
      cleanup();
    }
  });
});
