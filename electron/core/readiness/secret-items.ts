/**
 * Checklist items about the signing secrets: validated, stored outside the config file, strong,
 * rotated cleanly, and separate per environment (seeds 000, 001, 002).
 */
import type { ReadinessItem, SecretInfo } from '../../../shared/api';
import type { SourceConfig } from '../../../shared/config';
import { nameSecret, readinessItem, requiredInProduction, type ReadinessContext, type ReadinessStatus } from './context';
import { providerFacts } from './provider-facts';

const HOUR_MS = 3_600_000;

export function signatureItem(ctx: ReadinessContext): ReadinessItem {
  const label = 'Webhook signatures are validated';
  const { secrets } = ctx;
  if (secrets.length === 0) {
    return readinessItem('signature', label, 'fail',
      "No signing secret: every delivery fails the signature check. Add the provider's webhook secret as env:NAME in the config file, or paste it in Settings");
  }
  const broken = secrets.map((s, i) => ({ s, i })).filter(({ s }) => !s.resolved || s.problem !== null);
  const problems = broken.map(({ s, i }) => `${nameSecret(s, i)}: ${s.problem ?? 'cannot be resolved'}`);
  if (broken.length === secrets.length) {
    return readinessItem('signature', label, 'fail', `No usable secret, so no delivery can verify. ${problems.join('. ')}`);
  }
  if (broken.length > 0) {
    return readinessItem('signature', label, 'warn',
      `${problems.join('. ')}. The other ${secrets.length - broken.length === 1 ? 'secret is' : 'secrets are'} used; fix or remove the broken one`);
  }
  return readinessItem('signature', label, 'pass',
    `${secrets.length === 1 ? 'A secret is' : `${secrets.length} secrets are`} configured: every delivery's signature is checked over the raw bytes, in constant time`);
}

export function secretStorageItem(source: SourceConfig, ctx: ReadinessContext): ReadinessItem {
  const label = 'Secrets come from environment variables, not the config file';
  const literals = [
    ...ctx.secrets.map((s, i) => ({ s, name: nameSecret(s, i) })),
    ...ctx.authTokens.map((s, i) => ({ s, name: nameSecret(s, i, 'authTokens') })),
  ].filter(({ s }) => s.kind === 'literal');
  if (literals.length === 0) {
    const count = ctx.secrets.length + ctx.authTokens.length;
    return readinessItem('secret-storage', label, 'pass', count === 0
      ? 'Nothing stored yet: when you add a secret, reference it as env:NAME or paste it in Settings (stored encrypted)'
      : 'Every secret is an env: reference or stored encrypted by Hookscope');
  }
  return readinessItem('secret-storage', label, requiredInProduction(source),
    `${literals.map((l) => l.name).join(', ')} ${literals.length === 1 ? 'is' : 'are'} written in the config file as plain text: ` +
    'move each to an environment variable and reference it as env:NAME, or paste it in Settings (stored encrypted) — ' +
    'a secret in a file ends up in backups and repositories (seeds 000, 001, 002)');
}

export function secretStrengthItem(source: SourceConfig, ctx: ReadinessContext): ReadinessItem {
  const label = 'Secrets are strong';
  const facts = providerFacts(source);
  const assessed = ctx.secrets.map((s, i) => ({ s, i })).filter(({ s }) => s.strength !== null);
  if (assessed.length === 0) {
    return readinessItem('secret-strength', label, 'warn',
      `No secret resolves, so strength cannot be assessed: ${facts.label} secrets should be ${facts.strengthRule}`);
  }
  const weak = assessed.filter(({ s }) => s.strength === 'weak');
  const fairOnly = facts.minStrength === 'strong' ? assessed.filter(({ s }) => s.strength === 'fair') : [];
  if (weak.length === 0 && fairOnly.length === 0) {
    return readinessItem('secret-strength', label, 'pass', `Every secret meets the ${facts.label} rule: ${facts.strengthRule}`);
  }
  const status: ReadinessStatus = weak.length > 0 ? requiredInProduction(source) : 'warn';
  const names = [...weak, ...fairOnly].map(({ s, i }) => `${nameSecret(s, i)} is ${s.strength}`);
  return readinessItem('secret-strength', label, status,
    `${names.join(', ')}: ${facts.label} secrets should be ${facts.strengthRule}. ` +
    'Generate one (e.g. openssl rand -hex 32) where you choose the secret, and set it on both sides');
}

function formatDate(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

function formatIn(ms: number): string {
  const hours = ms / HOUR_MS;
  if (hours < 1) return 'in less than an hour';
  if (hours < 48) return `in ${Math.floor(hours)} h`;
  return `in ${Math.floor(hours / 24)} days`;
}

export function secretRotationItem(ctx: ReadinessContext): ReadinessItem {
  const label = 'Secret rotation';
  const dated = ctx.secrets
    .map((s, i) => ({ s, i, at: s.retiresAt === null ? Number.NaN : Date.parse(s.retiresAt) }))
    .filter(({ at }) => Number.isFinite(at));
  if (dated.length === 0) {
    return readinessItem('secret-rotation', label, 'pass',
      'No rotation in progress. Rotate every 90 days (seeds 000, 002): add the new secret, give the old one a retiresAt about 24 h ahead, then remove it');
  }
  const retired = dated.filter(({ at }) => at <= ctx.now);
  const retiring = dated.filter(({ at }) => at > ctx.now);
  const current = ctx.secrets.length - dated.length;
  const parts: string[] = [];
  if (retired.length > 0) {
    parts.push(`${retired.map(({ s, i, at }) => `${nameSecret(s, i)} retired on ${formatDate(at)}`).join(', ')}: remove the retired secret — deliveries signed with it already fail (retired_secret)`);
  }
  if (retiring.length > 0) {
    parts.push(`Rotation in progress: ${retiring.map(({ s, i, at }) => `${nameSecret(s, i)} retires on ${formatDate(at)} (${formatIn(at - ctx.now)})`).join(', ')}. ` +
      'Keep both while the provider switches to the new secret (24 hours), then remove the old one');
  }
  if (current === 0) {
    parts.push('No secret is without a retiresAt: once they retire nothing verifies — add the new secret now');
  }
  const status: ReadinessStatus = retired.length > 0 ? 'fail' : 'warn';
  return readinessItem('secret-rotation', label, status, parts.join('. '));
}

export function environmentSeparationItem(source: SourceConfig, ctx: ReadinessContext): ReadinessItem {
  const label = 'Environments use separate secrets';
  const own = new Map<string, SecretInfo>();
  for (const s of ctx.secrets) if (s.fingerprint !== null) own.set(s.fingerprint, s);
  if (ctx.secrets.length === 0) {
    return readinessItem('environment-separation', label, 'pass', 'No secret yet: give each environment its own secret (seeds 000, 002)');
  }
  if (own.size === 0) {
    return readinessItem('environment-separation', label, 'warn', 'No secret resolves, so it cannot be compared with the other environments\' secrets');
  }
  const clashes: Array<{ other: string; environment: string; fingerprint: string; production: boolean }> = [];
  for (const [otherId, secrets] of Object.entries(ctx.allSecrets)) {
    if (otherId === source.id) continue;
    const environment = ctx.environments[otherId];
    if (!environment || environment === source.environment) continue;
    for (const s of secrets) {
      if (s.fingerprint !== null && own.has(s.fingerprint)) {
        clashes.push({ other: otherId, environment, fingerprint: s.fingerprint, production: environment === 'production' || source.environment === 'production' });
        break;
      }
    }
  }
  if (clashes.length === 0) {
    return readinessItem('environment-separation', label, 'pass', `No ${source.environment} secret is shared with a source of another environment`);
  }
  const status: ReadinessStatus = clashes.some((c) => c.production) ? 'fail' : 'warn';
  return readinessItem('environment-separation', label, status,
    `${clashes.map((c) => `the secret with fingerprint ${c.fingerprint} is also used by the ${c.environment} source "${c.other}"`).join('; ')}: ` +
    'give every environment its own secret — a production secret must never sit on a development machine (seeds 000, 002)');
}
