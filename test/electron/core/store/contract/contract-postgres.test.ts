/** The storage contract suite against a real PostgreSQL (embedded, or HOOKSCOPE_TEST_PG_URL). */
import { after, before } from 'node:test';
import { createPostgresAdapter } from '../../../../../electron/core/store/postgres/adapter';
import { startTestPostgres, type TestPostgres } from '../../../../helpers/postgres';
import { describeStorageContract } from './storage-contract';

let server: TestPostgres;
before(async () => {
  server = await startTestPostgres();
});
after(async () => {
  await server.stop();
});

describeStorageContract('postgres', {
  open: async () =>
    createPostgresAdapter({
      url: await server.createDatabase(),
      clock: { now: () => 1_700_000_000_000 },
      poolMax: 4,
      markDuplicate: (codes) => codes,
    }),
});
