/** A Dasha BlackBox-style call event (1 KiB unless told), signed per request (unique eventId, fresh timestamp). */
import { createHmac, randomUUID } from 'node:crypto';

export const BENCH_SECRET = 'bench-secret-0123456789abcdef0123456789';

export function signedEvent(bytes = 1024, event = 'CompletedWebHookPayload'): { body: string; headers: Record<string, string> } {
  const base = {
    event,
    eventId: randomUUID(),
    timestamp: new Date().toISOString(),
    data: {
      callId: randomUUID(),
      agentId: 'agent_7f3a9c',
      orgId: 'org_19d2',
      status: 'completed',
      durationSeconds: 42,
      phoneNumber: '+14155550100',
      transcript: '',
    },
  };
  // a transcript is redacted as a whole (personal data): a large body's filler goes into a debug log the
  // redactor keeps, so the stored copy (and the UI) holds the whole size
  const field = bytes > 1024 ? 'log' : 'transcript';
  const data: Record<string, unknown> = base.data;
  data[field] = '';
  const fill = bytes - JSON.stringify(base).length;
  const line = 'Agent: Hello, how can I help you today? Caller: I would like to book an appointment. ';
  data[field] = line.repeat(Math.ceil(Math.max(0, fill) / line.length)).slice(0, Math.max(0, fill));
  const body = JSON.stringify(base);
  const signature = createHmac('sha256', BENCH_SECRET).update(body).digest('hex');
  return { body, headers: { 'content-type': 'application/json', 'x-blackbox-signature': signature } };
}
