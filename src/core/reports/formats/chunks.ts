// Renderers produce many small pieces (one per table row); consumers (HTTP responses, file uploads) want fewer,
// larger writes. Joining them here keeps memory flat: at most one chunk is held at a time.

/** Roughly how many characters a yielded chunk holds. */
export const CHUNK_SIZE = 16_384;

/** Joins the pieces into chunks of about `size` characters, in order, without waiting for the end. */
export async function* inChunks(pieces: AsyncIterable<string>, size = CHUNK_SIZE): AsyncGenerator<string> {
  let buffer = '';
  for await (const piece of pieces) {
    buffer += piece;
    if (buffer.length >= size) {
      yield buffer;
      buffer = '';
    }
  }
  if (buffer) yield buffer;
}
