import type { IzinliProblem } from './events/izinli-error-event.js';

/** The error body of a failed response, or a problem in the same shape when there is none. */
export async function problemOf(response: Response): Promise<IzinliProblem> {
  try {
    const body = (await response.json()) as { error?: IzinliProblem };
    if (body.error?.code) return body.error;
  } catch {
    // Not JSON (a proxy's HTML page, an empty body): describe the status instead.
  }
  return { code: `http.${response.status}`, message: `HTTP ${response.status}` };
}
