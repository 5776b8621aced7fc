/**
 * The Settings form's model of one source: strings as typed, converted to the config's shape on save.
 * Fields the form does not edit (secrets, maxBodyBytes, forward.timeoutMs) are carried over
 * unchanged from the stored source — secrets stay as the fp:/env: refs the server gave us.
 */
import type { HookscopeConfig, SourceConfig } from '../../../shared/config';
import type { ProviderId } from '../../../shared/providers';
import { numberOrText } from './number-or-text';
import { respondDraftFrom, respondFromDraft, type RespondDraft } from './respond-draft';
import { schemeDraftFrom, schemeFromDraft, type SchemeDraft } from './scheme-draft';

export type Environment = SourceConfig['environment'];

export interface SourceDraft {
  id: string;
  name: string;
  environment: Environment;
  provider: ProviderId | '';
  toleranceSeconds: string;
  /** one per line */
  allowIps: string;
  /** one per line: env:NAME, or an fp: ref kept from the stored config */
  authTokens: string;
  rateLimitOn: boolean;
  rateMax: string;
  rateWindowSeconds: string;
  mode: 'enforce' | 'observe';
  forwardUrl: string;
  forwardAuto: boolean;
  forwardResign: boolean;
  /** what the provider hears back */
  respond: RespondDraft;
  /** generic HMAC only: how the signature is made */
  scheme: SchemeDraft;
}

export function emptyDraft(): SourceDraft {
  return {
    id: '',
    name: '',
    environment: 'development',
    provider: '',
    toleranceSeconds: '300',
    allowIps: '',
    authTokens: '',
    rateLimitOn: true,
    rateMax: '100',
    rateWindowSeconds: '60',
    mode: 'enforce',
    forwardUrl: '',
    forwardAuto: true,
    forwardResign: false,
    respond: respondDraftFrom(undefined),
    scheme: schemeDraftFrom(undefined),
  };
}

export function draftFromSource(source: SourceConfig): SourceDraft {
  return {
    id: source.id,
    name: source.name ?? '',
    environment: source.environment,
    provider: source.provider ?? '',
    toleranceSeconds: String(source.toleranceSeconds),
    allowIps: (source.allowIps ?? []).join('\n'),
    authTokens: (source.authTokens ?? []).join('\n'),
    rateLimitOn: source.rateLimit !== null,
    rateMax: String(source.rateLimit?.max ?? 100),
    rateWindowSeconds: String(source.rateLimit?.windowSeconds ?? 60),
    mode: source.mode,
    forwardUrl: source.forward?.url ?? '',
    forwardAuto: source.forward?.auto ?? true,
    forwardResign: source.forward?.resign ?? false,
    respond: respondDraftFrom(source.respond),
    scheme: schemeDraftFrom(source.scheme),
  };
}

function lines(text: string): string[] {
  return text
    .split(/[\n,]/)
    .map((s) => s.trim())
    .filter(Boolean);
}

/** The source object to send (validated by the server, not here). */
export function sourceFromDraft(draft: SourceDraft, base: SourceConfig | null): Record<string, unknown> {
  const out: Record<string, unknown> = base ? { ...base } : {};
  out.id = draft.id.trim();
  if (draft.name.trim()) out.name = draft.name.trim();
  else delete out.name;
  out.environment = draft.environment;
  // no provider: a capture-only source (stored and forwarded, nothing verified)
  if (draft.provider) out.provider = draft.provider;
  else delete out.provider;
  if (draft.provider === 'generic-hmac') out.scheme = schemeFromDraft(draft.scheme);
  else delete out.scheme;
  out.toleranceSeconds = numberOrText(draft.toleranceSeconds);
  const ips = lines(draft.allowIps);
  if (ips.length) out.allowIps = ips;
  else delete out.allowIps;
  const tokens = lines(draft.authTokens);
  if (tokens.length) out.authTokens = tokens;
  else delete out.authTokens;
  out.rateLimit = draft.rateLimitOn ? { max: numberOrText(draft.rateMax), windowSeconds: numberOrText(draft.rateWindowSeconds) } : null;
  out.mode = draft.mode;
  out.forward = draft.forwardUrl.trim()
    ? { ...(base?.forward ?? {}), url: draft.forwardUrl.trim(), auto: draft.forwardAuto, resign: draft.forwardResign }
    : null;
  out.respond = respondFromDraft(draft.respond);
  if (!base) out.secrets = [];
  return out;
}

/** The whole config with source `index` replaced (index === sources.length appends). */
export function withSource(config: HookscopeConfig, index: number, source: Record<string, unknown>): Record<string, unknown> {
  const sources: unknown[] = config.sources.slice();
  if (index >= sources.length) sources.push(source);
  else sources[index] = source;
  return { ...config, sources };
}

export function withoutSource(config: HookscopeConfig, id: string): HookscopeConfig {
  return { ...config, sources: config.sources.filter((s) => s.id !== id) };
}

/** Which source the Settings form edits: a new one, or an existing one by id (never by list position). */
export type EditingSource = { kind: 'new' } | { kind: 'edit'; id: string } | null;

/**
 * The position the edited source has in `sources` now: the end of the list for a new one, null when
 * nothing is edited or the edited source is gone (deleted meanwhile) — never another source's slot.
 */
export function editingIndex(sources: readonly { id: string }[], editing: EditingSource): number | null {
  if (editing === null) return null;
  if (editing.kind === 'new') return sources.length;
  const index = sources.findIndex((s) => s.id === editing.id);
  return index >= 0 ? index : null;
}
