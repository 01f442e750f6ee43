/** @izinli/core — isomorphic domain code shared by the widget, the server and the İYS packages. */
export * from './result.js';
export * from './problem.js';
export * from './enums.js';
export * from './canonical-json.js';
export * from './sha256.js';
