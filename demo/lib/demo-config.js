// The demo's server config: the example bookshop (@izinli/core/fixtures) with the origins of the
// port the demo actually runs on, the demo's webhook receiver as a target, İYS push credentials,
// so a citizen's refusal on the simulator reaches the server at once, and verified consent
// (docs/verification.md): a code by SMS for MESAJ, a link by e-mail for EPOSTA.
import { randomBytes } from 'node:crypto';
import { EXAMPLE_SITE_KEY, exampleServerConfig } from '@izinli/core/fixtures';

/** The Basic-auth pair the simulator uses when it pushes citizens' changes to the server. */
export const DEMO_PUSH_USERNAME = 'izinli-demo-push';

/**
 * The environment the demo config names: `IYS_PASSWORD` (the simulator's demo account),
 * `DEMO_PUSH_PASSWORD` and `DEMO_WEBHOOK_SECRET` (fresh for every start).
 */
export function demoSecrets() {
  return {
    IYS_PASSWORD: 'demo',
    DEMO_PUSH_PASSWORD: randomBytes(18).toString('base64url'),
    DEMO_WEBHOOK_SECRET: `whsec_${randomBytes(24).toString('base64')}`,
  };
}

/**
 * The demo's verification policy, the defaults otherwise (72 hours' hold, 3-minute codes, 3 sends).
 * ARAMA stays unverified: a call's number may be a landline that takes no SMS.
 */
export const DEMO_VERIFICATION = /** @type {const} */ ({
  channels: { MESAJ: 'code', EPOSTA: 'link' },
});

/**
 * The config for a demo on `port` whose webhook receiver listens at `webhookUrl`; `verify`
 * false leaves the example site without verification (`DEMO_VERIFICATION=off`).
 * @param {{ port: number, webhookUrl: string, verify?: boolean }} where
 */
export function demoServerConfig({ port, webhookUrl, verify = true }) {
  const config = structuredClone(exampleServerConfig);
  const tenant = config.tenants[0];
  const site = tenant?.sites.find((s) => s.siteKey === EXAMPLE_SITE_KEY);
  if (!tenant || !site) throw new Error(`the example config has no site ${EXAMPLE_SITE_KEY}`);
  const origins = [`http://localhost:${port}`, `http://127.0.0.1:${port}`];
  site.allowedOrigins = [...new Set([...site.allowedOrigins, ...origins])];
  if (verify) site.verification = structuredClone(DEMO_VERIFICATION);
  tenant.webhooks = [
    ...(tenant.webhooks ?? []),
    // The receiver runs beside the demo on 127.0.0.1: a private address needs the opt-in.
    {
      id: 'demo-receiver',
      url: webhookUrl,
      secret: { env: 'DEMO_WEBHOOK_SECRET' },
      allowPrivateNetwork: true,
    },
  ];
  if (!config.iysAccounts) throw new Error('the example config has no İYS account');
  config.iysAccounts = config.iysAccounts.map((account) => ({
    ...account,
    push: { username: DEMO_PUSH_USERNAME, password: { env: 'DEMO_PUSH_PASSWORD' } },
  }));
  return config;
}
