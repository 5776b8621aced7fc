/** A signed Dasha BlackBox event (hex HMAC-SHA256 of the raw body), for integration tests. */
import { createHmac, randomUUID } from 'node:crypto';

export function blackboxEvent(secret: string, data: Record<string, unknown> = {}, at = Date.now()): { body: string; headers: Record<string, string> } {
  const body = JSON.stringify({
    event: 'CompletedWebHookPayload',
    eventId: randomUUID(),
    timestamp: new Date(at).toISOString(),
    data: { callId: randomUUID(), agentId: 'agent_1', ...data },
  });
  return { body, headers: { 'content-type': 'application/json', 'x-blackbox-signature': createHmac('sha256', secret).update(body).digest('hex') } };
}
