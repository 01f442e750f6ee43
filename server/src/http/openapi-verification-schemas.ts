// Schemas of the verification routes for /openapi.json (docs/verification.md#http).
import { z } from 'zod';
import { Channel, SupportedLocale } from '@izinli/core';

/** `POST /v1/verifications`: a code for the address of a channel the site verifies by code. */
export const VerificationStart = z.object({
  siteKey: z.string(),
  channel: z.enum(['MESAJ', 'EPOSTA']),
  phone: z
    .string()
    .optional()
    .meta({ description: 'For MESAJ: a mobile number, any common form.' }),
  email: z.string().optional().meta({ description: 'For EPOSTA.' }),
  locale: SupportedLocale.optional(),
});

/** A code was sent. */
export const VerificationCodeSent = z.object({
  verificationId: z.uuid().meta({ description: 'Name it in the capture’s `verifications`.' }),
  method: z.literal('code'),
  expiresAt: z.iso.datetime().meta({ description: 'The code stops working then.' }),
  resendAfter: z.iso.datetime().meta({ description: 'Another code may be asked from then.' }),
});

/** `POST /v1/verifications/{id}/code`. */
export const VerificationCodeTry = z.object({
  code: z.string().regex(/^[0-9]{6}$/),
});

/** The address is confirmed (also answered again for a code confirmed before). */
export const VerificationConfirmed = z.object({ state: z.literal('confirmed') });

/** Per held channel of a capture, where its confirmation stands. */
export const HeldChannelState = z.object({
  channel: Channel,
  method: z.enum(['code', 'link']),
  state: z.enum(['sent', 'confirmed', 'unverified']).meta({
    description:
      'sent: a link went out; confirmed: the owner confirmed; unverified: nothing confirms it yet (it expires unsent).',
  }),
});
