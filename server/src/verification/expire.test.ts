// Expiry of held permissions (docs/verification.md#the-flow): past its hold, a verification ends
// unsent, its address dropped, and the site is told by `verification.expired`, in one write.
import { expect, it } from 'vitest';
import { SITE_A } from '../store/contract/store-fixtures.test-support.js';
import { verificationFixture } from '../store/contract/verification-store.test-support.js';
import { tempSqliteStores } from '../store/sqlite/temp-sqlite.test-support.js';
import { expireVerifications } from './expire.js';

const openTempStore = tempSqliteStores('izinli-expire-');

it('expires a verification past its hold with its event, naming no address', async () => {
  const { store } = await openTempStore();
  const v = verificationFixture(1, { method: 'link', holdUntil: '2026-11-05T09:00:00.000Z' });
  await store.insertVerification(v);
  const now = new Date('2026-11-05T09:00:01.000Z');
  const expired = await expireVerifications({ store, newId: () => 'ev-1' }, now, 10);
  expect(expired.map((e) => [e.id, e.state])).toEqual([[v.id, 'expired']]);
  const [event] = await store.webhookEvents(SITE_A);
  expect(event).toEqual({
    id: 'ev-1',
    siteKey: SITE_A,
    type: 'verification.expired',
    createdAt: now.toISOString(),
    payload: {
      verificationId: v.id,
      siteKey: SITE_A,
      method: 'link',
      channels: ['MESAJ'],
      destinationSha256: v.destinationSha256,
      holdUntil: v.holdUntil,
    },
  });
  expect(JSON.stringify(event)).not.toContain(v.destination!);
  expect(await expireVerifications({ store }, now, 10)).toEqual([]);
});
