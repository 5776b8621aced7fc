/** `application/x-www-form-urlencoded` bodies and query strings: per-field rules, untouched fields kept verbatim. */
import { redactText } from './detect-text';
import { redactJsonText } from './json-body';
import { isPhoneKey, isSecretParam } from './keys';
import { phoneMask } from './masks';
import { decodeFormComponent, encodeFormComponent } from './percent';
import { wholeValuePhone } from './phone';
import { configuredMask, type RedactRules } from './rules';

const SECRET_PARAM_MASK = '«redacted»';

function redactField(key: string, value: string, rules: RedactRules, secrets: boolean): string | null {
  if (secrets && isSecretParam(key)) return value === '' ? null : SECRET_PARAM_MASK;
  if (rules.isConfiguredKey(key)) return value === '' ? null : configuredMask(key, value);
  const trimmed = value.trimStart();
  let red = trimmed.startsWith('{') || trimmed.startsWith('[')
    ? redactJsonText(value, rules)
    : redactText(value, rules.detectors, true);
  if (red === value && rules.detectors.phone && isPhoneKey(key)) {
    const phone = wholeValuePhone(value);
    if (phone) red = phoneMask(phone);
  }
  return red === value ? null : red;
}

/** `secrets`: mask credential-like parameters (token, sig, api_secret …), as in a request target's query. */
export function redactForm(text: string, rules: RedactRules, secrets: boolean): string {
  let changed = false;
  const out = text.split('&').map((pair) => {
    const eq = pair.indexOf('=');
    if (eq === -1) return pair;
    const key = decodeFormComponent(pair.slice(0, eq));
    const red = redactField(key, decodeFormComponent(pair.slice(eq + 1)), rules, secrets);
    if (red === null) return pair;
    changed = true;
    return `${pair.slice(0, eq)}=${encodeFormComponent(red)}`;
  });
  return changed ? out.join('&') : text;
}

const FORM_LIKE = /^[\w.%[\]-]+=[^\s]*$/;

export function looksLikeForm(text: string): boolean {
  return FORM_LIKE.test(text);
}
