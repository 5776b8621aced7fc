/**
 * What the readiness checklist needs to know about each preset (docs/api.md "Provider presets" and the providers' go-live checklists): whether the
 * signature covers a timestamp, what the idempotency key is, where the provider publishes its IP
 * ranges, and how strong its secret should be.
 */
import type { SourceConfig } from '../../../shared/config';
import type { ProviderId } from '../../../shared/providers';

/** signed: a timestamp covered by the signature; optional: signed when the sender includes it;
 *  unsigned: a timestamp the signature does not cover; none: no timestamp at all */
export type TimestampKind = 'signed' | 'optional' | 'unsigned' | 'none';

export interface ProviderFacts {
  label: string;
  timestamp: TimestampKind;
  /** the idempotency key, as a phrase for messages */
  replayKey: string;
  /** where to get the provider's webhook IP ranges */
  ipRanges: string;
  /** 'strong' = at least 32 random characters (seed 002); 'fair' = at least 20 mixed (seed 001) */
  minStrength: 'strong' | 'fair';
  strengthRule: string;
}

/** Dasha BlackBox's published webhook ranges (seed 002, "IP Whitelisting"); they may change. */
export const BLACKBOX_PRODUCTION_RANGES = ['52.202.195.162/32', '34.226.14.86/32', '3.218.180.13/32'] as const;
export const BLACKBOX_STAGING_RANGES = ['54.210.32.45/32', '18.206.107.29/32'] as const;

const FAIR_RULE = 'at least 20 characters mixing upper- and lower-case letters, digits and symbols; 32 random characters is better';
const ASK_PROVIDER = "ask the provider for its published webhook IP ranges; if it publishes none, rely on the signature and an auth token";

const FACTS: Record<ProviderId, ProviderFacts> = {
  dialnexa: {
    label: 'DialNexa',
    timestamp: 'optional',
    replayKey: 'call_id + event type',
    ipRanges: "DialNexa gives its current IP ranges on request: ask support for the list and add them to allowIps",
    minStrength: 'fair',
    strengthRule: FAIR_RULE,
  },
  blackbox: {
    label: 'Dasha BlackBox',
    timestamp: 'signed',
    replayKey: 'eventId (else a hash of event, timestamp, callId and agentId)',
    ipRanges:
      `add Dasha BlackBox's published ranges to allowIps: ${BLACKBOX_PRODUCTION_RANGES.join(', ')} (production) and ` +
      `${BLACKBOX_STAGING_RANGES.join(', ')} (development/staging) — they may change, so follow the BlackBox status page`,
    minStrength: 'strong',
    strengthRule: 'at least 32 random characters',
  },
  vonage: {
    label: 'Vonage',
    timestamp: 'signed',
    replayKey: "the JWT's jti",
    ipRanges: ASK_PROVIDER,
    minStrength: 'fair',
    strengthRule: 'at least 20 characters with upper- and lower-case letters, at least one digit and, where allowed, symbols',
  },
  'vonage-sms': {
    label: 'Vonage SMS',
    timestamp: 'signed',
    replayKey: 'messageId',
    ipRanges: ASK_PROVIDER,
    minStrength: 'fair',
    strengthRule: 'at least 20 characters with upper- and lower-case letters, at least one digit and, where allowed, symbols',
  },
  stripe: {
    label: 'Stripe',
    timestamp: 'signed',
    replayKey: 'the event id',
    ipRanges: 'Stripe publishes its webhook IPs at https://stripe.com/files/ips/ips_webhooks.txt: add them to allowIps',
    minStrength: 'fair',
    strengthRule: FAIR_RULE,
  },
  github: {
    label: 'GitHub',
    timestamp: 'none',
    replayKey: 'X-GitHub-Delivery',
    ipRanges: 'GitHub publishes its webhook ranges in the "hooks" list of https://api.github.com/meta: add them to allowIps',
    minStrength: 'fair',
    strengthRule: FAIR_RULE,
  },
  slack: {
    label: 'Slack',
    timestamp: 'signed',
    replayKey: 'event_id (else the signature)',
    ipRanges: ASK_PROVIDER,
    minStrength: 'fair',
    strengthRule: FAIR_RULE,
  },
  'standard-webhooks': {
    label: 'Standard Webhooks',
    timestamp: 'signed',
    replayKey: 'webhook-id',
    ipRanges: ASK_PROVIDER,
    minStrength: 'fair',
    strengthRule: FAIR_RULE,
  },
  shopify: {
    label: 'Shopify',
    timestamp: 'none',
    replayKey: 'X-Shopify-Webhook-Id',
    ipRanges: ASK_PROVIDER,
    minStrength: 'fair',
    strengthRule: FAIR_RULE,
  },
  twilio: {
    label: 'Twilio',
    timestamp: 'none',
    replayKey: 'I-Twilio-Idempotency-Token',
    ipRanges: ASK_PROVIDER,
    minStrength: 'fair',
    strengthRule: FAIR_RULE,
  },
  'generic-hmac': {
    label: 'Generic HMAC',
    timestamp: 'none',
    replayKey: 'the sha256 of the body',
    ipRanges: ASK_PROVIDER,
    minStrength: 'fair',
    strengthRule: FAIR_RULE,
  },
};

/** a capture-only source (no provider): nothing is verified, so no rule is the provider's */
const NO_PROVIDER: ProviderFacts = {
  label: 'No provider (capture only)',
  timestamp: 'none',
  replayKey: 'none (no provider configured)',
  ipRanges: 'pick a provider preset for this source to learn where its webhooks come from',
  minStrength: 'fair',
  strengthRule: FAIR_RULE,
};

/** Facts for one source; for generic-hmac, the timestamp and key come from its scheme. */
export function providerFacts(source: SourceConfig): ProviderFacts {
  if (!source.provider) return NO_PROVIDER;
  const facts = FACTS[source.provider];
  if (source.provider !== 'generic-hmac' || !source.scheme) return facts;
  const { timestamp, idempotency, template } = source.scheme;
  let kind: TimestampKind = 'none';
  if (timestamp) {
    // a payload timestamp is inside the signed body only when the template signs the body
    const signed = template.includes('{timestamp}') || (timestamp.from === 'payload' && template.includes('{body}'));
    kind = signed ? 'signed' : 'unsigned';
  }
  let replayKey = facts.replayKey;
  if (idempotency) replayKey = idempotency.from === 'header' ? `the ${idempotency.name} header` : `the payload's ${idempotency.path}`;
  return { ...facts, timestamp: kind, replayKey };
}
