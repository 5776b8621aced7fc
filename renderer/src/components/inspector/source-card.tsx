import type { SourceStatus } from '../../../../shared/api';
import { useDeliveries, useStores } from '../../app/stores-context';
import { fieldValue, setField } from '../../lib/delivery-list';
import { SendTestEvent } from './send-test-event';
import { UrlRow } from './url-row';

export function SourceCard({ source, tunnelOn }: { source: SourceStatus; tunnelOn: boolean }) {
  const { deliveries, scope } = useStores();
  const filtered = useDeliveries((s) => fieldValue(s.query, 'source') === source.id);
  const name = source.name || source.id;
  return (
    <li className={`source-card${filtered ? ' filtered' : ''}`}>
      <div className="source-head">
        <button
          type="button"
          className="source-name"
          aria-pressed={filtered}
          aria-label={`Show only deliveries of ${name}`}
          onClick={() => void deliveries.getState().setQuery(setField(deliveries.getState().query, 'source', filtered ? null : source.id))}
        >
          {name}
        </button>
        <span className={`env env-${source.environment}`}>{source.environment}</span>
      </div>
      <p className="source-provider">
        <span className="muted">provider</span> {source.provider ?? 'none (capture only)'}
        <span className="muted"> · id</span> {source.id}
      </p>
      <UrlRow label="Public" url={source.publicUrl} sourceName={name} emptyText={tunnelOn ? 'connecting…' : 'tunnel off — turn it on in Settings'} />
      <UrlRow label="Local" url={source.localUrl} sourceName={name} />
      <p className="counts" aria-label={`${source.counts.total} deliveries: ${source.counts.verified} verified, ${source.counts.rejected} rejected`}>
        <span>{source.counts.total} total</span>
        <span className="ok-text">{source.counts.verified} verified</span>
        <span className="bad-text">{source.counts.rejected} rejected</span>
      </p>
      {scope === 'local' ? <SendTestEvent sourceId={source.id} sourceName={name} /> : null}
    </li>
  );
}
