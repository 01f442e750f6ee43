// A file the admin API sends (the evidence bundle, a reconciled day's CSV and .tsr): fetched with
// the bearer token (a plain link could not send it), then saved through a hidden link to a blob.
import type { AdminApi } from './api.js';

/** Downloads `path` and saves it under the server's file name, else `fallback`; returns the name. */
export async function download(api: AdminApi, path: string, fallback: string): Promise<string> {
  const response = await api.request(path);
  const name =
    /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '')?.[1] ?? fallback;
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
  return name;
}
