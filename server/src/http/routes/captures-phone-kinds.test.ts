// The site's phone rules at the API: what the widget says next to the phone field, the server
// enforces, whatever a client sends.
import { exampleServerConfig } from '@izinli/core/fixtures';
import type { PhonePolicy, ServerConfigInput } from '@izinli/core';
import { afterEach, describe, expect, it } from 'vitest';
import type { ApiErrorBody } from '../api-error.js';
import { makeHarness, postCapture, validCapture } from '../app-harness.test-support.js';

type Harness = Awaited<ReturnType<typeof makeHarness>>;
let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

function configWith(phones: PhonePolicy): ServerConfigInput {
  const [tenant] = exampleServerConfig.tenants;
  return {
    ...exampleServerConfig,
    tenants: [{ ...tenant!, sites: tenant!.sites.map((site) => ({ ...site, phones })) }],
  };
}

const person = (phone: string) => ({ fullName: 'Ayşe Yılmaz', phone, email: 'ayse@ornek.com.tr' });

async function post(phone: string, channels: Record<string, boolean>) {
  const response = await postCapture(h!.app, validCapture({ person: person(phone), channels }));
  const body = (await response.json()) as Partial<ApiErrorBody>;
  return { status: response.status, error: body.error };
}

describe('phone rules per site', () => {
  it('by default: MESAJ for a landline is refused with 422 phone.notMobile naming person.phone; ARAMA to it is fine', async () => {
    h = await makeHarness();
    const refused = await post('0212 345 67 89', { MESAJ: true, EPOSTA: true });
    expect(refused.status).toBe(422);
    expect(refused.error?.code).toBe('capture.rejected');
    const issue = refused.error?.issues?.find((i) => i.code === 'phone.notMobile');
    expect(issue?.path).toBe('person.phone');
    expect(issue?.received).toContain('0212 345 67 89');
    expect((await post('0212 345 67 89', { ARAMA: true })).status).toBe(201);
    expect((await post('0532 123 45 67', { MESAJ: true, ARAMA: true })).status).toBe(201);
  });

  it('by default: a foreign number for any phone channel is refused with phone.foreign; unticked boxes never are', async () => {
    h = await makeHarness();
    const refused = await post('+44 7911 123456', { ARAMA: true });
    expect(refused.status).toBe(422);
    expect(refused.error?.issues?.map((i) => i.code)).toContain('phone.foreign');
    // Boxes shown and left unticked, with a ticked e-mail: nothing goes to İYS for the phone.
    expect(
      (await post('+44 7911 123456', { MESAJ: false, ARAMA: false, EPOSTA: true })).status,
    ).toBe(201);
  });

  it('a site that accepts them: landlines for MESAJ and foreign numbers are captured', async () => {
    h = await makeHarness({ config: configWith({ mesaj: 'any', foreign: 'accept' }) });
    expect((await post('0212 345 67 89', { MESAJ: true })).status).toBe(201);
    expect((await post('+44 7911 123456', { MESAJ: true, ARAMA: true })).status).toBe(201);
  });

  it('foreign accepted, MESAJ still mobile only: a foreign landline is refused for MESAJ', async () => {
    h = await makeHarness({ config: configWith({ mesaj: 'mobile', foreign: 'accept' }) });
    const refused = await post('+44 20 7946 0958', { MESAJ: true });
    expect(refused.error?.issues?.map((i) => i.code)).toEqual(['phone.notMobile']);
    expect((await post('+44 7911 123456', { MESAJ: true })).status).toBe(201);
  });
});
