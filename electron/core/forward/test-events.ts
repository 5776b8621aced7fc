/**
 * sendTestEvent (docs/api.md "Methods" (sendTestEvent)): a realistic sample event for the source's provider, signed with its
 * current secret — or deliberately broken — POSTed through the real receiver, so it runs the whole chain
 * and is stored like any other delivery.
 */
import { lookup as dnsLookup } from 'node:dns/promises';
import type { TestEventKind } from '../../../shared/api';
import { HookscopeError } from '../../../shared/result';
import type { Clock, CryptoPort } from '../../../shared/verify/ports';
import { getPreset } from '../../../shared/verify/presets/index';
import { sampleEvent } from '../../../shared/verify/samples';
import { signRequest } from '../../../shared/verify/signer';
import type { ChainSource } from '../../../shared/verify/types';
import { headerValue } from './header-policy';
import type { Sender, SendResult } from './http-sender';
import { currentSecret } from './prepare-request';
import { checkTarget, type LookupFn } from './target-policy';

export const STALE_BY_MS = 10 * 60 * 1000;
export const TEST_EVENT_HEADER = 'X-Hookscope-Test';

export interface TestEventDeps {
  getSource(sourceId: string): ChainSource | null;
  clock: Clock;
  crypto: CryptoPort;
  sender: Sender;
  /** the receiver's local base URL, e.g. http://127.0.0.1:8787 */
  receiverUrl(): string;
  lookup?: LookupFn;
}

export interface TestEventArgs {
  sourceId: string;
  kind: TestEventKind;
  eventType?: string;
  /** the body to sign instead of the preset's sample (a file or a captured delivery), with its event type if known */
  template?: { body: Uint8Array; eventType: string | null };
}

const utf8 = new TextDecoder();
const hex = (bytes: Uint8Array) => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');

export async function sendTestEvent(deps: TestEventDeps, args: TestEventArgs): Promise<{ deliveryId: string }> {
  const source = deps.getSource(args.sourceId);
  if (!source) throw new HookscopeError('not_found', `sourceId: no source "${args.sourceId}" is configured; add it in Settings first`);
  const { provider, scheme } = source.config;
  if (!provider) {
    throw new HookscopeError('no_provider', `Source "${args.sourceId}" has no provider configured, so a test event cannot be signed: pick a provider in Settings`);
  }
  const now = deps.clock.now();
  const secret = currentSecret(source, now);
  if (!secret && args.kind !== 'bad_signature') {
    throw new HookscopeError(
      'no_secret',
      `Source "${args.sourceId}" has no current secret, so a test event cannot be signed: add one in Settings`,
    );
  }
  if (args.kind === 'stale_timestamp' && !getPreset(provider).hasTimestamp(scheme ?? null)) {
    throw new HookscopeError(
      'not_applicable',
      `The "${provider}" preset carries no timestamp, so there is nothing to make stale: try bad_signature or duplicate`,
    );
  }

  const eventNow = args.kind === 'stale_timestamp' ? now - STALE_BY_MS : now;
  const eventType = args.eventType ?? args.template?.eventType ?? undefined;
  const generated = sampleEvent(provider, {
    ...(eventType ? { eventType } : {}),
    now: eventNow,
    randomId: () => hex(deps.crypto.randomBytes(12)),
    ...(scheme ? { scheme } : {}),
  });
  // a template keeps the sample's content type and event type (the headers some schemes sign) but not its body
  const sample = args.template ? { ...generated, body: args.template.body } : generated;
  const reserialize = args.kind === 'reserialized_json';
  if (reserialize && !/json/i.test(sample.contentType)) {
    throw new HookscopeError(
      'not_applicable',
      `The "${provider}" preset sends ${sample.contentType || 'a non-JSON body'}, so there is no JSON to re-serialise: try bad_signature`,
    );
  }

  if (reserialize && args.template && !parsesAsJson(args.template.body)) {
    throw new HookscopeError('not_applicable', 'body: the template is not JSON, so there is nothing to re-serialise: try bad_signature');
  }

  const signingSecret = args.kind === 'bad_signature' ? randomSecretLike(secret?.value ?? '', deps.crypto) : (secret?.value as string);
  // reserialized_json: the sender signed the compact form but transmits a pretty-printed one
  const signBody = reserialize ? new TextEncoder().encode(JSON.stringify(JSON.parse(utf8.decode(sample.body)))) : sample.body;
  const url = `${deps.receiverUrl().replace(/\/+$/, '')}/hooks/${encodeURIComponent(args.sourceId)}`;
  const signed = signRequest(
    {
      provider,
      ...(scheme ? { scheme } : {}),
      secret: signingSecret,
      body: signBody,
      contentType: sample.contentType,
      url,
      method: 'POST',
      now: eventNow,
      ...(sample.eventType ? { eventType: sample.eventType } : {}),
    },
    deps.crypto,
  );
  const body = reserialize ? new TextEncoder().encode(JSON.stringify(JSON.parse(utf8.decode(signed.body)), null, 2)) : signed.body;

  const headers: Array<[string, string]> = [...signed.headers];
  if (headerValue(headers, 'content-type') === null) headers.push(['Content-Type', sample.contentType]);
  if (source.authTokens.length > 0) headers.push(['X-Auth-Token', source.authTokens[0]]);
  headers.push(['User-Agent', 'Hookscope-Test-Event/1'], [TEST_EVENT_HEADER, args.kind]);

  const signedUrl = new URL(signed.url);
  const target = await checkTarget(signedUrl, { allowRemoteTargets: false, lookup: deps.lookup ?? dnsLookup });
  const post = () =>
    deps.sender.send({ target, path: `${signedUrl.pathname}${signedUrl.search}`, method: signed.method, headers, body });

  let result = await post();
  let deliveryId = idFrom(result);
  if (args.kind === 'duplicate') {
    result = await post();
    deliveryId = idFrom(result);
  }
  return { deliveryId };
}

function idFrom(result: SendResult): string {
  if (result.status === null) {
    throw new HookscopeError('receiver_unreachable', `The receiver did not answer the test event: ${result.error ?? 'no response'}`);
  }
  const id = headerValue(result.responseHeaders, 'x-hookscope-delivery-id');
  if (!id) {
    throw new HookscopeError('receiver_error', `The receiver answered ${result.status} without X-Hookscope-Delivery-Id: the delivery was not stored`);
  }
  return id;
}

function parsesAsJson(bytes: Uint8Array): boolean {
  try {
    JSON.parse(utf8.decode(bytes));
    return true;
  } catch {
    return false;
  }
}

/** A wrong secret of the same shape as the real one (whsec_ keys must still decode). */
function randomSecretLike(real: string, crypto: CryptoPort): string {
  const bytes = crypto.randomBytes(24);
  if (real.startsWith('whsec_')) return `whsec_${btoa(String.fromCharCode(...bytes))}`;
  return hex(bytes);
}
