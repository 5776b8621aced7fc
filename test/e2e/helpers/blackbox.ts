/** Signed (and deliberately broken) Dasha BlackBox deliveries, posted to the receiver. */
import { createHmac, randomUUID } from 'node:crypto';

export const BB_SECRET = 'bb_test_secret_9f3c1e7a5d2b4c6e8a0f1d3b5c7e9a1f';

export function blackboxBody(overrides: Record<string, unknown> = {}): string {
  return JSON.stringify({
    event: 'CompletedWebHookPayload',
    timestamp: new Date().toISOString(),
    eventId: `evt_${randomUUID()}`,
    data: { callId: `call_${randomUUID().slice(0, 8)}`, agentId: 'agent_42', status: 'completed', durationSeconds: 42 },
    ...overrides,
  });
}

export function sign(secret: string, body: string): string {
  return createHmac('sha256', secret).update(body).digest('hex');
}

export async function postWebhook(url: string, body: string, signature: string): Promise<{ status: number; text: string }> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-BlackBox-Signature': signature },
    body,
  });
  return { status: res.status, text: await res.text() };
}
