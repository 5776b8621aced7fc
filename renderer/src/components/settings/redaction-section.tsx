import { useState, type FormEvent } from 'react';
import type { HookscopeConfig } from '../../../../shared/config';
import { useStores } from '../../app/stores-context';
import { mapIssues, messagesFor, type MappedIssues } from '../../lib/config-issues';
import { FormField } from './form-field';
import { SaveRow } from './save-row';

type Redaction = HookscopeConfig['redaction'];
const DETECTORS: Array<Redaction['detectors'][number]> = ['email', 'phone', 'card'];

export function RedactionSection({ redaction }: { redaction: Redaction }) {
  const { settings } = useStores();
  const [keys, setKeys] = useState(redaction.keys.join('\n'));
  const [detectors, setDetectors] = useState<Set<string>>(new Set(redaction.detectors));
  // a config change from elsewhere resets the draft; the form stays mounted so its "Saved." note survives
  const [synced, setSynced] = useState(() => JSON.stringify(redaction));
  const [issues, setIssues] = useState<MappedIssues>({ byField: {}, other: [] });
  const [note, setNote] = useState<string | null>(null);
  if (synced !== JSON.stringify(redaction)) {
    setSynced(JSON.stringify(redaction));
    setKeys(redaction.keys.join('\n'));
    setDetectors(new Set(redaction.detectors));
  }

  async function save(e: FormEvent) {
    e.preventDefault();
    const result = await settings.getState().saveConfig((config) => ({
      ...config,
      redaction: {
        keys: keys.split(/[\n,]/).map((k) => k.trim()).filter(Boolean),
        detectors: DETECTORS.filter((d) => detectors.has(d)),
      },
    }));
    setIssues(result.ok ? { byField: {}, other: [] } : mapIssues(result.issues, null));
    setNote(result.ok ? 'Saved. Applies to deliveries received from now on.' : result.message);
  }

  return (
    <form className="card" aria-label="Redaction settings" onSubmit={save} noValidate>
      <h3>Redaction</h3>
      <p className="muted">Applied before anything reaches disk in plain text. Headers such as Authorization and signatures are always masked.</p>
      <FormField label="Redacted JSON keys" hint="one per line; matched at any depth" errors={messagesFor(issues, 'redaction.keys')}>
        {(p) => <textarea {...p} rows={4} spellCheck={false} value={keys} onChange={(e) => setKeys(e.target.value)} />}
      </FormField>
      <fieldset className="fieldset">
        <legend>Detectors</legend>
        {DETECTORS.map((d) => (
          <label key={d} className="check-label">
            <input
              type="checkbox"
              checked={detectors.has(d)}
              onChange={(e) => {
                const next = new Set(detectors);
                if (e.target.checked) next.add(d);
                else next.delete(d);
                setDetectors(next);
              }}
            />{' '}
            {d === 'card' ? 'card numbers (Luhn-checked)' : d === 'phone' ? 'phone numbers' : 'e-mail addresses'}
          </label>
        ))}
      </fieldset>
      <SaveRow label="Save redaction" note={note} />
    </form>
  );
}
