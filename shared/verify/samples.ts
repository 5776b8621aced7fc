/** Realistic sample events per provider, for "Send test event" (docs/api.md "Methods" (sendTestEvent)). */
import type { GenericScheme } from '../config';
import type { ProviderId } from '../providers';
import { HookscopeError } from '../result';
import { genericSample, standardWebhooksSample } from './samples/generic';
import { githubSample } from './samples/github';
import { shopifySample } from './samples/shopify';
import { slackSample } from './samples/slack';
import { stripeSample } from './samples/stripe';
import { twilioSample } from './samples/twilio';
import type { Sample, SampleOptions } from './samples/types';
import { blackboxSample, dialnexaSample } from './samples/voice-ai';
import { vonageSample, vonageSmsSample } from './samples/vonage';

const BUILDERS: Record<ProviderId, (opts: SampleOptions) => Sample> = {
  dialnexa: dialnexaSample,
  blackbox: blackboxSample,
  vonage: vonageSample,
  'vonage-sms': vonageSmsSample,
  stripe: stripeSample,
  github: githubSample,
  slack: slackSample,
  'standard-webhooks': standardWebhooksSample,
  shopify: shopifySample,
  twilio: twilioSample,
  'generic-hmac': genericSample,
};

/**
 * A sample body for the provider; `eventType` picks one of the preset's types (an unknown one is sent as is
 * where the payload names its type, to show the unknown_event_type warning). Timestamps inside the payload are
 * `now`; the returned eventType is the one the chain will extract.
 */
export function sampleEvent(
  provider: ProviderId,
  opts: { eventType?: string; now: number; randomId: () => string; scheme?: GenericScheme },
): { body: Uint8Array; contentType: string; eventType: string } {
  const build = BUILDERS[provider];
  if (!build) throw new HookscopeError('unknown_preset', `Unknown provider preset "${String(provider)}"`);
  return build({ eventType: opts.eventType, now: opts.now, randomId: opts.randomId, scheme: opts.scheme });
}
