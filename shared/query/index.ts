/** The delivery query language: parse in either process; the main side compiles the tree to SQL. */
export type { ParsedQuery, QueryError, QueryNode, QueryTerm, TimePoint } from './ast';
export { parseQuery, MAX_QUERY_LENGTH } from './parse';
export { QUERY_FIELDS, QUERY_OPERATORS_HELP, type QueryField } from './fields';
export { matchSummary } from './match';
export { timeBounds, resolveTimePoint, type TimeBounds } from './time-bounds';
