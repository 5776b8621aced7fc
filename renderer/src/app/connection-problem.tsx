import { useStatus, useStores } from './stores-context';

/** Shown when the API cannot be reached (a refused token has its own alert: TokenAlert). */
export function ConnectionProblem() {
  const { status } = useStores();
  const error = useStatus((s) => s.error);
  return (
    <section className="empty-state" role="alert" aria-label="Cannot reach Hookscope">
      <h2>Cannot reach Hookscope</h2>
      <p>{error}</p>
      <button type="button" className="btn" onClick={() => void status.getState().load()}>
        Try again
      </button>
    </section>
  );
}
