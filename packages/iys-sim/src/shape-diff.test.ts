import { describe, expect, it } from 'vitest';
import { shapeDiff } from './shape-diff.test-support.js';

describe('shapeDiff', () => {
  it('finds nothing when the answer has the example’s keys, types and formats', () => {
    const example = {
      transactionId: '162cc155429fdccd7f2be8e9482aa322993ff210c2923fb84e8ed0fb1902ae21',
      creationDate: '2020-08-06 15:50:23',
      expires_in: 7200,
      list: [{ ok: true }],
    };
    const actual = {
      creationDate: '2025-10-15 10:00:00',
      transactionId: 'a'.repeat(64),
      expires_in: 14400,
      list: [{ ok: false }, { ok: true }],
    };
    expect(shapeDiff(actual, example)).toEqual([]);
  });

  it('names a missing key and an unexpected one with their paths', () => {
    expect(shapeDiff({ a: { c: 1 } }, { a: { b: 'x' } })).toEqual([
      '$.a.b: missing, expected string "x"',
      '$.a.c: not in the example, received number 1',
    ]);
  });

  it('reports a changed JSON type with what was expected and received', () => {
    expect(shapeDiff({ flag: 'true', list: {} }, { flag: true, list: [] })).toEqual([
      '$.flag: expected boolean true, received string "true"',
      '$.list: expected an array of 0, received an object {}',
    ]);
  });

  it('checks the formats an example shows: İYS date, UUID, hex id, error code', () => {
    const example = {
      creationDate: '2020-08-21 14:45:24',
      subRequestId: '3e141ad8-cdd5-49f2-a4b9-28ed76bc9677',
      transactionId: '432cc155429fdccd7f2be8e9482aa322993ff210c2923fb84e8ed0fb1902ae21',
      code: 'H175',
      message: 'free text',
    };
    const actual = {
      creationDate: '2020-08-21T14:45:24Z',
      subRequestId: '3e141ad8cdd549f2a4b928ed76bc9677',
      transactionId: '432CC155',
      code: '175',
      message: 'anything',
    };
    expect(shapeDiff(actual, example)).toEqual([
      '$.creationDate: expected an İYS date (YYYY-MM-DD HH:mm:ss) like string "2020-08-21 14:45:24", received string "2020-08-21T14:45:24Z"',
      '$.subRequestId: expected a UUID like string "3e141ad8-cdd5-49f2-a4b9-28ed76bc9677", received string "3e141ad8cdd549f2a4b928ed76bc9677"',
      '$.transactionId: expected 64 lower-case hex digits like string "432cc155429fdccd7f2be8e9482aa322993ff210c2923fb84e8ed0fb1902ae21", received string "432CC155"',
      '$.code: expected an İYS error code (H + digits) like string "H175", received string "175"',
    ]);
  });

  it('keeps integers integers', () => {
    expect(shapeDiff({ expires_in: 7200.5 }, { expires_in: 7200 })).toEqual([
      '$.expires_in: expected an integer like number 7200, received number 7200.5',
    ]);
  });

  it('compares arrays item by item when as long as the example, else against its first item', () => {
    const example = [{ status: 'failure', error: {} }, { status: 'success' }];
    expect(shapeDiff([{ status: 'failure', error: {} }, { status: 'success' }], example)).toEqual(
      [],
    );
    expect(shapeDiff([{ status: 'success' }], example)).toEqual([
      '$[0].error: missing, expected an object {}',
    ]);
    expect(shapeDiff([], example)).toEqual([
      '$: expected items like an object {status, error}, received an empty array',
    ]);
  });

  it('treats an example mixing JSON types as a tuple of fixed length', () => {
    expect(shapeDiff(['retailerAccess', 0], ['retailerAccess', 3])).toEqual([]);
    expect(shapeDiff(['retailerAccess'], ['retailerAccess', 3])).toEqual([
      '$: expected 2 items (a tuple), received 1',
    ]);
    expect(shapeDiff(['retailerAccess', '0'], ['retailerAccess', 3])).toEqual([
      '$[1]: expected number 3, received string "0"',
    ]);
  });

  it('quotes keys that are not identifiers, such as the document’s "code:" typo', () => {
    expect(shapeDiff({ errors: [{ code: 'H353' }] }, { errors: [{ 'code:': 'H353' }] })).toEqual([
      '$.errors[0]["code:"]: missing, expected string "H353"',
      '$.errors[0].code: not in the example, received string "H353"',
    ]);
  });
});
