/** Types of shared-data.mjs (the shared test data: where it is, the skip message, the turbo stamp). */
export declare const ROOT: string;
export declare const SHARED_FOLDERS: readonly string[];
export declare const STAMP: string;
export declare function sharedDir(env?: Readonly<Record<string, string | undefined>>): string;
export declare function sharedSkipMessage(what: string, path: string): string;
export declare function sharedStamp(dir: string): { path: string; folders: Record<string, { files: number; sha256: string } | null> };
export declare function writeStamp(env?: Readonly<Record<string, string | undefined>>): boolean;
