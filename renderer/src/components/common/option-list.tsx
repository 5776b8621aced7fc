import type { ReactNode } from 'react';

interface Props<T> {
  id: string;
  label: string;
  className: string;
  items: readonly T[];
  active: number;
  itemKey(item: T): string;
  render(item: T): ReactNode;
  onChoose(index: number): void;
  /** shown as the only row when there are no items */
  empty?: string;
}

/** The listbox of a combobox (query suggestions, palette commands): options by id for aria-activedescendant. */
export function OptionList<T>({ id, label, className, items, active, itemKey, render, onChoose, empty }: Props<T>) {
  return (
    <ul className={className} role="listbox" id={id} aria-label={label}>
      {items.map((item, i) => (
        <li
          key={itemKey(item)}
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
          {render(item)}
        </li>
      ))}
      {items.length === 0 && empty ? <li className="muted">{empty}</li> : null}
    </ul>
  );
}
