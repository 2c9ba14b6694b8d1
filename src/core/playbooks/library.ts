// The playbooks an installation offers: the built-in library, overridden by same-id files in PLAYBOOKS_DIR.
import type { Playbook } from './playbook.js';
import { BUILTIN_PLAYBOOKS_DIR, loadPlaybookDir, overlayById, type LoadedPlaybook, type Origin, type PlaybookProblem } from './load.js';

/** The loaded library. */
export interface PlaybookLibrary {
  /** All playbooks by id, in title order. */
  all(): Playbook[];
  get(id: string): Playbook | undefined;
  /** Playbooks that apply to an incident type. */
  forType(type: string): Playbook[];
  /** Where each playbook came from, and which built-ins a custom file replaced. */
  origin(id: string): Origin | undefined;
  /** Problems found while loading (skipped files and warnings). */
  problems: readonly PlaybookProblem[];
}

/** Builds a library from loaded playbooks; later lists override earlier ones by id. */
export function libraryOf(builtin: LoadedPlaybook[], custom: LoadedPlaybook[] = [], problems: PlaybookProblem[] = []): PlaybookLibrary {
  const asItems = (list: LoadedPlaybook[]) => list.map((p) => ({ item: p.playbook, file: p.file }));
  const byId = overlayById(asItems(builtin), asItems(custom), (p) => p.id);
  const all = [...byId.values()].map((e) => e.item).sort((a, b) => a.title.localeCompare(b.title));
  return {
    all: () => all,
    get: (id) => byId.get(id.toLowerCase())?.item,
    forType: (type) => all.filter((p) => p.incident_types.includes(type)),
    origin: (id) => {
      const e = byId.get(id);
      return e && { file: e.file, custom: e.custom, overrides: e.overrides };
    },
    problems,
  };
}

/**
 * Loads the built-in library and, when given, the custom folder. Invalid or duplicate custom files are reported in
 * `problems` and skipped; the rest load. Incident types no installation knows are warned about.
 */
export async function loadLibrary(opts: { customDir?: string; incidentTypes?: readonly string[]; builtinDir?: string } = {}): Promise<PlaybookLibrary> {
  const builtin = await loadPlaybookDir(opts.builtinDir ?? BUILTIN_PLAYBOOKS_DIR);
  const custom = opts.customDir ? await loadPlaybookDir(opts.customDir) : { playbooks: [], problems: [] };
  const problems = [...builtin.problems, ...custom.problems];
  if (opts.incidentTypes) {
    const known = new Set(opts.incidentTypes);
    for (const { playbook, file } of [...builtin.playbooks, ...custom.playbooks]) {
      for (const type of playbook.incident_types.filter((t) => !known.has(t))) {
        problems.push({ file, line: null, path: 'incident_types', message: `"${type}" is not an incident type here (add it to INCIDENT_TYPES)`, severity: 'warning' });
      }
    }
  }
  return libraryOf(builtin.playbooks, custom.playbooks, problems);
}
