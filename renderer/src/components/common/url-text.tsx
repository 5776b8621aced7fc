import { Fragment } from 'react';

/**
 * A URL that may wrap only after its separators (/ ? & = . :), never inside a word: a narrow table
 * column shows "…/webhooks/" + "blackbox", not "…/webhooks/b" + "lackbox".
 */
export function UrlText({ url }: { url: string }) {
  const parts = url.split(/(?<=[/?&=.:])/);
  return (
    <code className="url-text">
      {parts.map((part, i) => (
        <Fragment key={i}>
          {i > 0 ? <wbr /> : null}
          {part}
        </Fragment>
      ))}
    </code>
  );
}
