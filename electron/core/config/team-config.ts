/**
 * Team mode's configuration (docs/team.md "Configuration"). What the team shares — sources (with their
 * secrets), redaction, retention, storage, replay — lives in the team database: the first replica
 * seeds it from its config file, every replica starts from it, a change through any replica's API is
 * saved there and announced (LISTEN/NOTIFY), and the others apply it within a second. What belongs to
 * one process — receiver address, tunnel, store — stays in that replica's own file and flags.
 * Secrets reach the database only as env: references or sealed with the team's data key.
 */
import type { HookscopeConfig } from '../../../shared/config';
import type { ConfigService, SecretSealer } from './config-service';
import { validateConfig } from './load-config';
import { mapSecretRefs, secretKind } from './secret-ref';

/** the team database's side (store/postgres/team-config-table.ts and the replica's LISTEN connection) */
export interface SharedConfigStore {
  load(): Promise<{ text: string; version: number } | null>;
  seed(text: string, now: number): Promise<{ text: string; version: number }>;
  save(text: string, now: number): Promise<number>;
  onChanged(listener: (version: number | null) => void): () => void;
}

type SharedSections = Pick<HookscopeConfig, 'sources' | 'redaction' | 'retention' | 'storage' | 'replay'>;

function sharedText(cfg: HookscopeConfig, sealer: SecretSealer): string {
  // a literal the user wrote in a replica's file is sealed before it reaches the database
  const sealed = mapSecretRefs(cfg, (ref) => (secretKind(ref) === 'literal' ? sealer.sealSecret(ref) : ref));
  const shared: SharedSections = { sources: sealed.sources, redaction: sealed.redaction, retention: sealed.retention, storage: sealed.storage, replay: sealed.replay };
  return JSON.stringify(shared);
}

/** this replica's own sections with the team's shared ones */
function withShared(local: HookscopeConfig, text: string): HookscopeConfig {
  const shared = JSON.parse(text) as SharedSections;
  return validateConfig(
    { ...local, sources: shared.sources, redaction: shared.redaction, retention: shared.retention, storage: shared.storage, replay: shared.replay },
    'the team configuration in the database',
  );
}

export interface TeamConfig {
  /** the config this replica starts with */
  initial: HookscopeConfig;
  /** ConfigServiceOptions.persist: saves the shared sections (not the file) */
  persist(next: HookscopeConfig): Promise<void>;
  /** from now on, applies the other replicas' changes to `service`; returns the unsubscribe */
  follow(service: ConfigService, onError: (message: string) => void): () => void;
}

export async function openTeamConfig(store: SharedConfigStore, fileConfig: HookscopeConfig, sealer: SecretSealer, clock: { now(): number }): Promise<TeamConfig> {
  const row = (await store.load()) ?? (await store.seed(sharedText(fileConfig, sealer), clock.now()));
  let known = row.version;
  let lastText = row.text;
  let saving: Promise<unknown> = Promise.resolve();
  let service: ConfigService | null = null;
  let reportError: (message: string) => void = () => undefined;

  /** the database's version when newer than what this replica applied (`always`: also when not newer) */
  const reload = async (always = false): Promise<void> => {
    const current = await store.load();
    if (!current || !service || (!always && current.version <= known)) return;
    known = current.version;
    lastText = current.text;
    service.replace(withShared(service.current(), current.text));
  };

  return {
    initial: withShared(fileConfig, row.text),
    persist(next) {
      const text = sharedText(next, sealer);
      // a change of this replica's own sections (the tunnel switch) is not the team's
      if (text === lastText) return saving.then(() => undefined);
      lastText = text;
      const save = saving.then(async () => {
        try {
          known = Math.max(known, await store.save(text, clock.now()));
        } catch (error) {
          // not saved: this replica goes back to the team's configuration
          await reload(true).catch(() => undefined);
          throw error;
        }
      });
      saving = save.catch(() => undefined);
      return save;
    },
    follow(svc, onError) {
      service = svc;
      reportError = onError;
      return store.onChanged((version) => {
        if (version !== null && version <= known) return;
        reload().catch((error: unknown) => reportError(`could not apply the team configuration another replica saved (${(error as Error).message}); it is applied with the next change`));
      });
    },
  };
}
