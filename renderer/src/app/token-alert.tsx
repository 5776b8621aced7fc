import { hasPageToken } from '../client/page-token';

/** Shown once the local API refused this page's token (or it has none): retrying cannot help, a new URL can. */
export function TokenAlert() {
  if (!hasPageToken()) {
    return (
      <section className="token-alert" role="alert" aria-labelledby="token-alert-title">
        <h2 id="token-alert-title">This page was opened without its access token</h2>
        <p>
          The local API answers only pages that carry the token Hookscope printed when it started — a link copied from
          another tab or a bookmark does not include it.
        </p>
        <p>
          <strong>What to do:</strong> open the URL that <code>hookscope serve</code> (or <code>npm start</code>) printed in its
          terminal (it ends with <code>?token=…</code>) once in this tab; after that, links such as <code>#/d/…</code> work here.
        </p>
      </section>
    );
  }
  return (
    <section className="token-alert" role="alert" aria-labelledby="token-alert-title">
      <h2 id="token-alert-title">This page's access token is no longer valid</h2>
      <p>
        Hookscope refused the token this page uses for its local API — it was probably restarted, and every start
        gives the UI a new token. Live updates have stopped and nothing on this page is current.
      </p>
      <p>
        <strong>What to do:</strong> open the new URL that <code>hookscope serve</code> (or <code>npm start</code>) printed
        in its terminal when it started; it ends with <code>?token=…</code>. Reloading this page will not help.
      </p>
    </section>
  );
}
