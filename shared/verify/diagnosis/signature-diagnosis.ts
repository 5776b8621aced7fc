/**
 * When the signature fails: hypotheses tested against the raw bytes (docs/api.md "Diagnosis"). Each changes one input —
 * body, secret, algorithm, URL or encoding — and recomputes through the preset's own compute(); every one that
 * reproduces a received signature is reported. Bounded to MAX_DIAGNOSIS_MACS computations per request.
 */
import type { Diagnosis } from '../../checks';
import type { Preset, SignatureRead } from '../presets/types';
import type { RequestContext } from '../request-context';
import type { ResolvedSecret } from '../types';
import { bytesEqual, utf8 } from '../support/bytes';
import { fromBase64, toHex } from '../support/encoding';
import { maskUrl } from '../support/url-evidence';
import { bodyVariants } from './body-variants';
import { describeForm, findForm } from './encodings';

export const MAX_DIAGNOSIS_MACS = 64;

export interface SignatureDiagnosisInput {
  ctx: RequestContext;
  preset: Preset;
  sig: SignatureRead;
  secrets: ResolvedSecret[];
  otherSecrets: Array<{ value: string; label: string }>;
}

interface Key {
  label: string;
  key: Uint8Array;
}

/** the secret read differently: base64-decoded, as text, with or without whsec_ */
function alternativeKeys(secret: string, preset: Preset): Array<{ key: Uint8Array; how: string }> {
  const own = preset.keyFromSecret(secret);
  const bare = secret.startsWith('whsec_') ? secret.slice(6) : null;
  const options: Array<{ key: Uint8Array | null; how: string }> = [
    { key: utf8(secret), how: 'the whole secret string as text' },
    { key: bare !== null ? utf8(bare) : null, how: 'the secret as text without its whsec_ prefix' },
    { key: bare !== null ? fromBase64(bare) : null, how: 'the secret base64-decoded after stripping whsec_' },
    { key: fromBase64(secret), how: 'the secret base64-decoded' },
  ];
  const out: Array<{ key: Uint8Array; how: string }> = [];
  for (const o of options) {
    if (!o.key || o.key.byteLength === 0) continue;
    if (own && bytesEqual(own, o.key)) continue;
    if (out.some((x) => bytesEqual(x.key, o.key as Uint8Array))) continue;
    out.push({ key: o.key, how: o.how });
  }
  return out;
}

export function diagnoseSignature(input: SignatureDiagnosisInput): Diagnosis[] {
  const { ctx, preset, sig } = input;
  if (sig.candidates.length === 0) return [];
  const raw = ctx.req.body;
  const found = new Map<string, string>();
  const add = (code: string, summary: string) => {
    if (!found.has(code)) found.set(code, summary);
  };
  let budget = MAX_DIAGNOSIS_MACS;
  const mac = (body: Uint8Array, key: Uint8Array, algorithm: string, url: string): Uint8Array | null => {
    if (budget <= 0) return null;
    budget--;
    try {
      return preset.compute(ctx, sig, { body, key, algorithm, url });
    } catch {
      return null;
    }
  };
  const reproduces = (m: Uint8Array | null) => m !== null && sig.candidates.some((c) => findForm(c, m) !== null);

  const algorithms = preset.algorithms(ctx, sig);
  const urls = preset.urlVariants?.(ctx) ?? { accepted: [ctx.url], diagnostic: [] };
  const url = urls.accepted[0];
  const keys: Key[] = [];
  for (const s of input.secrets) {
    const key = preset.keyFromSecret(s.value);
    if (key) keys.push({ label: s.label, key });
  }
  const firstKeys = keys.slice(0, 3);

  // right MAC, other text form
  encoding: for (const k of keys) {
    for (const u of urls.accepted) {
      for (const algorithm of algorithms) {
        const m = mac(raw, k.key, algorithm, u);
        if (!m) continue;
        const expected = preset.format(ctx, m, algorithm);
        const expectedForm = findForm(expected, m);
        for (const c of sig.candidates) {
          const form = findForm(c, m);
          if (!form || c === expected) continue;
          add(
            'wrong_encoding',
            `The signature is the right HMAC in the wrong form: the sender sent ${describeForm(form)}, ${preset.label} expects ${expectedForm ? describeForm(expectedForm) : 'another form'}.`,
          );
          break encoding;
        }
      }
    }
  }

  for (const v of bodyVariants(raw)) {
    if (found.has(v.code)) continue;
    if (firstKeys.some((k) => algorithms.some((a) => reproduces(mac(v.body, k.key, a, url))))) {
      add(
        v.code,
        v.code === 'reserialized_json'
          ? `The sender signed ${v.what}, not the bytes it sent: sign and verify the raw request body, never a parsed-and-re-serialised one.`
          : `The signature matches ${v.what}: a proxy, framework or the sender's code changed the body's whitespace — sign and verify the exact bytes on the wire.`,
      );
    }
  }

  const otherLabels: string[] = [];
  for (const o of input.otherSecrets.slice(0, 10)) {
    const key = preset.keyFromSecret(o.value);
    if (!key || keys.some((k) => bytesEqual(k.key, key))) continue;
    if (algorithms.some((a) => reproduces(mac(raw, key, a, url)))) otherLabels.push(o.label);
  }
  if (otherLabels.length > 0) {
    add(
      'other_secret',
      `The signature matches another known secret (${otherLabels.map((l) => `"${l}"`).join(', ')}): the provider is configured with that secret — add it to this source or fix the provider's configuration.`,
    );
  }

  for (const s of input.secrets) {
    const trimmed = s.value.trim();
    if (trimmed === s.value || trimmed === '') continue;
    const key = preset.keyFromSecret(trimmed);
    if (key && algorithms.some((a) => reproduces(mac(raw, key, a, url)))) {
      add('secret_whitespace', `The signature matches secret "${s.label}" with surrounding whitespace removed: the configured secret has a stray space or newline — re-enter it without one.`);
      break;
    }
  }

  secretEncoding: for (const s of input.secrets.slice(0, 3)) {
    for (const alt of alternativeKeys(s.value, preset)) {
      if (algorithms.some((a) => reproduces(mac(raw, alt.key, a, url)))) {
        add('secret_encoding', `The sender used ${alt.how} of "${s.label}" as the HMAC key: ${preset.label} uses ${describeKey(preset)} — align how the secret is decoded.`);
        break secretEncoding;
      }
    }
  }

  const others = preset.otherAlgorithms(ctx, sig);
  for (const a of others) {
    if (firstKeys.some((k) => reproduces(mac(raw, k.key, a, url)))) {
      add('wrong_algorithm', `The signature was computed with ${a.toUpperCase()} instead of ${(algorithms[0] ?? '').toUpperCase()}: configure the sender (or the scheme) to use the same algorithm.`);
      break;
    }
  }

  for (const u of urls.diagnostic) {
    if (firstKeys.some((k) => algorithms.some((a) => reproduces(mac(raw, k.key, a, u))))) {
      add(
        'wrong_url',
        `The signature matches the URL ${maskUrl(u)}, not ${maskUrl(url)}: the provider signed the URL it was configured with — set exactly the public URL (scheme, host, port, path, trailing slash) in its dashboard.`,
      );
      break;
    }
  }

  return [...found].map(([code, summary]) => ({ code, summary }));
}

function describeKey(preset: Preset): string {
  const probe = 'whsec_MDEyMzQ1Njc4OWFiY2RlZg==';
  const key = preset.keyFromSecret(probe);
  return key && bytesEqual(key, utf8(probe)) ? 'the whole secret string as text' : 'the secret base64-decoded after stripping whsec_';
}

/** for payload_hash / bodySHA256: does a changed body explain the mismatch? */
export function diagnoseBodyHash(ctx: RequestContext, claimed: string, label: string): Diagnosis[] {
  const out: Diagnosis[] = [];
  for (const v of bodyVariants(ctx.req.body)) {
    if (out.some((d) => d.code === v.code)) continue;
    if (toHex(ctx.crypto.hash('sha256', v.body)) === claimed) {
      out.push({
        code: v.code,
        summary:
          v.code === 'reserialized_json'
            ? `The ${label} was computed over ${v.what}, not the bytes sent: hash the raw request body.`
            : `The ${label} matches ${v.what}: something changed the body's whitespace in transit — hash the exact bytes on the wire.`,
      });
    }
  }
  return out;
}
