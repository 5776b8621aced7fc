/**
 * Which of the captured headers go to the dev server. Hop-by-hop headers belong to the connection the
 * provider made to us, not to the one we make: they are dropped, Host is set for the target, the rest
 * keeps its wire order. Two headers are added so the dev server can tell a relayed request:
 *   X-Hookscope-Delivery: <delivery id>
 *   X-Hookscope-Replay:   original | resign   (the bytes are exactly as received, or re-signed)
 */
export const DELIVERY_HEADER = 'X-Hookscope-Delivery';
export const REPLAY_HEADER = 'X-Hookscope-Replay';

const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  'host',
  'content-length',
  // the client sends the body at once; a 100-continue handshake would only stall it
  'expect',
]);

function isHopByHop(lowerName: string, listedInConnection: Set<string>): boolean {
  return (
    HOP_BY_HOP.has(lowerName) ||
    lowerName.startsWith('proxy-') ||
    listedInConnection.has(lowerName) ||
    lowerName === DELIVERY_HEADER.toLowerCase() ||
    lowerName === REPLAY_HEADER.toLowerCase()
  );
}

/** The captured headers minus hop-by-hop ones (Host and Content-Length included), in order. */
export function stripHopByHop(captured: ReadonlyArray<readonly [string, string]>): Array<[string, string]> {
  // RFC 9110 §7.6.1: names listed in Connection are hop-by-hop too
  const listed = new Set<string>();
  for (const [name, value] of captured) {
    if (name.toLowerCase() !== 'connection') continue;
    for (const token of value.split(',')) if (token.trim()) listed.add(token.trim().toLowerCase());
  }
  const out: Array<[string, string]> = [];
  for (const [name, value] of captured) {
    if (!isHopByHop(name.toLowerCase(), listed)) out.push([name, value]);
  }
  return out;
}

/** Headers to send: Host first, then the captured ones minus hop-by-hop, then the Hookscope headers. */
export function forwardHeaders(
  captured: ReadonlyArray<readonly [string, string]>,
  options: { host: string; deliveryId: string; mode: 'original' | 'resign' },
): Array<[string, string]> {
  const out: Array<[string, string]> = [['Host', options.host], ...stripHopByHop(captured)];
  out.push([DELIVERY_HEADER, options.deliveryId], [REPLAY_HEADER, options.mode]);
  return out;
}

export { headerValue } from '../../../shared/verify/support/headers';
