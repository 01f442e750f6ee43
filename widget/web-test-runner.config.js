// The shared Chromium setup plus a fake izinli server (test-support/fake-izinli-server.js) that
// the widget talks to, and the strict CSP on the embed's test pages.
import shared from '../web-test-runner.shared.js';
import { fakeIzinliServer } from './test-support/fake-izinli-server.js';

export default {
  ...shared,
  middleware: [fakeIzinliServer()],
};
