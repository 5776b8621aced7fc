/** A 1 KiB Dasha BlackBox-style call event, signed per request (unique eventId, fresh timestamp). */
import { createHmac, randomUUID } from 'node:crypto';

export const BENCH_SECRET = 'bench-secret-0123456789abcdef0123456789';

export function signedEvent(): { body: string; headers: Record<string, string> } {
  const base = {
    event: 'CompletedWebHookPayload',
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
  const fill = 1024 - JSON.stringify(base).length;
  base.data.transcript = 'Agent: Hello, how can I help you today? Caller: I would like to book an appointment. '.repeat(20).slice(0, Math.max(0, fill));
  const body = JSON.stringify(base);
  const signature = createHmac('sha256', BENCH_SECRET).update(body).digest('hex');
  return { body, headers: { 'content-type': 'application/json', 'x-blackbox-signature': signature } };
}
