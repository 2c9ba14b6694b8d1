// The loader hooks of module-trace.mjs (they run on Node's hooks thread).
import { appendFileSync } from 'node:fs';

let file;

/** Receives the trace file's path from module-trace.mjs. */
export function initialize(data) {
  file = data.file;
}

/** Appends each loaded module's URL to the trace file, then loads it as usual. */
export async function load(url, context, nextLoad) {
  if (file) appendFileSync(file, `${url}\n`);
  return nextLoad(url, context);
}
