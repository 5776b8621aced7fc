/**
 * The connected workspace, kept in <data-dir>/workspace.json (0600): its address, name, replay target and
 * the personal token sealed with the data key (`enc:…`, like a secret entered in Settings). The token is
 * written here and read back by the core only; no API answer carries it.
 */
import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SecretOpener } from '../config/secret-ref';

export interface WorkspaceSettings {
  url: string;
  name: string;
  replayTarget: string | null;
  token: string;
}

export interface WorkspaceSealer extends SecretOpener {
  sealSecret(plain: string): string;
}

export interface WorkspaceFile {
  /** null when none is saved, or it cannot be read (then `problem` says why) */
  load(): { settings: WorkspaceSettings | null; problem: string | null };
  save(settings: WorkspaceSettings): void;
  remove(): void;
}

export function createWorkspaceFile(dataDir: string, sealer: WorkspaceSealer): WorkspaceFile {
  const path = join(dataDir, 'workspace.json');
  return {
    load() {
      let text: string;
      try {
        text = readFileSync(path, 'utf8');
      } catch {
        return { settings: null, problem: null };
      }
      try {
        const saved = JSON.parse(text) as { url?: unknown; name?: unknown; replayTarget?: unknown; token?: unknown };
        if (typeof saved.url !== 'string' || typeof saved.token !== 'string') throw new Error('fields');
        return {
          settings: {
            url: saved.url,
            name: typeof saved.name === 'string' ? saved.name : new URL(saved.url).host,
            replayTarget: typeof saved.replayTarget === 'string' ? saved.replayTarget : null,
            token: sealer.openSecret(saved.token),
          },
          problem: null,
        };
      } catch {
        // a different data key (or a hand-edited file): the token cannot be opened, connect again
        return { settings: null, problem: `The saved workspace (${path}) cannot be read with this data key: connect to it again` };
      }
    },
    save(settings) {
      const sealed = { url: settings.url, name: settings.name, replayTarget: settings.replayTarget, token: sealer.sealSecret(settings.token) };
      const temp = `${path}.${process.pid}.tmp`;
      writeFileSync(temp, `${JSON.stringify(sealed, null, 2)}\n`, { mode: 0o600 });
      renameSync(temp, path);
    },
    remove() {
      rmSync(path, { force: true });
    },
  };
}
