/**
 * signature: the preset's scheme over the raw bytes, against every configured secret, compared in constant
 * time. Rotation: a match on a secret past retiresAt fails, one with retiresAt ahead warns.
 */
import type { CheckResult, Diagnosis } from '../../checks';
import { diagnoseBodyHash, diagnoseSignature } from '../diagnosis/signature-diagnosis';
import type { Preset, SignatureRead } from '../presets/types';
import type { RequestContext } from '../request-context';
import type { ChainPorts, ResolvedSecret } from '../types';
import { utf8Into } from '../support/bytes';
import { toHex } from '../support/encoding';
import { preview } from '../support/evidence';
import { isoOrNull } from '../support/time';
import { maskUrl } from '../support/url-evidence';
import { bodyNotRead, result } from './result';

export interface SignatureOutcome {
  result: CheckResult;
  /** what was read from the request (null when the body was not read) */
  sig: SignatureRead | null;
}

interface Match {
  secret: ResolvedSecret;
  algorithm: string;
  url: string;
}

/** the compared strings' bytes: reused, as each comparison is synchronous and keeps nothing */
const left = new Uint8Array(768);
const right = new Uint8Array(768);

function equalsConstantTime(ctx: RequestContext, a: string, b: string, caseInsensitive: boolean): boolean {
  const x = caseInsensitive ? a.toUpperCase() : a;
  const y = caseInsensitive ? b.toUpperCase() : b;
  return ctx.crypto.timingSafeEqual(utf8Into(x, left), utf8Into(y, right));
}

/** each secret's key for the preset, derived once (a source's resolved secrets stay the same objects until its config changes) */
const derivedKeys = new WeakMap<ResolvedSecret, { preset: Preset; key: Uint8Array | null }>();

function keyOf(preset: Preset, secret: ResolvedSecret): Uint8Array | null {
  const hit = derivedKeys.get(secret);
  if (hit && hit.preset === preset) return hit.key;
  const key = preset.keyFromSecret(secret.value);
  derivedKeys.set(secret, { preset, key });
  return key;
}

function findMatches(ctx: RequestContext, preset: Preset, sig: SignatureRead): Match[] {
  const matches: Match[] = [];
  // only URL-signing presets (Twilio) get the URL: building it costs a URL parse per request
  const urls = preset.urlVariants ? preset.urlVariants(ctx).accepted : [''];
  const algorithms = preset.algorithms(ctx, sig);
  for (const secret of ctx.source.secrets) {
    const key = keyOf(preset, secret);
    if (!key) continue;
    let matched: Match | null = null;
    for (const url of urls) {
      for (const algorithm of algorithms) {
        const mac = preset.compute(ctx, sig, { body: ctx.req.body, key, algorithm, url });
        if (!mac) continue;
        const expected = preset.format(ctx, mac, algorithm);
        for (const candidate of sig.candidates) {
          if (equalsConstantTime(ctx, expected, candidate, preset.caseInsensitive === true) && !matched) matched = { secret, algorithm, url };
        }
      }
    }
    if (matched) matches.push(matched);
  }
  return matches;
}

// evidence objects are built by assignment, not conditional spreads: the same keys in the same order, cheaper
function receivedEvidence(ctx: RequestContext, sig: SignatureRead): Record<string, unknown> {
  const out: Record<string, unknown> = { where: sig.where, received: ctx.explain ? sig.candidates.slice(0, 5).map(preview) : [] };
  if (sig.candidates.length > 5) out.receivedCount = sig.candidates.length;
  return out;
}

/** the best match: a current secret, else a retiring one, else a retired one */
function rank(m: Match, now: number): number {
  if (m.secret.retiresAt === null) return 0;
  return m.secret.retiresAt > now ? 1 : 2;
}

export function signatureCheck(ctx: RequestContext, preset: Preset, ports: ChainPorts): SignatureOutcome {
  if (ctx.req.bodyTruncated) return { result: bodyNotRead('signature'), sig: null };
  const header = preset.signatureHeader(ctx.scheme);
  const carried = ctx.headerAll(header);
  if (carried.length > 1) return eachSignatureHeader(ctx, preset, ports, header, carried);
  return checkSignature(ctx, preset, ports);
}

/** more copies of one signature header than this are not verified (each costs a full check) */
const MAX_SIGNATURE_HEADERS = 8;
const OUTCOME_RANK = { pass: 0, warn: 1, skip: 2, fail: 3 } as const;

/** the request as one copy of the header sees it: the presets read signatures through header()/headerAll() */
function withOnlyHeader(ctx: RequestContext, header: string, value: string): RequestContext {
  const lower = header.toLowerCase();
  const view = Object.create(ctx) as RequestContext;
  view.header = (name) => (name.toLowerCase() === lower ? value : ctx.header(name));
  view.headerAll = (name) => (name.toLowerCase() === lower ? [value] : ctx.headerAll(name));
  return view;
}

/**
 * The signature header sent more than once (a provider rotating secrets, a proxy adding its own): the
 * delivery passes when any copy verifies with a current secret, whatever the order. The evidence lists
 * each copy's outcome; the result shown is the best copy's (pass, then warn, then the first failure).
 */
function eachSignatureHeader(ctx: RequestContext, preset: Preset, ports: ChainPorts, header: string, carried: string[]): SignatureOutcome {
  const outcomes = carried.slice(0, MAX_SIGNATURE_HEADERS).map((value) => checkSignature(withOnlyHeader(ctx, header, value), preset, ports));
  let best = 0;
  outcomes.forEach((o, i) => {
    if (OUTCOME_RANK[o.result.outcome] < OUTCOME_RANK[outcomes[best].result.outcome]) best = i;
  });
  const chosen = outcomes[best];
  const headers = outcomes.map((o, i) => ({ copy: i + 1, outcome: o.result.outcome, code: o.result.code }));
  const unchecked = carried.length - outcomes.length;
  const detail: Record<string, unknown> = { ...chosen.result.detail, headerCopies: carried.length, headers };
  if (unchecked > 0) detail.uncheckedCopies = unchecked;
  const which = chosen.result.outcome === 'fail' ? 'none of them verifies' : `copy ${best + 1} decided`;
  return {
    sig: chosen.sig,
    result: { ...chosen.result, summary: `${chosen.result.summary} (${header} was sent ${carried.length} times and ${which}; each copy's outcome is listed.)`, detail },
  };
}

function checkSignature(ctx: RequestContext, preset: Preset, ports: ChainPorts): SignatureOutcome {
  const sig = preset.readSignature(ctx);
  const sourceId = ctx.source.config.id;
  const secrets = ctx.source.secrets;

  if (secrets.length === 0) {
    return {
      sig,
      result: result(
        'signature',
        'fail',
        'no_secret_configured',
        `No signing secret is configured (or resolvable) for source "${sourceId}": add the provider's webhook secret in Settings, or "secrets": ["env:NAME"] in the config.`,
        { where: sig.where, secretsConfigured: ctx.source.config.secrets.length },
      ),
    };
  }
  if (sig.status === 'missing') {
    return {
      sig,
      result: result(
        'signature',
        'fail',
        'missing_signature',
        `The request carries no ${sig.where}${sig.problem ? ` (${sig.problem})` : ''}: enable signing at the provider, and check that this endpoint is set up as a ${preset.label} webhook.`,
        { where: sig.where },
      ),
    };
  }
  if (sig.status === 'malformed') {
    return {
      sig,
      result: result(
        'signature',
        'fail',
        'malformed_signature',
        `Malformed signature: ${sig.problem ?? `the ${sig.where} value cannot be parsed`} — check what the sender puts in ${sig.where}.`,
        { ...receivedEvidence(ctx, sig), problem: sig.problem },
        diagnose(ctx, preset, sig, ports),
      ),
    };
  }

  const matches = findMatches(ctx, preset, sig);
  const now = ctx.req.receivedAt;
  const unusable = secrets.filter((s) => keyOf(preset, s) === null).map((s) => s.label);
  const evidence = receivedEvidence(ctx, sig);
  evidence.secretsTried = secrets.length;
  if (unusable.length) evidence.unusableSecrets = unusable;
  if (matches.length === 0) {
    const diagnosis = diagnose(ctx, preset, sig, ports);
    let summary = diagnosis.length > 0
      ? 'No configured secret produces this signature, and the diagnosis below names the likely cause: fix that on the sending side.'
      : 'No configured secret produces this signature: check that the secret matches the one at the provider, and that the body was not changed on the way.';
    if (unusable.length > 0 && diagnosis.length === 0) {
      summary = `No configured secret produces this signature, and ${unusable.map((l) => `"${l}"`).join(', ')} cannot be a ${preset.label} key (it must be base64, optionally prefixed whsec_): copy the secret from the provider exactly.`;
    }
    return { sig, result: result('signature', 'fail', 'no_matching_signature', summary, evidence, diagnosis) };
  }
  const best = [...matches].sort((a, b) => rank(a, now) - rank(b, now))[0];
  // evidence is not used again on this path: extended in place
  const matchEvidence = evidence;
  matchEvidence.secret = best.secret.label;
  matchEvidence.algorithm = best.algorithm;
  if (preset.urlVariants) matchEvidence.signedUrl = ctx.explain ? maskUrl(best.url) : '';

  const binding = preset.bodyBinding?.(ctx, sig) ?? null;
  if (binding) {
    if (binding.claimed === null) {
      return {
        sig,
        result: result('signature', 'fail', binding.code, `The signature is valid but carries no ${binding.label}, so the body is not covered by it: the request was refused.`, matchEvidence),
      };
    }
    const actual = [ctx.req.body, ...binding.alsoAccept].map((b) => toHex(ctx.crypto.hash('sha256', b)));
    if (!actual.some((h) => equalsConstantTime(ctx, h, binding.claimed as string, false))) {
      return {
        sig,
        result: result(
          'signature',
          'fail',
          // One code for "the body is not what was signed", whatever carries the binding.
          'no_matching_signature',
          `The signature is valid, but the ${binding.label} does not match the body: the body was changed after signing (or hashed differently) — treat it as tampered.`,
          { ...matchEvidence, claimedHash: preview(binding.claimed), bodyBinding: binding.code },
          ctx.explain ? diagnoseBodyHash(ctx, binding.claimed, binding.label) : [],
        ),
      };
    }
  }

  const retiresAt = best.secret.retiresAt;
  if (retiresAt !== null && retiresAt <= now) {
    return {
      sig,
      result: result(
        'signature',
        'fail',
        'retired_secret',
        `The signature matches secret "${best.secret.label}", which retired at ${isoOrNull(retiresAt)}: the provider still signs with the old secret — update it at the provider, or extend retiresAt while you do.`,
        { ...matchEvidence, retiresAt: isoOrNull(retiresAt) },
      ),
    };
  }
  if (retiresAt !== null) {
    return {
      sig,
      result: result(
        'signature',
        'warn',
        'retiring_secret',
        `Verified with secret "${best.secret.label}", which retires at ${isoOrNull(retiresAt)}: switch the provider to the current secret before then.`,
        { ...matchEvidence, retiresAt: isoOrNull(retiresAt) },
      ),
    };
  }
  return { sig, result: result('signature', 'pass', 'ok', `Verified with secret "${best.secret.label}".`, matchEvidence) };
}

function diagnose(ctx: RequestContext, preset: Preset, sig: SignatureRead, ports: ChainPorts): Diagnosis[] {
  // the costliest part of a failed check (every hypothesis recomputes the MAC): only when explained
  if (!ctx.explain) return [];
  return diagnoseSignature({ ctx, preset, sig, secrets: ctx.source.secrets, otherSecrets: safeOtherSecrets(ports) });
}

function safeOtherSecrets(ports: ChainPorts): Array<{ value: string; label: string }> {
  try {
    return ports.otherSecrets();
  } catch {
    return [];
  }
}
