/** The storage adapter contract on the PostgreSQL store (embedded server, or HOOKSCOPE_TEST_PG_URL; a fresh database per test). */
import { defaultConfig } from '../../../../../shared/config';
import { createPostgresStore } from '../../../../../electron/core/store/postgres/store';
import { useTestPostgres } from '../../../../helpers/postgres';
import { fixedClock, TEST_KEY_HEX } from '../helpers';
import { describeAdapterContract } from './adapter-contract';

const server = useTestPostgres();

describeAdapterContract('postgres', {
  open: async () => {
    const config = defaultConfig();
    return createPostgresStore({
      url: await server().createDatabase(),
      config: { ...config, redaction: { ...config.redaction, detectors: ['email', 'phone'] } },
      env: { HOOKSCOPE_DATA_KEY: TEST_KEY_HEX },
      clock: fixedClock(),
      poolMax: 4,
    });
  },
});
