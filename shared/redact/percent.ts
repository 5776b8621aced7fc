/** Percent-decoding that never throws: malformed sequences stay as they are. */
export function safePercentDecode(text: string): string {
  if (!text.includes('%')) return text;
  return text.replace(/(?:%[0-9A-Fa-f]{2})+/g, (m) => {
    try {
      return decodeURIComponent(m);
    } catch {
      return m;
    }
  });
}

export function decodeFormComponent(text: string): string {
  return safePercentDecode(text.replace(/\+/g, ' '));
}

/** Form encoding that leaves the mask characters readable. */
export function encodeFormComponent(text: string): string {
  return encodeURIComponent(text)
    .replace(/%20/g, '+')
    .replace(/%40/g, '@')
    .replace(/%C2%AB/g, '«')
    .replace(/%C2%BB/g, '»')
    .replace(/%E2%80%A6/g, '…');
}
