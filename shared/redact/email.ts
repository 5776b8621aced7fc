/** E-mail detection by scanning around each '@' (linear time: no regex backtracking on hostile input). */

export interface Span {
  start: number;
  end: number;
}

const MAX_LOCAL = 64;
const MAX_DOMAIN = 253;

function isLocalChar(c: number): boolean {
  return (
    (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) ||
    c === 46 /* . */ || c === 95 /* _ */ || c === 37 /* % */ || c === 43 /* + */ || c === 45 /* - */
  );
}

function isDomainChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 46 || c === 45;
}

const TLD = /^[A-Za-z]{2,24}$/;

export function findEmails(text: string): Span[] {
  const out: Span[] = [];
  let floor = 0;
  let at = text.indexOf('@');
  while (at !== -1) {
    let start = at;
    while (start > floor && at - start < MAX_LOCAL && isLocalChar(text.charCodeAt(start - 1))) start--;
    while (start < at && text.charCodeAt(start) === 46) start++;
    let end = at + 1;
    while (end < text.length && end - at <= MAX_DOMAIN && isDomainChar(text.charCodeAt(end))) end++;
    while (end > at + 1 && (text.charCodeAt(end - 1) === 46 || text.charCodeAt(end - 1) === 45)) end--;
    const domain = text.slice(at + 1, end);
    const dot = domain.lastIndexOf('.');
    if (start < at && dot > 0 && TLD.test(domain.slice(dot + 1)) && !domain.includes('..')) {
      out.push({ start, end });
      floor = end;
      at = text.indexOf('@', end);
    } else {
      at = text.indexOf('@', at + 1);
    }
  }
  return out;
}

/** `text` is one e-mail address and nothing else (surrounding whitespace allowed). */
export function isEmail(text: string): boolean {
  const t = text.trim();
  const spans = findEmails(t);
  return spans.length === 1 && spans[0].start === 0 && spans[0].end === t.length;
}
