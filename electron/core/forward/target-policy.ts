/**
 * Where captured requests may go (docs/architecture.md "Forwarding and replay"): http(s) only, and only to this machine unless
 * replay.allowRemoteTargets is set. The check runs on the resolved addresses, and the caller connects
 * to the address that was checked, so a DNS rebind between check and connect cannot redirect it.
 */
import { isIP } from 'node:net';
import ipaddr from 'ipaddr.js';
import { HookscopeError } from '../../../shared/result';

export interface LookupAddress {
  address: string;
  family: number;
}
/** dns.promises.lookup with {all: true}; injected so tests need no resolver */
export type LookupFn = (hostname: string, options: { all: true }) => Promise<LookupAddress[]>;

declare const resolvedBrand: unique symbol;
/** A target that passed the policy; the only thing the HTTP sender accepts. */
export interface ResolvedTarget {
  readonly url: URL;
  /** the address to connect to (pinned) */
  readonly address: string;
  readonly family: 4 | 6;
  /** every resolved address is loopback */
  readonly loopback: boolean;
  readonly [resolvedBrand]: true;
}

export interface TargetPolicy {
  allowRemoteTargets: boolean;
  lookup: LookupFn;
}

const EXAMPLE = 'http://localhost:3000/webhooks';

/** true for 127.0.0.0/8, ::1 and ::ffff:127.x.y.z */
export function isLoopbackAddress(address: string): boolean {
  if (!ipaddr.isValid(address)) return false;
  let parsed = ipaddr.parse(address);
  if (parsed.kind() === 'ipv6' && (parsed as ipaddr.IPv6).isIPv4MappedAddress()) {
    parsed = (parsed as ipaddr.IPv6).toIPv4Address();
  }
  return parsed.range() === 'loopback';
}

export function parseTarget(target: string): URL {
  let url: URL;
  try {
    url = new URL(target);
  } catch {
    throw new HookscopeError('invalid_argument', `target: "${clip(target)}" is not an absolute URL; give one such as ${EXAMPLE}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new HookscopeError('invalid_argument', `target: only http:// and https:// URLs are allowed (got ${url.protocol}); give one such as ${EXAMPLE}`);
  }
  return url;
}

/** Parses, resolves and checks a target; throws before any connection is made. */
export async function checkTarget(target: string | URL, policy: TargetPolicy): Promise<ResolvedTarget> {
  const url = typeof target === 'string' ? parseTarget(target) : parseTarget(target.href);
  const host = url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname;

  let addresses: LookupAddress[];
  if (isIP(host)) {
    addresses = [{ address: host, family: isIP(host) }];
  } else {
    try {
      addresses = await policy.lookup(host, { all: true });
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      const why = typeof code === 'string' ? code : 'lookup failed';
      if (!policy.allowRemoteTargets) throw notAllowed(host, `does not resolve to any address (${why})`);
      throw new HookscopeError('target_unresolvable', `Target ${host} does not resolve to any address (${why}): check the host name`);
    }
  }
  if (addresses.length === 0) throw notAllowed(host, 'does not resolve to any address');

  const loopback = addresses.every((a) => isLoopbackAddress(a.address));
  if (!loopback && !policy.allowRemoteTargets) {
    const offender = addresses.find((a) => !isLoopbackAddress(a.address)) as LookupAddress;
    throw notAllowed(host, `resolves to ${offender.address}, which is not loopback`);
  }
  const first = addresses[0];
  return { url, address: first.address, family: first.family === 6 ? 6 : 4, loopback } as ResolvedTarget;
}

/** The URL as shown in attempts and the audit log: no userinfo, no query values. */
export function displayTarget(url: URL): string {
  return `${url.origin}${url.pathname}${url.search ? '?…' : ''}`;
}

function notAllowed(host: string, what: string): HookscopeError {
  return new HookscopeError(
    'target_not_allowed',
    `Replay target ${host} ${what}: Hookscope only sends captured requests to this machine unless replay.allowRemoteTargets is set`,
  );
}

function clip(s: string): string {
  return s.length > 80 ? `${s.slice(0, 80)}…` : s;
}
