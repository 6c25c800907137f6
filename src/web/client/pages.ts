// The page table: one entry per page path (page-paths.ts), in the order of the main navigation. Each
// page is a Preact component in its own folder, loaded when first opened (its own bundle chunk).
// To add a page: add its path to page-paths.ts, make <area>/page.tsx exporting the component, add it here.
import type { ComponentType } from 'preact';
import type { Session } from './api/types.js';
import type { PagePath } from './page-paths.js';

export type Navigate = (path: string, options?: { replace?: boolean }) => void;

/** What the router gives every page. */
export interface PageProps {
  session: Session;
  /** The path's `:parameters`, decoded, in order. */
  params: string[];
  navigate: Navigate;
  /** The server ended the session (e.g. after a password change): say why and show sign-in. */
  signedOut(message: string): void;
}

export interface PageDef {
  /** The browser tab's title (" · Fiona" is added). */
  title: string;
  /** Its label in the main navigation, if it has one. */
  nav?: string;
  /** The navigation entry marked current while this page is open (a project's page: Projects). */
  under?: PagePath;
  /** Who may open it (default: everyone signed in); others see "Nothing here". The server checks again. */
  show?: (session: Session) => boolean;
  load: () => Promise<ComponentType<PageProps>>;
}

export const PAGES: Record<Exclude<PagePath, '/sign-in'>, PageDef> = {
  '/assign': { title: 'Assign', nav: 'Assign', show: (s) => s.mayBrowseQuarantine, load: async () => (await import('./assign/page.js')).AssignPage },
  '/transfers': { title: 'Transfers', nav: 'Transfers', load: async () => (await import('./transfers/page.js')).TransfersPage },
  '/projects': { title: 'Projects', nav: 'Projects', load: async () => (await import('./projects/list-page.js')).ProjectsPage },
  '/projects/:name': { title: 'Project', under: '/projects', load: async () => (await import('./projects/project-page.js')).ProjectPage },
  '/pixel-review': { title: 'Pixel review', nav: 'Pixel review', load: async () => (await import('./pixel-review/page.js')).PixelReviewPage },
  '/review': { title: 'Review', nav: 'Review', load: async () => (await import('./review/page.js')).ReviewPage },
  '/projects/:name/dry-run': { title: 'Dry run', under: '/review', load: async () => (await import('./review/dry-run-page.js')).DryRunPage },
  '/exports': { title: 'Exports', nav: 'Exports', load: async () => (await import('./exports/page.js')).ExportsPage },
  '/upload': { title: 'Upload', nav: 'Upload', show: (s) => s.mayBrowseQuarantine, load: async () => (await import('./upload/page.js')).UploadPage },
  '/projects/:name/viewer': { title: 'Viewer', under: '/projects', load: async () => (await import('./viewer/page.js')).ViewerPage },
  '/users': { title: 'Users', nav: 'Users', show: (s) => s.user.isAdmin, load: async () => (await import('./users/page.js')).UsersPage },
  '/apply': { title: 'Apply', nav: 'Apply', load: async () => (await import('./apply/page.js')).ApplyPage },
  '/requests': { title: 'Requests', nav: 'Requests', load: async () => (await import('./requests/page.js')).RequestsPage },
  '/account': { title: 'Account', load: async () => (await import('./account/page.js')).AccountPage },
};

/** '/projects/:name' → /^\/projects\/([^/]+)$/ */
export function pathPattern(path: string): RegExp {
  return new RegExp(`^${path.replace(/:[A-Za-z]+/g, '([^/]+)')}$`);
}
