/// <reference types="mocha" />
// From the host form's submit to the server's 2xx: the body checked by the fake server with
// @izinli/core's own schema and site rules, the IndexedDB outbox, and the next page load.
// What a failed send becomes (retries, refusals, the bound) is in capture-retry.browser.test.ts.
import { exampleShownNotices } from '@izinli/core/fixtures';
import { expect } from 'chai';
import { get, keys, set } from 'idb-keyval';
import {
  SITE,
  heard,
  mountSignup,
  server,
  submitInPlace,
  submitted,
  testOutbox,
  tick,
  until,
} from './browser.test-support.js';
import type { Post } from './browser.test-support.js';
import type { QueuedCapture } from './capture-outbox.js';
import { WIDGET_VERSION } from './version.js';

describe('capture delivery', () => {
  const postsWith = (status: number) => async () => {
    const posts = await server.posts();
    return posts.some((p) => p.status === status) && posts;
  };

  it('A3, A4, B8: the capture matches the core schema and names every text shown by version and hash', async () => {
    const m = await mountSignup(server);
    await submitted(m, ['MESAJ', 'EPOSTA', 'kitap-onerileri']);
    const [post] = (await until(postsWith(201), 'the capture')) as Post[];
    expect(post!.problems).to.deep.equal([]);
    const { capturedAt, pageUrl, ...rest } = post!.body;
    expect(rest).to.deep.equal({
      id: m.element.value,
      siteKey: SITE,
      locale: 'tr',
      recipientType: 'BIREYSEL',
      person: {
        fullName: 'Ayşe Yılmaz',
        phone: '0532 123 45 67',
        email: 'ayse.yilmaz@ornek.com.tr',
      },
      channels: { MESAJ: true, ARAMA: false, EPOSTA: true },
      purposes: { 'kitap-onerileri': true, 'yurt-disi-eposta-hizmeti': false },
      notices: exampleShownNotices(),
      widgetVersion: WIDGET_VERSION,
    });
    expect(new Date(capturedAt as string).toISOString()).to.equal(capturedAt);
    expect(pageUrl).to.equal(location.origin + location.pathname);
  });

  it('A17: sends the recipient type the element names, which the site must accept', async () => {
    const m = await mountSignup(server, { 'recipient-type': 'TACIR' });
    submitInPlace(m.form);
    const posts = (await until(postsWith(422), 'the refusal')) as Post[];
    // The example site accepts BIREYSEL only, so the server's own rule refuses it.
    expect(posts[0]!.body.recipientType).to.equal('TACIR');
    expect(JSON.stringify(posts[0]!.problems)).to.match(/recipientType/);
  });

  it('leaves out an address the server would refuse when no ticked box needs it', async () => {
    const m = await mountSignup(server);
    m.type('adSoyad', 'Ayşe Yılmaz');
    m.type('telefon', '0532 123 45 67');
    m.type('eposta', 'ayse@ornek');
    await tick(m, 'MESAJ');
    submitInPlace(m.form);
    const [post] = (await until(postsWith(201), 'the capture')) as Post[];
    expect(post!.body.person).to.deep.equal({ fullName: 'Ayşe Yılmaz', phone: '0532 123 45 67' });
  });

  it('stores the capture in IndexedDB before sending it, and removes it after the 2xx', async () => {
    let storedWhenSent: unknown;
    const store = testOutbox().store;
    const m = await mountSignup(
      server,
      {},
      {
        store,
        fetch: async (input, init) => {
          storedWhenSent = await keys(store);
          return fetch(input, init);
        },
      },
    );
    const captured = heard('izinli-captured');
    submitInPlace(m.form);
    await until(() => captured.length > 0, 'izinli-captured');
    expect(storedWhenSent).to.deep.equal([m.element.value]);
    expect(await keys(store)).to.deep.equal([]);
    expect(captured[0]!.target).to.equal(m.element);
    expect(captured[0]!.captureId).to.equal(m.element.value);
    expect(captured[0]!.receipt).to.equal(`test-receipt.${m.element.value}`);
  });

  it('a dropped connection: the capture stays in IndexedDB and is delivered exactly once when the browser is back online, backoff or not', async () => {
    const m = await mountSignup(server);
    await server.answer('drop');
    const { errors, captured } = await submitted(m, ['ARAMA']);
    await until(() => errors.length > 0, 'the failed send');
    const id = m.element.value;
    expect(errors[0]!.code).to.equal('capture.retrying');
    expect(errors[0]!.error.code).to.equal('network.failed');
    expect(errors[0]!.final).to.equal(false);
    const queued = (await get(id, m.store)) as QueuedCapture;
    expect(queued.attempts).to.equal(1);
    expect(queued.retryAt).to.be.greaterThan(m.clock.now());
    expect((await server.posts()).filter((p) => p.status > 0)).to.deep.equal([]);

    // The clock stands still: only `online` can send it now.
    await server.answer('ok');
    dispatchEvent(new Event('online'));
    dispatchEvent(new Event('online'));
    await until(() => captured.length > 0, 'the delivery');
    await m.outbox.flush();
    const accepted = (await server.posts()).filter((p) => p.status > 0);
    expect(accepted.map((p) => [p.id, p.status])).to.deep.equal([[id, 201]]);
    expect(await keys(m.store)).to.deep.equal([]);
  });

  it('a refused capture reports the server’s issues, path by path', async () => {
    const m = await mountSignup(server);
    const errors = heard('izinli-error');
    // A number İYS would refuse although its shape is fine: only the server knows the plan.
    m.type('adSoyad', 'Ayşe Yılmaz');
    m.type('telefon', '+90 599 999 99 99');
    await tick(m, 'MESAJ');
    submitInPlace(m.form);
    await until(() => errors.length > 0, 'izinli-error');
    expect(errors[0]!.error.code).to.equal('capture.rejected');
    expect(errors[0]!.error.issues?.map((i) => i.path)).to.deep.equal(['person.phone']);
  });

  it('the next page load sends what an earlier page left behind once its backoff is over, and tells the document', async () => {
    const captured = heard('izinli-captured');
    const errors = heard('izinli-error');
    const left = testOutbox();
    const m = await mountSignup(
      server,
      {},
      {
        store: left.store,
      },
    );
    await server.answer('drop');
    submitInPlace(m.form);
    await until(() => errors.length > 0, 'the failed send');
    const id = m.element.value;
    m.form.remove();

    // The next page loads at once (its clock starts where the first one stood): the backoff the
    // first page started still holds, so the capture waits for its timer.
    await server.answer('ok');
    const next = testOutbox({ store: left.store });
    const nextPage = next.outbox.start();
    await nextPage.flush();
    expect((await server.posts()).filter((p) => p.status > 0)).to.deep.equal([]);
    expect(next.clock.pending()).to.have.length(1);
    next.clock.next();
    await until(() => captured.length > 0, 'the delivery');
    expect(captured[0]!.target).to.equal(document);
    expect(captured[0]!.captureId).to.equal(id);
    await nextPage.flush();
    expect((await server.posts()).filter((p) => p.status > 0).map((p) => p.id)).to.deep.equal([id]);
  });

  it('sends a stored capture once when several flushes overlap', async () => {
    const { outbox, store } = testOutbox();
    const body = JSON.stringify({ id: crypto.randomUUID() });
    const capture = { id: 'x', url: `${server.endpoint}/v1/captures`, body, attempts: 0 };
    await set('x', capture, store);
    await Promise.all([outbox.flush(), outbox.flush(), outbox.flush()]);
    expect(await server.posts()).to.have.length(1);
  });
});
