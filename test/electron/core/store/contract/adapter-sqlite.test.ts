/** The storage adapter contract on the embedded SQLite store (a fresh data directory per test). */
import { after } from 'node:test';
import { defaultConfig } from '../../../../../shared/config';
import { createStore } from '../../../../../electron/core/store';
import { fixedClock, tempDir, TEST_KEY_HEX } from '../helpers';
import { describeAdapterContract } from './adapter-contract';

const dirs: Array<{ cleanup(): void }> = [];
after(() => dirs.forEach((d) => d.cleanup()));

describeAdapterContract('sqlite', {
  open: async () => {
    const dir = tempDir();
    dirs.push(dir);
    const config = defaultConfig();
    return createStore({ dataDir: dir.dir, config: { ...config, redaction: { ...config.redaction, detectors: ['email', 'phone'] } }, env: { HOOKSCOPE_DATA_KEY: TEST_KEY_HEX }, clock: fixedClock() });
  },
});
