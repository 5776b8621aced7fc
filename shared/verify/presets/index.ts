/** The preset registry (docs/api.md "Provider presets"). */
import type { PresetInfo } from '../../api';
import { PROVIDER_IDS, type ProviderId } from '../../providers';
import { HookscopeError } from '../../result';
import { blackbox } from './blackbox';
import { dialnexa } from './dialnexa';
import { genericHmac } from './generic-hmac';
import { github } from './github';
import { shopify } from './shopify';
import { slack } from './slack';
import { standardWebhooks } from './standard-webhooks';
import { stripe } from './stripe';
import { twilio } from './twilio';
import type { Preset } from './types';
import { vonage } from './vonage';
import { vonageSms } from './vonage-sms';

export type { Preset } from './types';

const PRESETS: Record<ProviderId, Preset> = {
  dialnexa,
  blackbox,
  vonage,
  'vonage-sms': vonageSms,
  stripe,
  github,
  slack,
  'standard-webhooks': standardWebhooks,
  shopify,
  twilio,
  'generic-hmac': genericHmac,
};

/** throws on an unknown id (misuse: config validation admits only known presets) */
export function getPreset(id: ProviderId): Preset {
  const preset = Object.prototype.hasOwnProperty.call(PRESETS, id) ? PRESETS[id] : undefined;
  if (!preset) throw new HookscopeError('unknown_preset', `Unknown provider preset "${String(id)}": use one of ${PROVIDER_IDS.join(', ')}`);
  return preset;
}

export function listPresetInfo(): PresetInfo[] {
  return PROVIDER_IDS.map((id) => {
    const p = PRESETS[id];
    return {
      id,
      label: p.label,
      signatureHeader: p.signatureHeader(null),
      hasTimestamp: p.hasTimestamp(null),
      eventTypes: [...p.eventTypes],
    };
  });
}
