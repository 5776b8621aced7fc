/**
 * Per-person API tokens (team mode). A token is 256 random bits shown once at creation; only its
 * SHA-256 is stored (a fast hash is enough for a random secret of that size: there is nothing to guess).
 */
import { createHash, randomBytes } from 'node:crypto';
import { HookscopeError } from '../../../shared/result';
import type { Principal, Role } from './roles';

export const TOKEN_PREFIX = 'hks_';

export interface TokenInfo {
  name: string;
  role: Role;
  createdAt: string;
}

/** where the hashes live: the shared database (store/postgres/api-token-table.ts) */
export interface TokenTable {
  insert(row: { name: string; role: Role; hash: string; createdAt: number }): Promise<void>;
  findActive(hash: string): Promise<{ name: string; role: Role } | null>;
  listActive(): Promise<TokenInfo[]>;
  /** true when an active token of that name existed */
  revoke(name: string, at: number): Promise<boolean>;
}

export function hashApiToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

export function validateTokenName(name: string): string {
  const trimmed = name.trim();
  if (!/^[\p{L}\p{N}][\p{L}\p{N} ._@-]{0,62}$/u.test(trimmed)) {
    throw new HookscopeError('invalid_argument', '--name: 1–63 letters, digits, space, ".", "_", "@" or "-", starting with a letter or digit (the audit log shows it)');
  }
  return trimmed;
}

export async function createApiToken(table: TokenTable, name: string, role: Role, now: number): Promise<{ token: string; name: string; role: Role }> {
  const clean = validateTokenName(name);
  const token = `${TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
  try {
    await table.insert({ name: clean, role, hash: hashApiToken(token), createdAt: now });
  } catch (error) {
    if ((error as { code?: string }).code === '23505') {
      throw new HookscopeError('conflict', `--name: "${clean}" already has a token: revoke it first (hookscope token revoke --name "${clean}") or pick another name`);
    }
    throw error;
  }
  return { token, name: clean, role };
}

/** the person behind a bearer token, or null (unknown or revoked) */
export async function principalForToken(table: TokenTable, token: string): Promise<Principal | null> {
  if (!token.startsWith(TOKEN_PREFIX)) return null;
  return table.findActive(hashApiToken(token));
}
