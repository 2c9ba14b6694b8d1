// The layer rule: each relative import is resolved to the file it names and checked against the layer table, so the
// rule cannot be dodged by spelling a path differently ('../core/x.js' vs '../../src/core/x.js'). Layers, lowest first:
//   shared   pure pieces everything may use (errors, redaction detectors, SafeText): imports only shared
//   db       the schema and the connection: imports shared
//   core     the product: imports shared, db and core
//   adapter  src/slack, cli, web, sandbox, scheduler and the files directly in src: import shared, db, other
//            adapters, and core only through its public entry, src/core/index.ts
// Files outside src (tests, benches) are not checked: tests reach into core on purpose.
import path from 'node:path';

const ENTRY = 'core/index.ts';
const MAY_IMPORT = {
  shared: ['shared'],
  db: ['shared', 'db'],
  core: ['shared', 'db', 'core'],
  adapter: ['shared', 'db', 'adapter', 'entry'],
};
const WHY = {
  shared: 'src/shared is the lowest layer: it imports nothing from the rest of src.',
  db: 'src/db imports nothing from core or the adapters (move what it needs to src/shared).',
  core: 'src/core never imports an adapter (Slack, the CLI, the web pages, the sandbox, the scheduler, src/*.ts).',
  adapter: 'Adapters use core only through its public entry, src/core/index.ts.',
};

/** The layer of a file (a path relative to src/), or undefined outside src. */
function layerOf(fromSrc) {
  if (fromSrc.startsWith('..') || path.isAbsolute(fromSrc)) return undefined;
  const [top, ...rest] = fromSrc.split(path.sep);
  if (rest.length === 0) return 'adapter';
  if (top === 'core') return fromSrc.split(path.sep).join('/') === ENTRY ? 'entry' : 'core';
  if (top === 'shared' || top === 'db') return top;
  return 'adapter';
}

/** The rule. */
const layers = {
  meta: { type: 'problem', docs: { description: 'Enforces the import rules between src/ layers' }, schema: [], messages: { layer: '{{from}} may not import {{target}}: {{why}}' } },
  create(context) {
    const src = path.join(context.cwd, 'src');
    const file = context.filename;
    const from = layerOf(path.relative(src, file));
    if (!from) return {};
    const self = from === 'entry' ? 'core' : from;
    const check = (node, spec) => {
      if (typeof spec !== 'string' || !spec.startsWith('.')) return;
      const targetPath = path.relative(src, path.resolve(path.dirname(file), spec.replace(/\.js$/, '.ts')));
      const target = layerOf(targetPath);
      if (!target) return;
      const allowed = MAY_IMPORT[self];
      const ok = allowed.includes(target) || (target === 'entry' && allowed.includes('core'));
      if (!ok) context.report({ node, messageId: 'layer', data: { from: self, target: `src/${targetPath.split(path.sep).join('/')}`, why: WHY[self] } });
    };
    return {
      ImportDeclaration: (node) => check(node.source, node.source.value),
      ExportNamedDeclaration: (node) => node.source && check(node.source, node.source.value),
      ExportAllDeclaration: (node) => check(node.source, node.source.value),
      ImportExpression: (node) => node.source.type === 'Literal' && check(node.source, node.source.value),
      TSImportType: (node) => {
        const lit = node.argument?.type === 'TSLiteralType' ? node.argument.literal : node.argument;
        if (lit?.type === 'Literal') check(lit, lit.value);
      },
    };
  },
};

/** The local plugin holding the layer rule. */
export default { rules: { layers } };
