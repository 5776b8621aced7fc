import { useStores } from '../../app/stores-context';

/** First run: what a source is and how to get one receiving. */
export function NoSources() {
  const { ui } = useStores();
  return (
    <section className="empty-state first-run" aria-label="Getting started">
      <h2>Add your first source</h2>
      <p>A source is one provider endpoint (for example Dasha BlackBox in development). Hookscope receives its webhooks, checks each one and tells you why a check fails.</p>
      <ol className="steps">
        <li>Open Settings and add a source: pick the provider preset and give it an id (it becomes the path <code>/hooks/&lt;id&gt;</code>).</li>
        <li>Add the webhook signing secret from the provider&apos;s dashboard (write-only: Hookscope shows its fingerprint, never the value).</li>
        <li>Paste the source&apos;s URL into the provider&apos;s webhook settings — turn the tunnel on for a public HTTPS URL.</li>
        <li>Send a test event, and optionally set a forward URL to relay verified events to your dev server.</li>
      </ol>
      <button type="button" className="btn btn-primary" onClick={() => ui.getState().requestAddSource()}>
        Add your first source
      </button>
    </section>
  );
}
