import { useId, type ReactNode } from 'react';

export interface ControlProps {
  id: string;
  'aria-invalid': boolean | undefined;
  'aria-describedby': string | undefined;
}

interface Props {
  label: string;
  hint?: string;
  errors?: string[];
  children(props: ControlProps): ReactNode;
}

/** A labelled control with its hint and the server's validation messages right next to it. */
export function FormField({ label, hint, errors = [], children }: Props) {
  const id = useId();
  const hintId = hint ? `${id}-hint` : '';
  const errorId = errors.length ? `${id}-error` : '';
  const describedBy = [hintId, errorId].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`field${errors.length ? ' invalid' : ''}`}>
      <label htmlFor={id}>{label}</label>
      {children({ id, 'aria-invalid': errors.length ? true : undefined, 'aria-describedby': describedBy })}
      {hint ? (
        <p className="hint muted" id={hintId}>
          {hint}
        </p>
      ) : null}
      {errors.length ? (
        <p className="field-error" id={errorId} role="alert">
          {errors.join(' · ')}
        </p>
      ) : null}
    </div>
  );
}
