// The tips an installation posts: the built-in set, overridden and extended by same-id tips in AWARENESS_DIR. Loading
// follows the playbook library: every problem carries its file and line, and a bad file is skipped while the rest load.
import { fileURLToPath } from 'node:url';
import { isMap, isSeq, LineCounter, parseDocument } from 'yaml';
import { overlayById, parseYamlWith, readYamlDir, type Origin, type PlaybookProblem } from '../playbooks/load.js';
import { tipsFileSchema, type Tip } from './tip.js';

/** The tips that ship with Rampart. */
export const BUILTIN_TIPS_DIR = fileURLToPath(new URL('./tips/', import.meta.url));

/** A tip and where it was written; `line` (of its `id`) and `path` (`tips[3]`) let warnings point at it. */
export interface LoadedTip {
  tip: Tip;
  file: string;
  line?: number | null;
  path?: string;
}

/** The loaded tips. */
export interface TipLibrary {
  /** Every tip, by id. */
  all(): Tip[];
  get(id: string): Tip | undefined;
  /** Where a tip came from, and whether a custom tip replaced a built-in one. */
  origin(id: string): Origin | undefined;
  /** Problems found while loading (skipped files, duplicate ids and warnings). */
  problems: readonly PlaybookProblem[];
}

/** Builds a library from loaded tips; custom tips override built-in ones by id. */
export function tipLibraryOf(builtin: LoadedTip[], custom: LoadedTip[] = [], problems: PlaybookProblem[] = []): TipLibrary {
  const asItems = (list: LoadedTip[]) => list.map((t) => ({ item: t.tip, file: t.file }));
  const byId = overlayById(asItems(builtin), asItems(custom), (t) => t.id);
  // Id order, not title order: the weekly rotation must not reshuffle when someone retitles a tip.
  const all = [...byId.values()].map((e) => e.item).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return {
    all: () => [...all],
    get: (id) => byId.get(id.toLowerCase())?.item,
    origin: (id) => {
      const e = byId.get(id.toLowerCase());
      return e && { file: e.file, custom: e.custom, overrides: e.overrides };
    },
    problems,
  };
}

/** Loads every tips file of a folder, in name order. A tip id seen before in the folder is an error and skipped. */
export async function loadTipDir(dir: string): Promise<{ tips: LoadedTip[]; problems: PlaybookProblem[] }> {
  const { files, problems } = await readYamlDir(dir);
  const tips: LoadedTip[] = [];
  const seen = new Map<string, LoadedTip>();
  for (const { file, text } of files) {
    const parsed = parseYamlWith(tipsFileSchema, text, file);
    problems.push(...parsed.problems);
    if (!parsed.value) continue;
    const lines = idLines(text);
    parsed.value.tips.forEach((tip, i) => {
      const loaded: LoadedTip = { tip, file, line: lines[i] ?? null, path: `tips[${i}]` };
      const first = seen.get(tip.id);
      if (first) {
        const where = first.line ? `${first.file}:${first.line}` : first.file;
        problems.push({ file, line: loaded.line ?? null, path: `${loaded.path}.id`, message: `tip id "${tip.id}" is already used in ${where}; this tip is skipped`, severity: 'error' });
        return;
      }
      seen.set(tip.id, loaded);
      tips.push(loaded);
    });
  }
  return { tips, problems };
}

/** The line of each tip's `id:` key, by position in `tips`. Only called on text that already parsed cleanly. */
function idLines(text: string): (number | null)[] {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter });
  const seq = doc.get('tips', true);
  if (!isSeq(seq)) return [];
  return seq.items.map((item) => {
    if (!isMap(item)) return null;
    const pair = item.items.find((p) => (p.key as { value?: unknown } | null)?.value === 'id');
    const offset = (pair?.key as { range?: number[] } | null)?.range?.[0];
    return offset === undefined ? null : lineCounter.linePos(offset).line;
  });
}

/**
 * Loads the built-in tips and, when given, the custom folder. Invalid files and duplicate ids are reported in
 * `problems` and skipped; topics that are not incident types here are warnings, since they only weight the rotation.
 */
export async function loadTips(opts: { customDir?: string; builtinDir?: string; incidentTypes?: readonly string[] } = {}): Promise<TipLibrary> {
  const builtin = await loadTipDir(opts.builtinDir ?? BUILTIN_TIPS_DIR);
  const custom = opts.customDir ? await loadTipDir(opts.customDir) : { tips: [], problems: [] };
  const problems = [...builtin.problems, ...custom.problems];
  if (opts.incidentTypes) {
    const known = new Set(opts.incidentTypes);
    for (const { tip, file, line, path: at } of [...builtin.tips, ...custom.tips]) {
      tip.topics.forEach((topic, j) => {
        if (known.has(topic)) return;
        problems.push({
          file,
          line: line ?? null,
          path: `${at ?? ''}.topics[${j}]`.replace(/^\./, ''),
          message: `"${topic}" is not an incident type here (add it to INCIDENT_TYPES)`,
          severity: 'warning',
        });
      });
    }
  }
  return tipLibraryOf(builtin.tips, custom.tips, problems);
}
