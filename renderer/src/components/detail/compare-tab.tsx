import { useId, useState, type FormEvent } from 'react';
import type { Attempt, DeliveryDetail } from '../../../../shared/api';
import { useDetail, useStores } from '../../app/stores-context';
import type { CompareMode } from '../../stores/detail-store';
import { attemptName, newestFirst } from '../../lib/attempt-words';
import { ErrorNote } from '../common/error-note';
import { ChangedPaths } from './changed-paths';

const MODES: Array<{ mode: CompareMode; label: string }> = [
  { mode: 'delivery', label: 'Another delivery' },
  { mode: 'sent', label: 'A sent request with the captured one' },
  { mode: 'responses', label: 'Two responses of the dev server' },
];

/** Structural diffs around the open delivery: against another delivery, against what a forward or replay sent, or of two responses. */
export function CompareTab({ detail }: { detail: DeliveryDetail }) {
  const stores = useStores();
  const mode = useDetail((s) => s.compareMode);
  const name = useId();
  return (
    <div className="compare-tab">
      <fieldset className="compare-modes">
        <legend>Compare</legend>
        {MODES.map((m) => (
          <label key={m.mode} className="compare-mode">
            <input type="radio" name={name} checked={mode === m.mode} onChange={() => stores.detail.getState().setCompareMode(m.mode)} /> {m.label}
          </label>
        ))}
      </fieldset>
      {mode === 'delivery' ? <AnotherDelivery detail={detail} /> : mode === 'sent' ? <SentRequest detail={detail} /> : <TwoResponses detail={detail} />}
    </div>
  );
}

function AnotherDelivery({ detail }: { detail: DeliveryDetail }) {
  const stores = useStores();
  const previousId = useDetail((s) => s.previousId);
  const compared = useDetail((s) => s.compared);
  const comparing = useDetail((s) => s.comparing);
  const error = useDetail((s) => s.compareError);
  const [otherId, setOtherId] = useState('');
  const compare = (id: string) => void stores.detail.getState().compareWith(id);
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    compare(otherId);
  };
  return (
    <>
      <form className="field" onSubmit={onSubmit}>
        <label htmlFor="compare-id">Compare with delivery</label>
        <div className="compare-row">
          <input id="compare-id" value={otherId} onChange={(e) => setOtherId(e.target.value)} placeholder="delivery id" spellCheck={false} />
          <button type="submit" className="btn btn-small" disabled={comparing}>
            Compare
          </button>
        </div>
        {previousId && previousId !== detail.id ? (
          <p className="hint muted">
            or{' '}
            <button type="button" className="link" onClick={() => compare(previousId)}>
              the delivery opened before (<code>{previousId}</code>)
            </button>
          </p>
        ) : null}
      </form>
      {error ? <ErrorNote message={error} /> : null}
      {comparing ? <p className="muted">Loading…</p> : null}
      {compared && !comparing ? (
        <ChangedPaths label="Differences" left={{ name: detail.id, headers: detail.headers, body: detail.body }} right={{ name: compared.id, headers: compared.headers, body: compared.body }} />
      ) : null}
    </>
  );
}

/** a select of attempts by id; the first option is chosen when `value` is not among them */
function AttemptSelect({ label, attempts, value, onChange }: { label: string; attempts: Attempt[]; value: string | null; onChange(id: string): void }) {
  const id = useId();
  const chosen = attempts.some((a) => a.id === value) ? value! : attempts[0].id;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={chosen} onChange={(e) => onChange(e.target.value)}>
        {attempts.map((a) => (
          <option key={a.id} value={a.id}>
            {attemptName(a)}
          </option>
        ))}
      </select>
    </div>
  );
}

function SentRequest({ detail }: { detail: DeliveryDetail }) {
  const sent = newestFirst(detail.attempts).filter((a) => a.request !== null);
  const [chosen, setChosen] = useState<string | null>(null);
  if (sent.length === 0) return <p className="muted">No attempt has a recorded request yet: forward or replay this delivery (Forwarding tab), then compare what was sent.</p>;
  const attempt = sent.find((a) => a.id === chosen) ?? sent[0];
  const request = attempt.request!;
  return (
    <>
      <AttemptSelect label="Request sent by" attempts={sent} value={attempt.id} onChange={setChosen} />
      <ChangedPaths
        label="Differences between the captured and the sent request"
        left={{ name: 'captured', headers: detail.headers, body: detail.body }}
        right={{ name: `sent (${attemptName(attempt)})`, headers: request.headers, body: request.body }}
      />
    </>
  );
}

function TwoResponses({ detail }: { detail: DeliveryDetail }) {
  const answered = newestFirst(detail.attempts).filter((a) => a.status !== null);
  const [left, setLeft] = useState<string | null>(null);
  const [right, setRight] = useState<string | null>(null);
  if (answered.length < 2) return <p className="muted">Needs two attempts the dev server answered ({answered.length} so far): replay this delivery in the Forwarding tab.</p>;
  // default: the response before the newest, against the newest
  const a = answered.find((x) => x.id === left) ?? answered[1];
  const b = answered.find((x) => x.id === right) ?? answered[0];
  return (
    <>
      <div className="compare-pair">
        <AttemptSelect label="Response of" attempts={answered} value={a.id} onChange={setLeft} />
        <AttemptSelect label="against the response of" attempts={answered} value={b.id} onChange={setRight} />
      </div>
      <ChangedPaths
        label="Differences between the two responses"
        left={{ name: attemptName(a), headers: a.responseHeaders, body: a.responseBody }}
        right={{ name: attemptName(b), headers: b.responseHeaders, body: b.responseBody }}
      />
    </>
  );
}
