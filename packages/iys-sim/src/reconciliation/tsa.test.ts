import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { timeStampResponse, tsaCertificatePem } from './tsa.js';

const OPENSSL = '/usr/bin/openssl';

describe('the simulator TSA', () => {
  // Serial numbers with and without the top bit, with leading zeros: DER wants each minimal.
  it.skipIf(!existsSync(OPENSSL))(
    'signs stamps openssl verifies, whatever the serial number',
    async () => {
      const dir = await mkdtemp(join(tmpdir(), 'iys-sim-tsa-'));
      try {
        const data = new TextEncoder().encode('creationDate\n');
        await writeFile(join(dir, 'data'), data);
        await writeFile(join(dir, 'tsa.pem'), await tsaCertificatePem());
        for (const serial of [[0x01, 0x02], [0x80, 0x01], [0x00, 0x00, 0x7f], [0x00, 0xff], [0]]) {
          const tsr = await timeStampResponse(data, new Date(), Uint8Array.from(serial));
          await writeFile(join(dir, 'x.tsr'), tsr);
          const { stdout } = await promisify(execFile)(OPENSSL, [
            'ts',
            '-verify',
            '-in',
            join(dir, 'x.tsr'),
            '-data',
            join(dir, 'data'),
            '-CAfile',
            join(dir, 'tsa.pem'),
          ]);
          expect(stdout, `serial ${serial.join(',')}`).toContain('Verification: OK');
        }
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    },
  );
});
