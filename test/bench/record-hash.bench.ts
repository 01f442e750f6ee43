// How much does proof cost per capture? RFC 8785 canonicalisation + SHA-256 (what every stored
// record and receipt needs) against the cheapest possible fingerprint: JSON.stringify + SHA-256.
import { createHash } from 'node:crypto';
import { canonicalJson, sha256Hex } from '@izinli/core';
import { exampleUnsealedRecord } from '@izinli/core/fixtures';
import { compare, type BenchSuite } from './harness.js';

// A whole record as the server stores it (notices with their hashes, IP, user agent), unsealed.
const record = exampleUnsealedRecord;

export const recordHash: BenchSuite = {
  name: 'record-hash',
  run: (options) =>
    compare(
      'record-hash',
      'fingerprinting one capture record',
      [
        'JSON.stringify + node:crypto sha256',
        () => createHash('sha256').update(JSON.stringify(record)).digest('hex'),
      ],
      {
        'canonicalJson (RFC 8785) only': () => canonicalJson(record),
        'canonicalJson + WebCrypto sha256Hex': () => sha256Hex(canonicalJson(record)),
      },
      options,
    ),
};
