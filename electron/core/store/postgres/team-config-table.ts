/**
 * The team's shared configuration in PostgreSQL (one row, a version counter). A save bumps the
 * version and NOTIFYs it in the same transaction, so the other replicas hear of it after the commit
 * and read it back (config/team-config.ts decides what is shared and applies it).
 */
import type { Pool } from 'pg';
import { CONFIG_CHANNEL } from './locks';

export interface TeamConfigRow {
  text: string;
  version: number;
}

export interface TeamConfigTable {
  load(): Promise<TeamConfigRow | null>;
  /** writes `text` only when there is no row yet (replicas starting together: the first one's wins); returns the row */
  seed(text: string, now: number): Promise<TeamConfigRow>;
  /** replaces the row; returns the new version (announced to every replica's LISTEN connection at commit) */
  save(text: string, now: number): Promise<number>;
}

export function createPgTeamConfig(pool: Pool): TeamConfigTable {
  const load = async (): Promise<TeamConfigRow | null> => {
    const { rows } = await pool.query<{ config: string; version: number }>('SELECT config, version FROM team_config WHERE id = 1');
    return rows[0] ? { text: rows[0].config, version: rows[0].version } : null;
  };
  return {
    load,
    async seed(text, now) {
      await pool.query('INSERT INTO team_config (id, config, version, updated_at) VALUES (1, $1, 1, $2) ON CONFLICT (id) DO NOTHING', [text, now]);
      return (await load())!;
    },
    async save(text, now) {
      const { rows } = await pool.query<{ version: number }>(
        `WITH saved AS (
           INSERT INTO team_config (id, config, version, updated_at) VALUES (1, $1, 1, $2)
           ON CONFLICT (id) DO UPDATE SET config = excluded.config, version = team_config.version + 1, updated_at = excluded.updated_at
           RETURNING version)
         SELECT version, pg_notify($3, version::text) FROM saved`,
        [text, now, CONFIG_CHANNEL],
      );
      return rows[0].version;
    },
  };
}
