// The format of NOTIFICATION_REGIMES_FILE (zod): regimes with named deadlines as offsets from awareness.
import { z } from 'zod';
import { BUILT_IN_REGIMES, parseOffset } from './regime.js';

const slug = z.string().regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'must be a short id: lowercase letters, digits and hyphens (e.g. dora)');

const deadline = z.object({
  id: slug,
  label: z.string().trim().min(1, 'says what is due, e.g. "Initial notification"').max(120),
  after: z.string().refine((t) => parseOffset(t) !== undefined, 'must be a time after awareness such as 4h, 72h, 3d, 2w or 1 month'),
});

const regime = z
  .object({
    id: slug.refine((id) => !BUILT_IN_REGIMES.some((r) => r.id === id), 'is a built-in regime (gdpr, nis2); choose another id'),
    name: z.string().trim().min(1).max(80),
    source: z.string().trim().max(200).optional(),
    deadlines: z.array(deadline).min(1, 'needs at least one deadline'),
  })
  .strict()
  .superRefine((r, ctx) => {
    const seen = new Set<string>();
    r.deadlines.forEach((d, i) => {
      if (seen.has(d.id)) ctx.addIssue({ code: 'custom', path: ['deadlines', i, 'id'], message: `deadline id "${d.id}" is used twice` });
      seen.add(d.id);
    });
  });

/** The whole file: `regimes:` and a list. */
export const regimesFileSchema = z
  .object({ regimes: z.array(regime).min(1, 'lists no regime') })
  .strict()
  .superRefine((f, ctx) => {
    const seen = new Set<string>();
    f.regimes.forEach((r, i) => {
      if (seen.has(r.id)) ctx.addIssue({ code: 'custom', path: ['regimes', i, 'id'], message: `regime id "${r.id}" is used twice` });
      seen.add(r.id);
    });
  });

/** The file as written. */
export type RegimesFile = z.output<typeof regimesFileSchema>;
