// Schemas of the withdrawal routes for /openapi.json (the request bodies live in @izinli/core).
import { z } from 'zod';
import { Channel, SupportedLocale } from '@izinli/core';

/** What a recorded (or replayed) withdrawal answers. */
export const WithdrawalRecorded = z.object({
  captureId: z.uuid(),
  receipt: z.string().meta({ description: 'Compact JWS (EdDSA) over the withdrawal record.' }),
  movements: z
    .array(
      z.object({
        id: z.string(),
        type: Channel,
        status: z.literal('RET'),
        state: z.string(),
        consentDate: z.string(),
        deadline: z.string(),
      }),
    )
    .meta({ description: 'RET per channel whose current state was ONAY; none for the others.' }),
});

/** A signed, expiring withdrawal link. */
export const WithdrawalLink = z.object({
  url: z
    .url()
    .meta({ description: 'GET shows the page; its button POSTs; never withdraws on GET.' }),
  expiresAt: z.iso.datetime(),
  channels: z.array(Channel),
  captureId: z.uuid().meta({ description: 'The id the withdrawal will have once clicked.' }),
});

/** What `GET /v1/withdraw` answers with `Accept: application/json`. */
export const WithdrawalLinkView = z.object({
  captureId: z.uuid(),
  withdrawn: z.boolean().meta({ description: 'True once the link was clicked.' }),
  siteKey: z.string(),
  siteName: z.string(),
  channels: z.array(Channel),
  recipient: z.object({ phone: z.string().optional(), email: z.string().optional() }).meta({
    description: 'Masked addresses, e.g. +90532*****67.',
  }),
  expiresAt: z.iso.datetime(),
});

/** The withdrawal page's form (also accepted as JSON, or with the token in the URL: RFC 8058). */
export const WithdrawForm = z.object({
  t: z.string().meta({ description: 'The token of the link.' }),
  lang: SupportedLocale.optional(),
});
