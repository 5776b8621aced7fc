/** Allowlist arithmetic for the checklist: does an allowlist cover an address, is an entry open to all. */
import ipaddr from 'ipaddr.js';

type Range = [ipaddr.IPv4 | ipaddr.IPv6, number];

function parseEntry(entry: string): Range | null {
  try {
    if (entry.includes('/')) return ipaddr.parseCIDR(entry);
    const address = ipaddr.parse(entry);
    return [address, address.kind() === 'ipv4' ? 32 : 128];
  } catch {
    return null;
  }
}

/** ::ffff:a.b.c.d/n (n ≥ 96) becomes a.b.c.d/(n − 96), so mapped and plain IPv4 compare */
function normalise(range: Range): Range {
  const [base, bits] = range;
  if (base.kind() === 'ipv6' && bits >= 96 && (base as ipaddr.IPv6).isIPv4MappedAddress()) {
    return [(base as ipaddr.IPv6).toIPv4Address(), bits - 96];
  }
  return range;
}

/** whether some entry (address or CIDR) of the allowlist contains `target` (an address or a CIDR range) */
export function allowlistCovers(allowIps: readonly string[], target: string): boolean {
  const parsed = parseEntry(target);
  if (!parsed) return false;
  const [address, size] = normalise(parsed);
  for (const entry of allowIps) {
    const range = parseEntry(entry);
    if (!range) continue;
    const [base, bits] = normalise(range);
    if (base.kind() !== address.kind() || bits > size) continue;
    if (address.match(base, bits)) return true;
  }
  return false;
}

/** entries that admit every address (0.0.0.0/0, ::/0) */
export function openEntries(allowIps: readonly string[]): string[] {
  return allowIps.filter((entry) => parseEntry(entry)?.[1] === 0);
}
