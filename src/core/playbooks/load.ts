// Reading playbook YAML: every problem is reported with its file, line and path, so `rampart playbooks validate` and
// start-up can point at the exact spot. A bad file is skipped; the good ones still load.
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { isMap, isSeq, LineCounter, parseDocument, type Document } from 'yaml';
import type { z } from 'zod';
import type { Playbook } from './playbook.js';
import { playbookSchema } from './schema.js';

/** The playbooks that ship with Rampart. */
export const BUILTIN_PLAYBOOKS_DIR = fileURLToPath(new URL('./library/', import.meta.url));

/** One thing wrong with a playbook file. Warnings do not stop it loading. */
export interface PlaybookProblem {
  file: string;
  line: number | null;
  /** Where in the document, e.g. `sections[1].steps[3].title`; empty for the whole file. */
  path: string;
  message: string;
  severity: 'error' | 'warning';
}

/** A playbook and the file it came from. */
export interface LoadedPlaybook {
  playbook: Playbook;
  file: string;
}

/** `sections[1].steps[3].title` */
export function formatPath(segments: readonly PropertyKey[]): string {
  return segments.map((s, i) => (typeof s === 'number' ? `[${s}]` : `${i === 0 ? '' : '.'}${String(s)}`)).join('');
}

/** One problem as a line of text: `file:line: path: message`. */
export function formatProblem(p: PlaybookProblem): string {
  const where = p.line === null ? p.file : `${p.file}:${p.line}`;
  return `${where}: ${p.severity === 'warning' ? 'warning: ' : ''}${p.path ? `${p.path}: ` : ''}${p.message}`;
}

/** Parses and checks one playbook YAML text. */
export function parsePlaybook(text: string, file: string): { playbook?: Playbook; problems: PlaybookProblem[] } {
  const { value, problems } = parseYamlWith(playbookSchema, text, file);
  return value ? { playbook: value, problems } : { problems };
}

/** Parses a YAML text and checks it against a zod schema; each problem carries its file, line and path. */
export function parseYamlWith<T>(schema: z.ZodType<T, unknown>, text: string, file: string): { value?: T; problems: PlaybookProblem[] } {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const lineAt = (offset: number | undefined) => (offset === undefined ? null : lineCounter.linePos(offset).line);
  if (doc.errors.length > 0) {
    return {
      problems: doc.errors.map((e) => ({ file, line: lineAt(e.pos[0]), path: '', message: `YAML: ${e.message.split('\n')[0]}`, severity: 'error' as const })),
    };
  }
  const result = schema.safeParse(doc.toJS());
  if (result.success) return { value: result.data, problems: [] };
  return {
    problems: result.error.issues.map((issue) => ({
      file,
      // An unknown key is reported on its own line rather than its parent's.
      line: lineAt(offsetOf(doc, issue.code === 'unrecognized_keys' && issue.keys[0] ? [...issue.path, issue.keys[0]] : issue.path)),
      path: formatPath(issue.path),
      message: issue.message,
      severity: 'error' as const,
    })),
  };
}

/** The source offset of the deepest node that exists on the path (a missing key points at its parent). */
function offsetOf(doc: Document, segments: readonly PropertyKey[]): number | undefined {
  for (let n = segments.length; n >= 0; n -= 1) {
    const node = n === 0 ? doc.contents : doc.getIn(segments.slice(0, n) as unknown[], true);
    if (node && typeof node === 'object' && 'range' in node && Array.isArray(node.range)) {
      // For a key that exists, point at the key's line, not the start of a multi-line value.
      if (n > 0) {
        const parent = n === 1 ? doc.contents : doc.getIn(segments.slice(0, n - 1) as unknown[], true);
        const key = segments[n - 1];
        if (isMap(parent)) {
          const pair = parent.items.find((it) => (it.key as { value?: unknown } | null)?.value === key);
          const keyRange = (pair?.key as { range?: number[] } | null)?.range;
          if (keyRange) return keyRange[0];
        } else if (isSeq(parent)) {
          return (node.range as number[])[0];
        }
      }
      return (node.range as number[])[0];
    }
  }
  return undefined;
}

/**
 * The .yaml/.yml files of a folder with their text, in name order; a folder that cannot be read is one problem.
 * Shared by every YAML library (playbooks, awareness tips).
 */
export async function readYamlDir(dir: string): Promise<{ files: { file: string; text: string }[]; problems: PlaybookProblem[] }> {
  let names: string[];
  try {
    names = (await readdir(dir)).filter((n) => /\.ya?ml$/i.test(n)).sort();
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const message = code === 'ENOENT' ? 'folder not found' : code === 'ENOTDIR' ? 'not a folder' : `cannot read it (${code ?? String(err)})`;
    return { files: [], problems: [{ file: dir, line: null, path: '', message, severity: 'error' }] };
  }
  const files = await Promise.all(names.map(async (name) => ({ file: path.join(dir, name), text: await readFile(path.join(dir, name), 'utf8') })));
  return { files, problems: [] };
}

/** Loads every playbook file of a folder, in name order. A second file with an id already seen is an error. */
export async function loadPlaybookDir(dir: string): Promise<{ playbooks: LoadedPlaybook[]; problems: PlaybookProblem[] }> {
  const { files, problems } = await readYamlDir(dir);
  const playbooks: LoadedPlaybook[] = [];
  for (const { file, text } of files) {
    const parsed = parsePlaybook(text, file);
    problems.push(...parsed.problems);
    if (!parsed.playbook) continue;
    const first = playbooks.find((p) => p.playbook.id === parsed.playbook!.id);
    if (first) {
      problems.push({ file, line: 1, path: 'id', message: `id "${parsed.playbook.id}" is already used by ${first.file}; this file is skipped`, severity: 'error' });
      continue;
    }
    playbooks.push({ playbook: parsed.playbook, file });
  }
  return { playbooks, problems };
}

/** Where an item of a library came from: its file, whether from the custom folder, and whether it replaced a built-in. */
export interface Origin {
  file: string;
  custom: boolean;
  overrides: boolean;
}

/** Built-in items overlaid with custom ones by id (the rule of every YAML library), with where each came from. */
export function overlayById<T>(builtin: { item: T; file: string }[], custom: { item: T; file: string }[], idOf: (item: T) => string): Map<string, Origin & { item: T }> {
  const byId = new Map<string, Origin & { item: T }>();
  for (const b of builtin) byId.set(idOf(b.item), { item: b.item, file: b.file, custom: false, overrides: false });
  for (const c of custom) byId.set(idOf(c.item), { item: c.item, file: c.file, custom: true, overrides: byId.has(idOf(c.item)) });
  return byId;
}
