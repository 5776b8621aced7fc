/**
 * What `hookscope token` does, over the team's database: create (the token is shown once), list,
 * revoke; each change lands in the audit log. Kept apart from the CLI file so it is testable directly.
 */
import type { Pool } from 'pg';
import { createPgAudit } from '../store/postgres/audit';
import { createPgTokenTable } from '../store/postgres/api-token-table';
import { createApiToken, validateTokenName, type TokenInfo } from './api-tokens';
import type { Role } from './roles';

export interface TokenAdmin {
  create(name: string, role: Role): Promise<{ token: string; name: string; role: Role }>;
  list(): Promise<TokenInfo[]>;
  revoke(name: string): Promise<boolean>;
}

export function createTokenAdmin(pool: Pool, now: () => number = Date.now): TokenAdmin {
  const table = createPgTokenTable(pool);
  const audit = createPgAudit(pool);
  return {
    async create(name, role) {
      const made = await createApiToken(table, name, role, now());
      await audit.append({ at: now(), action: 'token_created', subject: made.name, detail: JSON.stringify({ role }) });
      return made;
    },
    list: () => table.listActive(),
    async revoke(name) {
      const clean = validateTokenName(name);
      const revoked = await table.revoke(clean, now());
      if (revoked) await audit.append({ at: now(), action: 'token_revoked', subject: clean, detail: '{}' });
      return revoked;
    },
  };
}
