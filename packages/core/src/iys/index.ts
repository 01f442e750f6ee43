/** İYS's wire format: error catalog, request/response schemas, limits and paths. Isomorphic, no I/O. */
export * from './error-codes.js';
export * from './iys-error.js';
export * from './limits.js';
export * from './paths.js';
export * from './wire.js';
export * from './daily-file.js';
