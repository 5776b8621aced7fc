/** The store's public surface for the composition root. */
export { createStore, type CreateStoreOptions, type HookscopeStore, type StoreConfig } from './store';
export type { SourceCounts } from './source-counts';
export { newDeliveryId, DELIVERY_ID_PATTERN } from './delivery-id';
export { openDatabase, type OpenDatabaseOptions } from './database';
export { runMigrations, schemaVersion, LATEST_VERSION, MIGRATIONS } from './migrations';
export { createDataKey, DATA_KEY_ENV, KEY_FILE_NAME, DATABASE_FILE_NAME, type DataKey, type DataKeyOptions, type Keystore } from './data-key';
export { createKeyRing, type KeyRing } from './key-ring';
export { createRetentionScheduler, type RetentionScheduler, type PurgeResult, type PurgeStep, type PurgeableStore } from './retention';
export { UNMATCHED_SOURCE } from './list-query';
export type { DeliveryStore, NewDelivery, DueForward } from './types';
