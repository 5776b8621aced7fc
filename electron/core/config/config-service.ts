/**
 * The live configuration: validated updates, masked views for the API, resolved secrets for the
 * chain, and persistence (edits in place, atomic write, mode 0600). Secrets leave only as fingerprints.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { ConfigValue, SecretInfo } from '../../../shared/api';
import type { HookscopeConfig, SecretEntry, SourceConfig } from '../../../shared/config';
import type { RedactionConfig } from '../../../shared/redact';
import { HookscopeError } from '../../../shared/result';
import type { ChainSource, ResolvedSecret } from '../../../shared/verify/types';
import { editJsonc } from './jsonc';
import { ConfigError, loadConfigFile, parseConfigText, validateConfig } from './load-config';
import { describeSecret, entryRef, mapSecretRefs, publicSecretInfo, resolveRef, secretKind, secretRefs, type Fingerprinter, type SecretOpener } from './secret-ref';

export interface SecretSealer extends SecretOpener {
  sealSecret(plain: string): string;
}

export interface ConfigServiceOptions {
  path: string;
  /** when true the file must exist (it was given with --config) */
  required: boolean;
  env: NodeJS.ProcessEnv;
  clock: { now(): number };
  audit: (action: string, subject: string | null, detail: Record<string, unknown>) => void;
  /** keyed fingerprints (the core derives the key from the data key): fp: refs, SecretInfo, audit entries */
  fingerprint: Fingerprinter;
  /**
   * where a change is kept instead of the file (team mode: the shared database, config/team-config.ts);
   * a promise is awaited by `saved()`
   */
  persist?: (next: HookscopeConfig) => Promise<void> | void;
}

type Listener = (config: HookscopeConfig) => void;

export interface ConfigService {
  current(): HookscopeConfig;
  path(): string;
  view(): ConfigValue;
  update(input: unknown): ConfigValue;
  addSecret(args: { sourceId: string; value: string; label?: string; retiresAt?: string }): SecretInfo;
  removeSecret(sourceId: string, ref: string): boolean;
  chainSource(sourceId: string): ChainSource | null;
  /** every other source's secrets and this source's unresolvable-as-current ones, labelled, for diagnosis */
  otherSecrets(sourceId: string): Array<{ value: string; label: string }>;
  tunnelAuthtoken(): string | null;
  /**
   * The redaction rules with every configured secret's value (the sources' secrets and auth tokens, the
   * tunnel authtoken), so a secret sent back under any name is masked. The same object until the config
   * or the sealer changes.
   */
  redaction(): RedactionConfig;
  setSealer(sealer: SecretSealer): void;
  onChange(listener: Listener): () => void;
  /** resolves once every change so far is kept (the file: at once); rejects when keeping one failed */
  saved(): Promise<void>;
  /** a config changed elsewhere (another replica of the team): applied and announced, not kept again, not audited */
  replace(next: HookscopeConfig): void;
}

export function loadInitialConfig(path: string, required: boolean): HookscopeConfig {
  if (!required && !existsSync(path)) return validateConfig({}, 'defaults');
  return loadConfigFile(path);
}


export function createConfigService(initial: HookscopeConfig, opts: ConfigServiceOptions): ConfigService {
  let config = initial;
  let sealer: SecretSealer | null = null;
  const listeners = new Set<Listener>();
  let chainCache = new Map<string, ChainSource>();
  let redactionCache: RedactionConfig | null = null;
  const { fingerprint } = opts;

  const resolve = (ref: string) => resolveRef(ref, opts.env, sealer);

  function rebuildCache(): void {
    redactionCache = null;
    chainCache = new Map();
    for (const source of config.sources) {
      const secrets: ResolvedSecret[] = [];
      source.secrets.forEach((entry, i) => {
        const { value } = resolve(entryRef(entry));
        if (value === null) return;
        const label = typeof entry === 'string' ? `secrets[${i}]` : (entry.label ?? `secrets[${i}]`);
        const retiresAt = typeof entry === 'string' || !entry.retiresAt ? null : Date.parse(entry.retiresAt);
        secrets.push({ value, label, retiresAt });
      });
      const authTokens = (source.authTokens ?? []).map((ref) => resolve(ref).value).filter((v): v is string => v !== null);
      chainCache.set(source.id, { config: source, secrets, authTokens });
    }
  }
  rebuildCache();

  function maskRef(ref: string): string {
    if (secretKind(ref) === 'env') return ref;
    const { value } = resolve(ref);
    return `fp:${fingerprint(value ?? ref)}`;
  }

  function masked(cfg: HookscopeConfig): HookscopeConfig {
    return mapSecretRefs(cfg, maskRef);
  }

  /** fp:<fingerprint> → the original reference it stands for */
  function unmaskTable(): Map<string, string> {
    const table = new Map<string, string>();
    const add = (ref: string) => {
      if (secretKind(ref) !== 'env') table.set(maskRef(ref), ref);
    };
    for (const s of config.sources) {
      s.secrets.forEach((e) => add(entryRef(e)));
      (s.authTokens ?? []).forEach(add);
    }
    if (config.tunnel.authtoken) add(config.tunnel.authtoken);
    return table;
  }

  function unmask(input: unknown): unknown {
    const table = unmaskTable();
    const unknownFps: string[] = [];
    const walk = (value: unknown): unknown => {
      if (typeof value === 'string' && value.startsWith('fp:')) {
        const original = table.get(value);
        if (!original) unknownFps.push(value);
        return original ?? value;
      }
      if (Array.isArray(value)) return value.map(walk);
      if (value && typeof value === 'object') {
        return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, walk(v)]));
      }
      return value;
    };
    const out = walk(input);
    if (unknownFps.length > 0) {
      throw new ConfigError(`Unknown secret reference ${unknownFps[0]}: it matches no stored secret. Paste the secret again in Settings.`);
    }
    return out;
  }

  /** A secret given as a literal through the API is stored sealed: the app never writes one in plain text. */
  function sealLiterals(cfg: HookscopeConfig): HookscopeConfig {
    if (!sealer) return cfg;
    return mapSecretRefs(cfg, (ref) => (secretKind(ref) === 'literal' && !isKnownLiteral(ref) ? sealer!.sealSecret(ref) : ref));
  }

  /** literals the user wrote in the config file themselves stay as written (the checklist flags them) */
  function isKnownLiteral(ref: string): boolean {
    return secretRefs(config).some((r) => r.ref === ref);
  }

  function knownFingerprints(cfg: HookscopeConfig): string[] {
    return secretRefs(cfg).map((r) => r.ref).filter((r) => secretKind(r) !== 'env').map((r) => fingerprint(resolve(r).value ?? r));
  }

  /**
   * Writes only what changed into the file as it is on disk now (comments, order and layout kept;
   * defaults stay unwritten); a new file holds only what differs from the defaults.
   */
  function persist(next: HookscopeConfig): void {
    const existing = existsSync(opts.path) ? readFileSync(opts.path, 'utf8') : null;
    const before = existing === null ? validateConfig({}, 'defaults') : config;
    if (existing !== null) parseConfigText(existing, opts.path); // a file broken by hand is fixed by hand, never overwritten
    const text = editJsonc(existing ?? '{}\n', before, next);
    // the edit must read back as exactly the new config, or nothing is written
    if (JSON.stringify(validateConfig(parseConfigText(text, opts.path), opts.path)) !== JSON.stringify(next)) {
      throw new ConfigError(`Could not edit ${opts.path} in place: it was left unchanged. Make this change in the file itself`);
    }
    mkdirSync(dirname(opts.path), { recursive: true });
    const tmp = `${opts.path}.${process.pid}.tmp`;
    writeFileSync(tmp, text, { mode: 0o600 });
    renameSync(tmp, opts.path);
  }

  let saving: Promise<void> = Promise.resolve();

  function apply(next: HookscopeConfig): void {
    config = next;
    rebuildCache();
    for (const l of listeners) l(config);
  }

  function commit(next: HookscopeConfig): void {
    if (opts.persist) {
      saving = Promise.resolve(opts.persist(next));
      // a caller that does not wait (the tunnel switch) must not crash the process; saved() still rejects
      saving.catch(() => undefined);
    } else {
      persist(next);
    }
    apply(next);
  }

  function findSource(sourceId: string): SourceConfig {
    const source = config.sources.find((s) => s.id === sourceId);
    if (!source) throw new HookscopeError('not_found', `No source with id "${sourceId}": check the id in Settings`);
    return source;
  }

  function infos(source: SourceConfig): SecretInfo[] {
    return source.secrets.map((e) => publicSecretInfo(describeSecret(e, opts.env, sealer, fingerprint)));
  }

  const service: ConfigService = {
    current: () => config,
    path: () => opts.path,
    view() {
      const secrets: Record<string, SecretInfo[]> = {};
      for (const s of config.sources) secrets[s.id] = infos(s);
      const token = config.tunnel.authtoken;
      const tunnelAuthtoken = token === null ? null : publicSecretInfo(describeSecret(token, opts.env, sealer, fingerprint));
      return { config: masked(config), secrets, path: opts.path, tunnelAuthtoken };
    },
    update(input) {
      const checked = validateConfig(unmask(input), 'updateConfig');
      const known = new Set(knownFingerprints(config));
      const next = sealLiterals(checked);
      const before = new Set(config.sources.map((s) => s.id));
      commit(next);
      opts.audit('config_changed', null, {
        sources: next.sources.map((s) => s.id),
        added: next.sources.filter((s) => !before.has(s.id)).map((s) => s.id),
      });
      // secrets that arrived as values in the config: audited by fingerprint, like addSecret
      for (const fp of knownFingerprints(next)) if (!known.has(fp)) opts.audit('secret_added', null, { fingerprint: fp });
      return service.view();
    },
    addSecret({ sourceId, value, label, retiresAt }) {
      const source = findSource(sourceId);
      if (!sealer) throw new HookscopeError('unavailable', 'The data key is not ready: secrets cannot be stored yet');
      const entry: SecretEntry = { value: sealer.sealSecret(value), ...(label ? { label } : {}), ...(retiresAt ? { retiresAt } : {}) };
      const next = validateConfig(
        { ...config, sources: config.sources.map((s) => (s.id === sourceId ? { ...s, secrets: [entry, ...source.secrets] } : s)) },
        'addSecret',
      );
      commit(next);
      opts.audit(source.secrets.length > 0 ? 'secret_rotated' : 'secret_added', sourceId, { fingerprint: fingerprint(value), label: label ?? null });
      return publicSecretInfo(describeSecret(entry, opts.env, sealer, fingerprint));
    },
    removeSecret(sourceId, ref) {
      const source = findSource(sourceId);
      const idx = source.secrets.findIndex((e) => {
        const r = entryRef(e);
        return r === ref || maskRef(r) === ref;
      });
      if (idx === -1) return false;
      const removed = source.secrets[idx];
      const { value } = resolve(entryRef(removed));
      commit(
        validateConfig(
          { ...config, sources: config.sources.map((s) => (s.id === sourceId ? { ...s, secrets: s.secrets.filter((_, i) => i !== idx) } : s)) },
          'removeSecret',
        ),
      );
      opts.audit('secret_removed', sourceId, { fingerprint: value === null ? null : fingerprint(value) });
      return true;
    },
    chainSource: (sourceId) => chainCache.get(sourceId) ?? null,
    otherSecrets(sourceId) {
      const out: Array<{ value: string; label: string }> = [];
      for (const [id, cs] of chainCache) {
        if (id === sourceId) continue;
        cs.secrets.forEach((s) => out.push({ value: s.value, label: `source "${id}" ${s.label}` }));
      }
      return out;
    },
    tunnelAuthtoken() {
      const ref = config.tunnel.authtoken;
      return ref === null ? null : resolve(ref).value;
    },
    redaction() {
      if (!redactionCache) {
        const secretValues = [...chainCache.values()].flatMap((cs) => [...cs.secrets.map((s) => s.value), ...cs.authTokens]);
        const tunnel = service.tunnelAuthtoken();
        if (tunnel !== null) secretValues.push(tunnel);
        redactionCache = { ...config.redaction, secretValues };
      }
      return redactionCache;
    },
    setSealer(s) {
      sealer = s;
      rebuildCache();
    },
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    saved: () => saving,
    replace: apply,
  };
  return service;
}
