/** Signing, receipts, checkpoints and exported logs: izinli's proof (docs/architecture.md#record-and-proof). */
export * from './key-ring.js';
export { parsePrivateKey, privateKeyFile } from './key-files.js';
export type { Ed25519PrivateJwk, Ed25519PublicJwk, KeyIndex } from './key-files.js';
export * from './receipt.js';
export * from './checkpoint.js';
export * from './log-lines.js';
export * from './log-export.js';
export * from './log-verify.js';
export { logProblemMessage, problemJson } from './log-problem-report.js';
export type { LogSiteSummary } from './log-site.js';
export * from './bundle-verify.js';
