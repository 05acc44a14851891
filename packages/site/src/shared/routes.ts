/**
 * The site's URL scheme, shared by the prerender step and the browser code.
 * Every path is relative to the site root and ends in `/` (a folder with an
 * `index.html`), so the site works under any base path (GitHub Pages serves
 * it under `/<repository>/`): pages link with a `root` prefix such as
 * `"../../"` rather than absolute URLs.
 *
 * @packageDocumentation
 */

/** `enhanced/X.7.26/`: one page per registry entry, by its registry code. */
export const enhancedPath = (registryCode: string): string => `enhanced/${registryCode}/`;

/** `reply/550/`: one page per reply code. */
export const replyPath = (code: number): string => `reply/${code}/`;

/** `class/5/`: one page per enhanced status class. */
export const classPath = (cls: number): string => `class/${cls}/`;

/** `subject/7/`: one page per enhanced status subject. */
export const subjectPath = (subject: number): string => `subject/${subject}/`;

/** The decoder, with the input (and the command it answered) in the query: `decode/?q=550%205.1.1&cmd=RCPT`. */
export function decodePath(input?: string, command?: string): string {
  const params = new URLSearchParams();
  if (input !== undefined && input !== '') params.set('q', input);
  if (command) params.set('cmd', command);
  const query = params.toString();
  return query ? `decode/?${query}` : 'decode/';
}

/** The prefix that leads from a page at `path` back to the site root: `"../../"` for `enhanced/X.1.1/`, `""` for the home page. */
export function rootFrom(path: string): string {
  const depth = path.split('/').filter(Boolean).length;
  return '../'.repeat(depth);
}
