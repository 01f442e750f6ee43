// The pre-send check of one recipient: `GET /v1/check`, answered from izinli's copy of İYS.
import { dataOf } from './client.js';
import type { IzinliClient, Schemas } from './client.js';

/** İYS's channels. */
export type Channel = Schemas['CheckBatch']['type'];
/** BIREYSEL (a person) or TACIR (a business). */
export type RecipientType = NonNullable<Schemas['CheckBatch']['recipientType']>;
/** The answer for one recipient. */
export type CheckAnswer = Schemas['CheckAnswer'];

export interface CheckRecipientOptions {
  /** A phone number (MESAJ, ARAMA) or an e-mail address (EPOSTA), in any common form. */
  recipient: string;
  type: Channel;
  /** Default BIREYSEL. */
  recipientType?: RecipientType;
  /** Required when the tenant has several brands. */
  brandCode?: number;
}

/** May `recipient` get a message on `type`? Throws IzinliApiError for an invalid recipient. */
export function checkRecipient(
  client: IzinliClient,
  options: CheckRecipientOptions,
): Promise<CheckAnswer> {
  const query: Record<string, string> = { recipient: options.recipient, type: options.type };
  if (options.recipientType !== undefined) query.recipientType = options.recipientType;
  if (options.brandCode !== undefined) query.brandCode = String(options.brandCode);
  return dataOf(client.GET('/v1/check', { params: { query } }));
}
