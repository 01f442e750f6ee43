#!/usr/bin/env node
// The `izinli-iys-sim` command as npm links it. Committed apart from dist/ so that `npm install`
// in a checkout links it before anything is built; it runs the built CLI, or says how to build it.
try {
  await import('../dist/cli.js');
} catch (error) {
  if (error?.code !== 'ERR_MODULE_NOT_FOUND' || !String(error.message).includes('dist/cli.js')) {
    throw error;
  }
  console.error(
    'izinli-iys-sim: not built yet (packages/iys-sim/dist is missing): run `npm run build`.',
  );
  process.exitCode = 1;
}
