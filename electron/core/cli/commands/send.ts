/**
 * `hookscope send <source>`: a signed request through the real receiver — the preset's sample, a captured
 * delivery (--from) or a file (--body) as the template — then prints the delivery and its verdict.
 */
import type { TestEventKind } from '../../../../shared/api';
import { defineCommand } from '../command';
import { UsageError } from '../errors';
import { oneOf, readFileValue } from '../flag-values';
import { INSTANCE_OPTIONS, connectInstance } from '../instance-options';
import { deliveryJson, deliveryLine } from '../live/format-lines';
import { waitForDelivery } from '../wait-for-delivery';

const KINDS: readonly TestEventKind[] = ['valid', 'bad_signature', 'stale_timestamp', 'duplicate', 'reserialized_json'];

function textBody(path: string): string {
  const bytes = readFileValue('--body', path);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new UsageError(`--body: ${path} is not UTF-8 text; send binary payloads from the UI's replay with an edited body`);
  }
}

export const sendCommand = defineCommand({
  name: 'send',
  summary: 'Send a signed request through the real receiver of a running Hookscope; print the delivery and its verdict.',
  positionals: [{ name: 'source', required: true, description: 'the id of the source to send to (its /hooks/<id>)' }],
  options: {
    ...INSTANCE_OPTIONS,
    kind: { type: 'string', value: 'KIND', description: `${KINDS.join(' | ')} (default valid)` },
    from: { type: 'string', value: 'DELIVERY_ID', description: 'use a captured delivery\'s raw body as the template (re-signed)' },
    body: { type: 'string', value: 'FILE', description: 'use FILE as the body (re-signed)' },
    'event-type': { type: 'string', value: 'TYPE', description: 'the event type (default: the template\'s, else the preset\'s sample)' },
    json: { type: 'boolean', description: 'print the delivery as one JSON object (kind "delivery")' },
  },
  details: 'Exit codes: 0 when the delivery is verified (or, for a deliberately broken --kind, rejected as intended), 1 otherwise.',
  async run({ values, positionals, io }) {
    const kind = values.kind === undefined ? 'valid' : oneOf('--kind', values.kind, KINDS);
    if (values.from !== undefined && values.body !== undefined) throw new UsageError('--from and --body both give the template: use one of them');
    const body = values.body === undefined ? undefined : textBody(values.body);
    const conn = await connectInstance(values, io.env);
    const { deliveryId } = await conn.api.sendTestEvent({
      sourceId: positionals[0],
      kind,
      ...(values['event-type'] !== undefined ? { eventType: values['event-type'] } : {}),
      ...(body !== undefined ? { body } : {}),
      ...(values.from !== undefined ? { fromDeliveryId: values.from } : {}),
    });
    const delivery = await waitForDelivery(conn.api, deliveryId);
    io.stdout.write(`${values.json ? deliveryJson(delivery) : deliveryLine(delivery)}\n`);
    const meantToFail = kind === 'bad_signature' || kind === 'stale_timestamp' || kind === 'reserialized_json';
    return (delivery.verdict === 'verified') !== meantToFail ? 0 : 1;
  },
});
