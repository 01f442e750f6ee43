// The built-in texts of the code and link messages, Turkish first, English second. Each says who
// asks (the site's name), what for (confirming a permission to receive messages at this address),
// the code or link, how long it works, and what to do if it was not you; nothing promotional
// (docs/verification.md#configuration). Sites replace them with `verification.messages`.
import type { SupportedLocale } from '@izinli/core';

/** What a message is built from: the site's name, the secret, and how long it works. */
export type MessageFacts = { brand: string; minutes: number } & (
  { method: 'code'; code: string } | { method: 'link'; link: string }
);

/** The paragraphs of an e-mail; the secret's own paragraph is marked so HTML can set it apart. */
export interface BuiltInEmail {
  subject: string;
  paragraphs: { text: string; secret?: boolean }[];
}

export interface BuiltInTexts {
  sms(facts: MessageFacts): string;
  email(facts: MessageFacts): BuiltInEmail;
  /** "3 dakika", "72 saat", "3 gün"… */
  duration(minutes: number): string;
}

/** Minutes, hours or days: whichever says a life of `minutes` plainly, never more than it is. */
function unitOf(minutes: number): { n: number; unit: 'minute' | 'hour' | 'day' } {
  if (minutes < 120) return { n: Math.max(1, Math.floor(minutes)), unit: 'minute' };
  const hours = Math.floor(minutes / 60);
  if (hours >= 48 && hours % 24 === 0) return { n: hours / 24, unit: 'day' };
  return { n: hours, unit: 'hour' };
}

const tr: BuiltInTexts = {
  duration(minutes) {
    const { n, unit } = unitOf(minutes);
    return `${n} ${{ minute: 'dakika', hour: 'saat', day: 'gün' }[unit]}`;
  },
  sms(f) {
    const notYou = 'Bu istek size ait değilse bu mesajı dikkate almayın.';
    return f.method === 'code'
      ? `${f.brand}: bu numaraya ileti gönderilmesine verdiğiniz izni onaylamak için kodunuz ${f.code}. Kod ${tr.duration(f.minutes)} geçerlidir. ${notYou}`
      : `${f.brand}: bu numaraya ileti gönderilmesine verdiğiniz izni onaylamak için: ${f.link} Bağlantı ${tr.duration(f.minutes)} geçerlidir. ${notYou}`;
  },
  email(f) {
    const asks = `${f.brand}, bu e-posta adresine ileti gönderilmesi için verdiğiniz izni onaylamanızı istiyor.`;
    const notYou =
      'Bu istek size ait değilse bu e-postayı dikkate almayın: izin onaylanmaz ve bu adrese ileti gönderilmez.';
    return f.method === 'code'
      ? {
          subject: `${f.brand} doğrulama kodunuz`,
          paragraphs: [
            { text: asks },
            { text: `Doğrulama kodunuz: ${f.code}`, secret: true },
            { text: `Kod ${tr.duration(f.minutes)} geçerlidir.` },
            { text: notYou },
          ],
        }
      : {
          subject: `${f.brand}: iletişim izninizi onaylayın`,
          paragraphs: [
            { text: asks },
            { text: 'Onaylamak için bu bağlantıyı açıp “Onayla” düğmesine basın:' },
            { text: f.link, secret: true },
            { text: `Bağlantı ${tr.duration(f.minutes)} geçerlidir.` },
            { text: notYou },
          ],
        };
  },
};

const en: BuiltInTexts = {
  duration(minutes) {
    const { n, unit } = unitOf(minutes);
    return `${n} ${unit}${n === 1 ? '' : 's'}`;
  },
  sms(f) {
    const notYou = 'If this was not you, ignore this message.';
    return f.method === 'code'
      ? `${f.brand}: to confirm your permission to receive messages at this number, your code is ${f.code}. It is valid for ${en.duration(f.minutes)}. ${notYou}`
      : `${f.brand}: to confirm your permission to receive messages at this number: ${f.link} The link is valid for ${en.duration(f.minutes)}. ${notYou}`;
  },
  email(f) {
    const asks = `${f.brand} asks you to confirm your permission to receive messages at this e-mail address.`;
    const notYou =
      'If this was not you, ignore this e-mail: nothing is confirmed and no messages are sent to this address.';
    return f.method === 'code'
      ? {
          subject: `Your ${f.brand} verification code`,
          paragraphs: [
            { text: asks },
            { text: `Your verification code: ${f.code}`, secret: true },
            { text: `The code is valid for ${en.duration(f.minutes)}.` },
            { text: notYou },
          ],
        }
      : {
          subject: `${f.brand}: confirm your permission`,
          paragraphs: [
            { text: asks },
            { text: 'To confirm, open this link and press “Confirm”:' },
            { text: f.link, secret: true },
            { text: `The link is valid for ${en.duration(f.minutes)}.` },
            { text: notYou },
          ],
        };
  },
};

/** The built-in texts of each locale. */
export const BUILT_IN_TEXTS: Record<SupportedLocale, BuiltInTexts> = { tr, en };
