/** --query Q of tail and export: the delivery query language (shared/delivery-query.ts), checked as a flag. */
import { type DeliveryQuery, parseDeliveryQuery } from '../../../shared/delivery-query';
import type { OptionSpec } from './command';
import { UsageError } from './errors';

export const QUERY_OPTION = {
  type: 'string',
  value: 'Q',
  description: 'only matching deliveries (the list query language): status:401 verdict:rejected fail:signature source:ID type:order.* after:-15m, free words, AND/OR/-',
} satisfies OptionSpec;

export function queryValue(text: string | undefined): DeliveryQuery {
  if (text === undefined) return {};
  const parsed = parseDeliveryQuery(text);
  if (!parsed.ok) throw new UsageError(`--query ${parsed.message}`);
  return parsed.query;
}
