/** What a body redactor needs: which keys to mask whole, and which free-text detectors run. */
import { isEmail } from './email';
import { emailMask, keyMask, phoneMask } from './masks';
import type { Detectors } from './detect-text';
import { wholeValuePhone } from './phone';

export interface RedactRules {
  isConfiguredKey(key: string): boolean;
  /** configured keys as given, for element names in XML-ish text */
  keys: readonly string[];
  detectors: Detectors;
}

/** The mask for the whole value of a configured key: typed when the value is recognisably an e-mail or phone. */
export function configuredMask(key: string, value: string): string {
  if (isEmail(value)) return emailMask(value.trim());
  const phone = wholeValuePhone(value);
  if (phone) return phoneMask(phone);
  return keyMask(key);
}
