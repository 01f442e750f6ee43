// What a broken gateway or a half-written answer may hand a client in place of İYS's JSON, with
// İYS's own status: HTML, truncated JSON, the wrong shape, control bytes, nothing. İYS has acted
// on the request all the same; a client must treat the answer as unknown, never as a refusal.
export const GARBLED_BODIES: readonly string[] = [
  '<html><body>502 Bad Gateway</body></html>',
  '{"transactionId": "a1b2',
  '[]',
  'null',
  '{"transactionId": 12, "creationDate": false}',
  '\u0000\u0001\u0002',
  '',
];
