/** Non-JSON, non-form bodies: configured element names in XML-ish text, then the free-text detectors. */
import { redactText } from './detect-text';
import { configuredMask, type RedactRules } from './rules';

const OPEN_TAG = /<([A-Za-z_][\w.:-]{0,100})(?:\s[^<>]{0,2000})?>/g;

function redactXmlElements(text: string, rules: RedactRules): string {
  const parts: string[] = [];
  let last = 0;
  OPEN_TAG.lastIndex = 0;
  for (let m = OPEN_TAG.exec(text); m; m = OPEN_TAG.exec(text)) {
    const name = m[1];
    if (!rules.isConfiguredKey(name.includes(':') ? name.slice(name.indexOf(':') + 1) : name)) continue;
    const contentStart = m.index + m[0].length;
    const close = text.indexOf(`</${name}`, contentStart);
    const contentEnd = close === -1 ? text.length : close;
    if (contentEnd === contentStart) continue;
    parts.push(text.slice(last, contentStart), configuredMask(name, text.slice(contentStart, contentEnd)));
    last = contentEnd;
    OPEN_TAG.lastIndex = contentEnd;
  }
  if (parts.length === 0) return text;
  parts.push(text.slice(last));
  return parts.join('');
}

export function redactTextBody(text: string, rules: RedactRules): string {
  const xmlish = rules.keys.length > 0 && /^\s*</.test(text);
  const out = xmlish ? redactXmlElements(text, rules) : text;
  return redactText(out, rules.detectors, true);
}
