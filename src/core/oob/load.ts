// Reading OOB_PLAN_FILE. It is read again on every `/incident oob`, so an admin who rotates the verification phrase
// edits the file and the next use sends the new phrase without a restart; start-up reads it once to fail early.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { AppError } from '../../shared/errors.js';
import { unreadableFile } from '../unreadable-file.js';
import { formatProblem, parseYamlWith } from '../playbooks/load.js';
import { oobPlanSchema, type OobPlan } from './plan.js';

/** Parses plan YAML; throws invalid_input naming the file, line and field of every problem. */
export function parsePlan(text: string, file: string): OobPlan {
  const { value, problems } = parseYamlWith(oobPlanSchema, text, file);
  if (value && problems.length === 0) return value;
  const list = problems.length > 0 ? problems.map(formatProblem) : [`${file}: the file is empty`];
  throw new AppError('invalid_input', `The out-of-band plan is not valid: ${list.join('; ')}.`, { file, problems: list });
}

/** A plan and its version: the first 12 hex digits of the SHA-256 of the file as written, so any edit is a new version. */
export interface VersionedPlan {
  plan: OobPlan;
  version: string;
}

/** The version of a plan file's text. */
export function planVersion(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex').slice(0, 12);
}

/** Reads and checks the plan file now, with its version (what people acknowledge). */
export async function loadVersionedPlan(file: string): Promise<VersionedPlan> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    throw unreadableFile('out-of-band plan file', file, err);
  }
  return { plan: parsePlan(text, file), version: planVersion(text) };
}

/** Reads and checks the plan file now (each use, so edits apply at once). */
export async function loadPlan(file: string): Promise<OobPlan> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    throw unreadableFile('out-of-band plan file', file, err);
  }
  return parsePlan(text, file);
}

/** The same, synchronously, for the configuration check at start-up. */
export function loadPlanSync(file: string): OobPlan {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw unreadableFile('out-of-band plan file', file, err);
  }
  return parsePlan(text, file);
}
