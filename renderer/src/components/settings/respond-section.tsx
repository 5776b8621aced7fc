import type { RespondDraft, RespondMode } from '../../lib/respond-draft';
import { RESPOND_MODES } from '../../lib/respond-draft';
import { FormField } from './form-field';

interface Props {
  draft: RespondDraft;
  onChange(patch: Partial<RespondDraft>): void;
  /** the server's messages for respond.<field> */
  errs(key: string): string[];
}

/** What the provider hears back (source.respond): always answered after the delivery is stored. */
export function RespondSection({ draft, onChange, errs }: Props) {
  const mode = RESPOND_MODES.find((m) => m.mode === draft.mode);
  return (
    <fieldset className="fieldset">
      <legend>What the provider hears back</legend>
      <FormField label="Answer" hint={`${mode?.hint ?? ''}. Failing checks in enforce mode still get their 4xx.`} errors={errs('respond.mode')}>
        {(p) => (
          <select {...p} value={draft.mode} onChange={(e) => onChange({ mode: e.target.value as RespondMode })}>
            {RESPOND_MODES.map((m) => (
              <option key={m.mode} value={m.mode}>
                {m.label}
              </option>
            ))}
          </select>
        )}
      </FormField>
      {draft.mode === 'status' ? (
        <div className="form-grid">
          <FormField label="Status" hint="200–599" errors={errs('respond.status')}>
            {(p) => <input {...p} inputMode="numeric" value={draft.status} onChange={(e) => onChange({ status: e.target.value })} />}
          </FormField>
          <FormField label="Delay (ms)" hint="0 answers at once" errors={errs('respond.delayMs')}>
            {(p) => <input {...p} inputMode="numeric" value={draft.delayMs} onChange={(e) => onChange({ delayMs: e.target.value })} />}
          </FormField>
        </div>
      ) : null}
      {draft.mode === 'sequence' ? (
        <FormField label="Statuses, in arrival order" hint="e.g. 500, 500, 200" errors={errs('respond.statuses')}>
          {(p) => <input {...p} value={draft.statuses} onChange={(e) => onChange({ statuses: e.target.value })} spellCheck={false} />}
        </FormField>
      ) : null}
      {draft.mode === 'timeout' ? (
        <FormField label="Hold for (ms)" hint="longer than the provider waits, e.g. 30000" errors={errs('respond.delayMs')}>
          {(p) => <input {...p} inputMode="numeric" value={draft.delayMs} onChange={(e) => onChange({ delayMs: e.target.value })} />}
        </FormField>
      ) : null}
      {draft.mode === 'relay' ? (
        <FormField label="Wait for the dev server (ms)" hint="after this the provider gets 504" errors={errs('respond.timeoutMs')}>
          {(p) => <input {...p} inputMode="numeric" value={draft.timeoutMs} onChange={(e) => onChange({ timeoutMs: e.target.value })} />}
        </FormField>
      ) : null}
    </fieldset>
  );
}
