import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseConfig } from '../../../../shared/config';
import { createConfigService, loadInitialConfig } from '../../../../electron/core/config/config-service';
import { createFingerprinter } from '../../../../electron/core/store/key-ring';

// A reversible stand-in for the data-key sealer (the real one is tested with the store).
const sealer = {
  sealSecret: (plain: string) => `enc:${Buffer.from(plain).toString('base64')}`,
  openSecret: (sealed: string) => Buffer.from(sealed.slice(4), 'base64').toString(),
};

function setup(config: unknown, env: NodeJS.ProcessEnv = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'hookscope-cfg-'));
  const parsed = parseConfig(config);
  assert.ok(parsed.ok);
  const audit: Array<[string, string | null, Record<string, unknown>]> = [];
  const service = createConfigService(parsed.config, {
    path: join(dir, 'config.json'), required: false, env, clock: { now: () => Date.parse('2026-11-22T12:00:00Z') },
    audit: (a, s, d) => audit.push([a, s, d]),
    // no data key here: an explicit keyed fingerprinter
    fingerprint: createFingerprinter(Buffer.alloc(32, 3)),
  });
  service.setSealer(sealer);
  return { dir, service, audit, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

test('getConfig masks literal secrets as fingerprints and keeps env refs; fp refs round-trip', () => {
  const { service, dir, cleanup } = setup({ sources: [{ id: 'gh', provider: 'github', secrets: ['literal-secret-value', 'env:GH'] }] }, { GH: 'from-env' });
  try {
    const view = service.view();
    const secrets = view.config.sources[0].secrets as string[];
    assert.match(secrets[0], /^fp:[0-9a-f]{8}$/);
    assert.equal(secrets[1], 'env:GH');
    assert.ok(!JSON.stringify(view).includes('literal-secret-value'));
    assert.equal(view.secrets.gh[0].kind, 'literal');
    assert.equal(view.secrets.gh[1].resolved, true);
    // Send the masked config back with a change: the literal is kept.
    const next = { ...view.config, sources: [{ ...view.config.sources[0], toleranceSeconds: 120 }] };
    service.update(next);
    assert.equal(service.current().sources[0].toleranceSeconds, 120);
    assert.equal(service.chainSource('gh')?.secrets[0].value, 'literal-secret-value');
    const onDisk = readFileSync(join(dir, 'config.json'), 'utf8');
    assert.match(onDisk, /"toleranceSeconds": 120/);
    assert.equal(statSync(join(dir, 'config.json')).mode & 0o777, 0o600);
  } finally {
    cleanup();
  }
});

test('update refuses an invalid config naming the field, and an unknown fingerprint', () => {
  const { service, cleanup } = setup({ sources: [{ id: 'gh', provider: 'github', secrets: ['abc'] }] });
  try {
    assert.throws(() => service.update({ sources: [{ id: 'gh', provider: 'github', toleranceSeconds: 5000 }] }), /sources\[0\]\.toleranceSeconds: must not exceed 900/);
    assert.throws(() => service.update({ sources: [{ id: 'gh', provider: 'github', secrets: ['fp:00000000'] }] }), /Unknown secret reference fp:00000000/);
    assert.equal(service.current().sources[0].toleranceSeconds, 300);
  } finally {
    cleanup();
  }
});

test('addSecret stores the value sealed, audits only a fingerprint, and the chain sees it first', () => {
  const { service, dir, audit, cleanup } = setup({ sources: [{ id: 'bb', provider: 'blackbox', secrets: ['env:OLD'] }] }, { OLD: 'old-secret' });
  try {
    const info = service.addSecret({ sourceId: 'bb', value: 'brand-new-secret-0123456789abcdef', label: 'new' });
    assert.equal(info.kind, 'encrypted');
    assert.equal(info.strength, 'strong');
    assert.ok(!readFileSync(join(dir, 'config.json'), 'utf8').includes('brand-new-secret'));
    assert.equal(service.chainSource('bb')?.secrets[0].value, 'brand-new-secret-0123456789abcdef');
    assert.deepEqual(service.chainSource('bb')?.secrets.map((s) => s.label), ['new', 'secrets[1]']);
    assert.equal(audit.at(-1)?.[0], 'secret_rotated');
    assert.ok(!JSON.stringify(audit).includes('brand-new-secret'));
    assert.equal(service.removeSecret('bb', info.ref), true);
    assert.equal(service.chainSource('bb')?.secrets.length, 1);
  } finally {
    cleanup();
  }
});

test('an unset env secret is reported with what to do; a secret with a trailing newline is flagged', () => {
  const { service, cleanup } = setup({ sources: [{ id: 'bb', provider: 'blackbox', secrets: ['env:MISSING', 'with-newline\n'] }] });
  try {
    const [missing, newline] = service.view().secrets.bb;
    assert.equal(missing.resolved, false);
    assert.match(missing.problem ?? '', /Environment variable MISSING is not set/);
    assert.match(newline.problem ?? '', /whitespace/);
  } finally {
    cleanup();
  }
});

test('loadInitialConfig: a missing --config file is a clear error; a missing default file means defaults', () => {
  assert.throws(() => loadInitialConfig('/nonexistent/hookscope.json', true), /Cannot read config file \/nonexistent\/hookscope.json: no such file/);
  assert.deepEqual(loadInitialConfig('/nonexistent/hookscope.json', false).sources, []);
  const dir = mkdtempSync(join(tmpdir(), 'hookscope-cfg-'));
  try {
    writeFileSync(join(dir, 'bad.json'), '{"sources": [');
    assert.throws(() => loadInitialConfig(join(dir, 'bad.json'), true), /is not valid JSON/);
    // the parser's message quotes nearby text: a secret there must not reach the error
    writeFileSync(join(dir, 'leak.json'), '{"sources":[{"id":"s","provider":"stripe","secrets":[whsec_TOPSECRET123]}]}');
    assert.throws(() => loadInitialConfig(join(dir, 'leak.json'), true), (e: Error) => /is not valid JSON/.test(e.message) && !e.message.includes('TOPSECRET'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('secrets that arrive as literals through updateConfig are sealed before they reach the file, and audited', () => {
  const { service, dir, audit, cleanup } = setup({ sources: [{ id: 'gh', provider: 'github', secrets: ['kept-literal-from-file'] }] });
  try {
    const view = service.view();
    service.update({
      ...view.config,
      sources: [{ ...view.config.sources[0], secrets: [...(view.config.sources[0].secrets as string[]), 'typed-in-the-ui-0123456789'], authTokens: ['ui-auth-token-0123456789abcdef'] }],
      tunnel: { ...view.config.tunnel, authtoken: 'ui-ngrok-token-0123456789' },
    });
    const onDisk = readFileSync(join(dir, 'config.json'), 'utf8');
    for (const secret of ['typed-in-the-ui-0123456789', 'ui-auth-token-0123456789abcdef', 'ui-ngrok-token-0123456789']) {
      assert.ok(!onDisk.includes(secret), `${secret} is not on disk in plain text`);
    }
    assert.ok(onDisk.includes('kept-literal-from-file'), "the user's own literal stays as written");
    assert.deepEqual(service.chainSource('gh')?.secrets.map((s) => s.value), ['kept-literal-from-file', 'typed-in-the-ui-0123456789']);
    assert.deepEqual(service.chainSource('gh')?.authTokens, ['ui-auth-token-0123456789abcdef']);
    assert.equal(service.tunnelAuthtoken(), 'ui-ngrok-token-0123456789');
    assert.equal(audit.filter(([a]) => a === 'secret_added').length, 3);
    assert.ok(!JSON.stringify(audit).includes('typed-in-the-ui'));
  } finally {
    cleanup();
  }
});
