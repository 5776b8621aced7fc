/**
 * The per-value rules of JSON redaction, shared by the text scanner (json-body.ts) and the walk over
 * values in memory (json-value.ts), so both mask exactly the same things. Each returns the mask, or
 * null to keep the value.
 */
import { wholeValueCard } from './card';
import { redactText } from './detect-text';
import { isPhoneKey } from './keys';
import { cardMask, keyMask, phoneMask } from './masks';
import { wholeValuePhone } from './phone';
import { configuredMask, type RedactRules } from './rules';

const PHONE_NUMBER_TOKEN = /^\d{10,15}$/;

/** a string value (decoded) under `key` (null at the top level) */
export function stringValueMask(value: string, key: string | null, rules: RedactRules): string | null {
  if (key !== null && rules.isConfiguredKey(key)) return configuredMask(key, value);
  let red = redactText(value, rules.detectors, true);
  if (red === value && rules.detectors.phone && key !== null && isPhoneKey(key)) {
    const phone = wholeValuePhone(value);
    if (phone) red = phoneMask(phone);
  }
  return red === value ? null : red;
}

/** a number, true, false or null, as its JSON token */
export function scalarMask(token: string, key: string | null, rules: RedactRules): string | null {
  if (key !== null && rules.isConfiguredKey(key)) return token === 'null' ? null : configuredMask(key, token);
  if (rules.detectors.card && wholeValueCard(token)) return cardMask(token);
  if (rules.detectors.phone && key !== null && PHONE_NUMBER_TOKEN.test(token) && isPhoneKey(key)) return phoneMask(token);
  return null;
}

/** an object or array: masked whole under a configured key */
export function containerMask(key: string | null, rules: RedactRules): string | null {
  return key !== null && rules.isConfiguredKey(key) ? keyMask(key) : null;
}

/** an object's key (decoded): the detectors only, without phone context */
export function objectKeyText(key: string, rules: RedactRules): string {
  return redactText(key, rules.detectors, false);
}
