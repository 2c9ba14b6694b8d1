// The RULES_FILE format (zod). Unknown keys are errors, so a typo shows with its line instead of silently matching.
import { z } from 'zod';
import { SEVERITIES, type Severity } from '../incidents/incident.js';

const userId = z.string().regex(/^[UW][A-Z0-9]{2,}$/, 'must be a Slack user id such as U0123ABCD');
const groupId = z.string().regex(/^S[A-Z0-9]{2,}$/, 'must be a Slack user group id such as S0123ABCD');
// One value or a list of them; a single value is read as a list of one, so errors point at the value itself.
const oneOrMany = <T extends z.ZodType>(item: T) => z.preprocess((v) => (Array.isArray(v) ? v : [v]), z.array(item).max(50));

/** What the file may name: the incident types on offer and, when known, the playbooks. */
export interface RulesContext {
  incidentTypes?: readonly string[];
  playbookIds?: readonly string[];
}

/** The file's schema, checking types and playbooks against what this deployment has when the context says. */
export function rulesFileSchema(ctx: RulesContext = {}) {
  const type = z
    .string()
    .trim()
    .toLowerCase()
    .refine((t) => !ctx.incidentTypes || ctx.incidentTypes.includes(t), { message: `must be an incident type${ctx.incidentTypes ? ` (${ctx.incidentTypes.join(', ')})` : ''}` });
  const severity = z.enum(SEVERITIES as unknown as [Severity, ...Severity[]], { message: `must be a severity (${SEVERITIES.join(', ')})` });
  const playbook = z
    .string()
    .trim()
    .min(1)
    .refine((id) => !ctx.playbookIds || ctx.playbookIds.includes(id), { message: `must be a playbook id${ctx.playbookIds ? ` (${ctx.playbookIds.join(', ')})` : ''}` });
  const rule = z.strictObject({
    name: z.string().trim().min(1, 'must not be empty').max(80, 'at most 80 characters'),
    when: z.strictObject({ type: oneOrMany(type).optional(), severity: oneOrMany(severity).optional() }).optional(),
    invite: z.strictObject({ users: z.array(userId).max(50).optional(), usergroups: z.array(groupId).max(10).optional() }).optional(),
    playbook: playbook.optional(),
    commander: z.union([userId, z.strictObject({ first_of: groupId })], { message: 'must be a user id (U…) or { first_of: S… } naming a user group' }).optional(),
  });
  return z.strictObject({
    rules: z
      .array(rule)
      .min(1, 'list at least one rule')
      .max(100)
      .superRefine((rules, c) => {
        const seen = new Set<string>();
        rules.forEach((r, i) => {
          if (seen.has(r.name)) c.addIssue({ code: 'custom', path: [i, 'name'], message: `"${r.name}" is used by an earlier rule; names must be unique` });
          seen.add(r.name);
        });
      }),
  });
}

/** The file as written, validated. */
export type RulesFile = z.output<ReturnType<typeof rulesFileSchema>>;
