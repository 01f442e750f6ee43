// The module build (dist/izinli.js): `<script type="module" src=".../izinli.js">`.
import './start.js';

export { IzinliConsent } from './izinli-consent.js';
export { defineIzinliConsent, TAG_NAME } from './define.js';
export { CaptureOutbox } from './capture-outbox.js';
export type { OutboxOptions, QueuedCapture } from './capture-outbox.js';
export { IzinliCapturedEvent } from './events/izinli-captured-event.js';
export type { IzinliVerification } from './events/izinli-captured-event.js';
export { IzinliChangeEvent } from './events/izinli-change-event.js';
export { IzinliErrorEvent } from './events/izinli-error-event.js';
export type { IzinliErrorCode, IzinliIssue, IzinliProblem } from './events/izinli-error-event.js';
export { WIDGET_VERSION } from './version.js';
