// Turning CACAO workflow steps into checklist steps. Actions become tasks (their manual commands are the
// instructions); if/while/switch conditions become decision steps whose branches name the step each outcome leads to.
// Start, end and parallel steps only shape the flow and become nothing themselves.
import { Buffer } from 'node:buffer';
import type { Branch, PlaybookStep } from '../playbook.js';
import { MAX_STEP_TITLE } from '../schema.js';
import { describeStep, type Workflow } from './cacao-graph.js';
import { clip, isJson, shortId, substitute, text, variableValues, type Json } from './cacao-text.js';

type Kind = 'start' | 'end' | 'parallel' | 'action' | 'if' | 'while' | 'switch';
const KINDS: Record<string, Kind> = {
  start: 'start',
  end: 'end',
  parallel: 'parallel',
  action: 'action',
  'playbook-action': 'action',
  'if-condition': 'if',
  'while-condition': 'while',
  'switch-condition': 'switch',
};
const MAX_DETAILS = 40_000;
const STEP_ID = /^[a-z0-9][a-z0-9-]{0,62}$/;

/** What the importer needs to turn steps into checklist items. */
export interface StepContext {
  workflow: Workflow;
  agents: Json;
  /** playbook_variables values; a step's own step_variables take precedence. */
  globals: ReadonlyMap<string, string>;
  warnings: string[];
}

/** Converts the steps of a workflow; call checklistStep for those that belong on the checklist. */
export function stepConverter(ctx: StepContext) {
  const { steps } = ctx.workflow;
  const kinds = new Map([...steps].map(([id, step]) => [id, kindOf(id, step, ctx.warnings)]));
  const vars = (step: Json) => new Map([...ctx.globals, ...variableValues(step.step_variables)]);
  const named = (step: Json) => {
    const name = text(step.name);
    return name === undefined ? undefined : substitute(name, vars(step));
  };
  const fullTitles = new Map<string, string>();
  for (const [id, step] of steps) {
    const kind = kinds.get(id)!;
    const name = named(step);
    if (kind === 'action') fullTitles.set(id, name ?? capitalised(shortId(id)));
    else if (kind === 'if' || kind === 'while' || kind === 'switch') {
      fullTitles.set(id, `Decide: ${name ?? text(step.condition) ?? text(step.switch) ?? shortId(id)}`);
    }
  }
  const title = (id: string) => clip(fullTitles.get(id)!, MAX_STEP_TITLE);

  /** The name a parallel step's branch goes by: its first step's name, else its number. */
  const branchName = (parallelId: string, i: number) => {
    const targets = steps.get(parallelId)?.next_steps;
    const target: unknown = Array.isArray(targets) ? targets[i] : undefined;
    const first = typeof target === 'string' ? steps.get(target) : undefined;
    const name = first && named(first);
    return name === undefined ? `Parallel branch ${i + 1}` : clip(name, 100);
  };

  /** What a branch leads to, as the decision step shows it: a step title, `end`, or the parallel branches. */
  const label = (id: string | undefined, seen = new Set<string>()): string => {
    if (id === undefined || seen.has(id)) return 'end';
    seen.add(id);
    const step = steps.get(id)!;
    const kind = kinds.get(id)!;
    if (fullTitles.has(id)) return title(id);
    if (kind === 'start') return label(next(step), seen);
    if (kind === 'parallel' && Array.isArray(step.next_steps)) {
      return clip(`In parallel: ${step.next_steps.map((_, i) => branchName(id, i)).join(' / ')}`, MAX_STEP_TITLE);
    }
    return 'end';
  };

  // A step reached through on_failure says so, or it reads like part of the normal path.
  const failureNotes = new Map<string, string[]>();
  for (const [id, step] of steps) {
    if (typeof step.on_failure !== 'string' || kinds.get(step.on_failure) === 'end') continue;
    const notes = failureNotes.get(step.on_failure) ?? [];
    failureNotes.set(step.on_failure, [...notes, `Reached when “${label(id)}” fails.`]);
  }

  /** The checklist step for a workflow step, or undefined for start, end and parallel steps. */
  const checklistStep = (id: string): PlaybookStep | undefined => {
    const step = steps.get(id)!;
    const kind = kinds.get(id)!;
    if (!fullTitles.has(id)) return undefined;
    const v = vars(step);
    const full = fullTitles.get(id)!;
    const parts = [
      full.replace(/\s+/g, ' ').trim().length > MAX_STEP_TITLE ? full : undefined,
      text(step.description) && substitute(step.description as string, v),
    ];
    let branches: Branch[] | undefined;
    if (kind === 'action') parts.push(...commandParts(id, step, v, ctx.warnings));
    else {
      branches = branchesOf(kind, step).map(([when, to]) => ({ when: clip(when, 150), then: label(to) }));
      parts.push(...decisionParts(kind, step, label));
    }
    parts.push(...(failureNotes.get(id) ?? []));
    const details = parts.filter((p) => p !== undefined && p.trim() !== '').join('\n\n');
    const owner = ownerOf(id, step, ctx.agents, v, ctx.warnings);
    return {
      ...(STEP_ID.test(id) ? { id } : {}),
      title: title(id),
      ...(details ? { details: details.length > MAX_DETAILS ? `${details.slice(0, MAX_DETAILS - 1)}…` : details } : {}),
      ...(owner ? { owner } : {}),
      ...(branches && branches.length > 0 ? { branches } : {}),
    };
  };
  /** True when the step becomes a checklist step (an action or a decision). */
  const listed = (id: string) => fullTitles.has(id);
  /** True for a parallel step, which opens a section per branch. */
  const isParallel = (id: string) => kinds.get(id) === 'parallel';
  return { checklistStep, branchName, listed, isParallel };
}

function kindOf(id: string, step: Json, warnings: string[]): Kind {
  const type = typeof step.type === 'string' ? step.type : id.split('--')[0]!;
  const kind = KINDS[type];
  if (kind) return kind;
  warnings.push(`step ${describeStep(id, step)} has unknown type "${type}"; imported as an action`);
  return 'action';
}

/** Where the flow goes once a step (or a decision's branch) is done. */
function next(step: Json): string | undefined {
  return text(step.on_completion) ?? text(step.on_success);
}

function branchesOf(kind: Kind, step: Json): [string, string | undefined][] {
  const out: [string, string | undefined][] = [];
  if (kind === 'switch') {
    const cases = isJson(step.cases) ? step.cases : {};
    for (const [key, to] of Object.entries(cases)) if (key !== 'default' && typeof to === 'string') out.push([key || '(empty)', to]);
    // With no default case, a value no case matches goes straight on to the next step.
    out.push(['default', text(cases.default) ?? text(step.default) ?? next(step)]);
    return out;
  }
  if (typeof step.on_true === 'string') out.push(['true', step.on_true]);
  // A while loop ends when its condition is false; an if without on_false also goes straight on.
  out.push(['false', (kind === 'if' ? text(step.on_false) : undefined) ?? next(step)]);
  return out;
}

function decisionParts(kind: Kind, step: Json, label: (id: string | undefined) => string): string[] {
  // Conditions test what the variables hold while the playbook runs, so their declared (initial) values are not
  // put in: `__infected__:value = true` would turn into the meaningless `true = true`.
  const condition = text(step.condition);
  const parts: string[] = [];
  if (kind === 'if' && condition) parts.push(`Condition: ${condition}`);
  if (kind === 'switch' && text(step.switch)) parts.push(`Switch on: ${step.switch as string}`);
  // The checklist lists a loop's steps once; the decision step is where the repetition is spelt out.
  if (kind === 'while') parts.push(`Repeat “${label(text(step.on_true))}” while ${condition ?? 'the condition holds'}, checking again after each round.`);
  const after = label(next(step));
  parts.push(after === 'end' ? 'Afterwards, the playbook ends.' : `Afterwards, go on with “${after}”.`);
  return parts;
}

function commandParts(id: string, step: Json, v: ReadonlyMap<string, string>, warnings: string[]): string[] {
  const manual: string[] = [];
  const other: string[] = [];
  for (const command of Array.isArray(step.commands) ? step.commands : []) {
    if (!isJson(command)) continue;
    const type = text(command.type) ?? 'command';
    const body = commandText(id, step, command, warnings);
    const about = text(command.description) && substitute(command.description as string, v);
    if (type === 'manual') manual.push([about, body && substitute(body, v)].filter(Boolean).join('\n'));
    else other.push(`• ${type}${body ? `: ${substitute(body, v)}` : ''}${about ? ` (${about})` : ''}`);
  }
  const parts = manual.filter(Boolean);
  if (other.length > 0) parts.push(['Commands:', ...other].join('\n'));
  if (text(step.playbook_id)) parts.push(`Runs the playbook ${step.playbook_id as string}.`);
  return parts;
}

function commandText(id: string, step: Json, command: Json, warnings: string[]): string | undefined {
  if (text(command.command)) return command.command as string;
  if (!text(command.command_b64)) return undefined;
  const decoded = Buffer.from(command.command_b64 as string, 'base64').toString('utf8');
  if (!decoded.includes('\uFFFD')) return decoded;
  warnings.push(`step ${describeStep(id, step)}: command_b64 is not base64-encoded text; left out`);
  return undefined;
}

function ownerOf(id: string, step: Json, agents: Json, v: ReadonlyMap<string, string>, warnings: string[]): string | undefined {
  if (typeof step.agent !== 'string') return undefined;
  const agent = agents[step.agent];
  if (!isJson(agent)) {
    warnings.push(`step ${describeStep(id, step)}: agent "${step.agent}" is not in agent_definitions; no owner set`);
    return undefined;
  }
  const name = text(agent.name) ?? text(agent.type);
  return name && clip(substitute(name, v), 80);
}

function capitalised(value: string): string {
  return value.charAt(0).toUpperCase() + value.slice(1);
}
