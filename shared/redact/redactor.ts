/** The redactor the store runs before anything is written in plain text. Pure and synchronous. */
import type { HookscopeConfig } from '../config';
import { detectorSet, redactText } from './detect-text';
import { looksLikeForm, redactForm } from './form-body';
import { redactHeaders } from './headers';
import { redactJson } from './json-body';
import { isCredentialName } from './credential-names';
import { keyMatcher } from './keys';
import type { RedactRules } from './rules';
import { redactTarget } from './target';
import { redactTextBody } from './text-body';
import { createValueRedactor } from './value-redactor';
import { knownSecretMasker } from './known-secrets';

export type RedactionConfig = HookscopeConfig['redaction'] & {
  /** the configured secrets' values, resolved (never in a config file): masked wherever they appear */
  secretValues?: readonly string[];
};

export interface Redactor {
  /** a decoded request or response body; the content type picks JSON, form or text rules */
  body(text: string, contentType: string | null): string;
  headers(headers: ReadonlyArray<readonly [string, string]>): Array<[string, string]>;
  /** a request target (`/path?query`) or URL */
  target(target: string): string;
  /** free text: the detectors only */
  text(text: string): string;
  /** JSON text (e.g. serialised check evidence): configured keys and detectors */
  json(text: string): string;
  /**
   * The same as json(JSON.stringify(value)) for a JSON-serialisable value (check results), walking the value
   * itself instead of scanning its serialised text.
   */
  value(value: unknown): string;
}

/** key names remembered per redactor (a body or check has few distinct keys; bounded against hostile ones) */
const KEY_CACHE_MAX = 4096;

function kindOf(text: string, contentType: string | null): 'json' | 'form' | 'text' {
  const ct = contentType?.toLowerCase() ?? '';
  const first = /\S/.exec(text)?.[0];
  if (ct.includes('json') || first === '{' || first === '[') return 'json';
  if (ct.includes('x-www-form-urlencoded') || (!ct && looksLikeForm(text))) return 'form';
  return 'text';
}

export function createRedactor(cfg: RedactionConfig): Redactor {
  const configured = keyMatcher(cfg.keys);
  const secrets = knownSecretMasker(cfg.secretValues);
  // also over each whole result: places no text rule reads (a query parameter without a value, a field name)
  const unsecret = secrets ?? ((text: string) => text);
  const keyHits = new Map<string, boolean>();
  const rules: RedactRules = {
    // credentials in a body (api_secret, password, sig, token…) are masked like configured keys
    isConfiguredKey(key) {
      let hit = keyHits.get(key);
      if (hit === undefined) {
        hit = configured(key) || isCredentialName(key);
        if (keyHits.size >= KEY_CACHE_MAX) keyHits.clear();
        keyHits.set(key, hit);
      }
      return hit;
    },
    keys: [...cfg.keys],
    detectors: detectorSet(cfg.detectors, secrets),
  };
  const json = (text: string): string => {
    const out = redactJson(text, rules);
    // broken JSON: the free-text detectors also run over what the scanner kept, for the fragments
    return out.wellFormed ? out.text : redactText(out.text, rules.detectors, false);
  };
  const value = createValueRedactor(rules, json);
  return {
    body(text, contentType) {
      if (text.length === 0) return text;
      const kind = kindOf(text, contentType);
      if (kind === 'json') return unsecret(json(text));
      if (kind === 'form') return unsecret(redactForm(text, rules, true));
      return redactTextBody(text, rules);
    },
    headers: (headers) => redactHeaders(headers, rules),
    target: (target) => unsecret(redactTarget(target, rules)),
    text: (text) => redactText(text, rules.detectors, true),
    json: (text) => unsecret(json(text)),
    value: (v) => unsecret(value(v)),
  };
}
