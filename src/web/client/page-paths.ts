// The web app's page paths, shared by the server (which serves the shell at each, so bookmarks and
// reloads work) and the client's page table (pages.ts must define a page for every one of them).
// No DOM code here: the server imports this file.
export const PAGE_PATHS = ['/sign-in', '/assign', '/transfers', '/projects', '/projects/:name', '/pixel-review', '/review', '/exports', '/upload', '/projects/:name/viewer', '/projects/:name/dry-run', '/users', '/account', '/apply', '/requests'] as const;

export type PagePath = (typeof PAGE_PATHS)[number];
