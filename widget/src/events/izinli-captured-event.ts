/** The server stored the capture (2xx): its id and the signed receipt, a compact JWS. */
export class IzinliCapturedEvent extends Event {
  declare readonly captureId: string;
  declare readonly receipt: string;

  constructor(captureId: string, receipt: string) {
    super('izinli-captured', { bubbles: true, composed: true });
    Object.assign(this, { captureId, receipt });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'izinli-captured': IzinliCapturedEvent;
  }
}
