// Types of bin/build-state.js (plain JavaScript: it runs before anything is compiled), for the TypeScript that uses it.
/** Where the build records when it read the sources it compiled. */
export declare const BUILD_STAMP: string;
/** The latest modification time under src/, folders included. */
export declare function newestSourceMtimeMs(): number;
/** Whether dist/ is current with src/, stale, or missing. */
export declare function buildState(): 'current' | 'stale' | 'missing';
