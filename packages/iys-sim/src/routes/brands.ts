import type { IysBrand } from '@izinli/core';
import { Hono } from 'hono';
import type { SimContext, SimEnv } from '../context.js';

/** `GET /sps/{iysCode}/brands`: the account's brands with their consent counts. */
export function brandsRoutes(ctx: SimContext): Hono<SimEnv> {
  const app = new Hono<SimEnv>();
  app.get('/:iysCode/brands', (c) => {
    const account = c.get('account');
    const brands: IysBrand[] = account.brands.map((brand) => {
      let approval = 0;
      let rejection = 0;
      for (const record of ctx.state.consents.values()) {
        if (record.iysCode !== account.iysCode || record.brandCode !== brand.brandCode) continue;
        if (record.status === 'ONAY') approval++;
        else rejection++;
      }
      return {
        brandCode: brand.brandCode,
        stats: {
          consents: { approval, rejection, total: approval + rejection },
          retailers: { total: brand.retailers?.length ?? 0 },
        },
        name: brand.name,
        master: brand.brandCode === account.iysCode,
      };
    });
    return c.json(brands);
  });
  return app;
}
