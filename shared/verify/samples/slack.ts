/** Slack: Events API (JSON event_callback / url_verification) and slash commands / interactivity (form). */
import { utf8 } from '../support/bytes';
import { serializeParams } from '../support/form';
import { type Sample, type SampleOptions, FORM_TYPE, JSON_TYPE, secs } from './types';

const INTERACTIVE = new Set(['block_actions', 'block_suggestion', 'message_action', 'shortcut', 'view_submission', 'view_closed']);

export function slackSample(opts: SampleOptions): Sample {
  const eventType = opts.eventType ?? 'app_mention';
  const ts = secs(opts.now);
  if (eventType === 'slash_command') {
    const params: Array<[string, string]> = [
      ['token', 'gIkuvaNzQIHg97ATvDxqgjtO'],
      ['team_id', 'T0001'],
      ['team_domain', 'example'],
      ['channel_id', 'C2147483705'],
      ['channel_name', 'support'],
      ['user_id', 'U2147483697'],
      ['user_name', 'jane.doe'],
      ['command', '/ticket'],
      ['text', 'refund order 6735 for jane.doe@example.com'],
      ['api_app_id', 'A123456'],
      ['response_url', 'https://hooks.slack.com/commands/T0001/1234567890/abcdefgh'],
      ['trigger_id', `${ts}.1234.${opts.randomId()}`],
    ];
    return { body: utf8(serializeParams(params)), contentType: FORM_TYPE, eventType };
  }
  if (INTERACTIVE.has(eventType)) {
    const payload = {
      type: eventType,
      team: { id: 'T0001', domain: 'example' },
      user: { id: 'U2147483697', username: 'jane.doe', name: 'jane.doe' },
      api_app_id: 'A123456',
      token: 'gIkuvaNzQIHg97ATvDxqgjtO',
      trigger_id: `${ts}.1234.${opts.randomId()}`,
      actions: [{ action_id: 'approve_refund', block_id: 'refund', type: 'button', value: 'order_6735', action_ts: `${ts}.000200` }],
    };
    return { body: utf8(serializeParams([['payload', JSON.stringify(payload)]])), contentType: FORM_TYPE, eventType };
  }
  if (eventType === 'app_rate_limited') {
    const body = { token: 'Jhj5dZrVaK7ZwHHjRyZWjbDl', type: 'app_rate_limited', team_id: 'T0001', minute_rate_limited: Math.floor(ts / 60) * 60, api_app_id: 'A123456' };
    return { body: utf8(JSON.stringify(body)), contentType: JSON_TYPE, eventType };
  }
  if (eventType === 'url_verification') {
    const body = { token: 'Jhj5dZrVaK7ZwHHjRyZWjbDl', challenge: opts.randomId(), type: 'url_verification' };
    return { body: utf8(JSON.stringify(body)), contentType: JSON_TYPE, eventType };
  }
  const body = {
    token: 'XXYYZZ',
    team_id: 'T0001',
    api_app_id: 'A123456',
    event: {
      type: eventType,
      user: 'U2147483697',
      text: '<@U0LAN0Z89> can you look up the order for jane.doe@example.com?',
      ts: `${ts}.000200`,
      channel: 'C2147483705',
      event_ts: `${ts}.000200`,
    },
    type: 'event_callback',
    event_id: `Ev${opts.randomId().toUpperCase().slice(0, 10)}`,
    event_time: ts,
    authorizations: [{ enterprise_id: null, team_id: 'T0001', user_id: 'U0LAN0Z89', is_bot: true, is_enterprise_install: false }],
    is_ext_shared_channel: false,
    event_context: `4-${opts.randomId()}`,
  };
  return { body: utf8(JSON.stringify(body)), contentType: JSON_TYPE, eventType };
}
