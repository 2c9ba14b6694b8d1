// A playbook run as core and its adapters see it: the snapshot of the playbook plus each step's live state.
import type { Playbook, PlaybookStep } from './playbook.js';
import { numberedSteps } from './playbook.js';
import type { SafeText } from '../../shared/safe-text.js';

export type StepState = 'open' | 'done' | 'skipped';

/** A step's live state. */
export interface StepStatus {
  number: number;
  state: StepState;
  assignee: string | null;
  dueAt: Date | null;
  changedBy: string | null;
  changedAt: Date | null;
  /** The skip reason, or the note given when it was done. */
  note: SafeText | null;
  version: number;
}

/** One step: what the playbook says and where it stands. */
export interface RunStep extends StepStatus {
  section: string;
  step: PlaybookStep;
}

/** A run with all its steps, in checklist order. */
export interface Run {
  id: number;
  incidentId: number;
  playbook: Playbook;
  startedBy: string;
  startedAt: Date;
  steps: RunStep[];
}

/** Joins a playbook snapshot with the stored step states. */
export function runOf(head: Omit<Run, 'steps'>, states: StepStatus[]): Run {
  const byNumber = new Map(states.map((s) => [s.number, s]));
  const steps = numberedSteps(head.playbook).flatMap(({ number, section, step }) => {
    const status = byNumber.get(number);
    return status ? [{ ...status, section, step }] : [];
  });
  return { ...head, steps };
}

/** Steps done or skipped, and the total. */
export function progress(run: Pick<Run, 'steps'>): { closed: number; done: number; skipped: number; total: number } {
  const done = run.steps.filter((s) => s.state === 'done').length;
  const skipped = run.steps.filter((s) => s.state === 'skipped').length;
  return { closed: done + skipped, done, skipped, total: run.steps.length };
}

/** A run's progress in the words every surface uses: `3 of 14 done, 1 skipped` (skipped steps are not done). */
export function progressWords(p: { done: number; skipped: number; total: number }): string {
  return `${p.done} of ${p.total} done${p.skipped ? `, ${p.skipped} skipped` : ''}`;
}

/** How a step reads in messages and timeline entries: `3. Reset the password`. */
export function stepLabel(s: Pick<RunStep, 'number' | 'step'>): string {
  return `${s.number}. ${s.step.title}`;
}
