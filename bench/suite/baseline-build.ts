// Compiles bench/baseline/bare-bolt.ts to plain JavaScript before the run, so the baseline process carries no
// TypeScript loader (Rampart's `npm start` runs compiled JavaScript too). TypeScript's own transpileModule does it;
// the output goes under node_modules/.cache, where Node finds @slack/bolt and pg, and git never looks.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const SOURCE = new URL('../baseline/bare-bolt.ts', import.meta.url);
const OUT_DIR = new URL('../../node_modules/.cache/rampart-bench/', import.meta.url);

/** Writes the compiled baseline and returns its path. */
export async function buildBareBolt(): Promise<string> {
  const { outputText } = ts.transpileModule(await readFile(SOURCE, 'utf8'), {
    compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022, verbatimModuleSyntax: true },
  });
  await mkdir(OUT_DIR, { recursive: true });
  const out = new URL('bare-bolt.mjs', OUT_DIR);
  await writeFile(out, outputText);
  return fileURLToPath(out);
}
