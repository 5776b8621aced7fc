/** Masks keep the kind of value and a small hint, so the UI stays useful without the data. */

export function phoneMask(digits: string): string {
  return `«phone …${digits.slice(-2)}»`;
}

export function emailMask(email: string): string {
  const at = email.lastIndexOf('@');
  return `«email @${email.slice(at + 1).toLowerCase()}»`;
}

export function cardMask(digits: string): string {
  return `«card …${digits.slice(-4)}»`;
}

export function keyMask(key: string): string {
  return `«redacted ${key}»`;
}

/** a credential found by its format (credential-values.ts) */
export function credentialMask(kind: string, length: number): string {
  return `«redacted ${kind} (${length} chars)»`;
}

export function secretMask(value: string): string {
  return `«redacted (${value.length} chars)»`;
}

/** Signature values: the first 6 characters (after a known scheme prefix) and the length. */
export function signatureMask(value: string): string {
  const prefix = /^(?:t=\d{1,20},)?(?:sha1|sha256|sha512|v0|v1)[=,]/i.exec(value)?.[0] ?? '';
  const rest = value.slice(prefix.length);
  return `«sig ${prefix}${rest.slice(0, 6)}… (${value.length} chars)»`;
}
