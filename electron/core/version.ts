import { readFileSync } from 'node:fs';

/** The package version, read once (works from source and from the bundle next to package.json). */
export function readVersion(): string {
  for (const candidate of ['../../package.json', '../package.json', '../../../package.json']) {
    try {
      const pkg = JSON.parse(readFileSync(new URL(candidate, import.meta.url), 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'hookscope' && pkg.version) return pkg.version;
    } catch {
      // try the next location
    }
  }
  return '0.0.0';
}
