import type { Channel } from '@izinli/core';

/**
 * How a channel held for its owner's confirmation stands when the capture is stored
 * (docs/verification.md#the-flow): `sent` (a link went out), `confirmed` (a code was already
 * confirmed) or `unverified` (nothing confirms it yet).
 */
export interface IzinliVerification {
  channel: Channel;
  method: 'code' | 'link';
  state: 'sent' | 'confirmed' | 'unverified';
}

/**
 * The server stored the capture (2xx): its id, the signed receipt (a compact JWS), and the held
 * channels' verification (empty when the site verifies none).
 */
export class IzinliCapturedEvent extends Event {
  declare readonly captureId: string;
  declare readonly receipt: string;
  declare readonly verification: IzinliVerification[];

  constructor(captureId: string, receipt: string, verification: IzinliVerification[] = []) {
    super('izinli-captured', { bubbles: true, composed: true });
    Object.assign(this, { captureId, receipt, verification });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'izinli-captured': IzinliCapturedEvent;
  }
}
