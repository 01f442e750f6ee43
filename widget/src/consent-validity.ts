import type { Channel, PhonePolicy } from '@izinli/core';
import { isEmailShape, isFullName, phoneShapeKind } from './address-shape.js';
import type { TypedPerson } from './capture-draft.js';
import type { TranslationKey } from './i18n/index.js';
import { isPhoneChannel } from './site-view.js';

/** Why the element is invalid: the message, the ticked channel and the person's field it is about. */
export interface ConsentProblem {
  message: TranslationKey;
  channel: Channel;
  field: keyof TypedPerson;
}

/**
 * The same cross-field rules as core's `Capture` schema, checked as the person types: a ticked
 * channel needs a name and surname (A3) and a usable address for that channel (A4), and a phone
 * the site's phone rules allow for it (core's `phoneKindProblems`). Purposes need nothing (B5),
 * so all-unticked is always valid.
 */
export function consentProblem(
  ticked: readonly Channel[],
  person: TypedPerson,
  phones: PhonePolicy,
): ConsentProblem | undefined {
  const first = ticked[0];
  if (first === undefined) return undefined;
  if (!isFullName(person.fullName ?? '')) {
    return { message: 'needName', channel: first, field: 'fullName' };
  }
  return addressProblem(ticked, person, phones);
}

/** What the addresses lack for the ticked channels (A4), the name aside: a code goes only to a usable one. */
export function addressProblem(
  ticked: readonly Channel[],
  person: TypedPerson,
  phones: PhonePolicy,
): ConsentProblem | undefined {
  const phoneChannel = ticked.find(isPhoneChannel);
  const phone = person.phone?.trim() ?? '';
  const kind = phoneShapeKind(phone);
  if (phoneChannel && !kind) {
    return { message: 'needPhone', channel: phoneChannel, field: 'phone' };
  }
  if (phoneChannel && kind === 'foreign' && phones.foreign === 'refuse') {
    return { message: 'needTurkishPhone', channel: phoneChannel, field: 'phone' };
  }
  // A foreign number may be a mobile; the server knows (widget has no numbering plan).
  if (ticked.includes('MESAJ') && kind === 'landline' && phones.mesaj === 'mobile') {
    return { message: 'needMobile', channel: 'MESAJ', field: 'phone' };
  }
  const email = person.email?.trim() ?? '';
  if (ticked.includes('EPOSTA') && !isEmailShape(email)) {
    return { message: 'needEmail', channel: 'EPOSTA', field: 'email' };
  }
  return undefined;
}
