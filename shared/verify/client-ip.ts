/** The client IP: the X-Forwarded-For entry the tunnel appended (the last) for tunnel connections, else the TCP peer. */
import ipaddr from 'ipaddr.js';
import type { InboundRequest } from './types';
import { headerValue, lastForwardedEntry } from './support/headers';

export type IpAddress = ipaddr.IPv4 | ipaddr.IPv6;

export interface ClientIp {
  /** normalised text (IPv4-mapped IPv6 shown as IPv4), or the raw value (shortened) when it does not parse */
  text: string;
  address: IpAddress | null;
  from: 'x-forwarded-for' | 'peer';
  /** a direct connection sent X-Forwarded-For, which was not trusted */
  forwardedForIgnored: boolean;
}

/** bounded memo: providers call from a handful of addresses, and parsing is the costly part of this check */
function memo<T>(limit: number, compute: (key: string) => T): (key: string) => T {
  const cache = new Map<string, T>();
  return (key) => {
    const hit = cache.get(key);
    if (hit !== undefined || cache.has(key)) return hit as T;
    const value = compute(key);
    if (cache.size >= limit) cache.clear();
    if (key.length <= 100) cache.set(key, value);
    return value;
  };
}

/** strict parse: dotted-quad IPv4 or IPv6 (brackets and ports tolerated); mapped forms become IPv4 */
export const parseIp = memo(1024, parseIpUncached);

function parseIpUncached(raw: string): IpAddress | null {
  let s = raw.trim();
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(s);
  if (bracketed) s = bracketed[1];
  else if (/^\d{1,3}(\.\d{1,3}){3}:\d+$/.test(s)) s = s.slice(0, s.lastIndexOf(':'));
  if (ipaddr.IPv4.isValidFourPartDecimal(s)) return ipaddr.IPv4.parse(s);
  if (ipaddr.IPv6.isValid(s)) {
    const v6 = ipaddr.IPv6.parse(s);
    return v6.isIPv4MappedAddress() ? v6.toIPv4Address() : v6;
  }
  return null;
}

const texts = new WeakMap<IpAddress, string>();
function ipText(address: IpAddress): string {
  let t = texts.get(address);
  if (t === undefined) {
    t = address.toString();
    texts.set(address, t);
  }
  return t;
}

export function resolveClientIp(req: InboundRequest): ClientIp {
  const xff = headerValue(req.rawHeaders, 'x-forwarded-for');
  if (req.viaTunnel && xff !== null) {
    const last = lastForwardedEntry(req.rawHeaders, 'x-forwarded-for') ?? '';
    const address = parseIp(last);
    return { text: address ? ipText(address) : last.slice(0, 64), address, from: 'x-forwarded-for', forwardedForIgnored: false };
  }
  const address = parseIp(req.remoteAddress);
  return {
    text: address ? ipText(address) : req.remoteAddress.slice(0, 64),
    address,
    from: 'peer',
    forwardedForIgnored: !req.viaTunnel && xff !== null,
  };
}

/** an allowlist entry as a range; IPv4-mapped IPv6 ranges (prefix ≥ 96) become IPv4 ranges */
export const parseRange = memo(4096, parseRangeUncached);

function parseRangeUncached(entry: string): [IpAddress, number] | null {
  try {
    if (!entry.includes('/')) {
      const a = parseIp(entry);
      return a ? [a, a.kind() === 'ipv4' ? 32 : 128] : null;
    }
    const [addr, bits] = ipaddr.parseCIDR(entry);
    if (addr.kind() === 'ipv6' && (addr as ipaddr.IPv6).isIPv4MappedAddress() && bits >= 96) {
      return [(addr as ipaddr.IPv6).toIPv4Address(), bits - 96];
    }
    return [addr, bits];
  } catch {
    return null;
  }
}

export function inRange(address: IpAddress, range: [IpAddress, number]): boolean {
  if (address.kind() !== range[0].kind()) return false;
  return address.kind() === 'ipv4'
    ? (address as ipaddr.IPv4).match(range as [ipaddr.IPv4, number])
    : (address as ipaddr.IPv6).match(range as [ipaddr.IPv6, number]);
}
