import { useCallback, useEffect, useRef, type KeyboardEvent } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useDeliveries, useStores } from '../../app/stores-context';
import { itemAt, toggleTerm } from '../../lib/delivery-list';
import type { Stores } from '../../stores/create-stores';
import { DeliveryRow } from './delivery-row';

export const ROW_HEIGHT = 48;
export const DELIVERY_LIST_ID = 'delivery-list';

/** moves the selection and opens what it lands on (the detail follows the keyboard) */
export async function moveAndOpen(stores: Stores, to: Parameters<ReturnType<Stores['deliveries']['getState']>['moveSelection']>[0]): Promise<void> {
  const item = await stores.deliveries.getState().moveSelection(to);
  if (item) void stores.detail.getState().open(item.id);
}

/**
 * A window over the whole result: as tall as the query's total, so the scrollbar tells the truth and
 * the oldest delivery is one drag (or End) away; rows load by page where the user looks.
 */
export function DeliveryList() {
  const stores = useStores();
  const { deliveries, detail } = stores;
  const total = useDeliveries((s) => s.total);
  const pages = useDeliveries((s) => s.pages);
  const selectedId = useDeliveries((s) => s.selectedId);
  const selectedIndex = useDeliveries((s) => s.selectedIndex);
  const scrollRequest = useDeliveries((s) => s.scrollRequest);
  const scrollRef = useRef<HTMLDivElement>(null);

  const virtualizer = useVirtualizer({
    count: total,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 8,
    // let React schedule scroll renders instead of forcing each one synchronously in the scroll event
    useFlushSync: false,
  });
  const virtualItems = virtualizer.getVirtualItems();
  const first = virtualItems.length ? virtualItems[0].index : 0;
  const last = virtualItems.length ? virtualItems[virtualItems.length - 1].index : -1;

  // load the pages the visible window touches (and one page beyond each end)
  useEffect(() => {
    if (last < 0) return;
    void deliveries.getState().ensureRange(Math.max(0, first - 50), last + 50);
  }, [first, last, pages, deliveries]);

  // at the very top the live tail flows in; anywhere else the list holds still
  useEffect(() => {
    const el = scrollRef.current;
    if (!el) return;
    const onScroll = () => deliveries.getState().setAtTop(el.scrollTop < ROW_HEIGHT / 2);
    el.addEventListener('scroll', onScroll, { passive: true });
    return () => el.removeEventListener('scroll', onScroll);
  }, [deliveries]);

  // keyboard moves, jumps and new queries bring their row (or the top) into view
  useEffect(() => {
    if (scrollRequest === 0) return;
    const index = deliveries.getState().selectedIndex;
    if (index >= 0) virtualizer.scrollToIndex(index, { align: 'auto' });
    else virtualizer.scrollToOffset(0);
  }, [scrollRequest, virtualizer, deliveries]);

  const onSelect = useCallback(
    (id: string, index: number) => {
      deliveries.getState().select(id, index);
      void detail.getState().open(id);
    },
    [deliveries, detail],
  );
  const onTerm = useCallback((term: string) => void deliveries.getState().setQuery(toggleTerm(deliveries.getState().query, term)), [deliveries]);

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const pageRows = Math.max(1, Math.floor((scrollRef.current?.clientHeight ?? 400) / ROW_HEIGHT) - 1);
    const moves: Record<string, number | 'first' | 'last'> = { ArrowDown: 1, ArrowUp: -1, PageDown: pageRows, PageUp: -pageRows, Home: 'first', End: 'last' };
    const to = moves[e.key];
    if (to === undefined || e.altKey || e.ctrlKey || e.metaKey) return;
    e.preventDefault();
    void moveAndOpen(stores, to);
  };

  const activeRow = selectedId && itemAt(pages, selectedIndex)?.id === selectedId ? `delivery-${selectedId}` : undefined;
  return (
    <div
      ref={scrollRef}
      id={DELIVERY_LIST_ID}
      className="delivery-scroll"
      role="grid"
      aria-label="Deliveries list — arrow keys, Page Up/Down, Home and End move"
      aria-rowcount={total}
      aria-activedescendant={activeRow}
      tabIndex={0}
      onKeyDown={onKeyDown}
    >
      <div className="delivery-canvas" role="rowgroup" style={{ height: virtualizer.getTotalSize() }}>
        {virtualItems.map((v) => {
          const item = itemAt(pages, v.index);
          return (
            <DeliveryRow
              key={item?.id ?? `row-${v.index}`}
              item={item}
              index={v.index}
              selected={!!item && item.id === selectedId}
              top={v.start}
              height={ROW_HEIGHT}
              onSelect={onSelect}
              onTerm={onTerm}
            />
          );
        })}
      </div>
    </div>
  );
}
