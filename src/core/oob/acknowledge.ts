// Acknowledging the out-of-band plan: the Acknowledge button on the plan the awareness programme posts. One row per
// person and version; pressing it again changes nothing. Anyone may acknowledge (it is their own record), and an older
// version is recorded as what it is, with a word that a newer one exists.
import { AppError } from '../../shared/errors.js';
import type { Actor, CoreDeps } from '../context.js';
import { insertAck } from './queries.js';
import { currentPlan } from './read.js';

/** What pressing Acknowledge did. */
export interface PlanAcknowledged {
  version: string;
  /** False when the person had already acknowledged this version. */
  recorded: boolean;
  /** The plan's version now, when it differs from the one acknowledged. */
  newer?: string;
}

/** Records that the actor has read and knows this version of the plan. */
export async function acknowledgePlan(deps: CoreDeps, actor: Actor, version: string): Promise<PlanAcknowledged> {
  if (!/^[0-9a-f]{12}$/.test(version)) throw new AppError('invalid_input', 'That is not a version of the out-of-band plan.');
  if (!/^[UW][A-Z0-9]{2,}$/.test(actor.id)) throw new AppError('invalid_input', 'Only a person can acknowledge the plan.');
  const recorded = await insertAck(deps.db, { userId: actor.id, version, ackedAt: deps.clock.now() });
  const now = deps.oobPlanFile ? (await currentPlan(deps)).version : version;
  return { version, recorded, ...(now !== version ? { newer: now } : {}) };
}
