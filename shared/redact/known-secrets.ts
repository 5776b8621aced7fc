/**
 * Values known to be secret — the sources' own signing secrets and auth tokens, resolved from the
 * config — masked wherever they appear: a custom header, the query, the body, under any name. Name-
 * and format-based rules cannot see a secret that a caller sends under a name of its own choosing.
 * Each value is also looked for trimmed and percent-encoded (as it stands in a query or form body).
 */
import { credentialMask } from './masks';
import { encodeFormComponent } from './percent';

/** shorter values would mask ordinary words (a configured secret is much longer; the checklist flags short ones) */
export const MIN_KNOWN_SECRET_LENGTH = 6;

export type SecretMasker = (text: string) => string;

/** null when there is nothing to look for */
export function knownSecretMasker(values: readonly string[] | undefined): SecretMasker | null {
  const forms = new Map<string, number>();
  for (const value of values ?? []) {
    const trimmed = value.trim();
    for (const form of [value, trimmed, encodeURIComponent(trimmed), encodeFormComponent(trimmed)]) {
      if (form.length >= MIN_KNOWN_SECRET_LENGTH && !forms.has(form)) forms.set(form, trimmed.length);
    }
  }
  if (forms.size === 0) return null;
  // the longest first: a secret that contains another is masked whole
  const ordered = [...forms].sort((a, b) => b[0].length - a[0].length);
  return (text) => {
    let out = text;
    for (const [form, length] of ordered) {
      if (out.includes(form)) out = out.split(form).join(credentialMask('configured secret', length));
    }
    return out;
  };
}
