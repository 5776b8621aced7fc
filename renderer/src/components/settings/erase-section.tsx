import { useState, type FormEvent } from 'react';
import { useStores } from '../../app/stores-context';
import { errorMessage } from '../../client/api-error';
import { FormField } from './form-field';

/** GDPR erasure: every delivery that contained a phone number or e-mail address. */
export function EraseSection() {
  const { client, deliveries } = useStores();
  const [value, setValue] = useState('');
  const [note, setNote] = useState<string | null>(null);
  const [error, setError] = useState<string[]>([]);

  async function erase(e: FormEvent) {
    e.preventDefault();
    if (!window.confirm('Delete every stored delivery that contains this value? This cannot be undone.')) return;
    try {
      const { deleted } = await client.eraseByValue({ value: value.trim() });
      setNote(`Deleted ${deleted} deliver${deleted === 1 ? 'y' : 'ies'}.`);
      setError([]);
      setValue('');
      void deliveries.getState().load();
    } catch (err) {
      setError([errorMessage(err)]);
      setNote(null);
    }
  }

  return (
    <form className="card" aria-label="Erase personal data" onSubmit={erase} noValidate>
      <h3>Erase personal data</h3>
      <p className="muted">Deletes every delivery that contained a phone number or e-mail address (found through a keyed index; the value itself is not stored).</p>
      <div className="inline-form">
        <FormField label="Phone number or e-mail" errors={error}>
          {(p) => <input {...p} value={value} onChange={(e) => setValue(e.target.value)} autoComplete="off" />}
        </FormField>
        <button type="submit" className="btn btn-danger" disabled={value.trim().length < 3}>
          Erase
        </button>
      </div>
      {note ? (
        <p role="status" className="ok-text">
          {note}
        </p>
      ) : null}
    </form>
  );
}
