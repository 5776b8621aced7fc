/** Provider preset ids (docs/api.md "Provider presets"). A public contract: never rename. */
export const PROVIDER_IDS = [
  'dialnexa',
  'blackbox',
  'vonage',
  'vonage-sms',
  'stripe',
  'github',
  'slack',
  'standard-webhooks',
  'shopify',
  'twilio',
  'generic-hmac',
] as const;
export type ProviderId = (typeof PROVIDER_IDS)[number];
