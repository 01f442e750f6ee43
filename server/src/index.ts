export type * from './store/store.js';
export type * from './http/admin-api-types.js';
export * from './proof/index.js';
export { openStore } from './store/open-store.js';
export type { OpenStoreOptions } from './store/open-store.js';
export { openSqliteStore, SqliteStore } from './store/sqlite/sqlite-store.js';
export type { SqliteStoreOptions } from './store/sqlite/sqlite-store.js';
export { openPostgresStore, PostgresStore } from './store/postgres/postgres-store.js';
export type { PostgresStoreOptions } from './store/postgres/postgres-store.js';
export { isCaptureCursor } from './store/sql/capture-query.js';
export { StoreWriteError } from './store/sql/append-guard.js';
export { startServer } from './start-server.js';
export type { RunningServer, StartOptions } from './start-server.js';
export { createApp } from './http/app.js';
export { openApiDocument } from './http/openapi.js';
export type { AppDeps, AppLimits, FallbackHandler } from './http/app-deps.js';
export { createMetrics } from './http/metrics.js';
export { GroupCommitter } from './capture/group-commit.js';
export { parseServerEnv, ServerEnv } from './config/env.js';
export { checkServerConfig } from './config/load-config.js';
export { readServerConfig } from './config/config-file.js';
export type { LoadedConfig, IysCredentials } from './config/load-config.js';
export { createDeliveryWorker } from './delivery/delivery-worker.js';
export type {
  DeliveryReport,
  DeliveryWorker,
  DeliveryWorkerOptions,
} from './delivery/delivery-worker.js';
export { IYS_PACE_PER_SECOND, createIysPacer } from './delivery/pacer.js';
export { createReconciliationWorker } from './reconciliation/reconciliation-worker.js';
export type {
  DayReport,
  ReconciliationReport,
  ReconciliationWorker,
  ReconciliationWorkerOptions,
} from './reconciliation/reconciliation-worker.js';
export { verifyTimestamp, certificatesOf } from './reconciliation/verify-timestamp.js';
export type { TimestampCheck, VerifiedTimestamp } from './reconciliation/verify-timestamp.js';
