/** Settings: the whole config, presets, source edits, secrets. Vanilla zustand, no DOM. */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { ConfigValue, DeliverySummary, HookscopeApi, PresetInfo, VerifyRequestArgs, VerifyRequestValue } from '../../../shared/api';
import type { HookscopeConfig } from '../../../shared/config';
import { errorMessage, fieldIssues, type FieldIssue } from '../client/api-error';
import { sourceFromDraft, withoutSource, withSource, type SourceDraft } from '../lib/source-draft';

export type SaveResult = { ok: true } | { ok: false; message: string; issues: FieldIssue[] };
export type VerifyResult = { ok: true; value: VerifyRequestValue } | { ok: false; message: string; issues: FieldIssue[] };

/** what "Clear" restores: the authtoken is read from the environment again */
export const DEFAULT_AUTHTOKEN_REF = 'env:NGROK_AUTHTOKEN';

export interface SettingsState {
  value: ConfigValue | null;
  presets: PresetInfo[];
  loading: boolean;
  error: string | null;
  saving: boolean;
  load(): Promise<void>;
  /** index null adds a new source */
  saveSource(index: number | null, draft: SourceDraft): Promise<SaveResult>;
  removeSource(id: string): Promise<SaveResult>;
  /** saves the config as `change` returns it (retention, redaction …) */
  saveConfig(change: (config: HookscopeConfig) => unknown): Promise<SaveResult>;
  addSecret(args: { sourceId: string; value: string; label?: string; retiresAt?: string }): Promise<SaveResult>;
  removeSecret(sourceId: string, ref: string): Promise<SaveResult>;
  /** stored sealed by the server; null: back to reading NGROK_AUTHTOKEN */
  setTunnelAuthtoken(value: string | null): Promise<SaveResult>;
  /** the real checks on a pasted request or a captured delivery (never returns a secret) */
  verifyRequest(args: VerifyRequestArgs): Promise<VerifyResult>;
  /** the newest captured deliveries of a source, to pick one to check */
  recentDeliveries(sourceId: string): Promise<DeliverySummary[]>;
}

export type SettingsStore = StoreApi<SettingsState>;

type SettingsClient = Pick<HookscopeApi, 'getConfig' | 'updateConfig' | 'listPresets' | 'addSecret' | 'removeSecret' | 'verifyRequest' | 'listDeliveries'>;

function failure(error: unknown): SaveResult {
  return { ok: false, message: errorMessage(error), issues: fieldIssues(error) };
}

export function createSettingsStore(client: SettingsClient): SettingsStore {
  return createStore<SettingsState>()((set, get) => {
    async function update(config: unknown): Promise<SaveResult> {
      set({ saving: true });
      try {
        const value = await client.updateConfig({ config });
        set({ value, saving: false });
        return { ok: true };
      } catch (error) {
        set({ saving: false });
        return failure(error);
      }
    }

    return {
      value: null,
      presets: [],
      loading: false,
      error: null,
      saving: false,

      async load() {
        set({ loading: true });
        try {
          const [value, presets] = await Promise.all([
            client.getConfig({}),
            get().presets.length ? Promise.resolve({ items: get().presets }) : client.listPresets({}),
          ]);
          set({ value, presets: presets.items, loading: false, error: null });
        } catch (error) {
          set({ loading: false, error: errorMessage(error) });
        }
      },

      async saveSource(index, draft) {
        const value = get().value;
        if (!value) return { ok: false, message: 'The configuration is not loaded yet.', issues: [] };
        const config = value.config;
        const at = index === null ? config.sources.length : index;
        const base = index === null ? null : (config.sources[index] ?? null);
        return update(withSource(config, at, sourceFromDraft(draft, base)));
      },

      async removeSource(id) {
        const value = get().value;
        if (!value) return { ok: false, message: 'The configuration is not loaded yet.', issues: [] };
        return update(withoutSource(value.config, id));
      },

      async saveConfig(change) {
        const value = get().value;
        if (!value) return { ok: false, message: 'The configuration is not loaded yet.', issues: [] };
        return update(change(value.config));
      },

      async addSecret(args) {
        try {
          await client.addSecret(args);
          await get().load();
          return { ok: true };
        } catch (error) {
          return failure(error);
        }
      },

      async setTunnelAuthtoken(value) {
        return get().saveConfig((config) => ({ ...config, tunnel: { ...config.tunnel, authtoken: value ?? DEFAULT_AUTHTOKEN_REF } }));
      },

      async verifyRequest(args) {
        try {
          return { ok: true, value: await client.verifyRequest(args) };
        } catch (error) {
          return { ok: false, message: errorMessage(error), issues: fieldIssues(error) };
        }
      },

      async recentDeliveries(sourceId) {
        try {
          return (await client.listDeliveries({ sourceId, limit: 20 })).items;
        } catch {
          // only a convenience: pasting still works
          return [];
        }
      },

      async removeSecret(sourceId, ref) {
        try {
          await client.removeSecret({ sourceId, ref });
          await get().load();
          return { ok: true };
        } catch (error) {
          return failure(error);
        }
      },
    };
  });
}
