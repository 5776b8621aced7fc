import { useCallback, useEffect, useRef } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useDeliveries, useStores } from '../../app/stores-context';
import { DeliveryRow } from './delivery-row';

const ROW_HEIGHT = 52;

/** Virtualised: only the visible rows exist in the DOM, so 100,000 deliveries scroll smoothly. */
export function DeliveryList() {
  const { deliveries, detail } = useStores();
  const items = useDeliveries((s) => s.items);
  const selectedId = useDeliveries((s) => s.selectedId);
  const next = useDeliveries((s) => s.next);
  const loadingMore = useDeliveries((s) => s.loadingMore);
  const scrollRef = useRef<HTMLDivElement>(null);

  const virtualizer = useVirtualizer({
    count: items.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 6,
    // let React schedule scroll renders instead of forcing each one synchronously in the scroll event
    useFlushSync: false,
    getItemKey: (index) => items[index].id,
  });
  const virtualItems = virtualizer.getVirtualItems();
  const lastIndex = virtualItems.length ? virtualItems[virtualItems.length - 1].index : -1;

  // infinite scroll: near the end of what is loaded, ask for the next page
  useEffect(() => {
    if (next && !loadingMore && lastIndex >= items.length - 20) void deliveries.getState().loadMore();
  }, [lastIndex, items.length, next, loadingMore, deliveries]);

  // keep the keyboard selection in view
  const selectedIndex = selectedId ? items.findIndex((x) => x.id === selectedId) : -1;
  useEffect(() => {
    if (selectedIndex >= 0) virtualizer.scrollToIndex(selectedIndex, { align: 'auto' });
  }, [selectedIndex, virtualizer]);

  const onSelect = useCallback(
    (id: string) => {
      deliveries.getState().select(id);
      void detail.getState().open(id);
    },
    [deliveries, detail],
  );

  return (
    <div
      ref={scrollRef}
      className="delivery-scroll"
      role="grid"
      aria-label="Deliveries list"
      aria-rowcount={next ? -1 : items.length}
      aria-activedescendant={selectedId && selectedIndex >= 0 ? `delivery-${selectedId}` : undefined}
      tabIndex={0}
    >
      <div className="delivery-canvas" role="rowgroup" style={{ height: virtualizer.getTotalSize() }}>
        {virtualItems.map((v) => {
          const item = items[v.index];
          return <DeliveryRow key={item.id} item={item} index={v.index} selected={item.id === selectedId} top={v.start} height={ROW_HEIGHT} onSelect={onSelect} />;
        })}
      </div>
      {loadingMore ? (
        <p className="loading-more muted" role="status">
          Loading older deliveries…
        </p>
      ) : null}
    </div>
  );
}
