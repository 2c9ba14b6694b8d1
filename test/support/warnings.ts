// A logger that keeps the bot's warnings as "message: problem" lines, for tests that check what was logged.
import { Writable } from 'node:stream';
import { createLogger, type Logger } from '../../src/log.js';

/** A warn-level logger and the warnings it has received so far (the array fills as the bot logs). */
export function warningLog(): { logger: Logger; warnings: string[] } {
  const warnings: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      const record = JSON.parse(chunk.toString()) as { level: number; msg: string; problem?: string };
      if (record.level === 40) warnings.push(`${record.msg}: ${record.problem}`);
      done();
    },
  });
  return { logger: createLogger('warn', sink), warnings };
}
