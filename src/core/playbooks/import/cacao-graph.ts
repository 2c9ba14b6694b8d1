// The shape of a CACAO 2.0 workflow: its steps, the edges between them, and one checklist order for them. CACAO does
// not define a linear order, so the importer takes the reverse post-order of a depth-first walk from workflow_start:
// every step comes after the steps that lead to it (except along a loop's way back), a step reached by several
// paths is listed once, after all of them, and a loop ends because a step already seen is never walked again.
import { ImportError } from './result.js';
import { clip, isJson, text, type Json } from './cacao-text.js';

/** A reference from one step to the next; kind is the property holding it, e.g. `on_true` or `next_steps[1]`. */
export interface Edge {
  kind: string;
  target: string;
}

/** The workflow steps by id, in document order, and where the walk starts. */
export interface Workflow {
  steps: Map<string, Json>;
  start: string;
  /** The step run when the playbook fails (`workflow_exception`), when it is one of the steps. */
  exception?: string;
}

/** `"Name" (id)`, or just the id for a step without a name: how messages point at a step. */
export function describeStep(id: string, step: Json | undefined): string {
  const name = text(step?.name);
  return name === undefined ? id : `"${clip(name, 80)}" (${id})`;
}

/** The workflow of a CACAO 2.0 playbook; throws ImportError when it cannot be walked. */
export function readWorkflow(doc: Json, warnings: string[]): Workflow {
  const { workflow, workflow_start: start, workflow_exception: exception } = doc;
  if (workflow === undefined) throw new ImportError('workflow is missing');
  if (Array.isArray(workflow)) throw new ImportError('workflow is an array (CACAO 1.x format); CACAO 2.0 needs an object keyed by step id');
  if (!isJson(workflow)) throw new ImportError('workflow is not an object keyed by step id');
  const steps = new Map<string, Json>();
  for (const [id, step] of Object.entries(workflow)) {
    if (!isJson(step)) throw new ImportError(`workflow step ${id} is not an object`);
    steps.set(id, step);
  }
  if (typeof start !== 'string') throw new ImportError('workflow_start is missing');
  if (!steps.has(start)) throw new ImportError(`workflow_start "${start}" is not a step in workflow`);
  for (const [id, step] of steps) {
    for (const edge of edgesOf(step)) {
      if (!steps.has(edge.target)) {
        throw new ImportError(`step ${describeStep(id, step)} refers to "${edge.target}" (${edge.kind}), which is not a step in workflow`);
      }
    }
  }
  if (typeof exception === 'string' && !steps.has(exception)) {
    // SOARCA's examples often name an exception step they never define; nothing points there, so nothing is lost.
    warnings.push(`workflow_exception "${exception}" is not a step in workflow; ignored`);
    return { steps, start };
  }
  return typeof exception === 'string' ? { steps, start, exception } : { steps, start };
}

/** A step's edges in the order its targets should appear on the checklist; on_failure comes last. */
export function edgesOf(step: Json): Edge[] {
  const edges: Edge[] = [];
  const add = (kind: string, target: unknown) => {
    if (typeof target === 'string') edges.push({ kind, target });
  };
  add('on_true', step.on_true);
  add('on_false', step.on_false);
  if (isJson(step.cases)) {
    for (const [key, target] of Object.entries(step.cases)) if (key !== 'default') add(`cases.${key}`, target);
    add('cases.default', step.cases.default);
  }
  add('default', step.default);
  if (Array.isArray(step.next_steps)) step.next_steps.forEach((target, i) => add(`next_steps[${i}]`, target));
  add('on_success', step.on_success);
  add('on_completion', step.on_completion);
  // Any other on_* property (none in CACAO 2.0, but vendors add them) is followed too, so nothing dangles unseen.
  for (const [key, target] of Object.entries(step)) if (key.startsWith('on_') && !FIXED_EDGES.has(key)) add(key, target);
  add('on_failure', step.on_failure);
  return edges;
}

const FIXED_EDGES = new Set(['on_true', 'on_false', 'on_success', 'on_completion', 'on_failure']);

/** The steps walked from each root in turn (see the file comment); a root already walked is skipped. */
export function walkOrder(steps: ReadonlyMap<string, Json>, roots: readonly string[]): { root: string; ids: string[] }[] {
  const seen = new Set<string>();
  const groups: { root: string; ids: string[] }[] = [];
  for (const root of roots) {
    if (seen.has(root) || !steps.has(root)) continue;
    const post: string[] = [];
    // Iterative, so a long chain of steps cannot overflow the call stack. Targets are taken from the end of the
    // list, so the first edge is walked last and therefore listed first once the post-order is reversed.
    const stack = [{ id: root, next: targets(steps, root) }];
    seen.add(root);
    while (stack.length > 0) {
      const top = stack[stack.length - 1]!;
      const target = top.next.pop();
      if (target === undefined) {
        post.push(top.id);
        stack.pop();
      } else if (!seen.has(target)) {
        seen.add(target);
        stack.push({ id: target, next: targets(steps, target) });
      }
    }
    groups.push({ root, ids: post.reverse() });
  }
  return groups;
}

function targets(steps: ReadonlyMap<string, Json>, id: string): string[] {
  return edgesOf(steps.get(id) ?? {}).map((e) => e.target);
}

/** Steps no walk from the given roots reaches, first those nothing else unreached points at, in document order. */
export function unreachedRoots(steps: ReadonlyMap<string, Json>, reached: ReadonlySet<string>): string[] {
  const unreached = [...steps.keys()].filter((id) => !reached.has(id));
  const pointedAt = new Set(unreached.flatMap((id) => targets(steps, id)));
  // Steps on a cycle are all pointed at; they follow, so every unreached step is still walked from somewhere.
  return [...unreached.filter((id) => !pointedAt.has(id)), ...unreached];
}
