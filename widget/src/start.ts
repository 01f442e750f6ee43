// What loading the script does: register <izinli-consent> and send whatever earlier pages left
// in the outbox (docs/architecture.md#capture). A second copy does neither, so one queue has one sender.
import { sharedOutbox } from './capture-outbox.js';
import { defineIzinliConsent } from './define.js';

if (defineIzinliConsent()) sharedOutbox();
