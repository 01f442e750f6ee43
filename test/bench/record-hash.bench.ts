// How much does proof cost per capture? RFC 8785 canonicalisation + SHA-256 (what every stored
// record and receipt needs) against the cheapest possible fingerprint: JSON.stringify + SHA-256.
import { createHash } from 'node:crypto';
import { canonicalJson, sha256Hex } from '@izinli/core';
import { compare, type BenchSuite } from './harness.js';

const record = {
  captureId: '0b6f3c8e-8f39-4a36-9d55-2d3f1d2f8a10',
  siteKey: 'demo-site-key-0123456789',
  seq: 1024,
  receivedAt: '2026-11-28T10:15:30.123Z',
  consentDate: '2026-11-28 13:15:30',
  origin: 'https://ornek.com.tr',
  recipientType: 'BIREYSEL',
  source: 'HS_WEB',
  person: { fullName: 'Ayşe Yılmaz', phone: '+905321234567', email: 'ayse@ornek.com.tr' },
  channels: [
    { type: 'MESAJ', checked: true, status: 'ONAY' },
    { type: 'ARAMA', checked: false },
    { type: 'EPOSTA', checked: true, status: 'ONAY' },
  ],
  purposes: [{ id: 'pazarlama-analizi', granted: true, noticeId: 'acik-riza-analiz', version: 3 }],
  widgetVersion: '0.1.0',
  prevHash: 'c0ffee'.repeat(10) + 'beef',
};

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
