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

/** A signer header also replaces the header that carries the same value under another name. */
const ALSO_REPLACES: Record<string, string[]> = {
  'webhook-id': ['svix-id'],
  'webhook-timestamp': ['svix-timestamp'],
  'webhook-signature': ['svix-signature'],
  'svix-id': ['webhook-id'],
  'svix-timestamp': ['webhook-timestamp'],
  'svix-signature': ['webhook-signature'],
  // the legacy SHA-1 signature would be stale next to a fresh SHA-256 one
  'x-hub-signature-256': ['x-hub-signature'],
};

/**
 * Replaces the captured headers whose names the signer outputs (case-insensitively) with the signer's,
 * so no signature header is sent twice. Replaced headers keep the position of their first occurrence.
 */
export function replaceHeaders(
  captured: ReadonlyArray<readonly [string, string]>,
  fresh: ReadonlyArray<readonly [string, string]>,
): Array<[string, string]> {
  const freshNames = new Set(fresh.map(([name]) => name.toLowerCase()));
  const removed = new Set(freshNames);
  for (const name of freshNames) for (const alias of ALSO_REPLACES[name] ?? []) removed.add(alias);

  const byName = new Map<string, Array<[string, string]>>();
  for (const [name, value] of fresh) {
    const key = name.toLowerCase();
    const list = byName.get(key) ?? [];
    list.push([name, value]);
    byName.set(key, list);
  }
  const out: Array<[string, string]> = [];
  for (const [name, value] of captured) {
    const key = name.toLowerCase();
    if (!removed.has(key)) {
      out.push([name, value]);
      continue;
    }
    const replacement = byName.get(key);
    if (replacement) {
      out.push(...replacement);
      byName.delete(key);
    }
  }
  for (const list of byName.values()) out.push(...list);
  return out;
}

export { headerValue } from '../../../shared/verify/support/headers';
