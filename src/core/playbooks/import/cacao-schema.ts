// Checking a CACAO document against the OASIS JSON schemas. The schemas say draft-07 but use 2019+ keywords
// (unevaluatedProperties, $defs), so they need the 2020-12 validator; they refer to each other by $id, so every file
// is registered before the playbook schema is compiled. Problems found here are warnings: many published playbooks
// break the strict schemas in harmless ways, and the importer reads them leniently.
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { AnySchemaObject, ErrorObject, ValidateFunction } from 'ajv/dist/2020.js';
import type { FormatsPlugin } from 'ajv-formats';

/** How many schema problems are listed one by one before the rest are counted. */
export const MAX_SCHEMA_WARNINGS = 20;

// Compiling 51 schemas takes a while, so each folder is compiled once per process.
const validators = new Map<string, Promise<ValidateFunction>>();

/** Warnings from checking doc against the schemas in schemasDir (one warning when they cannot be used). */
export async function schemaWarnings(doc: unknown, schemasDir: string | undefined): Promise<string[]> {
  if (schemasDir === undefined) return ['CACAO schemas not found; skipped schema validation'];
  const dir = path.resolve(schemasDir);
  let validate: ValidateFunction;
  try {
    let pending = validators.get(dir);
    if (!pending) validators.set(dir, (pending = compile(dir)));
    validate = await pending;
  } catch (err) {
    // Forget the failure so a folder that appears later (or is fixed) is tried again.
    validators.delete(dir);
    return [`CACAO schemas not found in ${dir} (${(err as Error).message}); skipped schema validation`];
  }
  if (validate(doc)) return [];
  return formatErrors(validate.errors ?? []);
}

async function compile(dir: string): Promise<ValidateFunction> {
  const files = (await readdir(dir, { recursive: true })).filter((f) => f.endsWith('.json')).sort();
  // ajv is loaded here, on the first CACAO import, not at start: a running bot may never need it (issue 17, idle memory).
  const [{ Ajv2020 }, addFormatsModule] = await Promise.all([import('ajv/dist/2020.js'), import('ajv-formats')]);
  // ajv-formats is CommonJS; depending on the loader its default export is the plugin or a namespace holding it.
  const addFormats = (addFormatsModule as unknown as { default?: FormatsPlugin }).default ?? (addFormatsModule as unknown as FormatsPlugin);
  // validateSchema is off: the files name the draft-07 meta-schema, which a 2020-12 validator does not carry.
  const ajv = new Ajv2020({ strict: false, allErrors: true, validateSchema: false });
  addFormats(ajv);
  let playbookId: string | undefined;
  for (const file of files) {
    const schema = JSON.parse(await readFile(path.join(dir, file), 'utf8')) as AnySchemaObject;
    if (typeof schema.$id !== 'string') throw new Error(`${file} has no $id`);
    ajv.addSchema(schema);
    if (file === 'playbook.json') playbookId = schema.$id;
  }
  if (playbookId === undefined) throw new Error('no playbook.json');
  const validate = ajv.getSchema(playbookId);
  if (!validate) throw new Error(`cannot compile ${playbookId}`);
  return validate;
}

function formatErrors(errors: ErrorObject[]): string[] {
  const lines = [...new Set(errors.map((e) => `CACAO schema: ${e.instancePath || '(top level)'}: ${e.message ?? e.keyword}${detail(e)}`))];
  if (lines.length <= MAX_SCHEMA_WARNINGS) return lines;
  return [...lines.slice(0, MAX_SCHEMA_WARNINGS), `…and ${lines.length - MAX_SCHEMA_WARNINGS} more schema problems`];
}

// ajv's messages leave out which property or value they mean; these are the ones worth naming.
function detail(e: ErrorObject): string {
  const p = e.params as Record<string, unknown>;
  if (typeof p.unevaluatedProperty === 'string') return ` (${p.unevaluatedProperty})`;
  if (typeof p.additionalProperty === 'string') return ` (${p.additionalProperty})`;
  if (Array.isArray(p.allowedValues)) return ` (${p.allowedValues.map(String).join(', ')})`;
  return '';
}
