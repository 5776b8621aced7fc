/**
 * pino, loaded on the first line logged: a process that logs nothing while it starts (`serve` at its
 * default level) never loads its ~30 modules (about a sixth of `serve`'s start-up CPU). pino is a
 * runtime dependency kept outside the bundles and CommonJS, so a synchronous require finds it from
 * the sources and from every bundle alike.
 */
import { createRequire } from 'node:module';

export type PinoModule = typeof import('pino');

let loaded: PinoModule | null = null;

export function loadPino(): PinoModule {
  loaded ??= createRequire(import.meta.url)('pino') as PinoModule;
  return loaded;
}
