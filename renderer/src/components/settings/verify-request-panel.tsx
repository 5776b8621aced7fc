import { useEffect, useState } from 'react';
import type { DeliverySummary, VerifyRequestArgs, VerifyRequestValue } from '../../../../shared/api';
import { useStores } from '../../app/stores-context';
import type { FieldIssue } from '../../client/api-error';
import { CHECK_LABELS } from '../../lib/check-labels';
import { formatDateTime } from '../../lib/format';
import { CheckItem } from '../detail/check-item';
import { ErrorNote } from '../common/error-note';
import { FormField } from './form-field';

interface Props {
  sourceId: string;
  /** the form's values, saved or not: provider, scheme, tolerance */
  tried(): Omit<VerifyRequestArgs, 'sourceId' | 'headers' | 'body' | 'deliveryId'>;
  /** issues for the form's own fields (args.scheme.*, args.toleranceSeconds) */
  onFormIssues(issues: FieldIssue[]): void;
}

/** the headline: verified, or the first failing check and its sentence */
function verdictLine(value: VerifyRequestValue): string {
  if (value.verified) return 'Verifies: every check that reads the request passes.';
  const failed = value.checks.find((c) => c.outcome === 'fail');
  return failed ? `Does not verify — ${CHECK_LABELS[failed.id] ?? failed.id}: ${failed.summary}` : 'Does not verify.';
}

/**
 * "Paste a request, see it verify": the main side runs the real checks with the stored secrets and the
 * form's values; the answer is shown like the Checks tab. The secret never comes back.
 */
export function VerifyRequestPanel({ sourceId, tried, onFormIssues }: Props) {
  const { settings } = useStores();
  const [headers, setHeaders] = useState('');
  const [body, setBody] = useState('');
  const [deliveryId, setDeliveryId] = useState('');
  const [recent, setRecent] = useState<DeliverySummary[]>([]);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<VerifyRequestValue | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string[]>>({});

  useEffect(() => {
    let live = true;
    void settings.getState().recentDeliveries(sourceId).then((items) => live && setRecent(items));
    return () => {
      live = false;
    };
  }, [settings, sourceId]);

  async function check() {
    if (!deliveryId && !headers.trim()) {
      setFieldErrors({ headers: ['Paste the request headers (one per line, Name: value), or pick a captured delivery below.'] });
      setResult(null);
      return;
    }
    setBusy(true);
    setResult(null);
    setError(null);
    const args: VerifyRequestArgs = { sourceId, ...tried(), ...(deliveryId ? { deliveryId } : { headers, body }) };
    const answer = await settings.getState().verifyRequest(args);
    setBusy(false);
    if (answer.ok) {
      setResult(answer.value);
      setError(null);
      setFieldErrors({});
      onFormIssues([]);
      return;
    }
    const own: Record<string, string[]> = {};
    const forForm: FieldIssue[] = [];
    for (const issue of answer.issues) {
      const key = issue.field.replace(/^args\./, '');
      if (key === 'headers' || key === 'body' || key === 'deliveryId') (own[key] ??= []).push(issue.message);
      else forForm.push(issue);
    }
    setFieldErrors(own);
    onFormIssues(forForm);
    setResult(null);
    setError(forForm.length ? `${answer.message} — fix the marked field above, then check again.` : answer.message);
  }

  return (
    <section className="verify-panel" aria-label="Check a request">
      <h4>Check a request against this source</h4>
      <p className="muted">
        Paste a request as the provider sent it, or pick a captured delivery. It is checked with this source&apos;s stored secrets and the values in
        this form, saved or not. Nothing is stored.
      </p>
      <div className="form-grid two">
        <FormField label="Request headers" hint="one per line, Name: value" errors={fieldErrors.headers}>
          {(p) => (
            <textarea {...p} rows={6} wrap="off" spellCheck={false} value={headers} disabled={Boolean(deliveryId)} onChange={(e) => setHeaders(e.target.value)} placeholder={'X-Signature: sha256=…\nX-Timestamp: 1733572800'} />
          )}
        </FormField>
        <FormField label="Request body" hint="exactly as sent: re-formatted JSON no longer matches" errors={fieldErrors.body}>
          {(p) => <textarea {...p} rows={6} spellCheck={false} value={body} disabled={Boolean(deliveryId)} onChange={(e) => setBody(e.target.value)} />}
        </FormField>
      </div>
      <FormField label="Or a captured delivery" hint={recent.length ? 'checked as of its receipt' : 'none captured for this source yet'} errors={fieldErrors.deliveryId}>
        {(p) => (
          <select {...p} value={deliveryId} onChange={(e) => setDeliveryId(e.target.value)}>
            <option value="">— use the pasted request —</option>
            {recent.map((d) => (
              <option key={d.id} value={d.id}>
                {formatDateTime(d.receivedAt)} · {d.eventType ?? d.method} · {d.verdict}
              </option>
            ))}
          </select>
        )}
      </FormField>
      <div className="button-row">
        <button type="button" className="btn" disabled={busy} onClick={() => void check()}>
          Check request
        </button>
      </div>
      {busy ? (
        <p role="status" className="muted">
          Checking…
        </p>
      ) : null}
      <ErrorNote message={error} />
      {result ? (
        <div className="verify-result">
          <p role="status" className={result.verified ? 'verify-verdict ok-text' : 'verify-verdict bad-text'}>
            {verdictLine(result)}
          </p>
          <ul className="check-chain" aria-label="Checks of the request">
            {result.checks.map((c) => (
              <CheckItem key={c.id} check={c} receivedAt={result.checkedAt} />
            ))}
          </ul>
        </div>
      ) : null}
    </section>
  );
}
