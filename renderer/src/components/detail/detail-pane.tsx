import type { KeyboardEvent } from 'react';
import { useDetail, useStores } from '../../app/stores-context';
import type { DetailTab } from '../../stores/detail-store';
import { formatDateTime } from '../../lib/format';
import { VerdictBadge } from '../common/verdict-badge';
import { ErrorNote } from '../common/error-note';
import { ChecksTab } from './checks-tab';
import { CompareTab } from './compare-tab';
import { ExportButton } from './export-button';
import { ForwardingTab } from './forwarding-tab';
import { RequestTab } from './request-tab';
import { RetryTimeline } from './retry-timeline';
import { retryLabel } from '../../lib/retry-label';

export const DETAIL_TABS_ID = 'detail-tabs';
const TABS: Array<{ tab: DetailTab; label: string }> = [
  { tab: 'checks', label: 'Checks' },
  { tab: 'request', label: 'Request' },
  { tab: 'forwarding', label: 'Forwarding' },
  { tab: 'compare', label: 'Compare' },
];

export function DetailPane() {
  const stores = useStores();
  const detail = useDetail((s) => s.detail);
  const loading = useDetail((s) => s.loading);
  const error = useDetail((s) => s.error);
  const tab = useDetail((s) => s.tab);
  const id = useDetail((s) => s.id);

  let content;
  if (!id) {
    content = (
      <div className="empty-state small">
        <p>Select a delivery to see every check, the request and its forwarding.</p>
        <p className="muted">
          <kbd>j</kbd>/<kbd>k</kbd> move · <kbd>Enter</kbd> open · <kbd>r</kbd> replay · <kbd>/</kbd> search
        </p>
      </div>
    );
  } else if (!detail) {
    content = loading ? <p className="muted pad">Loading…</p> : <ErrorNote message={error} />;
  } else {
    const onKeyDown = (e: KeyboardEvent) => {
      if (e.key !== 'ArrowRight' && e.key !== 'ArrowLeft') return;
      const i = TABS.findIndex((t) => t.tab === tab);
      const next = TABS[(i + (e.key === 'ArrowRight' ? 1 : TABS.length - 1)) % TABS.length];
      stores.detail.getState().setTab(next.tab);
      document.getElementById(`tab-${next.tab}`)?.focus();
    };
    content = (
      <>
        <header className="detail-head">
          <button type="button" className="btn btn-ghost btn-small detail-back" onClick={() => stores.ui.getState().setInspectorPane('list')}>
            ← Deliveries
          </button>
          <div className="detail-title">
            <h2>{detail.eventType ?? `${detail.method} ${detail.path}`}</h2>
            <VerdictBadge verdict={detail.verdict} status={detail.status} />
          </div>
          <div className="detail-meta-row">
            <p className="muted detail-meta">
              {detail.sourceId ?? 'unmatched'} · <time dateTime={detail.receivedAt}>{formatDateTime(detail.receivedAt)}</time> · <code>{detail.id}</code>
            </p>
            {stores.scope === 'local' ? <ExportButton id={detail.id} /> : null}
          </div>
          {detail.duplicateOf ? (
            <p className="dup-note">
              Duplicate of{' '}
              <button
                type="button"
                className="link"
                onClick={() => {
                  stores.deliveries.getState().select(detail.duplicateOf);
                  void stores.detail.getState().open(detail.duplicateOf);
                }}
              >
                {detail.duplicateOf}
              </button>{' '}
              — answered {detail.status} and not forwarded again.
            </p>
          ) : null}
          {detail.retry && detail.retryChain ? (
            <div className="retry-chain">
              <p className="muted">{retryLabel(detail.retry)}</p>
              <RetryTimeline
                chain={detail.retryChain}
                currentId={detail.id}
                onOpen={(other) => {
                  stores.deliveries.getState().select(other);
                  void stores.detail.getState().open(other);
                }}
              />
            </div>
          ) : null}
        </header>
        <div role="tablist" aria-label="Delivery detail tabs" className="tabs" id={DETAIL_TABS_ID} onKeyDown={onKeyDown}>
          {TABS.map((t) => (
            <button
              key={t.tab}
              id={`tab-${t.tab}`}
              role="tab"
              type="button"
              aria-selected={tab === t.tab}
              aria-controls={`panel-${t.tab}`}
              tabIndex={tab === t.tab ? 0 : -1}
              className={`tab${tab === t.tab ? ' active' : ''}`}
              onClick={() => stores.detail.getState().setTab(t.tab)}
            >
              {t.label}
              {t.tab === 'forwarding' && detail.attempts.length > 0 ? <span className="tab-count"> {detail.attempts.length}</span> : null}
            </button>
          ))}
        </div>
        <div role="tabpanel" id={`panel-${tab}`} aria-labelledby={`tab-${tab}`} className="tab-panel">
          {tab === 'checks' ? (
            <ChecksTab detail={detail} />
          ) : tab === 'request' ? (
            <RequestTab detail={detail} />
          ) : tab === 'compare' ? (
            <CompareTab detail={detail} />
          ) : (
            <ForwardingTab detail={detail} />
          )}
        </div>
      </>
    );
  }
  return (
    <section className="pane detail-pane" aria-label="Delivery detail">
      {content}
    </section>
  );
}
