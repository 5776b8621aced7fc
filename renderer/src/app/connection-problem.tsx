import { useStatus, useStores } from './stores-context';

/** Shown when the API cannot be reached or refuses the token. */
export function ConnectionProblem() {
  const { status } = useStores();
  const error = useStatus((s) => s.error);
  const code = useStatus((s) => s.errorCode);
  return (
    <section className="empty-state" role="alert" aria-label="Cannot reach Hookscope">
      <h2>{code === 'unauthorized' ? 'This page needs its access token' : 'Cannot reach Hookscope'}</h2>
      <p>{error}</p>
      <button type="button" className="btn" onClick={() => void status.getState().load()}>
        Try again
      </button>
    </section>
  );
}
