import { useEffect, useState } from 'react';
import type { ChaosValue, DeliveryDetail } from '../../../../shared/api';
import { useStores } from '../../app/stores-context';
import { errorMessage } from '../../client/api-error';
import { ErrorNote } from '../common/error-note';
import { ChaosReport } from './chaos-report';

type Preset = { label: string; repeat: number; concurrency: number; delayMs: number };
const PRESETS: Preset[] = [
  { label: '5 copies at once', repeat: 5, concurrency: 5, delayMs: 0 },
  { label: 'Duplicate after 2 s', repeat: 2, concurrency: 1, delayMs: 2000 },
];

/**
 * Chaos: the same event several times at once or spaced out, or this source's recent deliveries out
 * of order — then the idempotency report (with a side-effect probe on the dev server, a verdict).
 */
export function ChaosMenu({ detail }: { detail: DeliveryDetail }) {
  const stores = useStores();
  const [repeat, setRepeat] = useState('5');
  const [concurrency, setConcurrency] = useState('5');
  const [delayMs, setDelayMs] = useState('0');
  const [probe, setProbe] = useState('');
  const [order, setOrder] = useState<'original' | 'reverse' | 'shuffled'>('shuffled');
  const [running, setRunning] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [value, setValue] = useState<ChaosValue | null>(null);

  useEffect(() => {
    setValue(null);
    setError(null);
  }, [detail.id]);

  const int = (text: string) => (/^\d+$/.test(text.trim()) ? Number(text.trim()) : NaN);
  const probeArg = probe.trim() ? { probe: probe.trim() } : {};

  async function run(call: () => Promise<ChaosValue>) {
    setRunning(true);
    setError(null);
    try {
      setValue(await call());
      void stores.detail.getState().refresh();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setRunning(false);
    }
  }

  const copies = (p: { repeat: number; concurrency: number; delayMs: number }) =>
    run(async () => {
      const v = await stores.client.replayDelivery({ id: detail.id, ...p, ...probeArg });
      if (!v.attempts || !v.report) throw new Error('The instance answered without a report: is it an older Hookscope?');
      return { attempts: v.attempts, report: v.report };
    });

  return (
    <details className="chaos-menu">
      <summary>Chaos</summary>
      <p className="muted hint">Does your handler survive duplicates and disorder? Copies are re-signed when the scheme needs a fresh timestamp, and every one is recorded below.</p>
      <div className="button-row">
        {PRESETS.map((p) => (
          <button key={p.label} type="button" className="btn" disabled={running} onClick={() => void copies({ repeat: p.repeat, concurrency: p.concurrency, delayMs: p.delayMs })}>
            {p.label}
          </button>
        ))}
      </div>
      <div className="chaos-fields">
        <label className="field">
          <span>Copies</span>
          <input aria-label="Copies" inputMode="numeric" value={repeat} onChange={(e) => setRepeat(e.target.value)} />
        </label>
        <label className="field">
          <span>At once</span>
          <input aria-label="Concurrency" inputMode="numeric" value={concurrency} onChange={(e) => setConcurrency(e.target.value)} />
        </label>
        <label className="field">
          <span>Delay between (ms)</span>
          <input aria-label="Delay between copies" inputMode="numeric" value={delayMs} onChange={(e) => setDelayMs(e.target.value)} />
        </label>
        <button
          type="button"
          className="btn btn-primary"
          disabled={running}
          onClick={() => void copies({ repeat: int(repeat), concurrency: int(concurrency), delayMs: int(delayMs || '0') })}
        >
          Send copies
        </button>
      </div>
      <div className="chaos-fields">
        <label className="field wide">
          <span>Side-effect probe (GET, loopback, JSON)</span>
          <input aria-label="Side-effect probe URL" type="url" placeholder="http://localhost:3000/debug/processed" value={probe} onChange={(e) => setProbe(e.target.value)} spellCheck={false} />
        </label>
      </div>
      {detail.sourceId ? (
        <div className="chaos-fields">
          <label className="field">
            <span>Batch order</span>
            <select aria-label="Batch order" value={order} onChange={(e) => setOrder(e.target.value as typeof order)}>
              <option value="original">as received</option>
              <option value="reverse">newest first</option>
              <option value="shuffled">shuffled</option>
            </select>
          </label>
          <button
            type="button"
            className="btn"
            disabled={running}
            onClick={() => void run(() => stores.client.replayQuery({ sourceId: detail.sourceId as string, order, ...probeArg }))}
          >
            Replay {detail.sourceId}'s last 20 as a batch
          </button>
        </div>
      ) : null}
      {running ? (
        <p className="muted" role="status">
          Sending…
        </p>
      ) : null}
      <ErrorNote message={error} />
      {value ? <ChaosReport value={value} /> : null}
    </details>
  );
}
