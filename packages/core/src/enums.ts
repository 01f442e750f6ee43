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

/**
 * Every source İYS may report on a consent record, with what it means in the İYS document's table
 * of sources (docs/iys.md#enums). A service provider sends the `HS_*` ones (the widget HS_WEB, A17);
 * only İYS itself sets the `IYS_*` ones, for a citizen acting on İYS's own channels.
 */
const SOURCE_MEANINGS = {
  HS_WEB: 'an action on the provider’s web site',
  HS_MOBIL: 'the provider’s mobile app',
  HS_EORTAM: 'an electronic medium of the provider’s',
  HS_MESAJ: 'the provider’s SMS short number',
  HS_EPOSTA: 'the provider’s e-mail',
  HS_CAGRI_MERKEZI: 'the provider’s call centre, by voice or keypad',
  HS_SOSYAL_MEDYA: 'the provider’s social media account',
  HS_FIZIKSEL_ORTAM: 'in person, on a physical medium',
  HS_ISLAK_IMZA: 'a form or survey the recipient signed',
  HS_ETKINLIK: 'an event the provider held',
  HS_ATM: 'the provider’s own ATM',
  HS_2015: 'recorded as approved before 1 May 2015',
  HS_KARAR: 'the provider’s own decision to refuse (RET only, never a first record)',
  IYS_WEB: 'İYS’s web site, the recipient having verified the address',
  IYS_WEB_YENI: 'a recipient adding the brand on İYS for the first time',
  IYS_MOBIL: 'İYS’s mobile app',
  IYS_KISAMESAJ: 'İYS’s SMS short number (3338)',
  IYS_CM: 'İYS’s voice response system',
  IYS_EPOSTA: 'an e-mail İYS sent',
  IYS_AHS_HAT_KAPATMA: 'a line closure the operator (aracı hizmet sağlayıcı) reported',
  IYS_FRAME_EPOSTA: 'İYS’s web form',
  IYS_FRAME_SMS: 'İYS’s web form',
} as const;
type SourceName = keyof typeof SOURCE_MEANINGS;
const SOURCE_NAMES = Object.keys(SOURCE_MEANINGS) as SourceName[];

/** Any source İYS may report on a consent record. */
export const Source = z.enum(SOURCE_NAMES as [SourceName]);
export type Source = z.infer<typeof Source>;

/** Sources a service provider may send to İYS. */
export const ProviderSource = z.enum(
  SOURCE_NAMES.filter((name) => name.startsWith('HS_')) as [Extract<SourceName, `HS_${string}`>],
);
export type ProviderSource = z.infer<typeof ProviderSource>;

/** Sources only İYS itself sets. */
export const IysSource = z.enum(
  SOURCE_NAMES.filter((name) => name.startsWith('IYS_')) as [Extract<SourceName, `IYS_${string}`>],
);
export type IysSource = z.infer<typeof IysSource>;
