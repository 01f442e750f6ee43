import { IYS_LIMITS, IysPushConnection, problemsFromZod, type Problem } from '@izinli/core';
import { firstIndexes, localProblem } from './local-rejection.js';

/** Problems of a multi-status recipient list: 1–1000 entries, each once (İYS: H164, H193). */
export function recipientListProblems(recipients: readonly string[]): Problem[] {
  const max = IYS_LIMITS.multiStatusSize;
  if (recipients.length === 0) {
    const expected = { en: `1 to ${max} recipients`, tr: `1 ile ${max} arasında alıcı` };
    return [localProblem('iys.recipientsEmpty', ['recipients'], expected, [])];
  }
  if (recipients.length > max) {
    return [
      localProblem(
        'iys.recipientsTooMany',
        ['recipients'],
        { en: `at most ${max} recipients`, tr: `en çok ${max} alıcı` },
        `${recipients.length} items`,
        {
          max,
          size: recipients.length,
        },
      ),
    ];
  }
  const earlier = firstIndexes();
  const problems: Problem[] = [];
  recipients.forEach((recipient, i) => {
    const seen = earlier(recipient, i);
    if (seen !== undefined) {
      problems.push(
        localProblem(
          'iys.duplicateRecipient',
          ['recipients', i],
          { en: 'each recipient once', tr: 'her alıcı bir kez' },
          `the recipient at index ${seen}`,
          { firstIndex: seen },
        ),
      );
    }
  });
  return problems;
}

/** Problems of a page `limit` (İYS: H182/H186/H507). */
export function limitProblems(limit: number | undefined, max: number): Problem[] {
  if (limit === undefined || (Number.isInteger(limit) && limit >= 1 && limit <= max)) return [];
  return [
    localProblem(
      'iys.limitOutOfRange',
      ['limit'],
      { en: `an integer from 1 to ${max}`, tr: `1 ile ${max} arasında bir tam sayı` },
      limit,
      { max },
    ),
  ];
}

/** Problems of a history `offset` (İYS: H183). */
export function offsetProblems(offset: number | undefined): Problem[] {
  if (offset === undefined || (Number.isInteger(offset) && offset >= 0)) return [];
  const expected = { en: 'a non-negative integer', tr: 'sıfır ya da pozitif bir tam sayı' };
  return [localProblem('iys.offsetOutOfRange', ['offset'], expected, offset)];
}

/** A push connection with only the fields İYS accepts. */
export const pickConnection = (c: IysPushConnection): IysPushConnection => ({
  url: c.url,
  type: c.type,
  username: c.username,
  password: c.password,
});

/** Problems of a push connection, the endpoint's password never echoed. */
export function connectionProblems(
  connection: IysPushConnection | undefined,
  path: (string | number)[],
): Problem[] {
  const parsed = IysPushConnection.safeParse(connection);
  if (parsed.success) return [];
  // Never echo the endpoint's password back in a problem.
  return problemsFromZod(parsed.error, connection).map((p) => ({
    ...p,
    path: [...path, ...p.path],
    received: p.path.includes('password') ? '…' : p.received,
  }));
}
