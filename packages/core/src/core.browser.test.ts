/// <reference types="mocha" />
// Runs in real Chromium through @web/test-runner: the parts of @izinli/core the widget relies on
// must give the same answers in a browser as in Node.
import { expect } from 'chai';
import { Channel, canonicalJson, sha256Hex, sha256Canonical } from './index.js';

describe('@izinli/core in Chromium', () => {
  it('runs in a real browser, not Node', () => {
    expect(navigator.userAgent).to.match(/Chrome/);
    expect(typeof window.document.createElement).to.equal('function');
  });

  it('hashes with WebCrypto to the FIPS 180-2 vector', async () => {
    expect(await sha256Hex('abc')).to.equal(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
  });

  it('canonicalises and hashes a record exactly as Node does', async () => {
    const record = { z: 'Çağrı', a: [1, 2.5, null], m: { y: true, b: 'İ' } };
    expect(canonicalJson(record)).to.equal('{"a":[1,2.5,null],"m":{"b":"İ","y":true},"z":"Çağrı"}');
    expect(await sha256Canonical(record)).to.equal(await sha256Hex(canonicalJson(record)));
  });

  it('validates channels with the zod schemas', () => {
    expect(Channel.safeParse('MESAJ').success).to.equal(true);
    expect(Channel.safeParse('SMS').success).to.equal(false);
  });
});
