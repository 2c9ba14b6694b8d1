// OASIS CACAO 2.0 playbooks as checklists. The document is checked against the OASIS schemas (problems become
// warnings), its workflow is walked from workflow_start (cacao-graph.ts), and each action or condition step becomes a
// checklist step (cacao-steps.ts). Everything that cannot be walked — an old array workflow, a missing start, a
// reference to a step that does not exist — is an ImportError, because guessing would put a wrong checklist in
// front of responders.
import path from 'node:path';
import type { Playbook, PlaybookSection, PlaybookStep } from '../playbook.js';
import { MAX_STEPS } from '../schema.js';
import { describeStep, edgesOf, readWorkflow, unreachedRoots, walkOrder, type Workflow } from './cacao-graph.js';
import { schemaWarnings } from './cacao-schema.js';
import { stepConverter } from './cacao-steps.js';
import { clip, firstSentence, isJson, slugify, substitute, text, variableValues, type Json } from './cacao-text.js';
import { checkedPlaybook, ImportError, type ImportResult } from './result.js';

export { ImportError, type ImportResult } from './result.js';

/** Where steps go. Sections follow the flow: the main flow is one section, each branch of a parallel step is its own
 * section, and the steps after a parallel step start a new one, so the checklist reads in the order work happens. */
const MAIN = 'Steps';
const ON_FAILURE = 'If the playbook fails';
// Steps nothing leads to are still listed, in a section whose name says why, rather than silently dropped: the
// author may have forgotten an edge, and the person importing should see the content and decide.
const UNREACHABLE = 'Unreachable steps';

/** Converts a CACAO 2.0 JSON document (already JSON.parsed) read from `file` (used for source.file, basename only). Throws ImportError on what cannot be imported. */
export async function importCacao(doc: unknown, file: string, opts: { schemasDir?: string } = {}): Promise<ImportResult> {
  const where = path.basename(file);
  try {
    const warnings: string[] = [];
    const playbook = readPlaybook(doc, where, warnings);
    warnings.unshift(...(await schemaWarnings(doc, opts.schemasDir)));
    return { playbook: checkedPlaybook(playbook), warnings };
  } catch (err) {
    // Like the TheHive importer: the message starts with the file, since imports usually come in batches.
    if (err instanceof ImportError) throw new ImportError(`${where}: ${err.message}`, { cause: err });
    throw err;
  }
}

function readPlaybook(doc: unknown, where: string, warnings: string[]): Playbook {
  if (!isJson(doc)) throw new ImportError(`not a CACAO playbook: expected a JSON object, found ${Array.isArray(doc) ? 'an array' : doc === null ? 'null' : typeof doc}`);
  if (doc.type !== undefined && doc.type !== 'playbook') throw new ImportError(`not a CACAO playbook: its type is "${String(doc.type)}"`);
  if (doc.spec_version !== undefined && doc.spec_version !== 'cacao-2.0') {
    warnings.push(`spec_version is "${String(doc.spec_version)}", not "cacao-2.0"; read as CACAO 2.0`);
  }
  const workflow = readWorkflow(doc, warnings);
  const globals = variableValues(doc.playbook_variables);
  const sections = toSections(workflow, isJson(doc.agent_definitions) ? doc.agent_definitions : {}, globals, warnings);
  const total = sections.reduce((n, s) => n + s.steps.length, 0);
  if (total === 0) throw new ImportError('no action steps: nothing in the workflow can become a checklist step');
  if (total > MAX_STEPS) throw new ImportError(`${total} checklist steps; a playbook holds at most ${MAX_STEPS}`);

  const name = text(doc.name) && substitute(doc.name as string, globals).replace(/\s+/g, ' ').trim();
  const description = text(doc.description) && substitute(doc.description as string, globals);
  return {
    id: slugify(name ?? '', 'cacao-playbook'),
    title: clip(name ?? where.replace(/\.json$/i, ''), 100),
    summary: description ? clip(firstSentence(description), 200) : 'Imported from CACAO',
    incident_types: [],
    source: { format: 'cacao', file: clip(where, 300), ...(text(doc.id) ? { id: clip(doc.id as string, 200) } : {}) },
    sections,
  };
}

function toSections(workflow: Workflow, agents: Json, globals: ReadonlyMap<string, string>, warnings: string[]): PlaybookSection[] {
  const { steps } = workflow;
  const { checklistStep, branchName, listed, isParallel } = stepConverter({ workflow, agents, globals, warnings });
  const roots = [workflow.start, ...(workflow.exception ? [workflow.exception] : [])];
  const reached = new Set(walkOrder(steps, roots).flatMap((g) => g.ids));
  const groups = walkOrder(steps, [...roots, ...unreachedRoots(steps, reached)]);
  // An unused start or end step loses nothing; only content that would otherwise go unseen is worth a warning.
  const unreached = [...steps.keys()].filter((id) => !reached.has(id) && listed(id));
  if (unreached.length > 0) {
    const named = unreached.slice(0, 5).map((id) => describeStep(id, steps.get(id)));
    const more = unreached.length > 5 ? ` and ${unreached.length - 5} more` : '';
    const count = unreached.length === 1 ? '1 step' : `${unreached.length} steps`;
    warnings.push(`${count} not reachable from workflow_start, listed under "${UNREACHABLE}": ${named.join(', ')}${more}`);
  }

  // Each step takes the section of the first step that leads to it in checklist order; a parallel step instead
  // opens one section per branch and one for what follows it.
  const sectionOf = new Map<string, string>();
  const names = new Map<string, string>();
  for (const { root, ids } of groups) {
    if (!sectionOf.has(root)) sectionOf.set(root, root === workflow.start ? MAIN : root === workflow.exception ? ON_FAILURE : UNREACHABLE);
    for (const id of ids) {
      const step = steps.get(id)!;
      for (const { kind, target } of edgesOf(step)) {
        if (sectionOf.has(target)) continue;
        const branch = /^next_steps\[(\d+)\]$/.exec(kind);
        if (!isParallel(id)) sectionOf.set(target, sectionOf.get(id)!);
        else if (branch) sectionOf.set(target, sectionKey(names, `${id}#${branch[1]}`, branchName(id, Number(branch[1]))));
        else sectionOf.set(target, sectionKey(names, `${id}#after`, clip(`After ${text(step.name) ?? 'the parallel branches'}`, 100)));
      }
    }
  }

  const bySection = new Map<string, PlaybookStep[]>();
  for (const id of groups.flatMap((g) => g.ids)) {
    const step = checklistStep(id);
    if (!step) continue;
    const key = sectionOf.get(id)!;
    bySection.set(key, [...(bySection.get(key) ?? []), step]);
  }
  return [...bySection].map(([key, list]) => ({ name: names.get(key) ?? key, steps: list }));
}

/** A key for a section made by a parallel step, remembering its display name; two branches may share a name. */
function sectionKey(names: Map<string, string>, key: string, name: string): string {
  names.set(key, name);
  return key;
}
