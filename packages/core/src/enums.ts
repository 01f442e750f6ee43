import { z } from 'zod';

/** İYS message channels: MESAJ (SMS) and ARAMA (voice call) go to a phone, EPOSTA to an e-mail address. */
export const Channel = z.enum(['MESAJ', 'ARAMA', 'EPOSTA']);
export type Channel = z.infer<typeof Channel>;
export const CHANNELS: readonly Channel[] = Channel.options;

/** Which kind of recipient address a channel needs. */
export function addressKindOf(channel: Channel): 'phone' | 'email' {
  return channel === 'EPOSTA' ? 'email' : 'phone';
}

/** İYS consent status: ONAY (permission given) or RET (refused / withdrawn). */
export const ConsentStatus = z.enum(['ONAY', 'RET']);
export type ConsentStatus = z.infer<typeof ConsentStatus>;

/** İYS recipient type: BIREYSEL (individual, the default) or TACIR (trader, A16). */
export const RecipientType = z.enum(['BIREYSEL', 'TACIR']);
export type RecipientType = z.infer<typeof RecipientType>;

/** Sources a service provider may send to İYS (docs/iys.md#enums). The widget uses HS_WEB (A17). */
export const ProviderSource = z.enum([
  'HS_WEB',
  'HS_MOBIL',
  'HS_EORTAM',
  'HS_MESAJ',
  'HS_EPOSTA',
  'HS_CAGRI_MERKEZI',
  'HS_SOSYAL_MEDYA',
  'HS_FIZIKSEL_ORTAM',
  'HS_ISLAK_IMZA',
  'HS_ETKINLIK',
  'HS_ATM',
  'HS_2015',
  'HS_KARAR',
]);
export type ProviderSource = z.infer<typeof ProviderSource>;

/** Sources only İYS itself sets: a citizen acting on İYS's web, app, SMS short number, call centre… */
export const IysSource = z.enum([
  'IYS_WEB',
  'IYS_WEB_YENI',
  'IYS_MOBIL',
  'IYS_KISAMESAJ',
  'IYS_CM',
  'IYS_EPOSTA',
  'IYS_AHS_HAT_KAPATMA',
  'IYS_FRAME_EPOSTA',
  'IYS_FRAME_SMS',
]);
export type IysSource = z.infer<typeof IysSource>;

/** Any source İYS may report on a consent record. */
export const Source = z.enum([...ProviderSource.options, ...IysSource.options]);
export type Source = z.infer<typeof Source>;
