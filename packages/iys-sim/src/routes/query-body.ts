import { Channel, IYS_MESSAGE_VARIANTS, RecipientType, iysError } from '@izinli/core';
import type { IysErrorEntry } from '@izinli/core';
import type { SimLimits, SimPolicy } from '../options.js';
import { checkRecipient } from '../recipient.js';

const ALLOWED = new Set(['recipient', 'recipientType', 'type']);

/** A checked `{recipient, recipientType, type}` body (single status and history). */
export type QueryBody =
  | { ok: true; recipient: string; recipientType: RecipientType; type: Channel }
  | { ok: false; errors: IysErrorEntry[] };

/**
 * Checks the body of single status and history: all three fields required (H114, H170, H111),
 * enums (H116, H117), the recipient's form for the type (H120, H121; a phone over 15 characters
 * is H166 with H160's sentence, as the document's example shows).
 */
export function checkQueryBody(body: unknown, limits: SimLimits, policy: SimPolicy): QueryBody {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    return { ok: false, errors: [iysError('H097')] };
  }
  const b = body as Record<string, unknown>;
  const errors: IysErrorEntry[] = [];
  for (const key of Object.keys(b)) {
    if (!ALLOWED.has(key)) errors.push(iysError('H118', { location: [key], value: b[key] }));
  }
  let type: Channel | undefined;
  if (b.type === undefined || b.type === null)
    errors.push(iysError('H111', { location: ['type'] }));
  else {
    const parsed = Channel.safeParse(b.type);
    if (parsed.success) type = parsed.data;
    else errors.push(iysError('H117', { location: ['type'], value: b.type }));
  }
  let recipientType: RecipientType | undefined;
  if (b.recipientType === undefined || b.recipientType === null) {
    errors.push(iysError('H170', { location: ['recipientType'] }));
  } else {
    const parsed = RecipientType.safeParse(b.recipientType);
    if (parsed.success) recipientType = parsed.data;
    else errors.push(iysError('H116', { location: ['recipientType'], value: b.recipientType }));
  }
  let recipient: string | undefined;
  if (typeof b.recipient !== 'string' || b.recipient === '') {
    errors.push(iysError('H114', { location: ['recipient'] }));
  } else if (
    // The phone length rule needs a phone: by type, or, with no valid type, not an address.
    (type === 'MESAJ' || type === 'ARAMA' || (type === undefined && !b.recipient.includes('@'))) &&
    b.recipient.length > limits.phoneMaxLength
  ) {
    errors.push(
      iysError('H166', {
        message: IYS_MESSAGE_VARIANTS.phoneTooLongOnStatus,
        location: ['recipient'],
        value: b.recipient,
      }),
    );
  } else if (type) {
    const checked = checkRecipient(b.recipient, type, limits, policy);
    if (checked.ok) recipient = checked.recipient;
    else {
      for (const code of checked.codes) {
        errors.push(iysError(code, { location: ['recipient'], value: b.recipient }));
      }
    }
  }
  if (errors.length || !recipient || !recipientType || !type) {
    return { ok: false, errors };
  }
  return { ok: true, recipient, recipientType, type };
}
