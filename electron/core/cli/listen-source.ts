/**
 * The one source `hookscope listen` creates or reuses: its forward target set to the given port/URL
 * (auto-forward on), its provider and secret set when given. Without a provider a new source is
 * capture-only (nothing verified) and an existing one keeps its own. Through the API, like a Settings save.
 */
import type { HookscopeApi } from '../../../shared/api';
import type { RespondConfig } from '../../../shared/config';
import type { ProviderId } from '../../../shared/providers';

export interface ListenSourcePlan {
  sourceId: string;
  /** null: keep the existing source's provider, or none (capture-only) for a new source */
  provider: ProviderId | null;
  /** a literal value (stored encrypted) or env:NAME (stored as the reference); replaces the source's secrets */
  secret: string | null;
  target: string;
  /** what the provider hears back; null keeps the source's own */
  respond?: RespondConfig | null;
}

export async function applyListenSource(api: HookscopeApi, plan: ListenSourcePlan): Promise<{ provider: ProviderId | null; secrets: number; created: boolean }> {
  const { config } = await api.getConfig({});
  const existing = config.sources.find((s) => s.id === plan.sourceId);
  const secretRef = plan.secret?.startsWith('env:') ? plan.secret : null;
  const base = existing ?? { id: plan.sourceId, name: `listen: ${plan.sourceId}`, secrets: [] };
  const { scheme, provider: own, ...rest } = base as typeof base & { scheme?: unknown; provider?: ProviderId };
  const provider = plan.provider ?? own ?? null;
  const source = {
    ...rest,
    // a scheme belongs to generic-hmac only
    ...(provider === 'generic-hmac' && scheme !== undefined ? { scheme } : {}),
    ...(provider ? { provider } : {}),
    // secrets as getConfig masked them (fp:…) are kept by sending them back; a new --secret replaces them
    secrets: plan.secret === null ? base.secrets : secretRef ? [secretRef] : [],
    forward: { ...(existing?.forward ?? {}), url: plan.target, auto: true },
    ...(plan.respond ? { respond: plan.respond } : {}),
  };
  const sources = existing ? config.sources.map((s) => (s.id === plan.sourceId ? source : s)) : [...config.sources, source];
  await api.updateConfig({ config: { ...config, sources } });
  if (plan.secret !== null && !secretRef) await api.addSecret({ sourceId: plan.sourceId, value: plan.secret, label: 'listen' });
  return { provider, secrets: plan.secret !== null ? 1 : source.secrets.length, created: !existing };
}
