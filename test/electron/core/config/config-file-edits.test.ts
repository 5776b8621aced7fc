/** Saving from Settings edits the user's config file in place: comments and layout stay theirs. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createConfigService, loadInitialConfig } from '../../../../electron/core/config/config-service';
import { createFingerprinter } from '../../../../electron/core/store/key-ring';

const HAND_WRITTEN = `{
  // Hookscope config for the Acme integration
  "receiver": { "port": 8788 }, // 8787 is taken by the dev proxy
  "sources": [
    {
      "id": "acme", // receives at /hooks/acme
      "name": "Acme, }", // yes, with a comma and a brace
      "provider": "github",
      "secrets": ["env:ACME_SECRET"],
      /* keep this short while debugging */
      "toleranceSeconds": 300,
    },
  ],
}
`;

function serviceFor(path: string) {
  return createConfigService(loadInitialConfig(path, true), {
    path,
    required: true,
    env: { ACME_SECRET: 'shh' },
    clock: { now: () => Date.parse('2026-11-22T12:00:00Z') },
    audit: () => {},
    fingerprint: createFingerprinter(Buffer.alloc(32, 3)),
  });
}

test('a commented config edited through Settings keeps its comments; a string containing ", }" survives', () => {
  const dir = mkdtempSync(join(tmpdir(), 'hookscope-cfg-edit-'));
  try {
    const path = join(dir, 'hookscope.jsonc');
    writeFileSync(path, HAND_WRITTEN);
    const service = serviceFor(path);
    assert.equal(service.current().sources[0].name, 'Acme, }');
    // what the Settings view does: take the masked view, change one field, send it back
    const view = service.view().config;
    service.update({ ...view, sources: [{ ...view.sources[0], toleranceSeconds: 120 }] });
    const onDisk = readFileSync(path, 'utf8');
    assert.equal(onDisk, HAND_WRITTEN.replace('"toleranceSeconds": 300', '"toleranceSeconds": 120'));
    // and it reads back as the new config
    assert.equal(serviceFor(path).current().sources[0].toleranceSeconds, 120);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a change to a default adds one key; a file broken by hand since loading is refused and left as it is', () => {
  const dir = mkdtempSync(join(tmpdir(), 'hookscope-cfg-edit-'));
  try {
    const path = join(dir, 'hookscope.jsonc');
    writeFileSync(path, HAND_WRITTEN);
    const service = serviceFor(path);
    const view = service.view().config;
    service.update({ ...view, retention: { ...view.retention, rawBodyDays: 3 } });
    const onDisk = readFileSync(path, 'utf8');
    assert.ok(onDisk.startsWith(HAND_WRITTEN.slice(0, HAND_WRITTEN.lastIndexOf('}'))), 'the hand-written part is unchanged');
    assert.match(onDisk, /"retention": \{\s*"rawBodyDays": 3\s*\}/);
    assert.ok(onDisk.split('\n').length < HAND_WRITTEN.split('\n').length + 5, 'no defaults were written');

    const broken = onDisk.replace('"provider": "github",', '"provider": "github"');
    writeFileSync(path, broken);
    assert.throws(() => service.update({ ...view, receiver: { ...view.receiver, port: 8790 } }), /hookscope\.jsonc is not valid JSON: a comma is expected at line 9, column 7/);
    assert.equal(readFileSync(path, 'utf8'), broken);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
