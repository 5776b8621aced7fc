/**
 * The local API contract (docs/api.md "Local API"): one async method per operation, one argument object each,
 * JSON-safe types. Served by Electron IPC and by the loopback HTTP transport alike.
 * Method names, argument and value shapes are public: extend, never rename.
 */
import type { CheckId, CheckResult, Outcome, Verdict } from './checks';
import type { HookscopeConfig } from './config';
import type { ProviderId } from './providers';

export type TunnelState = 'off' | 'connecting' | 'online' | 'error';
export interface TunnelStatus {
  state: TunnelState;
  url: string | null;
  message: string;
}

export interface SourceStatus {
  id: string;
  name: string;
  /** null: a capture-only source (no provider configured, nothing verified) */
  provider: ProviderId | null;
  environment: 'development' | 'staging' | 'production';
  localUrl: string;
  publicUrl: string | null;
  counts: { total: number; verified: number; rejected: number };
}

export interface StatusValue {
  receiverUrl: string;
  tunnel: TunnelStatus;
  sources: SourceStatus[];
  version: string;
  /** this instance's data directory; null for a team server's non-admin caller (its paths are admin information) */
  dataDir: string | null;
  /** the desktop app's rotating log file; absent or null when this run logs to stderr only, or for a non-admin caller */
  logFile?: string | null;
  /** where journaled deliveries become display rows: its own worker thread, or (fallback) the main thread */
  deriver?: 'worker' | 'main thread';
}

export type ForwardState = 'pending' | 'retrying' | 'delivered' | 'failed' | 'gave_up';

export interface DeliverySummary {
  id: string;
  /** null for a request to a path that matches no source ("unmatched") */
  sourceId: string | null;
  receivedAt: string;
  method: string;
  path: string;
  eventType: string | null;
  verdict: Verdict;
  status: number;
  checks: Array<{ id: CheckId; outcome: Outcome; code: string }>;
  duplicateOf: string | null;
  forward: { state: ForwardState; status: number | null } | null;
  size: number;
  clientIp: string;
  /** true: journaled and acknowledged, its display row not derived yet (search and counters catch up shortly) */
  pending?: boolean;
  /** present when the provider's event id arrived more than once (its retries, redeliveries) */
  retry?: RetryArrival;
}

/** This delivery's place among the arrivals of one provider event id. */
export interface RetryArrival {
  /** 1-based: 3 = the 3rd arrival */
  n: number;
  /** arrivals stored with that event id so far */
  of: number;
  /** the first arrival (the one the others are duplicates of) */
  firstId: string;
  /** the provider's event id, redacted like the body; null when unknown */
  eventKey: string | null;
  /** ms after the previous arrival; null for the first */
  sincePreviousMs: number | null;
}

export interface RetryChainEntry {
  id: string;
  receivedAt: string;
  /** what we answered that arrival */
  status: number;
}

export interface Attempt {
  id: string;
  at: string;
  target: string;
  mode: 'auto' | 'original' | 'resign';
  status: number | null;
  /** from sending until the whole answer was read (or the error) */
  durationMs: number;
  /** from sending until the response headers arrived: the dev server's handling time plus the network; null or absent when no answer came or it was not measured */
  headersMs?: number | null;
  error: string | null;
  responseHeaders: Array<[string, string]>;
  /** first 64 KiB of the response body, as text */
  responseBody: string;
  /** the request exactly as sent (redacted for display); null when none was sent or it was not recorded */
  request: SentRequest | null;
}

/** What an attempt put on the wire, redacted for display; the exact bytes are kept encrypted. */
export interface SentRequest {
  method: string;
  url: string;
  /** after the header policy, in the order sent */
  headers: Array<[string, string]>;
  /** sha256 hex of the exact body bytes sent */
  bodySha256: string;
  bodySize: number;
  /** redacted body as text */
  body: string;
}

export interface DeliveryDetail extends DeliverySummary {
  headers: Array<[string, string]>;
  /** redacted body as text */
  body: string;
  bodySha256: string;
  contentType: string | null;
  checks: CheckResult[];
  attempts: Attempt[];
  idempotencyKey: string | null;
  /** whether the encrypted raw body is still stored (retention may have purged it) */
  rawAvailable: boolean;
  /** every arrival of this provider event id, oldest first (the provider's observed retry schedule) */
  retryChain?: RetryChainEntry[];
}

export interface ListDeliveriesArgs {
  sourceId?: string;
  verdict?: Verdict;
  failedCheck?: CheckId;
  eventType?: string;
  /** the query language (shared/query): free text, status:401, fail:signature, header:…, after:-15m, AND/OR/-, ( ) */
  q?: string;
  limit?: number;
  /** cursor: the `next` of the previous page */
  before?: string;
  /** rows to skip (newest first) — with asOf, a window anywhere in the result */
  offset?: number;
  /** the `top` of an earlier answer: only deliveries stored up to then, so totals and offsets hold still */
  asOf?: string;
}

export interface DeliveryPage {
  items: DeliverySummary[];
  /** cursor of the next (older) page; absent on the last page */
  next?: string;
  /** how many deliveries match the query up to `top` */
  total: number;
  /** the snapshot this answer was read at: pass it back as asOf */
  top: string;
}

export interface TimelineArgs {
  /** the list's query (shared/query); its top-level after:/before: set the charted window */
  q?: string;
  sourceId?: string;
  /** at most this many bars, 10–240 (default 60); the bar width is the smallest of 1 s … 1 week that fits */
  maxBuckets?: number;
}

export interface TimelineBucket {
  /** start of the bar (ISO); it spans bucketMs */
  at: string;
  verified: number;
  rejected: number;
}

/** Deliveries per time step for a query, counted by verdict on the main side. */
export interface TimelineValue {
  /** start of the first bar; null when nothing matches and the query sets no window */
  from: string | null;
  /** end of the last bar (exclusive) */
  to: string | null;
  bucketMs: number;
  /** every step from `from` to `to`, empty steps included */
  buckets: TimelineBucket[];
  /** matches charted (the sum of the bars) */
  total: number;
}

export interface SecretInfo {
  /** what the config holds: env:NAME is shown as is; literal and encrypted values as fp:<fingerprint> */
  ref: string;
  kind: 'env' | 'literal' | 'encrypted';
  label: string | null;
  retiresAt: string | null;
  /** first 8 hex chars of sha256(secret); null when the secret cannot be resolved */
  fingerprint: string | null;
  resolved: boolean;
  strength: 'weak' | 'fair' | 'strong' | null;
  problem: string | null;
}

export interface ConfigValue {
  /** secrets masked: literal and encrypted values appear as fp:<fingerprint> (send them back unchanged to keep them) */
  config: HookscopeConfig;
  secrets: Record<string, SecretInfo[]>;
  path: string | null;
  /** the ngrok authtoken as config.tunnel.authtoken refers to it (set or not, where from), never its value; null: none configured */
  tunnelAuthtoken?: SecretInfo | null;
}

/**
 * Try a request against a source's checks without receiving it: pasted raw headers and body, or a
 * captured delivery's raw request. Form values not saved yet (provider, scheme, tolerance) may be tried
 * in place of the stored ones; the source's stored secrets are used and never returned.
 */
export interface VerifyRequestArgs {
  sourceId: string;
  /** one header per line, "Name: value"; a request line ("POST /path HTTP/1.1") first is allowed */
  headers?: string;
  /** the body exactly as sent (UTF-8) */
  body?: string;
  /** instead of headers and body: this captured delivery's raw request, checked at its receipt time */
  deliveryId?: string;
  provider?: ProviderId;
  /** a generic HMAC scheme, as in the config's source.scheme */
  scheme?: unknown;
  toleranceSeconds?: number;
}

export interface VerifyRequestValue {
  /** no returned check failed */
  verified: boolean;
  /** the checks that read the request (auth-token, signature, timestamp, payload), as the Checks tab shows them */
  checks: CheckResult[];
  /** the time the timestamp was checked against: now for a pasted request, the receipt for a captured one */
  checkedAt: string;
}

export interface AuditEntry {
  id: number;
  at: string;
  action: string;
  subject: string | null;
  detail: Record<string, unknown>;
  /** team mode: the person whose token made the call; null or absent: the instance's own user */
  actor?: string | null;
}

export interface Alert {
  id: string;
  at: string;
  severity: 'critical' | 'warning';
  code: 'invalid_signatures' | 'ip_rejections' | 'timestamp_failures' | 'auth_failures_doubling';
  message: string;
  count: number;
  threshold: number;
}

export interface SecurityValue {
  counters: Array<{ check: CheckId; code: string; lastMinute: number; lastHour: number; total: number }>;
  alerts: Alert[];
  calls: { succeeded: number; failed: number; ratio: number | null };
}

export interface ReadinessItem {
  id: string;
  label: string;
  status: 'pass' | 'fail' | 'warn';
  detail: string;
}

export interface PresetInfo {
  id: ProviderId;
  label: string;
  signatureHeader: string;
  hasTimestamp: boolean;
  eventTypes: string[];
}

/** Chaos options of a replay: the same event several times, at once or spaced out. */
export interface ChaosOptions {
  /** copies to send, 1–50 (default 1) */
  repeat?: number;
  /** copies in flight at once, 1–20 (default 1: one after the other) */
  concurrency?: number;
  /** wait between starting one copy and the next, ms (a duplicate after a delay) */
  delayMs?: number;
  /** side-effect probe: a GET URL on the dev server (loopback only) answering JSON, read before and after */
  probe?: string;
}

export type IdempotencyVerdict = 'idempotent' | 'not_idempotent' | 'unknown';

/** What a chaos run shows about the dev server's handler. */
export interface IdempotencyReport {
  /** requests sent */
  copies: number;
  /** distinct events among them (by the provider's event id) */
  events: number;
  /** the dev server's status per copy, in send order (null: no answer) */
  statuses: Array<number | null>;
  /** how many different response bodies came back */
  distinctBodies: number;
  /** the probe's JSON before and after (redacted like bodies); null without a probe or when it failed */
  probeBefore: unknown;
  probeAfter: unknown;
  /** how often the side effect was applied, from the probe's counters; null when unknown */
  applied: number | null;
  verdict: IdempotencyVerdict;
  /** one plain sentence, e.g. "5 copies → side effect applied 5 times: the handler is not idempotent on webhook-id" */
  summary: string;
}

export interface ChaosAttempt extends Attempt {
  deliveryId: string;
}

export interface ChaosValue {
  /** in send order */
  attempts: ChaosAttempt[];
  report: IdempotencyReport;
}

export interface ReplayDeliveryArgs extends ChaosOptions {
  id: string;
  target?: string;
  mode?: 'original' | 'resign';
  /** edited body, sent byte for byte as given (UTF-8) and always re-signed */
  body?: string;
  /** Standard Webhooks: re-sign under a new webhook-id instead of the captured one */
  newMessageId?: boolean;
}

/** the replay request as a command, re-signed now (fresh timestamp); carries the signature, never the secret */
export interface CopyReplayCommandArgs {
  id: string;
  /** json: the request as data ({method, url, headers, body}) — what a desktop sends itself (sendRequest) */
  format: 'curl' | 'fetch' | 'httpie' | 'json';
  target?: string;
  mode?: 'original' | 'resign';
  body?: string;
  newMessageId?: boolean;
}

export interface SendRequestArgs {
  /** full URL, e.g. http://localhost:3000/webhooks?x=1 (replay.allowRemoteTargets decides beyond loopback) */
  url: string;
  method: string;
  headers: Array<[string, string]>;
  /** UTF-8 text, sent byte for byte */
  body: string;
}

export interface SentRequestValue {
  status: number | null;
  durationMs: number;
  error: string | null;
  /** redacted like an attempt's */
  responseHeaders: Array<[string, string]>;
  responseBody: string;
}

export interface ReplayQueryArgs {
  /** the delivery query language (shared/delivery-query.ts): `source:ID verdict:… check:… event:TYPE` and free words ('' or absent: every delivery) */
  query?: string;
  sourceId?: string;
  /** how many of the newest matches, 1–200 (default 20) */
  limit?: number;
  /** send order: receipt order, newest first, or random */
  order?: 'original' | 'reverse' | 'shuffled';
  concurrency?: number;
  delayMs?: number;
  target?: string;
  mode?: 'original' | 'resign';
  probe?: string;
}

export type TestEventKind = 'valid' | 'bad_signature' | 'stale_timestamp' | 'duplicate' | 'reserialized_json';

export interface SendTestEventArgs {
  sourceId: string;
  kind: TestEventKind;
  eventType?: string;
  body?: string;
  fromDeliveryId?: string;
}

export type TeamRole = 'viewer' | 'member' | 'admin';

/** Who the caller's token belongs to (team mode: a person and their role; else the instance's owner). */
export interface WhoamiValue {
  /** the person's name; null: the instance's own token */
  name: string | null;
  role: TeamRole;
  /** true on a team server (a PostgreSQL store with per-person tokens) */
  team: boolean;
}

export type WorkspaceState = 'off' | 'connecting' | 'online' | 'error';

/** The team workspace this instance is connected to (docs/team.md "Connect the desktop"); never its token. */
export interface WorkspaceInfo {
  /** off: none connected; connecting: (re)opening its live stream; error: see message */
  state: WorkspaceState;
  /** one sentence: what is going on and what to do */
  message: string;
  /** the workspace's address, e.g. https://hookscope.example.com; null when none is connected */
  url: string | null;
  /** shown in the switcher; default the URL's host */
  name: string | null;
  /** the person the token belongs to, as the workspace knows them */
  person: string | null;
  role: TeamRole | null;
  /** where a replay from the workspace goes on this machine; null: the local source of the same id's forward.url */
  replayTarget: string | null;
}

export interface ConnectWorkspaceArgs {
  /** the team server's address (https://…; http:// only on this machine) */
  url: string;
  /** the personal token (hookscope token create); stored sealed, never returned */
  token: string;
  name?: string;
  /** e.g. http://localhost:3000/webhooks */
  replayTarget?: string;
}

/** a replay of a workspace delivery: prepared (re-signed) by the workspace, sent by this instance to its own target */
export interface ReplayFromWorkspaceArgs {
  id: string;
  target?: string;
  mode?: 'original' | 'resign';
  body?: string;
  newMessageId?: boolean;
}

/** The workspace's own events, relayed into this instance's stream. */
export type WorkspaceRelayedEvent =
  | { type: 'deliveriesAdded'; payload: { items: DeliverySummary[] } }
  | { type: 'deliveryUpdated'; payload: { item: DeliverySummary } }
  | { type: 'configChanged'; payload: Record<string, never> };

export interface HookscopeApi {
  getStatus(args: Record<string, never>): Promise<StatusValue>;
  listDeliveries(args: ListDeliveriesArgs): Promise<DeliveryPage>;
  /** the query's matches per time step, by verdict (the Inspector's timeline) */
  getTimeline(args: TimelineArgs): Promise<TimelineValue>;
  getDelivery(args: { id: string }): Promise<DeliveryDetail>;
  /** with any chaos option (repeat, concurrency, delayMs, probe) the first attempt also carries every copy and the report */
  replayDelivery(args: ReplayDeliveryArgs): Promise<Attempt & Partial<ChaosValue>>;
  replayQuery(args: ReplayQueryArgs): Promise<ChaosValue>;
  copyReplayCommand(args: CopyReplayCommandArgs): Promise<{ text: string; mode: 'original' | 'resign' }>;
  /** sends one prepared request (e.g. a team workspace's replay, copied as json) from this instance to a target its replay policy allows */
  sendRequest(args: SendRequestArgs): Promise<SentRequestValue>;
  /** body: a template (text) instead of the preset's sample; fromDeliveryId: a captured delivery's raw body as the template */
  sendTestEvent(args: SendTestEventArgs): Promise<{ deliveryId: string }>;
  revealRaw(args: { id: string }): Promise<{ body: string; encoding: 'utf8' | 'base64' }>;
  eraseByValue(args: { value: string }): Promise<{ deleted: number }>;
  getConfig(args: Record<string, never>): Promise<ConfigValue>;
  updateConfig(args: { config: unknown }): Promise<ConfigValue>;
  addSecret(args: { sourceId: string; value: string; label?: string; retiresAt?: string }): Promise<SecretInfo>;
  removeSecret(args: { sourceId: string; ref: string }): Promise<{ removed: boolean }>;
  exportDeliveries(args: { ids: string[]; format: 'har' | 'curl' | 'json' }): Promise<{ text: string }>;
  listAudit(args: { limit?: number }): Promise<{ items: AuditEntry[] }>;
  getSecurity(args: Record<string, never>): Promise<SecurityValue>;
  getReadiness(args: { sourceId: string }): Promise<{ items: ReadinessItem[] }>;
  listPresets(args: Record<string, never>): Promise<{ items: PresetInfo[] }>;
  setTunnel(args: { enabled: boolean }): Promise<TunnelStatus>;
  verifyRequest(args: VerifyRequestArgs): Promise<VerifyRequestValue>;
  /** the person and role behind the calling token */
  whoami(args: Record<string, never>): Promise<WhoamiValue>;
  /** checks the URL and token against the workspace, stores the token sealed, opens the live stream */
  connectWorkspace(args: ConnectWorkspaceArgs): Promise<WorkspaceInfo>;
  disconnectWorkspace(args: Record<string, never>): Promise<WorkspaceInfo>;
  getWorkspace(args: Record<string, never>): Promise<WorkspaceInfo>;
  /** the connected workspace's getStatus, listDeliveries, getTimeline and getDelivery, called with the stored token */
  getWorkspaceStatus(args: Record<string, never>): Promise<StatusValue>;
  listWorkspaceDeliveries(args: ListDeliveriesArgs): Promise<DeliveryPage>;
  getWorkspaceTimeline(args: TimelineArgs): Promise<TimelineValue>;
  getWorkspaceDelivery(args: { id: string }): Promise<DeliveryDetail>;
  /** the workspace's revealRaw (member role there; audited there) */
  revealWorkspaceRaw(args: { id: string }): Promise<{ body: string; encoding: 'utf8' | 'base64' }>;
  /** the workspace prepares the request (copyReplayCommand, json), this instance sends it (sendRequest); the attempt is not stored */
  replayFromWorkspace(args: ReplayFromWorkspaceArgs): Promise<Attempt>;
}

export type ApiMethod = keyof HookscopeApi;
export type ApiArgs<M extends ApiMethod> = Parameters<HookscopeApi[M]>[0];
export type ApiValue<M extends ApiMethod> = Awaited<ReturnType<HookscopeApi[M]>>;

/** Pushed notifications, past-tense names. */
export interface HookscopeEvents {
  deliveriesAdded: { items: DeliverySummary[] };
  deliveryUpdated: { item: DeliverySummary };
  tunnelStatusChanged: TunnelStatus;
  alertRaised: Alert;
  configChanged: Record<string, never>;
  workspaceChanged: WorkspaceInfo;
  /** an event of the connected workspace; `workspace` is its URL */
  workspaceEvent: { workspace: string; event: WorkspaceRelayedEvent };
}
export type EventName = keyof HookscopeEvents;
export interface HookscopeEvent<E extends EventName = EventName> {
  type: E;
  payload: HookscopeEvents[E];
}
