import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { describeAuthTokens } from '../../../../electron/core/readiness/auth-token-infos';
import { createFingerprinter } from '../../../../electron/core/store/key-ring';

const STRONG = 'f3a9c1e07b5d42a8e6c0b9d1f7a3e5c2';
const SHORT = 'short-token';
// no data key in a pure unit test: an explicit keyed fingerprinter
const fp = createFingerprinter(Buffer.alloc(32, 9));

describe('describeAuthTokens', () => {
  it('describes each ref from the environment when it is given', () => {
    const infos = describeAuthTokens(['env:TOKEN', 'env:MISSING', SHORT], [], fp, { TOKEN: STRONG });
    assert.deepEqual(infos.map((i) => [i.ref, i.kind, i.resolved, i.strength]), [
      ['env:TOKEN', 'env', true, 'strong'],
      ['env:MISSING', 'env', false, null],
      [infos[2].ref, 'literal', true, 'weak'],
    ]);
    assert.match(infos[1].problem ?? '', /MISSING is not set/);
    assert.match(infos[2].ref, /^fp:[0-9a-f]{8}$/);
    assert.ok(!JSON.stringify(infos).includes(STRONG) && !JSON.stringify(infos).includes(SHORT), 'never the values');
  });

  it("matches the chain's resolved values to the refs in order without the environment", () => {
    const infos = describeAuthTokens(['env:A', SHORT, 'env:B'], [STRONG, SHORT, SHORT + SHORT + SHORT], fp);
    assert.deepEqual(infos.map((i) => [i.resolved, i.strength]), [
      [true, 'strong'],
      [true, 'weak'],
      [true, 'fair'],
    ]);
  });

  it('marks env refs unresolved when the chain has fewer values', () => {
    const infos = describeAuthTokens(['env:A', SHORT], [SHORT], fp);
    assert.deepEqual(infos.map((i) => i.resolved), [false, true]);
    assert.match(infos[0].problem ?? '', /Environment variable A is not set/);
  });
});
