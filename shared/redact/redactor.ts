/** The redactor the store runs before anything is written in plain text. Pure and synchronous. */
import type { HookscopeConfig } from '../config';
import { detectorSet, redactText } from './detect-text';
import { looksLikeForm, redactForm } from './form-body';
import { redactHeaders } from './headers';
import { redactJson } from './json-body';
import { isSecretParam, keyMatcher, normalizeKey } from './keys';
import type { RedactRules } from './rules';
import { redactTarget } from './target';
import { redactTextBody } from './text-body';

export type RedactionConfig = HookscopeConfig['redaction'];

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
   * The same as json(`[${items.join(',')}]`) for items that are each the JSON.stringify of a value (check
   * results): the scanner's state does not cross from one element of a top-level array to the next, so
   * each item is redacted on its own, and items already seen to contain nothing to mask are not scanned again.
   */
  jsonArray(items: readonly string[]): string;
}

/** positions of jsonArray items remembered (the check chain always reports its checks in the same order) */
const CLEAN_POSITIONS = 16;

function kindOf(text: string, contentType: string | null): 'json' | 'form' | 'text' {
  const ct = contentType?.toLowerCase() ?? '';
  const first = /\S/.exec(text)?.[0];
  if (ct.includes('json') || first === '{' || first === '[') return 'json';
  if (ct.includes('x-www-form-urlencoded') || (!ct && looksLikeForm(text))) return 'form';
  return 'text';
}

/** A body field whose value is a credential; plain "key" is too common in payloads to mask. */
function isCredentialKey(key: string): boolean {
  return normalizeKey(key) !== 'key' && isSecretParam(key);
}

export function createRedactor(cfg: RedactionConfig): Redactor {
  const configured = keyMatcher(cfg.keys);
  const rules: RedactRules = {
    // credentials in a body (api_secret, password, sig, token…) are masked like configured keys
    isConfiguredKey: (key) => configured(key) || isCredentialKey(key),
    keys: [...cfg.keys],
    detectors: detectorSet(cfg.detectors),
  };
  const json = (text: string): string => {
    const out = redactJson(text, rules);
    // broken JSON: the free-text detectors also run over what the scanner kept, for the fragments
    return out.wellFormed ? out.text : redactText(out.text, rules.detectors, false);
  };
  // per position, the last item that redaction left unchanged: a string comparison, no hashing, bounded memory.
  // Per redactor: a change of rules (updateConfig creates a new redactor) starts afresh.
  const lastClean: Array<string | undefined> = new Array<string | undefined>(CLEAN_POSITIONS).fill(undefined);
  const jsonArray = (items: readonly string[]): string => {
    const out: string[] = new Array<string>(items.length);
    for (let i = 0; i < items.length; i++) {
      const item = items[i];
      if (i < CLEAN_POSITIONS && lastClean[i] === item) {
        out[i] = item;
        continue;
      }
      const red = redactJson(item, rules);
      // not well-formed (never for JSON.stringify output): redact the whole array the ordinary way
      if (!red.wellFormed) return json(`[${items.join(',')}]`);
      if (red.text === item && i < CLEAN_POSITIONS) lastClean[i] = item;
      out[i] = red.text;
    }
    return `[${out.join(',')}]`;
  };
  return {
    body(text, contentType) {
      if (text.length === 0) return text;
      const kind = kindOf(text, contentType);
      if (kind === 'json') return json(text);
      if (kind === 'form') return redactForm(text, rules, true);
      return redactTextBody(text, rules);
    },
    headers: (headers) => redactHeaders(headers, rules),
    target: (target) => redactTarget(target, rules),
    text: (text) => redactText(text, rules.detectors, true),
    json,
    jsonArray,
  };
}
