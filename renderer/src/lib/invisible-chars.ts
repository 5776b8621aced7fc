/**
 * Makes the bytes that break signatures visible: \r \n \t, NBSP, zero-width characters, BOM and other
 * control characters. Returns segments so the UI renders markers as styled text (never HTML).
 */
export interface TextSegment {
  text: string;
  /** set for a marker that stands for an invisible character */
  marker?: string;
  /** what the marker stands for, e.g. "carriage return (U+000D)" */
  title?: string;
  /** whether a line break follows this marker (keeps the text's shape) */
  breakAfter?: boolean;
}

const NAMED: Record<string, { marker: string; name: string }> = {
  '\r': { marker: '\\r', name: 'carriage return' },
  '\n': { marker: '\\n', name: 'line feed' },
  '\t': { marker: '\\t', name: 'tab' },
  '\u00a0': { marker: '[NBSP]', name: 'no-break space' },
  '\u200b': { marker: '[ZWSP]', name: 'zero-width space' },
  '\u200c': { marker: '[ZWNJ]', name: 'zero-width non-joiner' },
  '\u200d': { marker: '[ZWJ]', name: 'zero-width joiner' },
  '\u2060': { marker: '[WJ]', name: 'word joiner' },
  '\u2028': { marker: '[LSEP]', name: 'line separator' },
  '\u2029': { marker: '[PSEP]', name: 'paragraph separator' },
  '\ufeff': { marker: '[BOM]', name: 'byte order mark / zero-width no-break space' },
  '\u00ad': { marker: '[SHY]', name: 'soft hyphen' },
};

function codePoint(ch: string): string {
  return `U+${(ch.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
}

function invisible(ch: string): { marker: string; name: string } | null {
  const named = NAMED[ch];
  if (named) return named;
  const code = ch.codePointAt(0) ?? 0;
  if (code < 0x20 || code === 0x7f || (code >= 0x80 && code < 0xa0)) return { marker: `[${codePoint(ch)}]`, name: 'control character' };
  if (code === 0xfffd) return { marker: '[U+FFFD]', name: 'replacement character (invalid UTF-8 in the original bytes)' };
  return null;
}

export function showInvisibles(text: string): TextSegment[] {
  const out: TextSegment[] = [];
  let plain = '';
  for (const ch of text) {
    const found = invisible(ch);
    if (!found) {
      plain += ch;
      continue;
    }
    if (plain) {
      out.push({ text: plain });
      plain = '';
    }
    out.push({ text: ch, marker: found.marker, title: `${found.name} (${codePoint(ch)})`, breakAfter: ch === '\n' });
  }
  if (plain) out.push({ text: plain });
  return out;
}

export function countInvisibles(segments: TextSegment[]): number {
  return segments.filter((s) => s.marker && s.text !== '\n').length;
}
