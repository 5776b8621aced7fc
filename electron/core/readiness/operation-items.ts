/** Checklist items on how the endpoint runs: HTTPS, enforce mode, a 5 s answer, recent deliveries. */
import type { ReadinessItem } from '../../../shared/api';
import type { SourceConfig } from '../../../shared/config';
import { readinessItem, requiredInProduction, type ReadinessContext } from './context';

/** seed 000: respond to webhook requests within 5 seconds */
export const ANSWER_WITHIN_MS = 5000;

export function httpsItem(source: SourceConfig, ctx: ReadinessContext): ReadinessItem {
  const label = 'Webhook URL uses HTTPS';
  const { tunnel } = ctx;
  if (tunnel.state === 'online' && tunnel.url !== null && tunnel.url.startsWith('https://')) {
    return readinessItem('https', label, 'pass',
      `Providers reach this source at ${tunnel.url.replace(/\/+$/, '')}/hooks/${source.id} over TLS: use that URL in the provider's dashboard`);
  }
  const status = requiredInProduction(source);
  const rule = 'providers require HTTPS and plain HTTP exposes call data (seeds 000, 001, 002)';
  switch (tunnel.state) {
    case 'connecting':
      return readinessItem('https', label, status, `The tunnel is still connecting: wait for it to come online, then use its https:// URL — ${rule}`);
    case 'error':
      return readinessItem('https', label, status, `The tunnel failed (${tunnel.message}): fix that and turn it on again — ${rule}`);
    default:
      return readinessItem('https', label, status,
        `The tunnel is off, so only http://…/hooks/${source.id} on this machine is reachable — fine for test events, but ${rule}. ` +
        "Turn the tunnel on in Settings and paste its https:// URL in the provider's dashboard");
  }
}

export function enforceModeItem(source: SourceConfig): ReadinessItem {
  const label = 'Failing deliveries are refused (enforce mode)';
  if (source.mode === 'enforce') {
    return readinessItem('mode', label, 'pass', 'A delivery that fails a check gets 401/403/429/4xx, as a production endpoint must answer');
  }
  return readinessItem('mode', label, requiredInProduction(source),
    'mode is "observe": every delivery gets 200 even when its signature or timestamp fails, so this rehearses an endpoint that accepts forged requests. ' +
    'Set "mode": "enforce" before going live');
}

export function forwardTimeoutItem(source: SourceConfig): ReadinessItem {
  const label = 'Your handler answers within 5 s';
  const forward = source.forward;
  if (forward === null) {
    return readinessItem('forward-timeout', label, 'pass',
      'No forward target: Hookscope answers the provider itself right after storing the delivery. Add forward.url to rehearse your own handler');
  }
  if (forward.timeoutMs > ANSWER_WITHIN_MS) {
    return readinessItem('forward-timeout', label, requiredInProduction(source),
      `forward.timeoutMs is ${forward.timeoutMs}: providers expect an answer within 5 s (slow answers stall the call). ` +
      `Set it to ${ANSWER_WITHIN_MS} or less so a slow handler shows up here as a failed forward, not in production`);
  }
  return readinessItem('forward-timeout', label, 'pass',
    `Forwards to ${forward.url} time out after ${forward.timeoutMs} ms: a handler slower than the provider allows shows up as a failed forward`);
}

/** what to do about the commonest failure codes of §4.1 */
const CODE_HINTS: Record<string, string> = {
  missing_signature: 'the sender does not sign: set the webhook secret in the provider\'s dashboard',
  no_matching_signature: 'the secret differs from the provider\'s, or the body was changed: the Checks tab shows the likely cause',
  malformed_signature: 'the signature header is not in the preset\'s format: check that the right preset is chosen',
  retired_secret: 'the provider still signs with the retired secret: switch it to the new one',
  too_old: 'check this machine\'s clock, or requests are being replayed',
  too_new: 'check this machine\'s clock',
  missing_timestamp: 'the sender sends no timestamp: check the preset',
  not_allowed: 'the client IP is outside allowIps: compare it with the provider\'s ranges',
  missing_token: 'append ?token=… to the webhook URL in the provider\'s dashboard',
  wrong_token: 'the token in the provider\'s webhook URL differs from authTokens',
  exceeded: 'the rate limit was hit',
  invalid_body: 'the body did not parse: check the content type the provider sends',
  too_large: 'the body exceeded maxBodyBytes',
};

function topCodes(codes: string[]): Array<[string, number]> {
  const counts = new Map<string, number>();
  for (const code of codes) counts.set(code, (counts.get(code) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1]).slice(0, 5);
}

export function recentDeliveriesItem(ctx: ReadinessContext): ReadinessItem {
  const label = 'Recent deliveries verify';
  const { verified, rejected, lastFailedCodes } = ctx.recent;
  if (verified === 0 && rejected === 0) {
    return readinessItem('recent-deliveries', label, 'warn',
      "No deliveries yet: use Send test event, or trigger an event from the provider's dashboard, and watch the checks");
  }
  if (rejected === 0) {
    return readinessItem('recent-deliveries', label, 'pass', `All ${verified} recent ${verified === 1 ? 'delivery' : 'deliveries'} verified`);
  }
  const top = topCodes(lastFailedCodes);
  const codes = top.length > 0 ? ` Commonest failures: ${top.map(([code, n]) => (n > 1 ? `${code} ×${n}` : code)).join(', ')}.` : '';
  const hint = top.length > 0 && CODE_HINTS[top[0][0]] ? ` For ${top[0][0]}: ${CODE_HINTS[top[0][0]]}.` : '';
  const open = ' Open one in the Checks tab for the reason.';
  if (verified === 0) {
    return readinessItem('recent-deliveries', label, 'fail', `All ${rejected} recent deliveries were rejected.${codes}${hint}${open}`);
  }
  return readinessItem('recent-deliveries', label, 'warn', `${rejected} of ${verified + rejected} recent deliveries were rejected.${codes}${hint}${open}`);
}
