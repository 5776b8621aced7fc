/** Payment card numbers: 13–19 digits (optionally grouped by spaces or dashes), IIN 2–6, Luhn-valid → last 4. */
import { luhnValid } from './luhn';
import { cardMask } from './masks';

const CANDIDATE = /(?<![\w+])\d(?:[ -]?\d){12,18}(?!\w)/g;

function isCard(digits: string): boolean {
  if (digits.length < 13 || digits.length > 19) return false;
  const first = digits.charCodeAt(0) - 48;
  return first >= 2 && first <= 6 && luhnValid(digits);
}

/** a card is written in at most five groups (4-4-4-4-3, 4-6-5 …) */
const MAX_GROUPS = 5;

/** Longest group-aligned card number inside a candidate, as [start, end) offsets within it. */
function findCardIn(candidate: string): [number, number] | null {
  const groups: Array<{ start: number; end: number }> = [];
  const re = /\d+/g;
  for (let m = re.exec(candidate); m; m = re.exec(candidate)) groups.push({ start: m.index, end: m.index + m[0].length });
  if (groups.length === 1) return isCard(candidate) ? [0, candidate.length] : null;
  for (let i = 0; i < groups.length; i++) {
    const last = Math.min(groups.length, i + MAX_GROUPS) - 1;
    let digits = 0;
    for (let j = i; j <= last; j++) digits += groups[j].end - groups[j].start;
    // widest span first; the digit count only shrinks as j moves left
    for (let j = last; j >= i && digits >= 13; j--) {
      if (digits <= 19) {
        const span = candidate.slice(groups[i].start, groups[j].end);
        if (isCard(span.replace(/\D/g, ''))) return [groups[i].start, groups[j].end];
      }
      digits -= groups[j].end - groups[j].start;
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
