/** One problem as the server's API reports it (docs/architecture.md#contracts). */
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
 * What went wrong, in terms a page can switch on; stable across versions (the server's own code
 * is in `error.code`):
 * - `config.unavailable`: the site config could not be loaded; the element shows no boxes;
 * - `origin.not_allowed`: the page's origin is not in the site's `allowedOrigins` (the server
 *   refused the config with `origin.forbidden`); the element shows no boxes and warns in the
 *   console; the form still submits, without a capture;
 * - `capture.skipped`: a submission made no capture (before the config loaded, or invalid);
 * - `capture.retrying`: a send failed (network, 5xx, 408, 429); the capture is kept and retried;
 * - `capture.refused`: the server refused the capture (any other 4xx); it is dropped;
 * - `capture.undelivered`: the sends kept failing until the retry bound; it is dropped.
 */
export type IzinliErrorCode =
  | 'config.unavailable'
  | 'origin.not_allowed'
  | 'capture.skipped'
  | 'capture.retrying'
  | 'capture.refused'
  | 'capture.undelivered';

/**
 * Something failed. `code` says what, `error` is the server's error body (or the network's or the
 * widget's, in its shape), `status` the HTTP status when the server answered, `captureId` the
 * capture concerned, if any. `final` is true unless the capture is still queued and will be sent
 * again (`capture.retrying`): a final capture event is the last one about that capture.
 */
export class IzinliErrorEvent extends Event {
  /** What happened; see {@link IzinliErrorCode}. */
  declare readonly code: IzinliErrorCode;
  /** The server's error `{ code, message, issues? }` as it sent it, or the network's or widget's. */
  declare readonly error: IzinliProblem;
  /** The HTTP status, when the server answered. */
  declare readonly status: number | undefined;
  /** The capture concerned (the id the form submitted), if any. */
  declare readonly captureId: string | undefined;
  /** True unless the capture is kept and will be sent again (`capture.retrying`). */
  declare readonly final: boolean;

  constructor(code: IzinliErrorCode, error: IzinliProblem, status?: number, captureId?: string) {
    super('izinli-error', { bubbles: true, composed: true });
    Object.assign(this, { code, error, status, captureId, final: code !== 'capture.retrying' });
  }

  /** `!final`: the name pages used before `final` and `code` existed. */
  get willRetry(): boolean {
    return !this.final;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'izinli-error': IzinliErrorEvent;
  }
}
