/** Header redaction: credentials masked whole, signatures reduced to a 6-character prefix and length. */
import { redactText } from './detect-text';
import { isCredentialName } from './credential-names';
import { isPhoneKey } from './keys';
import { phoneMask, secretMask, signatureMask } from './masks';
import { wholeValuePhone } from './phone';
import type { RedactRules } from './rules';

const CREDENTIAL = new Set([
  'authorization', 'proxy-authorization', 'cookie', 'set-cookie', 'x-auth-token', 'x-api-key', 'api-key',
  'x-access-token', 'x-amz-security-token', 'x-csrf-token',
]);

export function isSignatureHeader(name: string): boolean {
  return /signature|hmac/i.test(name);
}

export function isCredentialHeader(name: string): boolean {
  const lower = name.toLowerCase();
  if (CREDENTIAL.has(lower)) return true;
  return /(?:^|-)(?:token|secret|api-?key|password)$/.test(lower) && !lower.includes('idempotency');
}

function authorizationMask(value: string): string {
  const m = /^([A-Za-z][\w-]{0,30})\s+(\S[\s\S]*)$/.exec(value);
  return m ? `${m[1]} ${secretMask(m[2])}` : secretMask(value);
}

type HeaderKind = 'authorization' | 'credential' | 'signature' | 'phone' | 'text';

/** what a header's name says about its value: the same handful of names on every request, so each is classified once */
const headerKinds = new Map<string, HeaderKind>();
const HEADER_KINDS_MAX = 2048;

function classify(name: string): HeaderKind {
  const lower = name.toLowerCase();
  if (lower === 'authorization' || lower === 'proxy-authorization') return 'authorization';
  if (isCredentialHeader(name)) return 'credential';
  if (isSignatureHeader(name)) return 'signature';
  if (isCredentialName(name)) return 'credential';
  return isPhoneKey(name.replace(/^x-/i, '')) ? 'phone' : 'text';
}

function headerKind(name: string): HeaderKind {
  let kind = headerKinds.get(name);
  if (kind === undefined) {
    kind = classify(name);
    if (headerKinds.size >= HEADER_KINDS_MAX) headerKinds.clear();
    headerKinds.set(name, kind);
  }
  return kind;
}

export function redactHeaderValue(name: string, value: string, rules: RedactRules): string {
  const kind = headerKind(name);
  if (kind === 'authorization') return authorizationMask(value);
  if (kind === 'credential') return secretMask(value);
  if (kind === 'signature') return signatureMask(value);
  const red = redactText(value, rules.detectors, false);
  if (red === value && rules.detectors.phone && kind === 'phone') {
    const phone = wholeValuePhone(value);
    if (phone) return phoneMask(phone);
  }
  return red;
}

export function redactHeaders(
  headers: ReadonlyArray<readonly [string, string]>,
  rules: RedactRules,
): Array<[string, string]> {
  return headers.map(([name, value]) => [name, redactHeaderValue(name, value, rules)]);
}
