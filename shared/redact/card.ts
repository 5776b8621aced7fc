/** Payment card numbers: 13–19 digits (optionally grouped by spaces or dashes), IIN 2–6, Luhn-valid → last 4. */
import { luhnValid } from './luhn';
import { cardMask } from './masks';

const CANDIDATE = /(?<![\w+])\d(?:[ -]?\d){12,18}(?!\w)/g;

function isCard(digits: string): boolean {
  if (digits.length < 13 || digits.length > 19) return false;
  const first = digits.charCodeAt(0) - 48;
  return first >= 2 && first <= 6 && luhnValid(digits);
}

/** Longest group-aligned card number inside a candidate, as [start, end) offsets within it. */
function findCardIn(candidate: string): [number, number] | null {
  const groups: Array<{ start: number; end: number }> = [];
  const re = /\d+/g;
  for (let m = re.exec(candidate); m; m = re.exec(candidate)) groups.push({ start: m.index, end: m.index + m[0].length });
  if (groups.length === 1) return isCard(candidate) ? [0, candidate.length] : null;
  for (let i = 0; i < groups.length; i++) {
    for (let j = groups.length - 1; j >= i; j--) {
      const span = candidate.slice(groups[i].start, groups[j].end);
      const digits = span.replace(/\D/g, '');
      if (isCard(digits)) return [groups[i].start, groups[j].end];
    }
  }
  return null;
}

export function redactCards(text: string): string {
  return text.replace(CANDIDATE, (m) => {
    const found = findCardIn(m);
    if (!found) return m;
    const digits = m.slice(found[0], found[1]).replace(/\D/g, '');
    return m.slice(0, found[0]) + cardMask(digits) + m.slice(found[1]);
  });
}

/** A bare number (e.g. a JSON number token) that is a card number. */
export function wholeValueCard(value: string): string | null {
  return /^\d{13,19}$/.test(value) && isCard(value) ? value : null;
}
