/** Key-name rules shared by the JSON, form and query redactors. */
import { isCredentialName } from './credential-names';

/** `phone_number`, `phoneNumber` and `Phone-Number` compare equal. */
export function normalizeKey(key: string): string {
  return key.toLowerCase().replace(/[_\-\s]/g, '');
}

/** uncached: the redactor remembers its answer per key name (rules.isConfiguredKey) */
export function keyMatcher(keys: readonly string[]): (key: string) => boolean {
  const set = new Set(keys.map(normalizeKey));
  return (key) => set.has(normalizeKey(key));
}

function words(key: string): string[] {
  return key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

const PHONE_WORDS = new Set([
  'phone', 'phones', 'phonenumber', 'mobile', 'msisdn', 'tel', 'telephone', 'cell', 'cellphone', 'fax',
  'caller', 'callee', 'whatsapp', 'ani', 'dnis', 'sms',
]);

const phoneKeyCache = new Map<string, boolean>();
const PHONE_KEY_CACHE_MAX = 2048;

/** A field whose bare 10–15 digit value is a phone number (Vonage's `from`/`to`/`msisdn`, `callerNumber` …). */
export function isPhoneKey(key: string): boolean {
  let hit = phoneKeyCache.get(key);
  if (hit === undefined) {
    hit = phoneKeyWords(words(key));
    if (phoneKeyCache.size >= PHONE_KEY_CACHE_MAX) phoneKeyCache.clear();
    phoneKeyCache.set(key, hit);
  }
  return hit;
}

function phoneKeyWords(w: string[]): boolean {
  if (w.some((x) => PHONE_WORDS.has(x))) return true;
  if (w.length === 1 && (w[0] === 'from' || w[0] === 'to')) return true;
  return (w.includes('from') || w.includes('to')) && w.includes('number');
}

/** in a query string, a bare `key` or `sig` is a credential (`?key=AIza…`, Vonage's `sig`) */
const SECRET_QUERY_KEYS = new Set(['key', 'sig']);

/** Query/form parameters whose values are credentials: the credential names, and a bare key or sig. */
export function isSecretParam(key: string): boolean {
  return SECRET_QUERY_KEYS.has(normalizeKey(key)) || isCredentialName(key);
}
