/** The store's public surface for the composition root. */
export { createStore, type CreateStoreOptions, type HookscopeStore, type StoreConfig } from './sqlite/store';
export type { SourceCounts } from './sqlite/source-counts';
export { newDeliveryId, DELIVERY_ID_PATTERN } from './delivery-id';
export { openDatabase, type OpenDatabaseOptions } from './sqlite/database';
export { runMigrations, schemaVersion, LATEST_VERSION, MIGRATIONS } from './sqlite/migrations';
export { createDataKey, DATA_KEY_ENV, KEY_FILE_NAME, DATABASE_FILE_NAME, type DataKey, type DataKeyOptions, type Keystore } from './data-key';
export { createKeyRing, type KeyRing } from './key-ring';
export { createRetentionScheduler, type RetentionScheduler, type PurgeResult, type PurgeStep, type PurgeableStore } from './sqlite/retention';
export { UNMATCHED_SOURCE } from './sqlite/list-query';
export type { DeliveryStore, NewDelivery, DueForward } from './types';
