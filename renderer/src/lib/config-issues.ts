/**
 * Maps server validation issues ({field: "sources[2].forward.url", message}) onto the form's fields.
 * Field paths may carry a prefix ("args.config.", "config.").
 */
import type { FieldIssue } from '../client/api-error';

export interface MappedIssues {
  /** key: the path inside the source without indexes, e.g. "forward.url", "allowIps", "rateLimit.max" */
  byField: Record<string, string[]>;
  /** issues that name no field of this form */
  other: FieldIssue[];
}

function stripPrefix(field: string): string {
  return field.replace(/^(args\.)?(config\.)?/, '');
}

/** Issues for source number `index`; with index null, issues for top-level sections (retention.rawBodyDays …). */
export function mapIssues(issues: FieldIssue[], index: number | null): MappedIssues {
  const byField: Record<string, string[]> = {};
  const other: FieldIssue[] = [];
  for (const issue of issues) {
    const field = stripPrefix(issue.field);
    let key: string | null = null;
    if (index !== null) {
      const m = /^sources\[(\d+)\]\.?(.*)$/.exec(field);
      if (m && Number(m[1]) === index) key = m[2].replace(/\[\d+\]/g, '') || 'source';
    } else if (!field.startsWith('sources')) {
      key = field.replace(/\[\d+\]/g, '');
    }
    if (key === null) other.push(issue);
    else (byField[key] ??= []).push(issue.message);
  }
  return { byField, other };
}

/** Messages for a form field; a key also collects issues for its children (rateLimit → rateLimit.max). */
export function messagesFor(mapped: MappedIssues, key: string): string[] {
  const out: string[] = [];
  for (const [k, messages] of Object.entries(mapped.byField)) {
    if (k === key || k.startsWith(`${key}.`)) out.push(...messages);
  }
  return out;
}
