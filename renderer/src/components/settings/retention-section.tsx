import { useState, type FormEvent } from 'react';
import type { HookscopeConfig } from '../../../../shared/config';
import { useStores } from '../../app/stores-context';
import { mapIssues, messagesFor, type MappedIssues } from '../../lib/config-issues';
import { FormField } from './form-field';
import { SaveRow } from './save-row';

type Retention = HookscopeConfig['retention'];
const KEYS: Array<{ key: keyof Retention; label: string; hint: string }> = [
  { key: 'rawBodyDays', label: 'Raw bodies (days)', hint: 'encrypted raw bytes; 0 keeps none' },
  { key: 'eventDays', label: 'Deliveries (days)', hint: '' },
  { key: 'idempotencyHours', label: 'Duplicate detection (hours)', hint: 'how long an event id is remembered' },
];

function draftOf(retention: Retention): Record<keyof Retention, string> {
  return { rawBodyDays: String(retention.rawBodyDays), eventDays: String(retention.eventDays), idempotencyHours: String(retention.idempotencyHours) };
}

export function RetentionSection({ retention }: { retention: Retention }) {
  const { settings } = useStores();
  const [draft, setDraft] = useState(() => draftOf(retention));
  // a config change from elsewhere resets the draft; the form stays mounted so its "Saved." note survives
  const [synced, setSynced] = useState(() => JSON.stringify(retention));
  const [issues, setIssues] = useState<MappedIssues>({ byField: {}, other: [] });
  const [note, setNote] = useState<string | null>(null);
  if (synced !== JSON.stringify(retention)) {
    setSynced(JSON.stringify(retention));
    setDraft(draftOf(retention));
  }

  async function save(e: FormEvent) {
    e.preventDefault();
    const toValue = (s: string) => (/^\d+$/.test(s.trim()) ? Number(s.trim()) : s);
    const result = await settings.getState().saveConfig((config) => ({
      ...config,
      retention: { rawBodyDays: toValue(draft.rawBodyDays), eventDays: toValue(draft.eventDays), idempotencyHours: toValue(draft.idempotencyHours) },
    }));
    setIssues(result.ok ? { byField: {}, other: [] } : mapIssues(result.issues, null));
    setNote(result.ok ? 'Saved.' : result.message);
  }

  return (
    <form className="card" aria-label="Retention settings" onSubmit={save} noValidate>
      <h3>Retention</h3>
      <div className="form-grid three">
        {KEYS.map(({ key, label, hint }) => (
          <FormField key={key} label={label} hint={hint || undefined} errors={messagesFor(issues, `retention.${key}`)}>
            {(p) => <input {...p} inputMode="numeric" value={draft[key]} onChange={(e) => setDraft({ ...draft, [key]: e.target.value })} />}
          </FormField>
        ))}
      </div>
      <SaveRow label="Save retention" note={note} />
    </form>
  );
}
