/**
 * Secret fingerprints are keyed by the data key: a fingerprint seen in the audit log, a screenshot or an
 * API answer cannot be checked offline against guessed secrets, yet stays the same across restarts with
 * the same data key (fp: refs, readiness clashes and audit entries depend on it).
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCore, type Core } from '../../../../electron/core/create-core';
import { createFingerprinter, createKeyRing } from '../../../../electron/core/store/key-ring';

const SECRET = 'hunter2-weak-secret';
const sha256Prefix = (value: string) => createHash('sha256').update(value, 'utf8').digest('hex').slice(0, 8);

describe('createFingerprinter', () => {
  test('8 lowercase hex chars, stable for one key, different under another key, not a plain sha256', () => {
    const keyA = randomBytes(32);
    const keyB = randomBytes(32);
    const a = createFingerprinter(keyA)(SECRET);
    assert.match(a, /^[0-9a-f]{8}$/);
    assert.equal(createFingerprinter(Buffer.from(keyA))(SECRET), a, 'same key, same fingerprint');
    assert.notEqual(createFingerprinter(keyB)(SECRET), a, 'another key, another fingerprint');
    assert.notEqual(a, sha256Prefix(SECRET));
    assert.notEqual(createFingerprinter(keyA)(`${SECRET}x`), a);
  });

  test("the key ring's fingerprint is the same derivation, and its output reveals no other subkey's output", () => {
    const key = randomBytes(32);
    const ring = createKeyRing(key);
    assert.equal(ring.fingerprint(SECRET), createFingerprinter(key)(SECRET));
    // the fingerprint key is its own HKDF subkey, not the blind-index or idempotency key
    assert.notEqual(ring.fingerprint(SECRET), ring.blind(SECRET).subarray(0, 4).toString('hex'));
    assert.notEqual(ring.fingerprint(SECRET), ring.idempotency('', SECRET).slice(0, 8));
  });

  test('a data key that is not 32 bytes is refused', () => {
    assert.throws(() => createFingerprinter(Buffer.alloc(16)), /32 bytes/);
  });
});

describe('fingerprints through the core', () => {
  const config = {
    sources: [
      { id: 'prod', provider: 'blackbox', environment: 'production', secrets: [SECRET] },
      { id: 'dev', provider: 'blackbox', environment: 'development', secrets: [SECRET] },
    ],
  };

  function dataDir(): string {
    const dir = mkdtempSync(join(tmpdir(), 'hookscope-fp-'));
    writeFileSync(join(dir, 'config.json'), JSON.stringify(config));
    return dir;
  }

  function open(dir: string, env: NodeJS.ProcessEnv = {}): Promise<Core> {
    return createCore({ dataDir: dir, receiverHost: '127.0.0.1', receiverPort: 0, tunnel: 'off', env, log: () => undefined });
  }

  async function listedRef(core: Core): Promise<string> {
    const view = await core.api.getConfig({});
    const ref = (view.config.sources[0].secrets as string[])[0];
    assert.match(ref, /^fp:[0-9a-f]{8}$/);
    assert.equal(view.secrets.prod[0].fingerprint, ref.slice(3));
    return ref;
  }

  test('the same secret under two data keys has two fingerprints; neither is sha256(secret)', async () => {
    const dirs = [dataDir(), dataDir()];
    try {
      const refs: string[] = [];
      for (const dir of dirs) {
        const core = await open(dir);
        try {
          refs.push(await listedRef(core));
        } finally {
          await core.dispose();
        }
      }
      assert.notEqual(refs[0], refs[1], 'each data directory has its own data.key');
      for (const ref of refs) assert.notEqual(ref, `fp:${sha256Prefix(SECRET)}`);
    } finally {
      for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
    }
  });

  test('the data key decides, not the directory: HOOKSCOPE_DATA_KEY gives the same fingerprint anywhere', async () => {
    const key = randomBytes(32).toString('base64');
    const dirs = [dataDir(), dataDir()];
    try {
      const refs: string[] = [];
      for (const dir of dirs) {
        const core = await open(dir, { HOOKSCOPE_DATA_KEY: key });
        try {
          refs.push(await listedRef(core));
        } finally {
          await core.dispose();
        }
      }
      assert.equal(refs[0], refs[1]);
      assert.equal(refs[0], `fp:${createFingerprinter(Buffer.from(key, 'base64'))(SECRET)}`);
    } finally {
      for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
    }
  });

  test('stable across a restart on the same data dir: fp refs still map back, audit and clash detection agree', async () => {
    const dir = dataDir();
    try {
      let core = await open(dir);
      let before: string;
      let maskedConfig: Awaited<ReturnType<Core['api']['getConfig']>>['config'];
      let added: string;
      try {
        before = await listedRef(core);
        maskedConfig = (await core.api.getConfig({})).config;
        const info = await core.api.addSecret({ sourceId: 'prod', value: 'another-secret-0123456789abcdef', label: 'next' });
        added = info.ref;
        assert.match(added, /^fp:[0-9a-f]{8}$/);
        assert.equal(info.fingerprint, added.slice(3));
        assert.notEqual(info.fingerprint, sha256Prefix('another-secret-0123456789abcdef'));
        const audited = (await core.api.listAudit({})).items.find((e) => e.action === 'secret_rotated');
        assert.equal(audited?.detail.fingerprint, info.fingerprint, 'the audit log carries the keyed fingerprint');
      } finally {
        await core.dispose();
      }

      core = await open(dir);
      try {
        const view = await core.api.getConfig({});
        const refs = view.config.sources[0].secrets.map((e) => (typeof e === 'string' ? e : e.value));
        assert.deepEqual(refs, [added, before], 'the same fingerprints after the restart');
        // a masked config from before the restart is still understood: fp: refs map back to the secret
        await core.api.updateConfig({ config: { ...maskedConfig, sources: maskedConfig.sources.map((s) => ({ ...s, toleranceSeconds: 120 })) } });
        const after = await core.api.getConfig({});
        assert.equal(after.config.sources[1].toleranceSeconds, 120);
        assert.deepEqual(after.config.sources[1].secrets, [before]);
        // the dev source shares the secret with prod: the clash is found and named by the keyed fingerprint
        const { items } = await core.api.getReadiness({ sourceId: 'dev' });
        const separation = items.find((i) => i.id === 'environment-separation');
        assert.equal(separation?.status, 'fail');
        assert.ok(separation?.detail.includes(`fingerprint ${before.slice(3)}`), separation?.detail);
        assert.ok(!JSON.stringify(items).includes(sha256Prefix(SECRET)));
      } finally {
        await core.dispose();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
