// A15: a capture that gives an ONAY writes `capture.confirmation_due` beside `capture.recorded`
// when the site's `confirmationEvent` is on; no ONAY, or the option off, writes none.
import { EXAMPLE_SITE_KEY, exampleServerConfig, exampleSiteConfig } from '@izinli/core/fixtures';
import { afterEach, describe, expect, it } from 'vitest';
import { makeHarness, postCapture, validCapture } from '../http/app-harness.test-support.js';
import { sameDayDeadline } from './confirmation-due.js';

const NOTHING_TICKED = { MESAJ: false, ARAMA: false, EPOSTA: false };

describe('capture.confirmation_due (A15)', () => {
  let h: Awaited<ReturnType<typeof makeHarness>> | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });
  const types = async () =>
    (await h!.store.webhookEvents(EXAMPLE_SITE_KEY)).map((e) => e.type).reverse();

  it('is written with an ONAY and confirmationEvent on, with the address and the day it is due', async () => {
    h = await makeHarness();
    const capture = validCapture({ channels: { MESAJ: true, ARAMA: false, EPOSTA: false } });
    await postCapture(h.app, capture);
    expect(await types()).toEqual(['capture.recorded', 'capture.confirmation_due']);
    const [due] = await h.store.webhookEvents(EXAMPLE_SITE_KEY);
    const payload = due!.payload as Record<string, unknown>;
    expect(payload).toMatchObject({
      captureId: capture.id,
      channels: ['MESAJ'],
      person: { phone: '+905321234567' },
      dueBy: sameDayDeadline(payload.consentDate as string),
    });
  });

  it('is not written without an ONAY', async () => {
    h = await makeHarness();
    await postCapture(h.app, validCapture({ channels: NOTHING_TICKED }));
    expect(await types()).toEqual(['capture.recorded']);
  });

  it('is not written when the site turned confirmationEvent off', async () => {
    const [tenant] = exampleServerConfig.tenants;
    h = await makeHarness({
      config: {
        ...exampleServerConfig,
        tenants: [{ ...tenant!, sites: [{ ...exampleSiteConfig, confirmationEvent: false }] }],
      },
    });
    await postCapture(h.app, validCapture());
    expect(await types()).toEqual(['capture.recorded']);
    const [recorded] = await h.store.webhookEvents(EXAMPLE_SITE_KEY);
    expect(recorded!.payload).toMatchObject({ confirmationDue: false });
  });

  it('is due by the end of the consent day, Turkey time', () => {
    expect(sameDayDeadline('2025-10-15 23:30:00')).toBe('2025-10-15T20:59:59.999Z');
  });
});
