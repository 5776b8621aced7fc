import { useState, type FormEvent } from 'react';
import type { SecretInfo } from '../../../../shared/api';
import { useStores } from '../../app/stores-context';
import { ErrorNote } from '../common/error-note';
import { FormField } from './form-field';

/** Write-only: a secret goes in, only its fingerprint, strength and problems come back. */
export function SecretsEditor({ sourceId, secrets }: { sourceId: string; secrets: SecretInfo[] }) {
  const { settings } = useStores();
  const [value, setValue] = useState('');
  const [label, setLabel] = useState('');
  const [retiresAt, setRetiresAt] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string[]>>({});
  const [busy, setBusy] = useState(false);

  async function add(e: FormEvent) {
    e.preventDefault();
    if (!value) {
      setFieldErrors({ value: ['Paste the signing secret from the provider dashboard.'] });
      return;
    }
    setBusy(true);
    const args: { sourceId: string; value: string; label?: string; retiresAt?: string } = { sourceId, value };
    if (label.trim()) args.label = label.trim();
    if (retiresAt) {
      const d = new Date(retiresAt);
      args.retiresAt = Number.isNaN(d.getTime()) ? retiresAt : d.toISOString();
    }
    const result = await settings.getState().addSecret(args);
    setBusy(false);
    if (result.ok) {
      setValue('');
      setLabel('');
      setRetiresAt('');
      setError(null);
      setFieldErrors({});
      return;
    }
    const byField: Record<string, string[]> = {};
    for (const issue of result.issues) {
      const key = issue.field.replace(/^args\./, '');
      (byField[key] ??= []).push(issue.message);
    }
    setFieldErrors(byField);
    setError(result.message);
  }

  async function remove(ref: string) {
    const result = await settings.getState().removeSecret(sourceId, ref);
    setError(result.ok ? null : result.message);
  }

  return (
    <section className="secrets card" aria-label={`Secrets of ${sourceId}`}>
      <h3>Signing secrets of {sourceId}</h3>
      {secrets.length === 0 ? <p className="bad-text">No secret yet: every delivery will fail the signature check.</p> : null}
      <ul className="secret-list">
        {secrets.map((s) => (
          <li key={s.ref} className="secret">
            <code className="fingerprint" aria-label={`fingerprint ${s.fingerprint ?? 'unresolved'}`}>
              {s.fingerprint ?? '????????'}
            </code>
            <span className="muted">{s.kind === 'env' ? s.ref : s.kind}</span>
            {s.label ? <span>{s.label}</span> : null}
            {s.strength ? <span className={`strength strength-${s.strength}`}>{s.strength}</span> : null}
            {s.retiresAt ? <span className="muted">retires {new Date(s.retiresAt).toLocaleString()}</span> : null}
            {s.problem ? <span className="bad-text">{s.problem}</span> : null}
            <button type="button" className="btn btn-ghost btn-small" aria-label={`Remove secret ${s.fingerprint ?? s.ref} from ${sourceId}`} onClick={() => void remove(s.ref)}>
              Remove
            </button>
          </li>
        ))}
      </ul>
      <form className="secret-form" onSubmit={add} aria-label={`Add a secret to ${sourceId}`} noValidate>
        <FormField label={`New secret for ${sourceId}`} hint="write-only: never shown again" errors={fieldErrors.value}>
          {(p) => <input {...p} type="password" autoComplete="new-password" spellCheck={false} value={value} onChange={(e) => setValue(e.target.value)} />}
        </FormField>
        <FormField label="Label (optional)" errors={fieldErrors.label}>
          {(p) => <input {...p} value={label} onChange={(e) => setLabel(e.target.value)} placeholder="old, new, staging…" />}
        </FormField>
        <FormField label="Retires at (optional)" hint="for rotation: the old secret keeps working until then" errors={fieldErrors.retiresAt}>
          {(p) => <input {...p} type="datetime-local" value={retiresAt} onChange={(e) => setRetiresAt(e.target.value)} />}
        </FormField>
        <button type="submit" className="btn" disabled={busy}>
          Add secret
        </button>
      </form>
      <ErrorNote message={error} />
    </section>
  );
}
