/** DialNexa and Dasha BlackBox call events, with the personal data real call payloads carry. */
import { utf8 } from '../support/bytes';
import { type Sample, type SampleOptions, JSON_TYPE, iso } from './types';

const CALLER = { name: 'Jane Doe', phone: '+14155550187', email: 'jane.doe@example.com' };

const TRANSCRIPT = [
  { role: 'agent', text: 'Hi, this is Ava from Bright Smile Dental. Am I speaking with Jane?' },
  { role: 'user', text: 'Yes, this is Jane. I would like to move my cleaning to next Tuesday.' },
  { role: 'agent', text: 'Of course. I have 10:30 AM on Tuesday. Shall I book it and send a confirmation to jane.doe@example.com?' },
  { role: 'user', text: 'Yes please, and you can text me at 415-555-0187 as well.' },
];

export function dialnexaSample(opts: SampleOptions): Sample {
  const eventType = opts.eventType ?? 'call.completed';
  const callId = `call_${opts.randomId()}`;
  const started = opts.now - 184_000;
  const call: Record<string, unknown> = {
    direction: 'outbound',
    type: 'phone_call',
    from_number: '+14155550142',
    to_number: CALLER.phone,
    status: eventType === 'call.failed' ? 'failed' : eventType === 'call.started' ? 'in_progress' : 'completed',
    initiated_at: iso(started),
  };
  if (eventType !== 'call.started') {
    Object.assign(call, {
      ended_at: iso(opts.now),
      duration_seconds: 184,
      disconnection_reason: eventType === 'call.failed' ? 'network_failure' : eventType === 'call.no_answer' ? 'user_did_not_pick_up' : 'agent_hangup',
    });
  }
  if (eventType === 'call.completed' || eventType === 'call.ended' || eventType === 'call.transcript_ready') {
    Object.assign(call, {
      transcript: TRANSCRIPT.map((t) => `${t.role === 'agent' ? 'Agent' : 'User'}: ${t.text}`).join('\n'),
      summary: 'Caller rescheduled her cleaning to Tuesday 10:30 AM; confirmation requested by e-mail and SMS.',
      recording_url: `https://recordings.dialnexa.com/${callId}.mp3`,
      customer: { name: CALLER.name, email: CALLER.email, phone_number: CALLER.phone },
    });
  }
  const body = {
    event: eventType,
    call_id: callId,
    workspace_id: 'ws_8f2k1m9q',
    agent_id: 'agent_4821',
    timestamp: iso(opts.now),
    data: call,
  };
  return { body: utf8(JSON.stringify(body)), contentType: JSON_TYPE, eventType };
}

const BLACKBOX_STATUS: Record<string, string> = {
  StartWebHookPayload: 'Queued',
  CompletedWebHookPayload: 'Completed',
  FailedWebHookPayload: 'Failed',
  CallDeadLineWebHookPayload: 'Canceled',
  TransferWebHookPayload: 'Running',
  ToolWebHookPayload: 'Running',
};

export function blackboxSample(opts: SampleOptions): Sample {
  const eventType = opts.eventType ?? 'CompletedWebHookPayload';
  const callId = opts.randomId();
  const agentId = 'agt_7Hq2LmX9';
  const data: Record<string, unknown> = { callId, agentId, phoneNumber: CALLER.phone, email: CALLER.email };
  if (eventType === 'CompletedWebHookPayload') {
    Object.assign(data, {
      durationSeconds: 184,
      transcript: TRANSCRIPT.map((t) => ({ speaker: t.role === 'agent' ? 'assistant' : 'user', text: t.text })),
      result: { finishReason: 'user_hangup', postCallAnalysis: { appointmentBooked: true, newSlot: 'Tuesday 10:30' } },
    });
  } else if (eventType === 'FailedWebHookPayload') {
    Object.assign(data, { errorMessage: 'SIP 486 Busy Here', errorCode: 'sip_busy' });
  } else if (eventType === 'ToolWebHookPayload') {
    Object.assign(data, { toolName: 'book_appointment', arguments: { date: 'next Tuesday', time: '10:30' } });
  } else if (eventType === 'TransferWebHookPayload') {
    Object.assign(data, { reason: 'caller asked for a human', candidates: ['+14155550100'] });
  }
  const body = {
    type: eventType,
    status: BLACKBOX_STATUS[eventType] ?? 'Running',
    callId,
    agentId,
    orgId: 'org_3fd91c',
    timestamp: iso(opts.now),
    callAdditionalData: { crmLeadId: 'lead_8812' },
    agentAdditionalData: {},
    endpoint: CALLER.phone,
    data,
  };
  return { body: utf8(JSON.stringify(body)), contentType: JSON_TYPE, eventType };
}
