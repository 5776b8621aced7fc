/** The fields of the query language with one-line help: used by the parser, autocomplete and the help popover. */
import { CHECK_IDS } from '../checks';

export interface QueryField {
  key: string;
  /** an example term, shown in help and offered by autocomplete */
  example: string;
  help: string;
  /** fixed values autocomplete can offer */
  values?: readonly string[];
}

export const QUERY_FIELDS: readonly QueryField[] = [
  { key: 'status', example: 'status:401', help: 'the HTTP status Hookscope answered; a class like 5xx', values: ['200', '401', '403', '404', '409', '429', '2xx', '4xx', '5xx'] },
  { key: 'verdict', example: 'verdict:rejected', help: 'verified or rejected', values: ['verified', 'rejected'] },
  { key: 'fail', example: 'fail:timestamp', help: 'the delivery failed this check', values: CHECK_IDS },
  { key: 'check', example: 'check:signature', help: 'same as fail: — the delivery failed this check', values: CHECK_IDS },
  { key: 'source', example: 'source:github', help: 'the source id; unmatched for paths no source owns; * wildcards' },
  { key: 'type', example: 'type:order.*', help: 'the event type; * wildcards' },
  { key: 'event', example: 'event:push', help: 'same as type:' },
  { key: 'header', example: 'header:x-github-event=push', help: 'a header by name, optionally =value (* wildcards)' },
  { key: 'body', example: 'body.customer.id:cus_*', help: 'a value in a JSON body by path, e.g. body.items.0.sku: (the redacted copy); * wildcards' },
  { key: 'after', example: 'after:-15m', help: 'received after a time: 2026-01-31, 2026-01-31T14:00, or -30s, -15m, -2h, -7d' },
  { key: 'before', example: 'before:2026-01-31', help: 'received before a time (same forms as after:)' },
  { key: 'dup', example: 'dup:yes', help: 'yes for duplicates of an earlier delivery, no for first arrivals', values: ['yes', 'no'] },
];

export const QUERY_OPERATORS_HELP: ReadonlyArray<[string, string]> = [
  ['order osaka', 'both words (free text over bodies, event types and paths)'],
  ['"order created"', 'the exact phrase'],
  ['a OR b', 'either'],
  ['-verdict:verified', 'not (also NOT)'],
  ['(a OR b) c', 'parentheses group; terms side by side mean AND'],
];

export function queryField(key: string): QueryField | undefined {
  return QUERY_FIELDS.find((f) => f.key === key);
}
