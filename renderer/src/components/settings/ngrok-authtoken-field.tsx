import { useState, type FormEvent } from 'react';
import type { SecretInfo } from '../../../../shared/api';
import { useSettings, useStores } from '../../app/stores-context';
import { DEFAULT_AUTHTOKEN_REF } from '../../stores/settings-store';
import { ErrorNote } from '../common/error-note';
import { FormField } from './form-field';

/** where the authtoken comes from, in words; never its value */
function describe(info: SecretInfo | null | undefined): { text: string; set: boolean } {
  if (!info) return { text: 'Not set: the tunnel cannot start.', set: false };
  if (info.kind === 'env') {
    const name = info.ref.slice(4);
    return info.resolved
      ? { text: `Set, read from the environment variable ${name}.`, set: true }
      : { text: `Not set: the environment variable ${name} is empty. Paste the authtoken here instead.`, set: false };
  }
  if (!info.resolved) return { text: info.problem ?? 'Set, but it cannot be read: paste it again.', set: false };
  // a token written in the file by hand stays as written until it is replaced: Clear, then paste it again
  return { text: info.kind === 'encrypted' ? 'Set, stored encrypted.' : 'Set, but as plain text in the config file: press Clear, then paste it again to store it encrypted.', set: true };
}

/**
 * The ngrok authtoken, write-only: pasted here, stored sealed by the server (like signing secrets),
 * shown afterwards only as "set" with its fingerprint — it can be replaced or cleared, never read back.
 */
export function NgrokAuthtokenField() {
  const { settings } = useStores();
  const info = useSettings((s) => s.value?.tunnelAuthtoken);
  const [value, setValue] = useState('');
  const [fieldError, setFieldError] = useState<string[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const state = describe(info);
  const stored = info ? info.kind !== 'env' || info.ref !== DEFAULT_AUTHTOKEN_REF : false;

  async function save(next: string | null) {
    setBusy(true);
    const result = await settings.getState().setTunnelAuthtoken(next);
    setBusy(false);
    if (result.ok) {
      setValue('');
      setFieldError([]);
      setError(null);
      setNote(next === null ? 'Cleared: NGROK_AUTHTOKEN from the environment is used, if set.' : 'Saved, stored encrypted.');
      return;
    }
    const own = result.issues.filter((i) => /tunnel\.authtoken$/.test(i.field)).map((i) => i.message);
    setFieldError(own);
    setError(own.length ? null : result.message);
  }

  function submit(e: FormEvent) {
    e.preventDefault();
    const token = value.trim();
    if (!token) {
      setFieldError(['Paste the authtoken from your ngrok dashboard (Getting Started → Your Authtoken).']);
      return;
    }
    void save(token);
  }

  return (
    <div className="authtoken">
      <p className="authtoken-state">
        <strong>ngrok authtoken:</strong> <span className={state.set ? 'ok-text' : 'bad-text'}>{state.text}</span>
        {state.set && info?.fingerprint ? <code aria-label={`fingerprint ${info.fingerprint}`}>{info.fingerprint}</code> : null}
      </p>
      <form className="authtoken-form" aria-label="Set the ngrok authtoken" onSubmit={submit} noValidate>
        <FormField label="ngrok authtoken" hint="write-only: stored encrypted, never shown again; env:NAME reads it from the environment" errors={fieldError}>
          {(p) => <input {...p} type="password" autoComplete="off" spellCheck={false} value={value} onChange={(e) => setValue(e.target.value)} />}
        </FormField>
        <button type="submit" className="btn" disabled={busy}>
          {state.set ? 'Replace authtoken' : 'Save authtoken'}
        </button>
        {stored ? (
          <button type="button" className="btn btn-ghost" disabled={busy} onClick={() => void save(null)}>
            Clear
          </button>
        ) : null}
        {note ? (
          <span role="status" className="muted">
            {note}
          </span>
        ) : null}
      </form>
      <ErrorNote message={error} />
    </div>
  );
}
