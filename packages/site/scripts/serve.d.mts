import type { Server } from 'node:http';
/** The built site. */
export declare const DIST: string;
/** Serve `root` on 127.0.0.1 (port 0 picks a free one). */
export declare function serve(root?: string, port?: number): Promise<{ server: Server; origin: string }>;
