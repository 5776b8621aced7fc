/** A request target (path and query): credential parameters masked, personal data in path or query masked. */
import { redactText } from './detect-text';
import { redactForm } from './form-body';
import { safePercentDecode } from './percent';
import type { RedactRules } from './rules';

export function redactTarget(target: string, rules: RedactRules): string {
  const q = target.indexOf('?');
  const path = q === -1 ? target : target.slice(0, q);
  const decoded = safePercentDecode(path);
  const redPath = redactText(decoded, rules.detectors, false);
  const outPath = redPath === decoded ? path : redPath;
  if (q === -1) return outPath;
  return `${outPath}?${redactForm(target.slice(q + 1), rules, true)}`;
}
