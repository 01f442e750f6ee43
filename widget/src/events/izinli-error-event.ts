/** One problem as the server's API reports it (ARCHITECTURE §Contracts). */
export interface IzinliIssue {
  path: string;
  code: string;
  expected: string;
  received: string;
  message: string;
}

/** The server's error body `{ error: { code, message, issues? } }`, or the widget's own in that shape. */
export interface IzinliProblem {
  code: string;
  message: string;
  issues?: IzinliIssue[];
}

/**
 * Something failed: the site config could not be loaded, a capture was refused (4xx, dropped and
 * never retried), or a send failed and will be retried (`willRetry`). `status` is the HTTP status
 * when the server answered; `captureId` names the capture concerned, if any.
 */
export class IzinliErrorEvent extends Event {
  declare readonly error: IzinliProblem;
  declare readonly willRetry: boolean;
  declare readonly status: number | undefined;
  declare readonly captureId: string | undefined;

  constructor(error: IzinliProblem, willRetry = false, status?: number, captureId?: string) {
    super('izinli-error', { bubbles: true, composed: true });
    Object.assign(this, { error, willRetry, status, captureId });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'izinli-error': IzinliErrorEvent;
  }
}
