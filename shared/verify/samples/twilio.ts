/** Twilio form-encoded callbacks: inbound SMS, message status, voice call status. */
import { utf8 } from '../support/bytes';
import { serializeParams } from '../support/form';
import { type Sample, type SampleOptions, FORM_TYPE } from './types';

const ACCOUNT = 'AC0123456789abcdef0123456789abcdef';

function sid(prefix: string, randomId: () => string): string {
  return prefix + (randomId() + randomId() + '0'.repeat(32)).replace(/[^0-9a-f]/gi, '0').slice(0, 32).toLowerCase();
}

export function twilioSample(opts: SampleOptions): Sample {
  const requested = opts.eventType ?? 'message.received';
  let params: Array<[string, string]>;
  let eventType: string;
  if (requested.startsWith('call.')) {
    const status = requested.slice(5);
    eventType = `call.${status}`;
    params = [
      ['AccountSid', ACCOUNT],
      ['ApiVersion', '2010-04-01'],
      ['CallSid', sid('CA', opts.randomId)],
      ['CallStatus', status],
      ['Called', '+14155550100'],
      ['Caller', '+14155550187'],
      ['Direction', 'inbound'],
      ['From', '+14155550187'],
      ['FromCity', 'SAN FRANCISCO'],
      ['FromCountry', 'US'],
      ['FromState', 'CA'],
      ['To', '+14155550100'],
      ['ToCountry', 'US'],
    ];
    if (status === 'completed') params.push(['CallDuration', '184'], ['Duration', '4']);
  } else if (requested.startsWith('recording.') || requested.startsWith('transcription.')) {
    const callSid = sid('CA', opts.randomId);
    const recordingSid = sid('RE', opts.randomId);
    const recordingUrl = `https://api.twilio.com/2010-04-01/Accounts/${ACCOUNT}/Recordings/${recordingSid}`;
    if (requested.startsWith('recording.')) {
      eventType = `recording.${requested.slice(10)}`;
      params = [
        ['AccountSid', ACCOUNT],
        ['CallSid', callSid],
        ['RecordingSid', recordingSid],
        ['RecordingUrl', recordingUrl],
        ['RecordingStatus', requested.slice(10)],
        ['RecordingDuration', '184'],
        ['RecordingChannels', '1'],
        ['RecordingSource', 'RecordVerb'],
        ['RecordingStartTime', new Date(opts.now - 184_000).toUTCString()],
      ];
    } else {
      eventType = `transcription.${requested.slice(14)}`;
      params = [
        ['AccountSid', ACCOUNT],
        ['ApiVersion', '2010-04-01'],
        ['CallSid', callSid],
        ['From', '+14155550187'],
        ['To', '+14155550100'],
        ['RecordingSid', recordingSid],
        ['RecordingUrl', recordingUrl],
        ['TranscriptionSid', sid('TR', opts.randomId)],
        ['TranscriptionStatus', requested.slice(14)],
        ['TranscriptionText', 'Hi, this is Jane Doe, please call me back at 415 555 0187 about my refund.'],
        ['TranscriptionUrl', `https://api.twilio.com/2010-04-01/Accounts/${ACCOUNT}/Transcriptions/TR1`],
      ];
    }
  } else if (requested.startsWith('message.') && requested !== 'message.received') {
    const status = requested.slice(8);
    eventType = `message.${status}`;
    const messageSid = sid('SM', opts.randomId);
    params = [
      ['AccountSid', ACCOUNT],
      ['ApiVersion', '2010-04-01'],
      ['From', '+14155550100'],
      ['MessageSid', messageSid],
      ['MessageStatus', status],
      ['SmsSid', messageSid],
      ['SmsStatus', status],
      ['To', '+14155550187'],
    ];
    if (status === 'failed' || status === 'undelivered') params.push(['ErrorCode', '30003']);
  } else {
    eventType = 'message.received';
    const messageSid = sid('SM', opts.randomId);
    params = [
      ['ToCountry', 'US'],
      ['ToState', 'CA'],
      ['SmsMessageSid', messageSid],
      ['NumMedia', '0'],
      ['ToCity', 'SAN FRANCISCO'],
      ['FromZip', '94105'],
      ['SmsSid', messageSid],
      ['FromState', 'CA'],
      ['SmsStatus', 'received'],
      ['FromCity', 'SAN FRANCISCO'],
      ['Body', 'Hi, this is Jane (jane.doe@example.com). Can you move my appointment?'],
      ['FromCountry', 'US'],
      ['To', '+14155550100'],
      ['ToZip', '94105'],
      ['NumSegments', '1'],
      ['MessageSid', messageSid],
      ['AccountSid', ACCOUNT],
      ['From', '+14155550187'],
      ['ApiVersion', '2010-04-01'],
    ];
  }
  return { body: utf8(serializeParams(params)), contentType: FORM_TYPE, eventType };
}
