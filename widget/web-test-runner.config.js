// The shared Chromium setup, the embed's test pages under the strict CSP
// (test-support/embed-pages.js), and a fake izinli server (test-support/fake-izinli-server.js)
// that the widget talks to.
import shared from '../web-test-runner.shared.js';
import { embedPages } from './test-support/embed-pages.js';
import { fakeIzinliServer } from './test-support/fake-izinli-server.js';

export default {
  ...shared,
  middleware: [embedPages(), fakeIzinliServer()],
};
