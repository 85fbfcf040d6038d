// The key stays in this browser only (localStorage), and is sent to the same Herald that served the page.
const KEY = 'herald.apiKey';

export function readApiKey(storage: Storage = localStorage): string | null {
  const value = storage.getItem(KEY);
  return value && value.trim() !== '' ? value : null;
}

export function saveApiKey(apiKey: string, storage: Storage = localStorage): void {
  storage.setItem(KEY, apiKey.trim());
}

export function clearApiKey(storage: Storage = localStorage): void {
  storage.removeItem(KEY);
}
