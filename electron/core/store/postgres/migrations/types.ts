/** A PostgreSQL schema step: plain SQL, applied once in its own transaction. */
export interface PgMigration {
  version: number;
  name: string;
  sql: string;
}
