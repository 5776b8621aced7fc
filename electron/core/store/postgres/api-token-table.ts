/** The team's API token hashes in PostgreSQL (table api_tokens, migration 001). */
import type { Pool } from 'pg';
import type { TokenInfo, TokenTable } from '../../api/api-tokens';
import type { Role } from '../../api/roles';

export function createPgTokenTable(pool: Pool): TokenTable {
  return {
    async insert({ name, role, hash, createdAt }) {
      await pool.query('INSERT INTO api_tokens (name, role, token_hash, created_at) VALUES ($1, $2, $3, $4)', [name, role, hash, createdAt]);
    },
    async findActive(hash) {
      const { rows } = await pool.query<{ name: string; role: Role }>(
        'SELECT name, role FROM api_tokens WHERE token_hash = $1 AND revoked_at IS NULL',
        [hash],
      );
      return rows[0] ?? null;
    },
    async listActive(): Promise<TokenInfo[]> {
      const { rows } = await pool.query<{ name: string; role: Role; created_at: number }>(
        'SELECT name, role, created_at FROM api_tokens WHERE revoked_at IS NULL ORDER BY name',
      );
      return rows.map((r) => ({ name: r.name, role: r.role, createdAt: new Date(r.created_at).toISOString() }));
    },
    async revoke(name, at) {
      const { rowCount } = await pool.query('UPDATE api_tokens SET revoked_at = $2 WHERE name = $1 AND revoked_at IS NULL', [name, at]);
      return (rowCount ?? 0) > 0;
    },
  };
}
