/** The free-text detectors (card, e-mail, phone) in a fixed order: cards first, so a card is never half-masked as a phone. */
import { redactCards } from './card';
import { redactCredentials } from './credential-values';
import { findEmails } from './email';
import type { SecretMasker } from './known-secrets';
import { emailMask } from './masks';
import { redactPhones } from './phone';

export type DetectorName = 'email' | 'phone' | 'card';

export interface Detectors {
  email: boolean;
  phone: boolean;
  card: boolean;
  /** the configured secrets' values (known-secrets.ts), when there are any */
  secrets?: SecretMasker | null;
}

export function detectorSet(names: readonly DetectorName[], secrets: SecretMasker | null = null): Detectors {
  return { email: names.includes('email'), phone: names.includes('phone'), card: names.includes('card'), secrets };
}

/**
 * The longest run of digits and phone/card separators: a cheap gate so the regexes run only on text
 * that could hold a card (13+ digits) or a phone (8+ digits after a '+', else 10+).
 */
function digitRuns(text: string): { digits: number; plusDigits: number } {
  let digits = 0;
  let plusDigits = 0;
  let run = 0;
  let plus = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      run++;
      if (run > digits) digits = run;
      if (plus && run > plusDigits) plusDigits = run;
    } else if (c === 43 /* + */) {
      run = 0;
      plus = true;
    } else if (c !== 32 && c !== 45 && c !== 46 && c !== 40 && c !== 41) {
      run = 0;
      plus = false;
    }
  }
  return { digits, plusDigits };
}

export function redactEmails(text: string): string {
  const spans = findEmails(text);
  if (spans.length === 0) return text;
  let out = '';
  let last = 0;
  for (const s of spans) {
    out += text.slice(last, s.start) + emailMask(text.slice(s.start, s.end));
    last = s.end;
  }
  return out + text.slice(last);
}

/** `context`: also mask bare 10–15 digit runs that follow a phone-like word. */
export function redactText(text: string, d: Detectors, context = true): string {
  // known secrets, then credentials, first and always (not configurable detectors): no part of one may
  // be masked as something else first, and their digits must not be read as a phone
  let out = redactCredentials(d.secrets ? d.secrets(text) : text);
  const runs = d.card || d.phone ? digitRuns(text) : { digits: 0, plusDigits: 0 };
  if (d.card && runs.digits >= 13) out = redactCards(out);
  if (d.email && out.includes('@')) out = redactEmails(out);
  if (d.phone && (runs.digits >= 10 || runs.plusDigits >= 8)) out = redactPhones(out, context);
  return out;
}
