/// <reference types="mocha" />
// What becomes of a capture whose send fails: a 4xx is final, dropped and reported
// once; network errors, 5xx, 408 and 429 are retried with backoff, never sooner than Retry-After,
// until MAX_ATTEMPTS sends have failed. Each outbox runs on a fake clock that only the test moves,
// so "never again" is checked by moving time far ahead rather than by sleeping.
import { expect } from 'chai';
import { get, keys } from 'idb-keyval';
import { MAX_ATTEMPTS, MAX_DELAY_MS } from './backoff.js';
import {
  heard,
  mountSignup,
  server,
  submitted,
  testOutbox,
  until,
} from './browser.test-support.js';
import type { Mounted } from './browser.test-support.js';
import type { QueuedCapture } from './capture-outbox.js';

describe('a capture whose send fails', () => {
  const statuses = async () => (await server.posts()).map((p) => p.status);
  const sends = async () => (await server.posts()).length;

  /**
   * Every later chance to send: time passes, the browser comes back online (what the outbox's
   * `online` listener does, without waking other tests' outboxes), the next page loads.
   */
  async function everyLaterChance(m: Mounted) {
    m.clock.advance(MAX_ATTEMPTS * MAX_DELAY_MS);
    await m.outbox.flush(true);
    await testOutbox({ store: m.store }).outbox.flush(true);
  }

  it('a 422 (a name with a lone surrogate) is sent once, dropped from IndexedDB and reported final with the server’s code', async () => {
    const m = await mountSignup(server);
    // The server refuses it; only once, so that a second send would be seen accepted.
    await server.answer('422', 1);
    const { errors } = await submitted(m, ['MESAJ'], 'Ayşe \ud800 Yılmaz');
    await until(() => errors.length > 0, 'izinli-error');
    const [post] = await server.posts();
    expect(post!.body.person.fullName).to.equal('Ayşe \ud800 Yılmaz');
    expect(errors).to.have.length(1);
    const [error] = errors;
    expect(error!.code).to.equal('capture.refused');
    expect(error!.final).to.equal(true);
    expect(error!.willRetry).to.equal(false);
    expect(error!.status).to.equal(422);
    expect(error!.captureId).to.equal(m.element.value);
    expect(error!.target).to.equal(m.element);
    expect(error!.error).to.deep.equal({
      code: 'capture.rejected',
      message: 'Refused on purpose by the test.',
    });
    expect(await keys(m.store)).to.deep.equal([]);
    expect(m.clock.pending()).to.deep.equal([]);

    await everyLaterChance(m);
    expect(await statuses()).to.deep.equal([422]);
    expect(errors).to.have.length(1);
  });

  it('a 409 (another body is stored under the id) is final too', async () => {
    const m = await mountSignup(server);
    const { captured } = await submitted(m);
    await until(() => captured.length > 0, 'the first delivery');
    const [stored] = await server.posts();
    // A stale copy of the capture under the same id, as a second tab might hold.
    const changed = { ...stored!.body, channels: { ...stored!.body.channels, MESAJ: false } };
    const other = testOutbox();
    const errors = heard('izinli-error');
    const capture = {
      id: stored!.id,
      url: `${server.endpoint}/v1/captures`,
      body: JSON.stringify(changed),
      attempts: 0,
    };
    await other.outbox.submit(capture, document);
    expect(errors.map((e) => [e.code, e.status, e.error.code, e.final])).to.deep.equal([
      ['capture.refused', 409, 'capture.conflict', true],
    ]);
    expect(await keys(other.store)).to.deep.equal([]);
    expect(other.clock.pending()).to.deep.equal([]);
    expect(await statuses()).to.deep.equal([201, 409]);
  });

  it('a 503 is sent again only once its Retry-After has passed, then delivered once', async () => {
    const m = await mountSignup(
      server,
      {},
      {
        retryDelay: () => 1000,
      },
    );
    await server.answer('503', 1, '120');
    const { errors, captured } = await submitted(m);
    await until(() => errors.length > 0, 'the 503');
    expect(errors[0]!.code).to.equal('capture.retrying');
    expect(errors[0]!.final).to.equal(false);
    expect(errors[0]!.status).to.equal(503);
    expect(errors[0]!.error.code).to.equal('server.unavailable');
    // Retry-After (120 s) wins over the backoff (1 s here).
    expect(m.clock.pending()).to.deep.equal([120_000]);
    const queued = (await get(m.element.value, m.store)) as QueuedCapture;
    expect(queued.retryAt).to.equal(m.clock.now() + 120_000);

    m.clock.advance(119_999);
    expect(m.clock.pending()).to.deep.equal([1]);
    expect(await sends()).to.equal(1);
    m.clock.advance(1);
    await until(() => captured.length > 0, 'the delivery');
    expect(await statuses()).to.deep.equal([503, 201]);
    const bodies = (await server.posts()).map((p) => JSON.stringify(p.body));
    expect(bodies[1]).to.equal(bodies[0]);
    expect(await keys(m.store)).to.deep.equal([]);
  });

  it('the backoff grows between sends and waits at least as long as Retry-After', async () => {
    const attempts: number[] = [];
    const m = await mountSignup(
      server,
      {},
      {
        retryDelay: (attempt) => (attempts.push(attempt), 2000 * 2 ** (attempt - 1)),
      },
    );
    await server.answer('503', 3);
    const { errors, captured } = await submitted(m);
    const waits: number[] = [];
    for (let failed = 1; failed <= 3; failed++) {
      await until(() => errors.length === failed, `failed send ${failed}`);
      waits.push(...m.clock.pending());
      m.clock.next();
    }
    await until(() => captured.length > 0, 'the delivery');
    expect(attempts).to.deep.equal([1, 2, 3]);
    // The server's Retry-After: 5 outweighs 2 s and 4 s; then the backoff's 8 s is longer.
    expect(waits).to.deep.equal([5000, 5000, 8000]);
    expect(await statuses()).to.deep.equal([503, 503, 503, 201]);
  });

  it(`repeated 503s stop after ${MAX_ATTEMPTS} sends: the capture is dropped and reported final`, async () => {
    const m = await mountSignup(server);
    await server.answer('503');
    const { errors, captured } = await submitted(m);
    const waits: number[] = [];
    for (let failed = 1; failed < MAX_ATTEMPTS; failed++) {
      await until(() => errors.length === failed, `failed send ${failed}`);
      expect(((await get(m.element.value, m.store)) as QueuedCapture).attempts).to.equal(failed);
      waits.push(...m.clock.pending());
      m.clock.next();
    }
    await until(() => errors.length === MAX_ATTEMPTS, 'the final report');
    expect(await sends()).to.equal(MAX_ATTEMPTS);
    expect(waits).to.have.length(MAX_ATTEMPTS - 1);
    for (const wait of waits) expect(wait).to.be.within(5000, MAX_DELAY_MS);
    const retrying = errors.slice(0, -1);
    expect(retrying.every((e) => e.code === 'capture.retrying' && !e.final)).to.equal(true);
    const last = errors.at(-1)!;
    expect(last.code).to.equal('capture.undelivered');
    expect(last.final).to.equal(true);
    expect(last.status).to.equal(503);
    expect(last.error.code).to.equal('server.unavailable');
    expect(last.captureId).to.equal(m.element.value);
    expect(await keys(m.store)).to.deep.equal([]);
    expect(m.clock.pending()).to.deep.equal([]);

    await everyLaterChance(m);
    expect(await sends()).to.equal(MAX_ATTEMPTS);
    expect(errors).to.have.length(MAX_ATTEMPTS);
    expect(captured).to.deep.equal([]);
  });

  it('a network error, then success: delivered once', async () => {
    const m = await mountSignup(server);
    // Dropped until the outbox has seen the failure: Chromium itself resends a POST whose
    // connection closed, so one drop alone may never reach the outbox.
    await server.answer('drop');
    const { errors, captured } = await submitted(m);
    await until(() => errors.length > 0, 'the failed send');
    expect(errors[0]!.code).to.equal('capture.retrying');
    expect(errors[0]!.status).to.equal(undefined);
    expect(errors[0]!.error.code).to.equal('network.failed');
    await server.answer('ok');
    expect(m.clock.next()).to.equal(true);
    await until(() => captured.length > 0, 'the delivery');
    expect(captured[0]!.captureId).to.equal(m.element.value);

    await everyLaterChance(m);
    const posts = await server.posts();
    expect(new Set(posts.map((p) => p.id))).to.deep.equal(new Set([m.element.value]));
    expect(posts.filter((p) => p.status > 0).map((p) => p.status)).to.deep.equal([201]);
    expect(captured).to.have.length(1);
    expect(errors).to.have.length(1);
    expect(await keys(m.store)).to.deep.equal([]);
  });

  it('a 429 is retried after its Retry-After', async () => {
    const m = await mountSignup(
      server,
      {},
      {
        retryDelay: () => 1000,
      },
    );
    await server.answer('429', 1);
    const { errors, captured } = await submitted(m);
    await until(() => errors.length > 0, 'the 429');
    expect([errors[0]!.code, errors[0]!.status, errors[0]!.error.code]).to.deep.equal([
      'capture.retrying',
      429,
      'rate.limited',
    ]);
    expect(m.clock.pending()).to.deep.equal([30_000]);
    m.clock.advance(29_999);
    expect(await sends()).to.equal(1);
    m.clock.advance(1);
    await until(() => captured.length > 0, 'the delivery');
    expect(await statuses()).to.deep.equal([429, 201]);
  });

  describe('while the browser is offline', () => {
    beforeEach(() =>
      Object.defineProperty(navigator, 'onLine', { value: false, configurable: true }),
    );
    // Deleting the own property uncovers Navigator.prototype's real getter again.
    afterEach(() => delete (navigator as { onLine?: boolean }).onLine);

    it('a failed send uses up no attempt and waits for `online`, not for a timer', async () => {
      const m = await mountSignup(server);
      await server.answer('drop');
      const { errors, captured } = await submitted(m);
      await until(() => errors.length > 0, 'the failed send');
      await server.answer('ok');
      expect(errors[0]!.final).to.equal(false);
      const queued = (await get(m.element.value, m.store)) as QueuedCapture;
      expect([queued.attempts, queued.retryAt]).to.deep.equal([0, undefined]);
      expect(m.clock.pending()).to.deep.equal([]);

      delete (navigator as { onLine?: boolean }).onLine;
      dispatchEvent(new Event('online'));
      await until(() => captured.length > 0, 'the delivery');
      expect((await statuses()).filter((status) => status > 0)).to.deep.equal([201]);
    });
  });
});
