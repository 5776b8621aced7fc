/** The storage contract suite against a real PostgreSQL (embedded, or HOOKSCOPE_TEST_PG_URL). */
import { createPostgresAdapter } from '../../../../../electron/core/store/postgres/adapter';
import { useTestPostgres } from '../../../../helpers/postgres';
import { describeStorageContract } from './storage-contract';

const server = useTestPostgres();

describeStorageContract('postgres', {
  open: async () =>
    createPostgresAdapter({
      url: await server().createDatabase(),
      clock: { now: () => 1_700_000_000_000 },
      poolMax: 4,
      markDuplicate: (codes) => codes,
    }),
});
