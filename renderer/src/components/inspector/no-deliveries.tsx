import type { SourceStatus } from '../../../../shared/api';
import { useSettings, useStores } from '../../app/stores-context';
import { curlExample } from '../../lib/curl-example';
import { CopyButton } from '../common/copy-button';
import { SendTestEvent } from './send-test-event';

/** A source but no delivery yet: what to paste where, and how to make one now. */
export function NoDeliveries({ sources }: { sources: SourceStatus[] }) {
  const presets = useSettings((s) => s.presets);
  // a team workspace's test events are sent from its own page, not from here
  const local = useStores().scope === 'local';
  return (
    <div className="empty-state" aria-label="No deliveries yet">
      <h3>Waiting for the first delivery</h3>
      <p>Paste a URL below into your provider&apos;s webhook settings, or send a test event to see the checks at work.</p>
      {sources.map((source) => {
        const name = source.name || source.id;
        const url = source.publicUrl ?? source.localUrl;
        const preset = presets.find((p) => p.id === source.provider);
        const curl = curlExample(source.localUrl, preset?.signatureHeader ?? null, preset?.eventTypes[0]);
        return (
          <section key={source.id} className="empty-source" aria-label={`Get started with ${name}`}>
            <h4>{name}</h4>
            <ol className="steps">
              <li>
                <span>
                  Paste this URL into the {source.provider ?? 'sender\'s'} dashboard{source.publicUrl ? '' : ' (providers need a public HTTPS URL: turn the tunnel on in Settings)'}:
                </span>
                <span className="url-line">
                  <code className="url">{url}</code>
                  <CopyButton text={url} label={`Copy webhook URL of ${name}`} />
                </span>
              </li>
              <li>
                <span>Or try it from a terminal (unsigned, so the signature check will fail and tell you why):</span>
                <span className="code-block-wrap">
                  <pre className="code-block" aria-label={`curl example for ${name}`}>{curl}</pre>
                  <CopyButton text={curl} label={`Copy curl example for ${name}`} />
                </span>
              </li>
              {local ? (
                <li>
                  <span>Or let Hookscope send a correctly signed (or deliberately broken) event:</span>
                  <SendTestEvent sourceId={source.id} sourceName={name} />
                </li>
              ) : null}
            </ol>
          </section>
        );
      })}
    </div>
  );
}
