import { IYS_LIMITS, IysPushConnection, problemsFromZod, type Problem } from '@izinli/core';
import { localProblem } from './local-rejection.js';

/** Problems of a multi-status recipient list: 1–1000 entries, each once (İYS: H164, H193). */
export function recipientListProblems(recipients: readonly string[]): Problem[] {
  const max = IYS_LIMITS.multiStatusSize;
  if (recipients.length === 0) {
    return [localProblem('iys.recipientsEmpty', ['recipients'], `1 to ${max} recipients`, [])];
  }
  if (recipients.length > max) {
    return [
      localProblem(
        'iys.recipientsTooMany',
        ['recipients'],
        `at most ${max} recipients`,
        `${recipients.length} items`,
        {
          max,
          size: recipients.length,
        },
      ),
    ];
  }
  const first = new Map<string, number>();
  const problems: Problem[] = [];
  recipients.forEach((recipient, i) => {
    const seen = first.get(recipient);
    if (seen === undefined) first.set(recipient, i);
    else {
      problems.push(
        localProblem(
          'iys.duplicateRecipient',
          ['recipients', i],
          'each recipient once',
          `the recipient at index ${seen}`,
          {
            firstIndex: seen,
          },
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
    localProblem('iys.limitOutOfRange', ['limit'], `an integer from 1 to ${max}`, limit, { max }),
  ];
}

/** Problems of a history `offset` (İYS: H183). */
export function offsetProblems(offset: number | undefined): Problem[] {
  if (offset === undefined || (Number.isInteger(offset) && offset >= 0)) return [];
  return [localProblem('iys.offsetOutOfRange', ['offset'], 'a non-negative integer', offset)];
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
