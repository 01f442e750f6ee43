// "May I send this campaign?": a whole list checked with the batch check (`POST /v1/check`), in
// batches of at most CHECK_BATCH_MAX, a few at a time and at most so many a second, retrying a
// busy server's 429 and 503 after its Retry-After, and reporting progress after each batch.
import { IzinliApiError, dataOf } from './client.js';
import type { IzinliClient, Schemas } from './client.js';
import type { Channel, RecipientType } from './check.js';

/** Most recipients the server takes in one batch check (its `CheckBatch.recipients.maxItems`). */
export const CHECK_BATCH_MAX = 1000;

type BatchAnswer = Schemas['CheckBatchResult']['results'][number];

/** Where a campaign check stands, after each batch. */
export interface CampaignProgress {
  /** Recipients answered so far. */
  checked: number;
  total: number;
  /** Of those, the ones that may get the message. */
  allowed: number;
  batchesDone: number;
  batches: number;
}

export interface CampaignCheckOptions {
  type: Channel;
  /** Phone numbers (MESAJ, ARAMA) or e-mail addresses (EPOSTA), in any common form. */
  recipients: readonly string[];
  /** Default BIREYSEL. */
  recipientType?: RecipientType;
  /** Required when the tenant has several brands. */
  brandCode?: number;
  /** Recipients per request, 1 to CHECK_BATCH_MAX (the default). */
  batchSize?: number;
  /** Requests in flight at once (default 2). */
  concurrency?: number;
  /** Most requests started in any second (default: no limit beyond `concurrency`). */
  requestsPerSecond?: number;
  /** Retries of one batch the server answered 429 or 503, or that failed on the network (default 5). */
  retries?: number;
  /** Called after each batch. */
  onProgress?: (progress: CampaignProgress) => void;
  /** Stops the check: pending batches are not sent and the promise rejects. */
  signal?: AbortSignal;
}

/** A recipient that may not get the message, as given and as the server normalised it. */
export interface RefusedRecipient {
  recipient: string;
  normalized: string;
  /** RET on İYS, or null: no record (a person needs an ONAY on İYS). */
  status: BatchAnswer['status'];
  /** A refusal recorded in izinli that İYS has not confirmed yet. */
  pending?: true;
}

/** A recipient the server could not read as an address of the channel. */
export interface InvalidRecipient {
  recipient: string;
  /** Its position in the list (the issue's path counts within its batch). */
  index: number;
  issue: NonNullable<BatchAnswer['issue']>;
}

/** The answer for a whole list, each part in the list's order. */
export interface CampaignCheck {
  total: number;
  /** The recipients (as given) that may get the message. */
  allowed: string[];
  refused: RefusedRecipient[];
  invalid: InvalidRecipient[];
}

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason as Error);
      return;
    }
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal!.reason as Error);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });

/** Milliseconds to wait before retrying: the server's Retry-After, else a doubling backoff. */
function retryDelay(error: unknown, attempt: number): number {
  const after = error instanceof IzinliApiError ? error.retryAfterSeconds : undefined;
  if (after !== undefined) return after * 1000;
  return Math.min(10_000, 250 * 2 ** attempt);
}

const retriable = (error: unknown) =>
  error instanceof IzinliApiError
    ? error.status === 429 || error.status === 503
    : error instanceof TypeError; // fetch's network failure

/** Checks every recipient of a campaign; see CampaignCheckOptions for batching and pace. */
export async function checkCampaign(
  client: IzinliClient,
  options: CampaignCheckOptions,
): Promise<CampaignCheck> {
  const { recipients, signal } = options;
  const batchSize = options.batchSize ?? CHECK_BATCH_MAX;
  if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > CHECK_BATCH_MAX) {
    throw new RangeError(
      `batchSize must be 1 to ${String(CHECK_BATCH_MAX)}, not ${String(batchSize)}`,
    );
  }
  const concurrency = Math.max(1, Math.floor(options.concurrency ?? 2));
  const gapMs = options.requestsPerSecond ? 1000 / options.requestsPerSecond : 0;
  const retries = options.retries ?? 5;
  const batches = Math.ceil(recipients.length / batchSize);
  const answers: BatchAnswer[][] = new Array<BatchAnswer[]>(batches);
  const progress: CampaignProgress = {
    checked: 0,
    total: recipients.length,
    allowed: 0,
    batchesDone: 0,
    batches,
  };
  let next = 0;
  // The earliest time the next request may start (requestsPerSecond).
  let nextStart = 0;

  const send = async (batch: readonly string[]) => {
    for (let attempt = 0; ; attempt++) {
      if (gapMs > 0) {
        const now = Date.now();
        const at = Math.max(now, nextStart);
        nextStart = at + gapMs;
        if (at > now) await sleep(at - now, signal);
      }
      signal?.throwIfAborted();
      try {
        const body = {
          type: options.type,
          recipients: [...batch],
          ...(options.recipientType ? { recipientType: options.recipientType } : {}),
          ...(options.brandCode !== undefined ? { brandCode: options.brandCode } : {}),
        };
        return (await dataOf(client.POST('/v1/check', { body, ...(signal ? { signal } : {}) })))
          .results;
      } catch (error) {
        if (signal?.aborted || attempt >= retries || !retriable(error)) throw error;
        await sleep(retryDelay(error, attempt), signal);
      }
    }
  };

  const worker = async () => {
    while (next < batches) {
      const index = next++;
      const batch = recipients.slice(index * batchSize, (index + 1) * batchSize);
      const results = await send(batch);
      answers[index] = results;
      progress.checked += results.length;
      progress.allowed += results.filter((r) => r.allowed).length;
      progress.batchesDone++;
      options.onProgress?.({ ...progress });
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, batches) }, worker));

  const result: CampaignCheck = { total: recipients.length, allowed: [], refused: [], invalid: [] };
  answers.forEach((batch, b) => {
    batch.forEach((answer, i) => {
      const index = b * batchSize + i;
      const recipient = recipients[index]!;
      if (answer.issue) result.invalid.push({ recipient, index, issue: answer.issue });
      else if (answer.allowed) result.allowed.push(recipient);
      else
        result.refused.push({
          recipient,
          normalized: answer.recipient,
          status: answer.status,
          ...(answer.pending ? { pending: true as const } : {}),
        });
    });
  });
  return result;
}
