// The CLI's output: lines to stdout and stderr, and streamed files to stdout or to a file that appears only once it
// is complete (written beside it and renamed), so a failed or interrupted export never leaves half a file under the
// name asked for. A reader that goes away (`rampart timeline INC-1 | head`) ends the command quietly: the write's
// EPIPE is caught here once, and the next line written throws StdoutClosed, which unwinds the command (closing the
// database on the way) to an exit without a message.
import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { AppError } from '../core/errors.js';

/** Thrown by printLine once nobody reads stdout any more; the CLI ends quietly on it. */
export class StdoutClosed extends Error {
  override readonly name = 'StdoutClosed';
  constructor(options?: { cause?: unknown }) {
    super('stdout was closed by its reader', options);
  }
}

let stdoutClosed = false;

/**
 * Listens for the reader of stdout or stderr going away. Without a listener, Node turns the write's EPIPE into an
 * uncaught exception and a stack trace; with it, later writes are dropped and printLine stops the command.
 */
export function watchForClosedOutput(): void {
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code !== 'EPIPE') throw err;
    stdoutClosed = true;
  });
  process.stderr.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code !== 'EPIPE') throw err;
  });
}

/** True when err means stdout's reader went away (our StdoutClosed, or an EPIPE from a stream piped to stdout). */
export function isClosedStdout(err: unknown): boolean {
  return err instanceof StdoutClosed || (stdoutClosed && (err as NodeJS.ErrnoException | undefined)?.code === 'EPIPE');
}

/** Writes one line to stdout; throws StdoutClosed once its reader has gone. */
export function printLine(line: string): void {
  if (stdoutClosed) throw new StdoutClosed();
  process.stdout.write(`${line}\n`);
}

/** Writes one line to stderr. */
export function printErrorLine(line: string): void {
  process.stderr.write(`${line}\n`);
}

/** Streams chunks to `out` (atomically) or to stdout when no file is named. */
export async function writeChunks(chunks: AsyncIterable<string>, out: string | undefined): Promise<void> {
  if (!out) {
    if (stdoutClosed) throw new StdoutClosed();
    try {
      await pipeline(Readable.from(chunks), process.stdout, { end: false });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'EPIPE') throw new StdoutClosed({ cause: err });
      throw err;
    }
    return;
  }
  const partial = `${out}.partial-${process.pid}`;
  try {
    await pipeline(Readable.from(chunks), createWriteStream(partial));
    await rename(partial, out);
  } catch (err) {
    await rm(partial, { force: true });
    throw fileErrorFor(out, err);
  }
}

// Why a file could not be written, said about the file asked for (not the hidden partial one beside it).
const FILE_ERRORS: Record<string, string> = {
  ENOENT: 'its folder does not exist',
  ENOTDIR: 'part of its path is not a folder',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EISDIR: 'it is a folder',
  ENOSPC: 'the disk is full',
  EROFS: 'the file system is read-only',
};

function fileErrorFor(out: string, err: unknown): unknown {
  const code = (err as NodeJS.ErrnoException).code;
  const why = code ? FILE_ERRORS[code] : undefined;
  return why ? new AppError('invalid_input', `Cannot write ${out}: ${why}.`, { file: out }, { cause: err }) : err;
}
