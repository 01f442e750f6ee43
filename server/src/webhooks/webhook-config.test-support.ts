// The example server config with one webhook target, for the tests of target rules at load.
import { exampleServerConfig } from '@izinli/core/fixtures';
import type { ServerConfigInput } from '@izinli/core';

/** The example config whose first tenant has one target `crm` at `url`, its secret in `secretEnv`. */
export const configWithWebhook = (
  url: string,
  allowPrivateNetwork?: boolean,
  secretEnv = 'WH',
): ServerConfigInput => ({
  ...exampleServerConfig,
  tenants: [
    {
      ...exampleServerConfig.tenants[0]!,
      webhooks: [
        {
          id: 'crm',
          url,
          secret: { env: secretEnv },
          ...(allowPrivateNetwork === undefined ? {} : { allowPrivateNetwork }),
        },
      ],
    },
  ],
});
