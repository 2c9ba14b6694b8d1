// The playbook YAML format as a zod schema. Custom playbooks in PLAYBOOKS_DIR and imported ones are checked against
// it; errors carry the path, which load.ts turns into a file and line.
import { z } from 'zod';
import { durationMs, PHASES, type Playbook } from './playbook.js';

/** Longest step title: it is the checklist line, and Slack buttons and modal titles quote it. */
export const MAX_STEP_TITLE = 150;
/** A playbook larger than this is no longer a checklist people can follow in chat. */
export const MAX_STEPS = 200;

const slug = z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'use lower-case letters, digits and hyphens (at most 63)');
const line = (max: number) => z.string().trim().min(1, 'must not be empty').max(max, `at most ${max} characters`);

const step = z
  .strictObject({
    id: slug.optional(),
    title: line(MAX_STEP_TITLE),
    details: z.string().max(40_000, 'at most 40,000 characters').optional(),
    owner: line(80).optional(),
    due: z
      .string()
      .refine((d) => durationMs(d) !== undefined, 'a duration such as 30m, 4h, 2d or 1h30m')
      .optional(),
    requires: z.enum(['note', 'confirm']).optional(),
    prompt: line(150).optional(),
    branches: z.array(z.strictObject({ when: line(150), then: line(MAX_STEP_TITLE) })).min(1).optional(),
  })
  .refine((s) => s.prompt === undefined || s.requires !== undefined, { message: 'prompt needs requires: note or confirm', path: ['prompt'] });

const section = z.strictObject({
  name: line(100),
  phase: z.enum(PHASES).optional(),
  steps: z.array(step).min(1, 'a section needs at least one step'),
});

/** The whole document. */
export const playbookSchema = z
  .strictObject({
    id: slug,
    title: line(100),
    summary: line(200),
    version: z.number().int().positive().optional(),
    incident_types: z.array(slug).default([]),
    credit: line(300).optional(),
    source: z
      .strictObject({ format: z.enum(['cacao', 'thehive']), file: line(300), id: line(200).optional() })
      .optional(),
    sections: z.array(section).min(1, 'a playbook needs at least one section'),
  })
  .superRefine((p, ctx) => {
    const total = p.sections.reduce((n, s) => n + s.steps.length, 0);
    if (total > MAX_STEPS) ctx.addIssue({ code: 'custom', path: ['sections'], message: `${total} steps; at most ${MAX_STEPS}` });
    const seen = new Set<string>();
    p.sections.forEach((s, i) =>
      s.steps.forEach((st, j) => {
        if (st.id === undefined) return;
        if (seen.has(st.id)) ctx.addIssue({ code: 'custom', path: ['sections', i, 'steps', j, 'id'], message: `step id "${st.id}" is used twice` });
        seen.add(st.id);
      }),
    );
  }) satisfies z.ZodType<Playbook, unknown>;
