// The suite's place in docs/benchmarks.md: everything between two HTML comments, which Markdown does not show.
// Only that block is replaced, so the prose around it (other benchmarks' sections) is never touched.
export const START = '<!-- bench:suite:start -->';
export const END = '<!-- bench:suite:end -->';

/** The document with the block between the markers replaced; without markers, the block goes after the title. */
export function replaceBlock(doc: string, block: string): string {
  const wrapped = `${START}\n${block.trim()}\n${END}`;
  const start = doc.indexOf(START);
  const end = doc.indexOf(END);
  if (start >= 0 && end > start) return doc.slice(0, start) + wrapped + doc.slice(end + END.length);
  if (start >= 0 || end >= 0) throw new Error(`docs/benchmarks.md has one suite marker without the other (${START} … ${END}); fix it by hand`);
  const title = /^# .*\n/m.exec(doc);
  const at = title ? title.index + title[0].length : 0;
  return `${doc.slice(0, at)}\n${wrapped}\n${doc.slice(at)}`;
}
