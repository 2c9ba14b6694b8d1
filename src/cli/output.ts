// Writing a streamed file from the CLI: to stdout, or to a file that appears only once it is complete (written
// beside it and renamed), so a failed or interrupted export never leaves half a file under the name asked for.
import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

/** Streams chunks to `out` (atomically) or to stdout when no file is named. */
export async function writeChunks(chunks: AsyncIterable<string>, out: string | undefined): Promise<void> {
  if (!out) {
    await pipeline(Readable.from(chunks), process.stdout, { end: false });
    return;
  }
  const partial = `${out}.partial-${process.pid}`;
  try {
    await pipeline(Readable.from(chunks), createWriteStream(partial));
    await rename(partial, out);
  } catch (err) {
    await rm(partial, { force: true });
    throw err;
  }
}
