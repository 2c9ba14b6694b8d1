// Types of bin/build-state.js (plain JavaScript: it runs before anything is compiled), for the TypeScript that uses it.
/** The package root, where src/ and dist/ are. */
export declare const ROOT: string;
/** Where the build records when it read the sources it compiled. */
export declare function buildStampOf(root?: string): string;
/** The latest modification time under src/, folders included. */
export declare function newestSourceMtimeMs(root?: string): number;
/** Whether dist/ is current with src/, stale, or missing. */
export declare function buildState(root?: string): 'current' | 'stale' | 'missing';
