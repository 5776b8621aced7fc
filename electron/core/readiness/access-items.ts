/** Checklist items on who may call the endpoint and how often: IP allowlist, auth token, rate limit. */
import type { ReadinessItem } from '../../../shared/api';
import type { SourceConfig } from '../../../shared/config';
import { nameSecret, readinessItem, requiredInProduction, type ReadinessContext } from './context';
import { allowlistCovers, openEntries } from './ip-ranges';
import { BLACKBOX_PRODUCTION_RANGES, providerFacts } from './provider-facts';

export function ipAllowlistItem(source: SourceConfig): ReadinessItem {
  const label = "Only the provider's IP ranges are accepted";
  const facts = providerFacts(source);
  const allowIps = source.allowIps ?? [];
  if (allowIps.length === 0) {
    return readinessItem('ip-allowlist', label, 'warn', `No IP allowlist, so anyone who learns the URL can reach the checks: ${facts.ipRanges}`);
  }
  const open = openEntries(allowIps);
  if (open.length > 0) {
    return readinessItem('ip-allowlist', label, 'warn',
      `${open.join(', ')} admits every address, so the allowlist does nothing: replace it with the provider's ranges — ${facts.ipRanges}`);
  }
  if (source.provider === 'blackbox') {
    const missing = BLACKBOX_PRODUCTION_RANGES.filter((r) => !allowlistCovers(allowIps, r));
    if (missing.length > 0) {
      return readinessItem('ip-allowlist', label, 'warn',
        `allowIps misses Dasha BlackBox's published production range${missing.length === 1 ? '' : 's'} ${missing.join(', ')}: ` +
        'deliveries from there will be rejected (not_allowed) — add them, and follow the BlackBox status page for changes');
    }
  }
  return readinessItem('ip-allowlist', label, 'pass',
    `${allowIps.length === 1 ? '1 address or range is' : `${allowIps.length} addresses or ranges are`} allowed; other clients get 403. ` +
    'Providers change their ranges now and then: recheck when deliveries fail with not_allowed');
}

export function authTokenItem(source: SourceConfig, ctx: ReadinessContext): ReadinessItem {
  const label = 'Auth token (defence in depth)';
  const tokens = ctx.authTokens;
  if (tokens.length === 0) {
    return readinessItem('auth-token', label, 'warn',
      'Optional, on top of the signature: add authTokens: ["env:WEBHOOK_AUTH_TOKEN"] with at least 32 random characters ' +
      "(e.g. openssl rand -hex 32), and append ?token=… to the webhook URL in the provider's dashboard (or send it as X-Auth-Token)");
  }
  const unresolved = tokens.map((t, i) => ({ t, i })).filter(({ t }) => !t.resolved);
  if (unresolved.length === tokens.length) {
    return readinessItem('auth-token', label, 'fail',
      `${unresolved.map(({ t, i }) => `${nameSecret(t, i, 'authTokens')}: ${t.problem ?? 'cannot be resolved'}`).join('. ')} — every delivery fails the auth-token check`);
  }
  const weak = tokens.map((t, i) => ({ t, i })).filter(({ t }) => t.resolved && t.strength !== 'strong');
  const problems = [
    ...unresolved.map(({ t, i }) => `${nameSecret(t, i, 'authTokens')} cannot be resolved (${t.problem ?? 'unknown reason'})`),
    ...weak.map(({ t, i }) => `${nameSecret(t, i, 'authTokens')} is ${t.strength ?? 'unassessed'}`),
  ];
  if (problems.length > 0) {
    return readinessItem('auth-token', label, weak.length > 0 ? requiredInProduction(source) : 'warn',
      `${problems.join(', ')}: tokens should be at least 32 cryptographically random characters, e.g. openssl rand -hex 32; ` +
      'use a different token per environment and rotate it every 90 days');
  }
  return readinessItem('auth-token', label, 'pass',
    'Requests must carry ?token= or X-Auth-Token, compared in constant time. Use a different token per environment and rotate it every 90 days');
}

export function rateLimitItem(source: SourceConfig, ctx: ReadinessContext): ReadinessItem {
  const label = 'Rate limiting is on';
  const limit = source.rateLimit;
  if (limit === null) {
    return readinessItem('rate-limit', label, requiredInProduction(source),
      'rateLimit is null, so one client can flood the endpoint: set {"max": 100, "windowSeconds": 60} per client IP, or more if the provider bursts');
  }
  const perWindow = `${limit.max} requests per ${limit.windowSeconds} s per client IP`;
  if (ctx.recent.lastFailedCodes.includes('exceeded')) {
    return readinessItem('rate-limit', label, 'warn',
      `${perWindow}, and recent deliveries hit the limit (exceeded). If they came from the provider, raise max or allowlist its IPs; if not, the limit did its job`);
  }
  return readinessItem('rate-limit', label, 'pass', `${perWindow}; clients over the limit get 429 with Retry-After`);
}
