// Problems found in playbook and tip files, logged loudly (one line each) so one bad file never goes unnoticed.
import type { Logger } from './log.js';
import { formatProblem, type PlaybookProblem } from './core/index.js';

/** Logs each problem: errors as errors, the rest as warnings. */
export function logProblems(problems: readonly PlaybookProblem[], what: string, logger?: Logger): void {
  for (const p of problems) {
    const log = p.severity === 'error' ? logger?.error.bind(logger) : logger?.warn.bind(logger);
    log?.({ file: p.file, line: p.line, path: p.path }, `${what} problem: ${formatProblem(p)}`);
  }
}
