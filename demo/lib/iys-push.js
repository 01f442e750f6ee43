// Registers the server's push endpoint with the simulator for every channel, as a brand does once
// on İYS ("push registration"): İYS then POSTs each citizen's change within seconds, instead of
// the server seeing it on its next pull, an hour late.
import { DEMO_ACCOUNT } from '@izinli/iys-sim';

/**
 * @param {{ iysUrl: string, serverUrl: string, username: string, password: string }} where
 * @returns {Promise<string[]>} the channels registered
 */
export async function registerIysPush({ iysUrl, serverUrl, username, password }) {
  const token = await fetch(`${iysUrl}/oauth2/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      grant_type: 'password',
      username: DEMO_ACCOUNT.username,
      password: DEMO_ACCOUNT.password,
    }),
  });
  if (!token.ok) throw new Error(`İYS simulator token: HTTP ${token.status}`);
  const { access_token: accessToken } = /** @type {{ access_token: string }} */ (
    await token.json()
  );
  const { iysCode } = DEMO_ACCOUNT;
  const [brand] = DEMO_ACCOUNT.brands;
  if (!brand) throw new Error("the simulator's demo account has no brand");
  const brandCode = brand.brandCode;
  const url = `${serverUrl}/v1/iys/push/${iysCode}`;
  const connection = ['MESAJ', 'ARAMA', 'EPOSTA'].map((type) => ({
    url,
    type,
    username,
    password,
  }));
  const response = await fetch(`${iysUrl}/sps/${iysCode}/brands/${brandCode}/push/registration`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${accessToken}` },
    body: JSON.stringify({ connection }),
  });
  if (!response.ok) {
    throw new Error(`İYS push registration: HTTP ${response.status} ${await response.text()}`);
  }
  return connection.map((c) => c.type);
}
