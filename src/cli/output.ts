// The CLI's output: lines to stdout and stderr, and streamed files to stdout or to a file that appears only once it
// is complete (written beside it and renamed), so a failed or interrupted export never leaves half a file under the
// name asked for. A reader that goes away (`rampart timeline INC-1 | head`) ends the command quietly: the write's
// EPIPE is caught here once, and the next line written throws StdoutClosed, which unwinds the command (closing the
// database on the way) to an exit without a message.
//
// Each run of the CLI gets its own CliOutput (see runCli), so whether stdout was closed is remembered per run and
// never leaks from one in-process run (a test) into the next.
import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { AppError } from '../shared/errors.js';

/** Thrown by CliOutput.out once nobody reads stdout any more; the CLI ends quietly on it. */
export class StdoutClosed extends Error {
  override readonly name = 'StdoutClosed';
  constructor(options?: { cause?: unknown }) {
    super('stdout was closed by its reader', options);
  }
}

/** A stream the CLI writes to: process.stdout and process.stderr, or a test's collector. */
export type CliStream = NodeJS.WritableStream & { isTTY?: boolean };

/** Where one run of the CLI writes. */
export interface CliOutput {
  /** Writes one line to stdout; throws StdoutClosed once its reader has gone. */
  out(line: string): void;
  /** Writes one line to stderr. */
  err(line: string): void;
  /** Streams chunks to the file `out` (atomically), or to stdout when no file is named. */
  writeChunks(chunks: AsyncIterable<string>, out: string | undefined): Promise<void>;
  /** True when err means stdout's reader went away (StdoutClosed, or an EPIPE from a stream piped to stdout). */
  isClosedStdout(err: unknown): boolean;
  readonly stdout: CliStream;
  readonly stderr: CliStream;
}

/**
 * The output of one run over two streams. It listens for their readers going away: without a listener, Node turns the
 * write's EPIPE into an uncaught exception and a stack trace; with it, later writes are dropped and `out` stops the
 * command.
 */
export function cliOutput(stdout: CliStream, stderr: CliStream): CliOutput {
  let stdoutClosed = false;
  stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code !== 'EPIPE') throw err;
    stdoutClosed = true;
  });
  stderr.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code !== 'EPIPE') throw err;
  });
  return {
    stdout,
    stderr,
    out(line) {
      if (stdoutClosed) throw new StdoutClosed();
      stdout.write(`${terminalSafe(line)}\n`);
    },
    err(line) {
      stderr.write(`${terminalSafe(line)}\n`);
    },
    async writeChunks(chunks, out) {
      if (out) return writeFileAtomically(chunks, out);
      if (stdoutClosed) throw new StdoutClosed();
      try {
        await pipeline(Readable.from(chunks), stdout, { end: false });
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'EPIPE') throw new StdoutClosed({ cause: err });
        throw err;
      }
    },
    isClosedStdout(err) {
      return err instanceof StdoutClosed || (stdoutClosed && (err as NodeJS.ErrnoException | undefined)?.code === 'EPIPE');
    },
  };
}

// Control characters other than tab and newline (ESC among them), C0 and C1.
// eslint-disable-next-line no-control-regex
const CONTROLS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;

/**
 * A line as it may reach a terminal: lines quote what people and other systems wrote (titles, a webhook receiver's
 * error answer), and an escape sequence in them could rewrite the screen or the window title. Each control character
 * shows as U+FFFD instead. (JSON output escapes them itself; files written with writeChunks are left exact.)
 */
export function terminalSafe(line: string): string {
  return line.replace(CONTROLS, '\uFFFD');
}

async function writeFileAtomically(chunks: AsyncIterable<string>, out: string): Promise<void> {
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
