// One security-awareness tip, as posted to staff once a week, and the YAML format tips are written in. The limits keep
// a tip readable in a single Slack message by people who are not security specialists.
import { z } from 'zod';
import { isOnlyInvisible } from '../../shared/invisible.js';

/** One weekly tip: a short explanation plus one thing to do and one to avoid. */
export interface Tip {
  id: string;
  title: string;
  /** Two to five sentences. */
  body: string;
  do: string;
  dont: string;
  /** Incident types the tip is about; recent incidents of these types make the tip more likely to be picked. */
  topics: string[];
}

/** A longer body stops being a tip and becomes a lecture nobody reads to the end. */
export const MAX_TIP_BODY = 700;

/**
 * Counts sentences by splitting after `.`, `!` or `?` that end the text or come before a space. A closing quote or
 * bracket may sit between the mark and the space, so `tap "Deny."` ends a sentence too. Dots inside words (`paypa1.com`)
 * do not count; abbreviations such as `e.g.` would, so tips avoid them.
 */
export function countSentences(text: string): number {
  return text
    .trim()
    .split(/[.!?]+["'”’)\]]*(?=\s|$)/)
    .filter((s) => s.trim().length > 0).length;
}

const INVISIBLE = 'holds only invisible characters (such as zero-width spaces): write it out';
const slug = z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'use lower-case letters, digits and hyphens (at most 63)');
const oneLine = (max: number) =>
  z
    .string()
    .trim()
    .min(1, 'must not be empty')
    .max(max, `at most ${max} characters`)
    .refine((s) => !isOnlyInvisible(s), INVISIBLE)
    .refine((s) => !/[\r\n]/.test(s), 'keep it to one line');

/** One tip as written in YAML. */
export const tipSchema = z.strictObject({
  id: slug,
  title: oneLine(100),
  body: z
    .string()
    .trim()
    .min(1, 'must not be empty')
    .max(MAX_TIP_BODY, `at most ${MAX_TIP_BODY} characters`)
    .refine((s) => !isOnlyInvisible(s), INVISIBLE)
    .superRefine((body, ctx) => {
      const n = countSentences(body);
      if (n < 2 || n > 5) ctx.addIssue({ code: 'custom', message: `write two to five sentences (found ${n})` });
    }),
  do: oneLine(200),
  dont: oneLine(200),
  topics: z
    .array(slug)
    .default([])
    .refine((t) => new Set(t).size === t.length, 'a topic is listed twice'),
}) satisfies z.ZodType<Tip, unknown>;

/** A tips file: `tips:` followed by one or more tips, so a file can hold a whole theme. */
export const tipsFileSchema = z.strictObject({
  tips: z.array(tipSchema).min(1, 'a tips file needs at least one tip'),
});
