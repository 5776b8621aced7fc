/** Vonage Voice (answer/event), Messages, and signed SMS (inbound, delivery receipt) samples. */
import { utf8 } from '../support/bytes';
import { serializeParams } from '../support/form';
import { type Sample, type SampleOptions, FORM_TYPE, JSON_TYPE, iso, secs } from './types';

const CUSTOMER = '447700900001';
const VIRTUAL = '447700900000';

function uuidLike(id: string): string {
  const h = (id + '0'.repeat(32)).replace(/[^0-9a-f]/gi, '0').slice(0, 32).toLowerCase();
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

export function vonageSample(opts: SampleOptions): Sample {
  const eventType = opts.eventType ?? 'voice:completed';
  const uuid = uuidLike(opts.randomId());
  const conversation = `CON-${uuidLike(opts.randomId())}`;
  let body: Record<string, unknown>;
  if (eventType === 'voice:answer') {
    body = { to: VIRTUAL, from: CUSTOMER, uuid, conversation_uuid: conversation, region_url: 'https://api-eu-1.vonage.com', custom_data: {} };
  } else if (eventType === 'voice:input') {
    body = {
      from: CUSTOMER,
      to: VIRTUAL,
      dtmf: { digits: '1', timed_out: false },
      speech: { results: [{ confidence: '0.92', text: 'I would like to speak to billing' }] },
      uuid,
      conversation_uuid: conversation,
      timestamp: iso(opts.now),
    };
  } else if (eventType === 'voice:record') {
    body = {
      start_time: iso(opts.now - 60_000),
      end_time: iso(opts.now),
      recording_url: `https://api.nexmo.com/v1/files/${uuidLike(opts.randomId())}`,
      size: 12222,
      recording_uuid: uuidLike(opts.randomId()),
      conversation_uuid: conversation,
      timestamp: iso(opts.now),
    };
  } else if (eventType === 'message:inbound') {
    body = {
      channel: 'sms',
      message_uuid: uuidLike(opts.randomId()),
      to: VIRTUAL,
      from: CUSTOMER,
      timestamp: iso(opts.now),
      text: 'Hi, please call me back on 07700 900001 about my order.',
      sms: { num_messages: '1' },
      message_type: 'text',
    };
  } else if (eventType.startsWith('message:')) {
    body = {
      message_uuid: uuidLike(opts.randomId()),
      to: CUSTOMER,
      from: VIRTUAL,
      timestamp: iso(opts.now),
      status: eventType.slice('message:'.length),
      usage: { currency: 'EUR', price: '0.0333' },
      channel: 'sms',
    };
  } else {
    const status = eventType.startsWith('voice:') ? eventType.slice('voice:'.length) : eventType;
    body = { headers: {}, from: CUSTOMER, to: VIRTUAL, uuid, conversation_uuid: conversation, status, direction: 'inbound', timestamp: iso(opts.now) };
    if (status === 'completed') {
      Object.assign(body, { start_time: iso(opts.now - 184_000), end_time: iso(opts.now), duration: '184', rate: '0.01400000', price: '0.04293333', network: '23410' });
    }
    return { body: utf8(JSON.stringify(body)), contentType: JSON_TYPE, eventType: `voice:${status}` };
  }
  return { body: utf8(JSON.stringify(body)), contentType: JSON_TYPE, eventType };
}

function smsTimestamp(ms: number): string {
  return iso(ms).slice(0, 19).replace('T', ' ');
}

export function vonageSmsSample(opts: SampleOptions): Sample {
  // the type is implied by the parameters: anything but a receipt is an inbound message
  const eventType = opts.eventType === 'delivery-receipt' ? 'delivery-receipt' : 'inbound-message';
  const messageId = opts.randomId().toUpperCase().slice(0, 16).padEnd(16, '0');
  const params: Array<[string, string]> =
    eventType === 'delivery-receipt'
      ? [
          ['msisdn', CUSTOMER],
          ['to', 'Acme'],
          ['network-code', '23410'],
          ['messageId', messageId],
          ['price', '0.03330000'],
          ['status', 'delivered'],
          ['scts', iso(opts.now).slice(2, 16).replace(/[-T:]/g, '')],
          ['err-code', '0'],
          ['api-key', 'a1b2c3d4'],
          ['message-timestamp', smsTimestamp(opts.now)],
          ['timestamp', String(secs(opts.now))],
        ]
      : [
          ['msisdn', CUSTOMER],
          ['to', VIRTUAL],
          ['messageId', messageId],
          ['text', 'STOP sending me offers, my email is jane.doe@example.com'],
          ['type', 'text'],
          ['keyword', 'STOP'],
          ['api-key', 'a1b2c3d4'],
          ['message-timestamp', smsTimestamp(opts.now)],
          ['timestamp', String(secs(opts.now))],
        ];
  return { body: utf8(serializeParams(params)), contentType: FORM_TYPE, eventType };
}
