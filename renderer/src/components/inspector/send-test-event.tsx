import { useState } from 'react';
import type { TestEventKind } from '../../../../shared/api';
import { useStores } from '../../app/stores-context';
import { errorMessage } from '../../client/api-error';
import { TEST_EVENT_KINDS } from '../../lib/test-event-kinds';

interface Props {
  sourceId: string;
  sourceName: string;
}

/** Sends a realistic (or deliberately broken) event through the real receiver and opens it. */
export function SendTestEvent({ sourceId, sourceName }: Props) {
  const stores = useStores();
  const [kind, setKind] = useState<TestEventKind>('valid');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function send() {
    setBusy(true);
    setError(null);
    try {
      const { deliveryId } = await stores.client.sendTestEvent({ sourceId, kind });
      stores.deliveries.getState().select(deliveryId);
      void stores.detail.getState().open(deliveryId);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="send-test">
      <select aria-label={`Test event kind for ${sourceName}`} value={kind} onChange={(e) => setKind(e.target.value as TestEventKind)}>
        {TEST_EVENT_KINDS.map((k) => (
          <option key={k.kind} value={k.kind}>
            {k.label}
          </option>
        ))}
      </select>
      <button type="button" className="btn" aria-label={`Send test event to ${sourceName}`} disabled={busy} onClick={send}>
        {busy ? 'Sending…' : 'Send test event'}
      </button>
      {error ? (
        <p className="error-note" role="alert">
          {error}
        </p>
      ) : null}
    </div>
  );
}
