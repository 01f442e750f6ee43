// The bookshop's own script on its signup page. The widget needs none of it: it only shows what
// the widget reports, and holds the form while the browser is offline (the widget keeps the
// capture in IndexedDB and sends it when the connection returns; the signup itself then goes on).
import { showStatus, t } from './demo-text.js';

// The widget's types declare `izinli-error` on the document as an IzinliErrorEvent.
/** @typedef {import('../../widget/src/index.js').IzinliErrorEvent} IzinliErrorEvent */

// index.html has both.
const form = /** @type {HTMLFormElement} */ (document.getElementById('uyelik'));
const status = /** @type {HTMLElement} */ (document.getElementById('durum'));
let waitingForOnline = false;

form.addEventListener('submit', (event) => {
  if (navigator.onLine) return;
  // The page handles this submission itself: the widget still sends (and queues) the capture.
  event.preventDefault();
  showStatus(status, t.offline);
  if (waitingForOnline) return;
  waitingForOnline = true;
  window.addEventListener(
    'online',
    () => {
      waitingForOnline = false;
      showStatus(status, t.resuming);
      form.requestSubmit();
    },
    { once: true },
  );
});

document.addEventListener('izinli-error', (event) => {
  if (!navigator.onLine) return;
  // The widget's stable codes (widget/README.md, Events): only a refusal carries the server's why.
  const { code, error, final } = event;
  if (!final) showStatus(status, t.willRetry);
  else if (code === 'capture.undelivered') showStatus(status, t.undelivered, 'bad');
  else showStatus(status, `${t.refused} ${error.message}`, 'bad');
});
