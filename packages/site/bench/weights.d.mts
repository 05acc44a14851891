/** The built site. */
export declare const DIST: string;
/** Budgets in bytes of gzip. */
export declare const BUDGETS: { readonly decoder: number; readonly codePage: number };
/** A page's weight: its HTML and every asset it pulls in. */
export declare function pageWeight(htmlPath: string): { page: string; gzip: number; files: { path: string; gzip: number }[] };
/** Every HTML page under `dist`. */
export declare function htmlPages(dir?: string): string[];
