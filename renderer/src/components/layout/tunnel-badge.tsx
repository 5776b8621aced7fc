import { useStatus } from '../../app/stores-context';

const WORDS = { off: 'Tunnel off', connecting: 'Tunnel connecting', online: 'Tunnel online', error: 'Tunnel error' } as const;

export function TunnelBadge() {
  const tunnel = useStatus((s) => s.status?.tunnel ?? null);
  const stream = useStatus((s) => s.stream);
  if (!tunnel) return null;
  const message = tunnel.state === 'online' && tunnel.url ? tunnel.url : tunnel.message;
  return (
    <div className="tunnel-badge-wrap">
      <p className={`tunnel-badge tunnel-${tunnel.state}`} role="status" aria-label={`${WORDS[tunnel.state]}${message ? `: ${message}` : ''}`}>
        <span className="dot" aria-hidden="true" />
        <strong>{WORDS[tunnel.state]}</strong>
        {message ? (
          <span className="tunnel-message" title={message}>
            {message}
          </span>
        ) : null}
      </p>
      {stream === 'reconnecting' ? (
        <p className="stream-lost" role="status">
          Live updates interrupted — reconnecting…
        </p>
      ) : null}
    </div>
  );
}
