import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { useDeliveries, useStatus, useStores } from '../../app/stores-context';
import { applySuggestion, suggest, type Suggestion, type Suggestions } from '../../lib/query-suggest';
import { QueryHelp } from './query-help';
import { OptionList, type ListOption } from '../common/option-list';
import { useOptionCursor } from '../common/use-option-cursor';

export const SEARCH_INPUT_ID = 'delivery-search';

/** ms the typing settles before the server is asked (each answer supersedes the last) */
const SETTLE_MS = 60;

const suggestionOption = (s: Suggestion): ListOption => ({
  key: s.insert,
  content: (
    <>
      <code>{s.label}</code> <span className="muted">{s.help}</span>
    </>
  ),
});

/** One query box: the query language with autocomplete (a combobox), help, and the parse error in words. */
export function QueryBar() {
  const { deliveries } = useStores();
  const query = useDeliveries((s) => s.query);
  const queryError = useDeliveries((s) => s.queryError);
  const sources = useStatus((s) => s.status?.sources ?? []);
  const [text, setText] = useState(query);
  const [caret, setCaret] = useState(query.length);
  const [open, setOpen] = useState(false);
  const inputRef = useRef<HTMLInputElement>(null);
  const typed = useRef(text);
  typed.current = text;
  // the last text this box handed to the store: its echo must not overwrite what was typed since
  const sent = useRef<string | undefined>(undefined);
  const listId = useId();
  const errorId = useId();

  useEffect(() => {
    const handle = window.setTimeout(() => {
      if (deliveries.getState().query !== text || deliveries.getState().queryError) {
        sent.current = text;
        void deliveries.getState().setQuery(text);
      }
    }, SETTLE_MS);
    return () => window.clearTimeout(handle);
  }, [text, deliveries]);

  // a query set elsewhere (a chip, a link, the palette) flows back into the box
  useEffect(() => {
    if (query === sent.current) {
      sent.current = undefined;
      return;
    }
    if (query !== typed.current && !deliveries.getState().queryError) setText(query);
  }, [query, deliveries]);

  const suggestions: Suggestions = open ? suggest(text, caret, { sources: sources.map((s) => s.id) }) : { from: 0, to: 0, items: [] };
  const shown = suggestions.items;

  const choose = (index: number) => {
    const chosen = shown[index];
    if (!chosen) return;
    const next = applySuggestion(text, suggestions, chosen);
    setText(next.text);
    setCaret(next.caret);
    cursor.reset();
    requestAnimationFrame(() => inputRef.current?.setSelectionRange(next.caret, next.caret));
  };

  const cursor = useOptionCursor(shown.length, choose);
  const { active } = cursor;

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (cursor.onKey(e, { tabChooses: true })) return;
    if (e.key === 'Escape') {
      // a search box clears itself on Escape; here Escape only closes the suggestions, then leaves the box
      e.preventDefault();
      if (shown.length) setOpen(false);
      else inputRef.current?.blur();
    }
  };

  return (
    <div className="query-bar" role="search" aria-label="Filter deliveries">
      <div className="query-row">
        <div className="query-combo">
          <input
            ref={inputRef}
            id={SEARCH_INPUT_ID}
            type="search"
            className="search"
            role="combobox"
            aria-label="Query deliveries"
            aria-expanded={shown.length > 0}
            aria-controls={listId}
            aria-autocomplete="list"
            aria-activedescendant={shown.length ? `${listId}-${active}` : undefined}
            aria-invalid={queryError ? true : undefined}
            aria-describedby={queryError ? errorId : undefined}
            placeholder="words, status:401, fail:signature, after:-1h …  ( / )"
            spellCheck={false}
            autoComplete="off"
            value={text}
            onChange={(e) => {
              setText(e.target.value);
              setCaret(e.target.selectionStart ?? e.target.value.length);
              setOpen(true);
              cursor.reset();
            }}
            onSelect={(e) => setCaret(e.currentTarget.selectionStart ?? 0)}
            onFocus={() => setOpen(true)}
            onBlur={() => setOpen(false)}
            onKeyDown={onKeyDown}
          />
          {shown.length ? (
            <OptionList id={listId} label="Query suggestions" className="suggestions" active={active} onChoose={choose} options={shown.map(suggestionOption)} />
          ) : null}
        </div>
        <QueryHelp />
      </div>
      {queryError ? (
        <p className="query-error" id={errorId} role="alert">
          {queryError.message} <span className="muted">(at character {queryError.at + 1})</span>
        </p>
      ) : null}
    </div>
  );
}
