import { useState, type FormEvent } from 'react';
import type { PresetInfo } from '../../../../shared/api';
import { mapIssues, messagesFor, type MappedIssues } from '../../lib/config-issues';
import type { SourceDraft } from '../../lib/source-draft';
import type { FieldIssue } from '../../client/api-error';
import type { SaveResult } from '../../stores/settings-store';
import { FormField } from './form-field';
import { RespondSection } from './respond-section';
import { SchemeFields } from './scheme-fields';
import { VerifyRequestPanel } from './verify-request-panel';
import { numberOrText } from '../../lib/number-or-text';
import { schemeFromDraft } from '../../lib/scheme-draft';

interface Props {
  initial: SourceDraft;
  /** index the source will have in config.sources (for mapping validation messages) */
  index: number;
  isNew: boolean;
  presets: PresetInfo[];
  saving: boolean;
  onSave(draft: SourceDraft): Promise<SaveResult>;
  onCancel(): void;
}

const NO_ISSUES: MappedIssues = { byField: {}, other: [] };

export function SourceForm({ initial, index, isNew, presets, saving, onSave, onCancel }: Props) {
  const [draft, setDraft] = useState<SourceDraft>(initial);
  const [issues, setIssues] = useState<MappedIssues>(NO_ISSUES);
  const [message, setMessage] = useState<string | null>(null);
  const set = (patch: Partial<SourceDraft>) => setDraft((d) => ({ ...d, ...patch }));
  const errs = (key: string) => messagesFor(issues, key);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const result = await onSave(draft);
    if (result.ok) {
      setIssues(NO_ISSUES);
      setMessage(null);
      return;
    }
    const mapped = mapIssues(result.issues, index);
    setIssues(mapped);
    setMessage(result.issues.length ? `${result.message} — see the marked fields.` : result.message);
  }

  const preset = presets.find((p) => p.id === draft.provider);
  // the check panel tries the form's values as typed; its issues for them are marked on these fields
  const tried = () => ({
    ...(draft.provider ? { provider: draft.provider } : {}),
    ...(draft.provider === 'generic-hmac' ? { scheme: schemeFromDraft(draft.scheme) } : {}),
    toleranceSeconds: numberOrText(draft.toleranceSeconds) as number,
  });
  const showTriedIssues = (found: FieldIssue[]) =>
    setIssues(mapIssues(found.map((i) => ({ ...i, field: i.field.replace(/^args\./, `sources[${index}].`) })), index));
  const providerHint = draft.provider === 'generic-hmac'
    ? 'signs as the scheme below says'
    : preset
    ? `signs with ${preset.signatureHeader}${preset.hasTimestamp ? ', timestamped' : ''}`
    : 'none: every request is stored and forwarded as sent; no signature, timestamp or duplicate check';
  const title = isNew ? 'New source' : `Edit source ${initial.id}`;
  return (
    <form className="source-form card" aria-label={title} onSubmit={submit} noValidate>
      <h3>{title}</h3>
      <div className="form-grid">
        <FormField label="Id" hint="a-z, 0-9 and -; receives at /hooks/<id>" errors={errs('id')}>
          {(p) => <input {...p} value={draft.id} onChange={(e) => set({ id: e.target.value })} autoComplete="off" spellCheck={false} />}
        </FormField>
        <FormField label="Name" errors={errs('name')}>
          {(p) => <input {...p} value={draft.name} onChange={(e) => set({ name: e.target.value })} />}
        </FormField>
        <FormField label="Provider" hint={providerHint} errors={errs('provider').concat(draft.provider === 'generic-hmac' ? [] : errs('scheme'))}>
          {(p) => (
            <select {...p} value={draft.provider} onChange={(e) => set({ provider: e.target.value as SourceDraft['provider'] })}>
              <option value="">None: capture only</option>
              {presets.map((x) => (
                <option key={x.id} value={x.id}>
                  {x.label}
                </option>
              ))}
            </select>
          )}
        </FormField>
        <FormField label="Environment" errors={errs('environment')}>
          {(p) => (
            <select {...p} value={draft.environment} onChange={(e) => set({ environment: e.target.value as SourceDraft['environment'] })}>
              <option value="development">development</option>
              <option value="staging">staging</option>
              <option value="production">production</option>
            </select>
          )}
        </FormField>
        <FormField label="Timestamp tolerance (seconds)" hint="1–900; providers default to 300" errors={errs('toleranceSeconds')}>
          {(p) => <input {...p} inputMode="numeric" value={draft.toleranceSeconds} onChange={(e) => set({ toleranceSeconds: e.target.value })} />}
        </FormField>
        <FormField label="Mode" hint="observe answers 200 even when checks fail" errors={errs('mode')}>
          {(p) => (
            <select {...p} value={draft.mode} onChange={(e) => set({ mode: e.target.value as SourceDraft['mode'] })}>
              <option value="enforce">enforce</option>
              <option value="observe">observe</option>
            </select>
          )}
        </FormField>
        <FormField label="Allowed IPs" hint="one IP or CIDR per line; empty: any" errors={errs('allowIps')}>
          {(p) => <textarea {...p} rows={3} spellCheck={false} value={draft.allowIps} onChange={(e) => set({ allowIps: e.target.value })} />}
        </FormField>
        <FormField label="Auth tokens" hint="one per line, as env:NAME; stored tokens show as fp:… and are kept" errors={errs('authTokens')}>
          {(p) => <textarea {...p} rows={3} spellCheck={false} value={draft.authTokens} onChange={(e) => set({ authTokens: e.target.value })} />}
        </FormField>
      </div>

      {draft.provider === 'generic-hmac' ? <SchemeFields draft={draft.scheme} onChange={(patch) => set({ scheme: { ...draft.scheme, ...patch } })} errs={errs} /> : null}
      {isNew ? (
        <p className="muted">Once the source is saved and has its signing secret, a request can be pasted here to check it.</p>
      ) : draft.provider ? (
        <VerifyRequestPanel sourceId={initial.id} tried={tried} onFormIssues={showTriedIssues} />
      ) : null}

      <fieldset className="fieldset">
        <legend>Rate limit per client IP</legend>
        <label className="check-label">
          <input type="checkbox" checked={draft.rateLimitOn} onChange={(e) => set({ rateLimitOn: e.target.checked })} /> Limit requests
        </label>
        {draft.rateLimitOn ? (
          <div className="form-grid two">
            <FormField label="Max requests" errors={errs('rateLimit.max').concat(errs('rateLimit').filter((m) => !errs('rateLimit.max').includes(m) && !errs('rateLimit.windowSeconds').includes(m)))}>
              {(p) => <input {...p} inputMode="numeric" value={draft.rateMax} onChange={(e) => set({ rateMax: e.target.value })} />}
            </FormField>
            <FormField label="Per window (seconds)" errors={errs('rateLimit.windowSeconds')}>
              {(p) => <input {...p} inputMode="numeric" value={draft.rateWindowSeconds} onChange={(e) => set({ rateWindowSeconds: e.target.value })} />}
            </FormField>
          </div>
        ) : null}
      </fieldset>

      <fieldset className="fieldset">
        <legend>Forward to your dev server</legend>
        <FormField label="Forward URL" hint="loopback only, e.g. http://localhost:3000/webhooks; empty: no forwarding" errors={errs('forward')}>
          {(p) => <input {...p} type="url" value={draft.forwardUrl} onChange={(e) => set({ forwardUrl: e.target.value })} spellCheck={false} />}
        </FormField>
        <label className="check-label">
          <input type="checkbox" checked={draft.forwardAuto} onChange={(e) => set({ forwardAuto: e.target.checked })} /> Forward verified events automatically
        </label>
        <label className="check-label">
          <input type="checkbox" checked={draft.forwardResign} onChange={(e) => set({ forwardResign: e.target.checked })} /> Re-sign with a fresh timestamp
        </label>
      </fieldset>

      <RespondSection draft={draft.respond} onChange={(patch) => set({ respond: { ...draft.respond, ...patch } })} errs={errs} />

      {issues.byField.source ? <p className="field-error">{issues.byField.source.join(' · ')}</p> : null}
      {message ? (
        <div className="error-note" role="alert">
          <p>{message}</p>
          {issues.other.length ? (
            <ul>
              {issues.other.map((i) => (
                <li key={i.field + i.message}>
                  <code>{i.field}</code> {i.message}
                </li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
      <div className="button-row">
        <button type="submit" className="btn btn-primary" disabled={saving}>
          {isNew ? 'Add source' : 'Save source'}
        </button>
        <button type="button" className="btn btn-ghost" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
