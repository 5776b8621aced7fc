/**
 * Credential names, recognised the way secret scanners do (gitleaks' and trufflehog's keyword rules):
 * case- and separator-insensitive, on the words of a name (split at `_`, `-`, `.`, spaces and case
 * changes: `privateKey`, `PRIVATE_KEY` and `private-key` are the same name).
 *
 * A name is a credential when
 * - any word is or ends with secret, password, passwd, pwd, passphrase, credential(s)
 *   (`client_secret`, `dbPassword`, `password_hash`), or is pin, ssn or iban, or starts with auth
 *   (`auth`, `authorization`, `authToken` — not `author`);
 * - or its LAST word is or ends with key, token, signature(s), sig, session, cookie(s)
 *   (`private_key`, `api_key`, `apikey`, `access_key`, `refresh_token`, `sessionToken`), so that
 *   `key_id`, `token_type` and `session_id` name something about a credential, not one.
 *
 * Allowlist (names that match the rules but hold nothing secret): ALLOWED below — `key` alone (a very
 * common payload field; the value detectors in credential-values.ts still catch real keys in it),
 * `idempotency_key`, `public_key`, `publishable_key`, database key names, and English words that end
 * in "key". Tests: test/shared/redact/credential-names.test.ts.
 */

const ANY_WORD = /(?:secret|secrets|password|passwords|passwd|pwd|passphrase|credential|credentials)$/;
const EXACT_WORD = new Set(['pin', 'ssn', 'iban']);
const LAST_WORD = /(?:key|token|signature|signatures|sig|session|cookie|cookies)$/;

export const ALLOWED_CREDENTIAL_NAMES: ReadonlySet<string> = new Set([
  'key', 'idempotencykey', 'publickey', 'publishablekey', 'primarykey', 'partitionkey', 'sortkey', 'foreignkey',
  'cachekey', 'dedupkey', 'dedupekey', 'groupkey', 'routingkey',
  'monkey', 'turkey', 'hockey', 'donkey', 'whiskey', 'jockey', 'lackey',
]);

function nameWords(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

const isAuthWord = (w: string): boolean => w.startsWith('authoriz') || (w.startsWith('auth') && !w.startsWith('author'));

/** uncached: the redactor remembers its answer per key name */
export function isCredentialName(name: string): boolean {
  const words = nameWords(name);
  if (words.length === 0 || ALLOWED_CREDENTIAL_NAMES.has(words.join(''))) return false;
  if (words.some((w) => ANY_WORD.test(w) || EXACT_WORD.has(w) || isAuthWord(w))) return true;
  return LAST_WORD.test(words[words.length - 1]);
}
