import { useState } from 'react';
import { useStores } from '../../app/stores-context';
import { errorMessage } from '../../client/api-error';

type Format = 'curl' | 'har' | 'json';

/** Copies the delivery (redacted) as curl, HAR or JSON. */
export function ExportButton({ id }: { id: string }) {
  const { client } = useStores();
  const [format, setFormat] = useState<Format>('curl');
  const [note, setNote] = useState<string | null>(null);

  async function copy() {
    try {
      const { text } = await client.exportDeliveries({ ids: [id], format });
      await navigator.clipboard.writeText(text);
      setNote('Copied');
    } catch (error) {
      setNote(errorMessage(error));
    }
    window.setTimeout(() => setNote(null), 2000);
  }

  return (
    <span className="export">
      <select aria-label="Export format" value={format} onChange={(e) => setFormat(e.target.value as Format)}>
        <option value="curl">curl</option>
        <option value="har">HAR</option>
        <option value="json">JSON</option>
      </select>
      <button type="button" className="btn btn-small" onClick={() => void copy()}>
        Copy export
      </button>
      {note ? (
        <span className="muted" role="status">
          {note}
        </span>
      ) : null}
    </span>
  );
}
