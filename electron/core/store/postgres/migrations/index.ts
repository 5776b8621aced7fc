/** The PostgreSQL schema steps, in order (numbered independently of the SQLite ones). */
import { pgInitial } from './001-initial';
import { pgAttemptRequests } from './002-attempt-requests';
import { pgOrderedOutbox } from './003-ordered-outbox';
import { pgTeamConfig } from './004-team-config';
import { pgAppendFunction } from './005-append-function';
import type { PgMigration } from './types';

export const PG_MIGRATIONS: readonly PgMigration[] = [pgInitial, pgAttemptRequests, pgOrderedOutbox, pgTeamConfig, pgAppendFunction];
