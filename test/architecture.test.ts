// The layer rules of README "Architecture": each rule catches a violation (ESLint run on an in-memory file placed in
// the layer), the allowed imports pass, and src/ has no import cycles, type-only ones included.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const SRC = path.join(ROOT, 'src');

let eslint: ESLint;
beforeAll(() => {
  eslint = new ESLint({ cwd: ROOT });
});

/** The rule ids ESLint reports for code placed at file (relative to the repository). */
async function problems(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(ROOT, file) });
  return (result?.messages ?? []).map((m) => `${m.ruleId}: ${m.message}`);
}

describe('layer rules', () => {
  const violations: [string, string, string, RegExp][] = [
    ['an adapter importing a core module', 'src/slack/x.ts', "import { findById } from '../core/incidents/queries.js';\nexport const f = findById;\n", /rampart\/layers: adapter may not import src\/core\/incidents\/queries\.ts/],
    ['an adapter importing a core type', 'src/cli/x.ts', "import type { Incident } from '../core/incidents/incident.js';\nexport type I = Incident;\n", /rampart\/layers: adapter may not import src\/core\/incidents\/incident\.ts/],
    ['a top-level adapter re-exporting a core module', 'src/x.ts', "export { createCore } from './core/core.js';\n", /rampart\/layers: adapter may not import src\/core\/core\.ts/],
    ['a dynamic import of a core module', 'src/sandbox/x.ts', "export const m = () => import('../core/core.js');\n", /rampart\/layers: adapter may not import src\/core\/core\.ts/],
    ['core importing an adapter', 'src/core/incidents/x.ts', "import { parseCommand } from '../../slack/parse/command.js';\nexport const p = parseCommand;\n", /rampart\/layers: core may not import src\/slack\/parse\/command\.ts/],
    ['core importing a file at the top of src', 'src/core/x.ts', "import { loadConfig } from '../config.js';\nexport const c = loadConfig;\n", /rampart\/layers: core may not import src\/config\.ts/],
    ['core importing Slack', 'src/core/x.ts', "import { App } from '@slack/bolt';\nexport const a = App;\n", /no-restricted-imports/],
    ['core reading process.env', 'src/core/x.ts', 'export const v = process.env.X;\n', /no-restricted-properties/],
    ['db importing core', 'src/db/x.ts', "import { redactFor } from '../core/redaction/apply.js';\nexport const r = redactFor;\n", /rampart\/layers: db may not import src\/core\/redaction\/apply\.ts/],
    ['db importing the core entry', 'src/db/x.ts', "import { createCore } from '../core/index.js';\nexport const c = createCore;\n", /rampart\/layers: db may not import src\/core\/index\.ts/],
    ['shared importing db', 'src/shared/x.ts', "import type { Db } from '../db/types.js';\nexport type D = Db;\n", /rampart\/layers: shared may not import src\/db\/types\.ts/],
    ['shared importing the database driver', 'src/shared/x.ts', "import { sql } from 'drizzle-orm';\nexport const s = sql;\n", /no-restricted-imports/],
  ];
  for (const [what, file, code, expected] of violations) {
    it(`catches ${what}`, async () => {
      expect(await problems(file, code)).toEqual([expect.stringMatching(expected)]);
    });
  }

  const allowed: [string, string, string][] = [
    ['an adapter importing the core entry', 'src/slack/x.ts', "import { createCore } from '../core/index.js';\nexport const c = createCore;\n"],
    ['an adapter importing shared and db', 'src/cli/x.ts', "import { AppError } from '../shared/errors.js';\nimport { openDatabase } from '../db/client.js';\nexport const a = [AppError, openDatabase];\n"],
    ['core importing db and shared', 'src/core/incidents/x.ts', "import type { Db } from '../../db/types.js';\nimport { AppError } from '../../shared/errors.js';\nexport type D = Db;\nexport const e = AppError;\n"],
    ['db importing shared', 'src/db/x.ts', "import { redact } from '../shared/redact.js';\nexport const r = redact;\n"],
    ['a test reaching into core', 'test/core/x.test.ts', "import { findById } from '../../src/core/incidents/queries.js';\nexport const f = findById;\n"],
  ];
  for (const [what, file, code] of allowed) {
    it(`allows ${what}`, async () => {
      expect(await problems(file, code)).toEqual([]);
    });
  }
});

/** Every .ts file under dir. */
function tsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return tsFiles(full);
    return e.name.endsWith('.ts') ? [full] : [];
  });
}

/** The src files each src file imports (static, dynamic and `import('x')` types alike). */
function importGraph(): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const file of tsFiles(SRC)) {
    const specs = [...readFileSync(file, 'utf8').matchAll(/(?:\bfrom\s+|\bimport\s*\(\s*|^import\s+)'(\.[^']+)'/gm)].map((m) => m[1]!);
    graph.set(file, specs.map((s) => path.resolve(path.dirname(file), s.replace(/\.js$/, '.ts'))).filter((t) => t.endsWith('.ts')));
  }
  return graph;
}

/** The cycles in a graph, each as the list of files around it (Tarjan's strongly connected components). */
function cycles(graph: Map<string, string[]>): string[][] {
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (v: string) => {
    index.set(v, next);
    low.set(v, next++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!graph.has(w)) continue;
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(path.relative(ROOT, w));
      } while (w !== v);
      if (component.length > 1 || (graph.get(v) ?? []).includes(v)) found.push(component.sort());
    }
  };
  for (const v of graph.keys()) if (!index.has(v)) visit(v);
  return found;
}

describe('import graph', () => {
  it('finds a cycle when there is one', () => {
    const graph = new Map([
      ['/a.ts', ['/b.ts']],
      ['/b.ts', ['/a.ts', '/c.ts']],
      ['/c.ts', []],
    ]);
    expect(cycles(graph)).toHaveLength(1);
  });

  it('has no cycles in src, type-only imports included', () => {
    const graph = importGraph();
    expect(graph.size).toBeGreaterThan(100);
    expect(cycles(graph)).toEqual([]);
  });
});
