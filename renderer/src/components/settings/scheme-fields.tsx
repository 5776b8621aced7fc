import { useId } from 'react';
import { SIGNED_CONTENT_EXAMPLES, type SchemeDraft, type Where } from '../../lib/scheme-draft';
import { FormField, type ControlProps } from './form-field';

interface Props {
  draft: SchemeDraft;
  onChange(patch: Partial<SchemeDraft>): void;
  /** the server's messages for scheme.<field> */
  errs(key: string): string[];
}

const WHERE_LABELS: Record<Where, string> = { none: 'nowhere', header: 'a header', payload: 'the JSON body' };

function WhereSelect({ value, onChange, none, ...p }: ControlProps & { value: Where; onChange(w: Where): void; none: string }) {
  return (
    <select {...p} value={value} onChange={(e) => onChange(e.target.value as Where)}>
      {(['none', 'header', 'payload'] as const).map((w) => (
        <option key={w} value={w}>
          {w === 'none' ? none : WHERE_LABELS[w]}
        </option>
      ))}
    </select>
  );
}

interface LocationProps {
  what: string;
  hint: string;
  none: string;
  examples: Record<'header' | 'payload', string>;
  from: Where;
  at: string;
  onChange(from: Where, at: string): void;
  /** messages for the location ('') and its name/path ('.name', '.path') */
  errs(key: '' | '.name' | '.path'): string[];
}

/** where a value travels (a header, the JSON body, or nowhere) and its header name or JSON path */
function LocationFields({ what, hint, none, examples, from, at, onChange, errs }: LocationProps) {
  const own = errs('.name').concat(errs('.path'));
  return (
    <>
      <FormField label={`${what} sent in`} hint={hint} errors={errs('').filter((m) => !own.includes(m))}>
        {(p) => <WhereSelect {...p} value={from} onChange={(w) => onChange(w, at)} none={none} />}
      </FormField>
      {from !== 'none' ? (
        <FormField label={`${what} ${from === 'header' ? 'header' : 'JSON path'}`} hint={examples[from]} errors={own}>
          {(p) => <input {...p} value={at} onChange={(e) => onChange(from, e.target.value)} autoComplete="off" spellCheck={false} />}
        </FormField>
      ) : null}
    </>
  );
}

/** Generic HMAC: how the provider signs, as form fields (source.scheme), so nobody writes it as JSON. */
export function SchemeFields({ draft, onChange, errs }: Props) {
  const examplesId = useId();
  return (
    <fieldset className="fieldset">
      <legend>Signature scheme (Generic HMAC)</legend>
      <p className="muted hint">Copy these from the provider&apos;s documentation on verifying its webhooks.</p>
      <div className="form-grid">
        <FormField label="Signature header" hint="the header the signature arrives in" errors={errs('scheme.header')}>
          {(p) => <input {...p} value={draft.header} onChange={(e) => onChange({ header: e.target.value })} autoComplete="off" spellCheck={false} />}
        </FormField>
        <FormField label="Algorithm" errors={errs('scheme.algorithm')}>
          {(p) => (
            <select {...p} value={draft.algorithm} onChange={(e) => onChange({ algorithm: e.target.value as SchemeDraft['algorithm'] })}>
              <option value="sha256">HMAC-SHA256</option>
              <option value="sha512">HMAC-SHA512</option>
              <option value="sha1">HMAC-SHA1</option>
            </select>
          )}
        </FormField>
        <FormField label="Encoding" hint="how the signature is written" errors={errs('scheme.encoding')}>
          {(p) => (
            <select {...p} value={draft.encoding} onChange={(e) => onChange({ encoding: e.target.value as SchemeDraft['encoding'] })}>
              <option value="hex">hex (0-9, a-f)</option>
              <option value="base64">base64</option>
            </select>
          )}
        </FormField>
        <FormField label="Prefix" hint="text before the signature, e.g. sha256= (empty: none)" errors={errs('scheme.prefix')}>
          {(p) => <input {...p} value={draft.prefix} onChange={(e) => onChange({ prefix: e.target.value })} autoComplete="off" spellCheck={false} />}
        </FormField>
        <FormField label="Signed content" hint="{body} is the raw request body, {timestamp} the timestamp as sent, e.g. {timestamp}.{body}" errors={errs('scheme.template')}>
          {(p) => <input {...p} list={examplesId} value={draft.template} onChange={(e) => onChange({ template: e.target.value })} autoComplete="off" spellCheck={false} />}
        </FormField>
        <datalist id={examplesId}>
          {SIGNED_CONTENT_EXAMPLES.map((t) => (
            <option key={t} value={t} />
          ))}
        </datalist>
        <LocationFields
          what="Timestamp"
          hint="needed for {timestamp} and the age check"
          none="no timestamp"
          examples={{ header: 'e.g. X-Timestamp', payload: 'e.g. created_at or data.timestamp' }}
          from={draft.timestampFrom}
          at={draft.timestampAt}
          onChange={(from, at) => onChange({ timestampFrom: from, timestampAt: at })}
          errs={(k) => errs(`scheme.timestamp${k}`)}
        />
        <LocationFields
          what="Event id"
          hint="for the duplicate check; none: the body's SHA-256"
          none="no event id"
          examples={{ header: 'e.g. X-Event-Id', payload: 'e.g. id or data.event_id' }}
          from={draft.idempotencyFrom}
          at={draft.idempotencyAt}
          onChange={(from, at) => onChange({ idempotencyFrom: from, idempotencyAt: at })}
          errs={(k) => errs(`scheme.idempotency${k}`)}
        />
        <FormField label="Event type JSON path" hint="e.g. type (empty: none)" errors={errs('scheme.eventType')}>
          {(p) => <input {...p} value={draft.eventTypePath} onChange={(e) => onChange({ eventTypePath: e.target.value })} autoComplete="off" spellCheck={false} />}
        </FormField>
      </div>
    </fieldset>
  );
}
