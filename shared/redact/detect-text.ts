/** The free-text detectors (card, e-mail, phone) in a fixed order: cards first, so a card is never half-masked as a phone. */
import { redactCards } from './card';
import { findEmails } from './email';
import { emailMask } from './masks';
import { redactPhones } from './phone';

export type DetectorName = 'email' | 'phone' | 'card';

export interface Detectors {
  email: boolean;
  phone: boolean;
  card: boolean;
}

export function detectorSet(names: readonly DetectorName[]): Detectors {
  return { email: names.includes('email'), phone: names.includes('phone'), card: names.includes('card') };
}

const HAS_DIGIT = /\d/;

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
  let out = text;
  const digits = HAS_DIGIT.test(out);
  if (d.card && digits) out = redactCards(out);
  if (d.email && out.includes('@')) out = redactEmails(out);
  if (d.phone && digits) out = redactPhones(out, context);
  return out;
}
