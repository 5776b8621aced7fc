/**
 * Which requests came through this process's ngrok session — the only ones whose X-Forwarded-For
 * and X-Forwarded-Proto are believed (docs/architecture.md, "Tunnel trust").
 *
 * Every tunnel session gets a fresh random secret. The session asks ngrok's edge to drop any copy
 * of TUNNEL_TRUST_HEADER the caller sent and to add its own carrying that secret. A request is a
 * tunnel request only when it carries the current secret (compared in constant time); while no
 * session is up there is no secret, so nothing local can pose as the tunnel on any port. The header
 * is removed before the request is checked or stored: the secret never reaches the database, an
 * export or a relayed request.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

export const TUNNEL_TRUST_HEADER = 'x-hookscope-tunnel';

export interface TrustHeader {
  name: string;
  value: string;
}

export interface TunnelTrust {
  /** a new secret for a session about to start; every earlier one stops counting */
  issue(): TrustHeader;
  /** no session: nothing is trusted */
  revoke(): void;
  /** removes every copy of the trust header from `rawHeaders` (in place); true when one carried the current secret */
  take(rawHeaders: Array<[string, string]>): boolean;
}

const digest = (value: string): Buffer => createHash('sha256').update(value).digest();

export function createTunnelTrust(): TunnelTrust {
  let expected: Buffer | null = null;
  return {
    issue() {
      const value = randomBytes(32).toString('base64url');
      expected = digest(value);
      return { name: TUNNEL_TRUST_HEADER, value };
    },
    revoke() {
      expected = null;
    },
    take(rawHeaders) {
      let trusted = false;
      for (let i = rawHeaders.length - 1; i >= 0; i--) {
        const name = rawHeaders[i][0];
        if (name.length !== TUNNEL_TRUST_HEADER.length || name.toLowerCase() !== TUNNEL_TRUST_HEADER) continue;
        // digests have one length, so the comparison time says nothing about the value
        if (expected && timingSafeEqual(digest(rawHeaders[i][1].trim()), expected)) trusted = true;
        rawHeaders.splice(i, 1);
      }
      return trusted;
    },
  };
}
