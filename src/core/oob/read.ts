// The out-of-band plan as it is now, for whoever distributes it before it is needed: its version (what people
// acknowledge) and the printable contact sheet. Trusted callers: the CLI's operator, the awareness schedule.
import { AppError } from '../../shared/errors.js';
import type { CoreDeps } from '../context.js';
import { loadVersionedPlan, type VersionedPlan } from './load.js';
import { contactSheetHtml } from './sheet.js';
import { acksOf, postedAt, type PlanAck } from './queries.js';

/** The reply when OOB_PLAN_FILE is not set: what to do about it. */
export const NO_PLAN_MESSAGE =
  'No out-of-band plan is set up, so there is nothing to send. An admin writes one (backup channels such as a Signal group, ' +
  'a phone tree, a meeting place, a verification phrase; see docs/examples/oob-plan.yaml), sets OOB_PLAN_FILE to its path ' +
  'and restarts Rampart. Until then, agree on a backup channel by phone, not in Slack.';

/** OOB_PLAN_FILE read now, with its version; throws the no-plan message when it is not set. */
export async function currentPlan(deps: Pick<CoreDeps, 'oobPlanFile'>): Promise<VersionedPlan> {
  if (!deps.oobPlanFile) throw new AppError('invalid_input', NO_PLAN_MESSAGE, { setting: 'OOB_PLAN_FILE' });
  return loadVersionedPlan(deps.oobPlanFile);
}

/** The printable contact sheet of the current plan (HTML), with the version it shows. */
export async function contactSheet(deps: Pick<CoreDeps, 'oobPlanFile' | 'clock' | 'timezone'>): Promise<{ html: string; version: string }> {
  const { plan, version } = await currentPlan(deps);
  return { html: contactSheetHtml(plan, { version, generatedAt: deps.clock.now(), timezone: deps.timezone }), version };
}

/** Where distribution of the current version stands: when it was first posted (if it was) and who acknowledged it. */
export async function acknowledgements(deps: Pick<CoreDeps, 'oobPlanFile' | 'db'>): Promise<{ version: string; postedAt: Date | undefined; acks: PlanAck[] }> {
  const { version } = await currentPlan(deps);
  const [posted, acks] = await Promise.all([postedAt(deps.db, version), acksOf(deps.db, version)]);
  return { version, postedAt: posted, acks };
}
