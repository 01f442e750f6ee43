// The attributes of <izinli-consent> as a framework's template writes them (README "Attributes"),
// shared by the React and Vue types.
import type { IzinliCapturedEvent } from '../events/izinli-captured-event.js';
import type { IzinliChangeEvent } from '../events/izinli-change-event.js';
import type { IzinliErrorEvent } from '../events/izinli-error-event.js';

/** What a template may set on `<izinli-consent>`. */
export interface IzinliConsentAttributes {
  /** The site key of the site config (required). */
  site: string;
  /** The izinli server's base URL; default the origin the script came from. */
  endpoint?: string;
  /** `name` of the form's full-name field. */
  'name-field'?: string;
  /** `name` of the form's phone field; without it MESAJ and ARAMA are not offered. */
  'phone-field'?: string;
  /** `name` of the form's e-mail field; without it EPOSTA is not offered. */
  'email-field'?: string;
  'recipient-type'?: 'BIREYSEL' | 'TACIR';
  /** `en…` for English, anything else Turkish; default `<html lang>`. */
  lang?: string;
  /** Milliseconds a native submission waits for the capture (default 1500). */
  'submit-wait'?: number | string;
  /** The form field name the capture id is submitted under. */
  name?: string;
  disabled?: boolean;
}

/** The element's events, by name. */
export interface IzinliConsentEvents {
  'izinli-captured': IzinliCapturedEvent;
  'izinli-error': IzinliErrorEvent;
  'izinli-change': IzinliChangeEvent;
}
