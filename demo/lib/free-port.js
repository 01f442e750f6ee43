// A free TCP port on `host`, for `PORT=0`: the demo must know its origin before the server starts,
// because the site's allowed origins name it.
import { createServer } from 'node:net';

/** Resolves with a port nothing listens on right now. */
export function freePort(host = '127.0.0.1') {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, host, () => {
      const { port } = /** @type {import('node:net').AddressInfo} */ (probe.address());
      probe.close(() => resolve(port));
    });
  });
}
