import type { ReactNode } from 'react';

export interface ListOption {
  key: string;
  content: ReactNode;
}

interface Props {
  id: string;
  label: string;
  className: string;
  options: readonly ListOption[];
  /** the highlighted option (useOptionCursor) */
  active: number;
  onChoose(index: number): void;
  /** shown as the only row when there are no options */
  empty?: string;
}

/** The listbox of a combobox (query suggestions, palette commands): options by id for aria-activedescendant. */
export function OptionList({ id, label, className, options, active, onChoose, empty }: Props) {
  return (
    <ul className={className} role="listbox" id={id} aria-label={label}>
      {options.map((option, i) => (
        <li
          key={option.key}
          id={`${id}-${i}`}
          role="option"
          aria-selected={i === active}
          className={i === active ? 'active' : undefined}
          onMouseDown={(e) => {
            // keep the focus in the input
            e.preventDefault();
            onChoose(i);
          }}
        >
          {option.content}
        </li>
      ))}
      {options.length === 0 && empty ? <li className="muted">{empty}</li> : null}
    </ul>
  );
}
