// The admin token lives in sessionStorage only: this tab, until logout or the tab closes.
const TOKEN_KEY = 'izinli-admin-token';

export function readToken(storage: Storage = sessionStorage): string | undefined {
  return storage.getItem(TOKEN_KEY) ?? undefined;
}

export function saveToken(token: string, storage: Storage = sessionStorage): void {
  storage.setItem(TOKEN_KEY, token);
}

export function clearToken(storage: Storage = sessionStorage): void {
  storage.removeItem(TOKEN_KEY);
}
