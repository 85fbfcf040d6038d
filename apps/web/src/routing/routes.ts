/** The UI's pages, by path: what a reload or a shared link opens. */
export type Route =
  | { name: 'calendar' }
  | { name: 'channels' }
  | { name: 'compose' }
  | { name: 'post'; id: string }
  | { name: 'not-found'; path: string };

export function parseRoute(pathname: string): Route {
  const path = pathname.replace(/\/+$/, '') || '/';
  if (path === '/' || path === '/calendar') return { name: 'calendar' };
  if (path === '/channels') return { name: 'channels' };
  if (path === '/compose') return { name: 'compose' };
  const post = /^\/posts\/([^/]+)$/.exec(path);
  if (post?.[1]) return { name: 'post', id: decodeURIComponent(post[1]) };
  return { name: 'not-found', path };
}

export function postPath(id: string): string {
  return `/posts/${encodeURIComponent(id)}`;
}
