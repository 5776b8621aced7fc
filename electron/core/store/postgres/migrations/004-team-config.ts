/**
 * v4 for PostgreSQL: the team's shared configuration (sources, redaction, retention, storage, replay)
 * lives in the database, so a change made through one replica is every replica's, survives restarts,
 * and is announced (NOTIFY) to the others. Secrets in it are env: references or sealed with the data key.
 */
import type { PgMigration } from './types';

export const pgTeamConfig: PgMigration = {
  version: 4,
  name: 'team-config',
  sql: `
    CREATE TABLE team_config (
      id smallint PRIMARY KEY CHECK (id = 1),
      -- JSON of the shared sections, validated by the replica that wrote it
      config text NOT NULL,
      version bigint NOT NULL,
      updated_at bigint NOT NULL
    );
  `,
};
