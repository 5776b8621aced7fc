/**
 * Credentials recognised by their format, in any string value whatever its name: PEM blocks (private
 * keys, also with JSON's `\n` escapes, also cut off before their END line), JWTs, and the token formats
 * of common providers (Stripe, GitHub, Slack, AWS, Google, npm, GitLab, SendGrid, Standard Webhooks
 * secrets). Each is replaced whole by a mask naming its kind and length.
 */
import { credentialMask } from './masks';

const FORMATS: ReadonlyArray<[kind: string, pattern: string]> = [
  // an unterminated block runs to the end of the text, so one scan covers it (no quadratic rescans)
  ['pem', String.raw`-----BEGIN [A-Z0-9 ]{1,40}-----[\s\S]*?(?:-----END [A-Z0-9 ]{1,40}-----|$)`],
  ['jwt', String.raw`\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]*`],
  ['stripe key', String.raw`\b(?:sk|rk)_(?:live|test)_[0-9A-Za-z]{10,}`],
  ['webhook secret', String.raw`\bwhsec_[A-Za-z0-9+/=]{16,}`],
  ['github token', String.raw`\b(?:gh[pousr]_[A-Za-z0-9]{30,}|github_pat_[A-Za-z0-9_]{40,})`],
  ['slack token', String.raw`\bxox[abposr]-[A-Za-z0-9-]{10,}`],
  ['slack webhook', String.raw`hooks\.slack\.com/(?:services|workflows)/[A-Za-z0-9/_-]{10,}`],
  ['aws access key', String.raw`\b(?:AKIA|ASIA|ABIA|ACCA)[0-9A-Z]{16}\b`],
  ['google api key', String.raw`\bAIza[0-9A-Za-z_-]{35}`],
  ['npm token', String.raw`\bnpm_[A-Za-z0-9]{36}`],
  ['gitlab token', String.raw`\bglpat-[A-Za-z0-9_-]{20,}`],
  ['sendgrid key', String.raw`\bSG\.[A-Za-z0-9_-]{16,}\.[A-Za-z0-9_-]{16,}`],
];

const CREDENTIAL_VALUE = new RegExp(FORMATS.map(([, p]) => `(${p})`).join('|'), 'g');

/** whether a credential format occurs in the text (a cheap gate may skip text without digits: these can lack them) */
export function holdsCredential(text: string): boolean {
  CREDENTIAL_VALUE.lastIndex = 0;
  return CREDENTIAL_VALUE.test(text);
}

export function redactCredentials(text: string): string {
  CREDENTIAL_VALUE.lastIndex = 0;
  if (!CREDENTIAL_VALUE.test(text)) return text;
  return text.replace(CREDENTIAL_VALUE, (match: string, ...groups: unknown[]) => {
    const index = groups.findIndex((g, i) => i < FORMATS.length && typeof g === 'string');
    return credentialMask(FORMATS[Math.max(0, index)][0], match.length);
  });
}
