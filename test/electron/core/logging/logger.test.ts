/** Issue 13: pino logger — JSON lines into a rotating file (0600), and a destination that fails is dropped quietly. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import { createLogger } from '../../../../electron/core/logger';
import { rotatingFile } from '../../../../electron/core/logging/rotating-file';
import { safeDestination } from '../../../../electron/core/logging/safe-destination';

async function until(what: string, ok: () => boolean): Promise<void> {
  const end = Date.now() + 20_000;
  while (!ok()) {
    if (Date.now() > end) throw new Error(`timed out: ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

const lines = (file: string): string[] => (existsSync(file) ? readFileSync(file, 'utf8').split('\n').filter(Boolean) : []);

test('the file log: JSON lines with level and message, mode 0600, in a folder created for it', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'hookscope-log-'));
  try {
    const file = join(dir, 'logs', 'hookscope.log');
    const log = createLogger({ stderr: false, file: { path: file }, level: 'debug' });
    log('debug', 'one');
    log('warn', 'two');
    await until('two lines', () => lines(file).length === 2);
    const [a, b] = lines(file).map((l) => JSON.parse(l) as { level: number; msg: string; name: string });
    assert.deepEqual([a.level, a.msg, a.name, b.level, b.msg], [20, 'one', 'hookscope', 40, 'two']);
    assert.equal(statSync(file).mode & 0o777, 0o600);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the file rotates by size: current + `keep` old files, none larger than the limit, no line lost among the kept ones', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'hookscope-log-'));
  try {
    const file = join(dir, 'hookscope.log');
    const out = rotatingFile({ path: file, maxBytes: 1000, keep: 2 });
    const line = (i: number) => `${JSON.stringify({ i, pad: 'x'.repeat(80) })}\n`; // ~100 bytes
    for (let i = 0; i < 60; i++) {
      out.write(line(i));
      if (i % 10 === 9) await new Promise((r) => setTimeout(r, 30)); // let reopen() finish now and then
    }
    const all = () => [`${file}.2`, `${file}.1`, file].flatMap(lines);
    await until('the last line written', () => all().at(-1) === line(59).trim());
    assert.ok(!existsSync(`${file}.3`), 'only `keep` old files');
    for (const f of [file, `${file}.1`, `${file}.2`]) assert.ok(statSync(f).size <= 1000, `${f} within the limit`);
    const numbers = all().map((l) => (JSON.parse(l) as { i: number }).i);
    const first = numbers[0];
    assert.deepEqual(numbers, Array.from({ length: 60 - first }, (_, k) => first + k), 'consecutive, none twice');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a destination that cannot be written is dropped after one note; writing on is harmless', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'hookscope-log-'));
  try {
    writeFileSync(join(dir, 'not-a-dir'), '');
    const notes: string[] = [];
    const out = safeDestination({ dest: join(dir, 'not-a-dir', 'x.log'), label: 'the test file', note: (t) => notes.push(t) });
    out.write('a\n');
    await until('the failure noticed', () => out.broken);
    for (let i = 0; i < 100; i++) out.write('more\n');
    out.flushSync();
    assert.equal(notes.length, 1);
    assert.match(notes[0], /writing the log to the test file failed \(E[A-Z]+\); its log lines are dropped from now on/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

/** runs `body` in a child Node (the sources through tsx) with createLogger imported; its stdout and stderr */
function inChild(body: string): { stdout: string; stderr: string } {
  const logger = pathToFileURL(join(import.meta.dirname, '../../../../electron/core/logger.ts')).href;
  const script = `import { createRequire } from 'node:module'; import { createLogger } from ${JSON.stringify(logger)};\nconst pinoLoaded = () => Object.keys(createRequire(import.meta.url).cache).some((f) => /[\\\\/]pino[\\\\/]pino\\.js$/.test(f));\n${body}`;
  const run = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { encoding: 'utf8', timeout: 60_000 });
  assert.equal(run.status, 0, run.stderr);
  return { stdout: run.stdout, stderr: run.stderr };
}

test('pino loads with the first line that passes the level, not before (serve logs nothing while it starts)', () => {
  const { stdout, stderr } = inChild("const log = createLogger({ level: 'warn', format: 'json' }); log('info', 'quiet'); console.log(pinoLoaded()); log('warn', 'loud'); console.log(pinoLoaded());");
  assert.deepEqual(stdout.trim().split('\n'), ['false', 'true']);
  assert.deepEqual(stderr.trim().split('\n').map((l) => (JSON.parse(l) as { msg: string }).msg), ['loud']);
});

test('pretty lines come out formatted and in order; lines logged just before exit still come out', () => {
  const pretty = inChild("const log = createLogger({ level: 'info', format: 'pretty' }); log('info', 'first'); log('warn', 'second'); setTimeout(() => log('error', 'third'), 50);").stderr;
  assert.match(pretty, /INFO.*first[\s\S]*WARN.*second[\s\S]*ERROR.*third/);
  const early = inChild("const log = createLogger({ level: 'info', format: 'pretty' }); log('info', 'first'); log('warn', 'second'); process.exit(0);").stderr;
  assert.match(early, /first[\s\S]*second/);
});
