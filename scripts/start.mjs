#!/usr/bin/env node
// `npm start`: builds what changed, then opens the desktop app. Where Electron cannot start (its
// runtime is not downloaded, or Linux has no display), says so in one line and serves the same UI in
// web mode instead, printing its URL (with the token). Ctrl-C stops cleanly.
//
// Flags (after `npm start --`):
//   --web                 skip Electron, start web mode directly
//   --data-dir DIR        data directory (both modes; passed to Electron as HOOKSCOPE_DATA_DIR)
//   --config FILE         config file
//   --ui-port N           web mode UI/API port (default: any free port)
//   --receiver-port N     webhook receiver port (default: from the config)
//   --tunnel/--no-tunnel  force the ngrok tunnel on/off (default: the config; Electron gets HOOKSCOPE_TUNNEL=1/0)
//   --no-build            do not build, even when sources are newer than dist/
// Environment: HOOKSCOPE_DATA_DIR, HOOKSCOPE_CONFIG, HOOKSCOPE_UI_PORT, HOOKSCOPE_RECEIVER_PORT,
//   HOOKSCOPE_WEB=1 (same as --web), ELECTRON_OVERRIDE_DIST_PATH (Electron's own: a local Electron build).
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { buildAll, buildWebServe, isBuildFresh, OUTPUTS, ROOT } from './build.mjs';

const require = createRequire(import.meta.url);
/** Electron exiting with an error this soon after launch counts as "cannot start here". */
const STARTUP_GRACE_MS = 5000;

function fail(message) {
  console.error(`hookscope: ${message}`);
  process.exit(1);
}

function readOptions() {
  let parsed;
  try {
    parsed = parseArgs({
      args: process.argv.slice(2),
      options: {
        web: { type: 'boolean', default: false },
        'data-dir': { type: 'string' },
        config: { type: 'string' },
        'ui-port': { type: 'string' },
        'receiver-port': { type: 'string' },
        tunnel: { type: 'boolean' },
        'no-tunnel': { type: 'boolean' },
        'no-build': { type: 'boolean', default: false },
      },
      strict: true,
    }).values;
  } catch (error) {
    fail(`${error.message}. Flags: --web --data-dir DIR --config FILE --ui-port N --receiver-port N --tunnel --no-tunnel --no-build`);
  }
  const port = (name, value) => {
    if (value === undefined || value === '') return undefined;
    const n = Number(value);
    if (!Number.isInteger(n) || n < 0 || n > 65535) fail(`${name} must be a port number between 0 and 65535 (0 = any free port), not "${value}"`);
    return n;
  };
  return {
    web: parsed.web || process.env.HOOKSCOPE_WEB === '1',
    dataDir: parsed['data-dir'] || process.env.HOOKSCOPE_DATA_DIR || undefined,
    configPath: parsed.config || process.env.HOOKSCOPE_CONFIG || undefined,
    uiPort: port('--ui-port', parsed['ui-port'] ?? process.env.HOOKSCOPE_UI_PORT),
    receiverPort: port('--receiver-port', parsed['receiver-port'] ?? process.env.HOOKSCOPE_RECEIVER_PORT),
    tunnel: parsed['no-tunnel'] ? false : parsed.tunnel ? true : undefined,
    build: !parsed['no-build'],
  };
}

/** The Electron binary if it is already downloaded, without triggering a download. */
function installedElectron() {
  try {
    const pkgDir = path.dirname(require.resolve('electron/package.json'));
    const pathFile = path.join(pkgDir, 'path.txt');
    const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : '';
    if (process.env.ELECTRON_OVERRIDE_DIST_PATH) {
      const binary = path.join(process.env.ELECTRON_OVERRIDE_DIST_PATH, relative || 'electron');
      return existsSync(binary) ? binary : null;
    }
    const binary = relative ? path.join(pkgDir, 'dist', relative) : '';
    return binary && existsSync(binary) ? binary : null;
  } catch {
    return null;
  }
}

/** Asks the electron package for its binary (it downloads the runtime on first use), quietly. */
function downloadElectron() {
  return new Promise((resolve) => {
    const slow = setTimeout(() => console.log('Downloading the Electron runtime (first start only)…'), 3000);
    const child = spawn(process.execPath, ['-e', "process.stdout.write(require('electron'))"], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (chunk) => (out += chunk));
    child.stderr.resume();
    child.on('error', () => resolve(null));
    child.on('close', (code) => {
      clearTimeout(slow);
      const binary = out.trim().split('\n').pop() ?? '';
      resolve(code === 0 && binary && existsSync(binary) ? binary : null);
    });
  });
}

const hasDisplay = () => process.platform !== 'linux' || Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);

/** The Electron binary to run, or the reason it cannot start here. */
async function electronOrReason() {
  const installed = installedElectron();
  if (!hasDisplay()) {
    return { reason: installed ? 'there is no display: DISPLAY and WAYLAND_DISPLAY are unset' : 'its runtime is not downloaded and there is no display' };
  }
  const binary = installed ?? (await downloadElectron());
  return binary ? { binary } : { reason: 'its runtime is not downloaded and could not be downloaded now' };
}

/**
 * The Electron child's environment: the start flags become the variables the desktop app reads
 * (electron/main/core-options.ts), so `npm start -- --config x.json` means the same in both modes.
 */
export function electronEnv(opts, baseEnv = process.env) {
  const env = { ...baseEnv };
  delete env.ELECTRON_RUN_AS_NODE;
  if (opts.dataDir) env.HOOKSCOPE_DATA_DIR = path.resolve(opts.dataDir);
  if (opts.configPath) env.HOOKSCOPE_CONFIG = path.resolve(opts.configPath);
  if (opts.receiverPort !== undefined) env.HOOKSCOPE_RECEIVER_PORT = String(opts.receiverPort);
  if (opts.tunnel !== undefined) env.HOOKSCOPE_TUNNEL = opts.tunnel ? '1' : '0';
  return env;
}

/**
 * What an Electron exit means. Within the start-up grace period a non-zero code or a signal (e.g.
 * SIGTRAP when the sandbox crashes) is a start failure: `{ reason }`, and web mode follows — unless
 * the user asked it to stop (Ctrl-C). Otherwise `{ exitCode }`: its code, 1 for a signal, never a
 * silent 0 for a crash.
 */
export function electronExitOutcome({ code, signal, elapsedMs, stopRequested = false }) {
  const failed = signal !== null || code !== 0;
  if (failed && !stopRequested && elapsedMs < STARTUP_GRACE_MS) {
    return { reason: signal !== null ? `it was killed at start-up by ${signal}` : `it exited at start-up with code ${code}` };
  }
  if (signal !== null) return { exitCode: stopRequested ? 130 : 1 };
  return { exitCode: code ?? 1 };
}

/** Runs Electron; resolves with a reason if it fails at start-up, else exits with its code. */
function runElectron(binary, opts) {
  return new Promise((resolve) => {
    const started = Date.now();
    const child = spawn(binary, [ROOT], { cwd: ROOT, stdio: 'inherit', env: electronEnv(opts) });
    let stopRequested = false;
    const forward = (signal) => () => {
      stopRequested = true;
      child.kill(signal);
    };
    process.on('SIGINT', forward('SIGINT'));
    process.on('SIGTERM', forward('SIGTERM'));
    child.on('error', (error) => {
      process.removeAllListeners('SIGINT');
      process.removeAllListeners('SIGTERM');
      resolve(`it could not be launched (${error.code ?? error.message})`);
    });
    child.on('exit', (code, signal) => {
      const outcome = electronExitOutcome({ code, signal, elapsedMs: Date.now() - started, stopRequested });
      if (outcome.reason) {
        process.removeAllListeners('SIGINT');
        process.removeAllListeners('SIGTERM');
        resolve(outcome.reason);
      } else {
        if (signal !== null && !stopRequested) console.error(`hookscope: Electron was killed by ${signal}`);
        process.exit(outcome.exitCode);
      }
    });
  });
}

async function runWebMode(opts) {
  // the bundled core (built with the rest unless --no-build; once here when missing), never the
  // TypeScript sources through a transpiler at every start
  if (!existsSync(OUTPUTS.webServe)) await buildWebServe();
  const { startServe } = await import(pathToFileURL(OUTPUTS.webServe).href);
  const serveOptions = {
    ...(opts.dataDir ? { dataDir: opts.dataDir } : {}),
    ...(opts.configPath ? { configPath: opts.configPath } : {}),
    ...(opts.uiPort !== undefined ? { uiPort: opts.uiPort } : {}),
    ...(opts.receiverPort !== undefined ? { receiverPort: opts.receiverPort } : {}),
    ...(opts.tunnel !== undefined ? { tunnel: opts.tunnel } : {}),
  };
  let running;
  try {
    running = await startServe(serveOptions);
  } catch (error) {
    fail(`web mode could not start: ${error instanceof Error ? error.message : String(error)}`);
  }
  console.log(`Hookscope is running in web mode. Open ${running.uiUrl}`);
  console.log(`  webhooks: ${running.receiverUrl}${running.tunnelUrl ? `  ·  public: ${running.tunnelUrl}` : ''}`);
  console.log('  Ctrl-C stops it.');
  let stopping = false;
  const stop = async () => {
    if (stopping) {
      console.log('Stopping now, without waiting.');
      process.exit(130);
    }
    stopping = true;
    console.log('Stopping (finishing in-flight requests, closing the database)…');
    try {
      await running.stop();
      process.exit(0);
    } catch (error) {
      console.error(`hookscope: stopping failed: ${error instanceof Error ? error.message : String(error)}`);
      process.exit(1);
    }
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

async function main() {
  const opts = readOptions();
  if (opts.build && !isBuildFresh()) {
    try {
      await buildAll();
    } catch (error) {
      fail(`the build failed: ${error instanceof Error ? error.message : String(error)}\nFix the error above, then run npm start again.`);
    }
  }
  if (opts.web) return runWebMode(opts);
  const electron = await electronOrReason();
  const reason = electron.binary ? await runElectron(electron.binary, opts) : electron.reason;
  console.log(`Electron cannot start here (${reason}): starting web mode instead.`);
  await runWebMode(opts);
}

// run only as a script: the tests import the pure helpers above
if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) await main();
