import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { inTempDir, opensslMissing, tsVerify } from './tsa.test-support.js';
import { timeStampResponse, tsaCertificatePem } from './tsa.js';

describe('the simulator TSA', () => {
  // Serial numbers with and without the top bit, with leading zeros: DER wants each minimal.
  it.skipIf(opensslMissing)('signs stamps openssl verifies, whatever the serial number', () =>
    inTempDir('iys-sim-tsa-', async (dir) => {
      const data = new TextEncoder().encode('creationDate\n');
      await writeFile(join(dir, 'data'), data);
      await writeFile(join(dir, 'tsa.pem'), await tsaCertificatePem());
      for (const serial of [[0x01, 0x02], [0x80, 0x01], [0x00, 0x00, 0x7f], [0x00, 0xff], [0]]) {
        const tsr = await timeStampResponse(data, new Date(), Uint8Array.from(serial));
        await writeFile(join(dir, 'x.tsr'), tsr);
        const stdout = await tsVerify(dir, 'x.tsr', 'data');
        expect(stdout, `serial ${serial.join(',')}`).toContain('Verification: OK');
      }
    }),
  );
});
