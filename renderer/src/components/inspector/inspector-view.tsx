import { useStatus, useStores } from '../../app/stores-context';
import { DetailPane } from '../detail/detail-pane';
import { DeliveriesPane } from './deliveries-pane';
import { NoSources } from './no-sources';
import { SourcesPane } from './sources-pane';
import { useInspectorKeys } from './use-inspector-keys';

export function InspectorView() {
  const stores = useStores();
  const status = useStatus((s) => s.status);
  useInspectorKeys(stores);
  if (!status) return null;
  if (status.sources.length === 0) {
    return (
      <div className="inspector inspector-empty">
        <NoSources />
      </div>
    );
  }
  return (
    <div className="inspector">
      <SourcesPane />
      <DeliveriesPane />
      <DetailPane />
    </div>
  );
}
