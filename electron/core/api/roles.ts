/**
 * What each team role may call. Viewers read; members also replay, send test events, reveal and
 * export; admins also change config, secrets, the tunnel and erase. A method not listed here needs
 * admin, so a method added later is closed until someone decides otherwise.
 */
import { HookscopeError } from '../../../shared/result';

export const ROLES = ['viewer', 'member', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** the caller of one API request: a person's token (team mode) or the instance's own token (name null) */
export interface Principal {
  name: string | null;
  role: Role;
}

export const OWNER: Principal = { name: null, role: 'admin' };

const VIEWER_METHODS = new Set([
  'getStatus', 'listDeliveries', 'getTimeline', 'getDelivery', 'getConfig', 'listAudit', 'getSecurity', 'getReadiness', 'listPresets', 'whoami',
]);
const MEMBER_METHODS = new Set(['replayDelivery', 'replayQuery', 'copyReplayCommand', 'sendRequest', 'sendTestEvent', 'revealRaw', 'exportDeliveries']);

const RANK: Record<Role, number> = { viewer: 0, member: 1, admin: 2 };

export function requiredRole(method: string): Role {
  if (VIEWER_METHODS.has(method)) return 'viewer';
  if (MEMBER_METHODS.has(method)) return 'member';
  return 'admin';
}

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

/** null when allowed; else a `forbidden` error naming the role needed and how to get it */
export function refusal(principal: Principal, method: string): HookscopeError | null {
  const needed = requiredRole(method);
  if (RANK[principal.role] >= RANK[needed]) return null;
  const who = principal.name ?? 'this token';
  return new HookscopeError(
    'forbidden',
    `${who} has the ${principal.role} role: ${method} needs ${needed === 'admin' ? 'the admin role' : 'the member or admin role'}. ` +
      `Ask an admin for such a token (hookscope token create --name ${principal.name ?? 'NAME'} --role ${needed}).`,
  );
}
