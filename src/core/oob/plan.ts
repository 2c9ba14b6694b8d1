// The out-of-band plan: where the team goes when Slack itself may be compromised. It is written by admins in YAML
// (OOB_PLAN_FILE) and sent by direct message, never stored in the database or posted in a channel.
import { z } from 'zod';

const text = (max: number) => z.string().trim().min(1, 'must not be empty').max(max, `at most ${max} characters`);

// YAML 1.2 reads `2026-11-01` as a string, but a quoted or unquoted date may also arrive as a Date from other tools.
const day = z.union([z.string().trim().min(1, 'must not be empty'), z.date().transform((d) => d.toISOString().slice(0, 10))]);

const backupChannel = z.strictObject({
  name: text(100),
  how: text(500),
});

const phoneTreeEntry = z.strictObject({
  name: text(100),
  phone: text(40).regex(/^\+?[0-9 ()./-]{5,}$/, 'must be a phone number such as +44 20 7946 0123'),
  role: text(100).optional(),
  /** Who this person calls next, by name. */
  calls: z.array(text(100)).max(20).optional(),
});

const meetingPlace = z.strictObject({
  where: text(300),
  when: text(300).optional(),
  notes: text(1000).optional(),
});

const verification = z.strictObject({
  phrase: text(200),
  rotated_at: day,
  rotated_by: text(100),
});

/** The kinds of outside party a breach may need called, in the order the contact sheet lists them. */
export const OUTSIDE_PARTY_KINDS = ['insurer', 'counsel', 'forensics', 'law_enforcement', 'regulator', 'platform', 'other'] as const;

const outsideParty = z
  .strictObject({
    kind: z.enum(OUTSIDE_PARTY_KINDS),
    name: text(200),
    phone: text(40).regex(/^\+?[0-9 ()./-]{5,}$/, 'must be a phone number such as +44 20 7946 0123').optional(),
    email: text(200).regex(/^[^\s@]+@[^\s@]+$/, 'must be an email address').optional(),
    /** A policy, retainer or case number to quote on the call. */
    reference: text(200).optional(),
    /** When to call them, what they need to hear. */
    notes: text(1000).optional(),
  })
  .refine((p) => p.phone !== undefined || p.email !== undefined, { message: 'give a phone number or an email address' });

/** The YAML schema: at least one backup channel; the rest is optional. Unknown keys are errors, so typos show. */
export const oobPlanSchema = z.strictObject({
  backup_channels: z.array(backupChannel).min(1, 'list at least one backup channel').max(10),
  phone_tree: z.array(phoneTreeEntry).max(50).optional(),
  meeting_place: meetingPlace.optional(),
  verification: verification.optional(),
  /** Who to call outside the organisation (insurer, counsel, forensic firm, law enforcement, platforms' trust and safety). */
  outside_parties: z.array(outsideParty).max(50).optional(),
  notes: text(2000).optional(),
});

/** A validated out-of-band plan. */
export type OobPlan = z.output<typeof oobPlanSchema>;

/** The plan as plain lines of text (adapters add their own formatting and escaping). */
export function planLines(plan: OobPlan): string[] {
  const lines: string[] = ['Backup channels:'];
  for (const c of plan.backup_channels) lines.push(`- ${c.name}: ${c.how}`);
  if (plan.phone_tree?.length) {
    lines.push('', 'Phone tree:');
    for (const p of plan.phone_tree) {
      const calls = p.calls?.length ? `, calls ${p.calls.join(', ')}` : '';
      lines.push(`- ${p.name}${p.role ? ` (${p.role})` : ''}: ${p.phone}${calls}`);
    }
  }
  if (plan.meeting_place) {
    const m = plan.meeting_place;
    lines.push('', `Meeting place: ${m.where}${m.when ? ` (${m.when})` : ''}${m.notes ? `. ${m.notes}` : ''}`);
  }
  if (plan.verification) {
    const v = plan.verification;
    lines.push('', `Verification phrase: ${v.phrase} (rotated ${v.rotated_at} by ${v.rotated_by}). Say it by voice or in person, never in the compromised platform.`);
  }
  if (plan.outside_parties?.length) {
    lines.push('', 'Outside parties:');
    for (const p of plan.outside_parties) lines.push(`- ${OUTSIDE_PARTY_WORDS[p.kind]}: ${outsidePartyLine(p)}`);
  }
  if (plan.notes) lines.push('', `Notes: ${plan.notes}`);
  return lines;
}

/** An outside party's kind, as the sheet and the direct message name it. */
export const OUTSIDE_PARTY_WORDS: Readonly<Record<(typeof OUTSIDE_PARTY_KINDS)[number], string>> = {
  insurer: 'Cyber insurer',
  counsel: 'Legal counsel',
  forensics: 'Forensic firm',
  law_enforcement: 'Law enforcement',
  regulator: 'Regulator',
  platform: 'Platform trust and safety',
  other: 'Other',
};

/** One outside party in a line: name, phone, email, reference, notes. */
export function outsidePartyLine(p: NonNullable<OobPlan['outside_parties']>[number]): string {
  return [p.name, p.phone, p.email, p.reference ? `ref. ${p.reference}` : undefined, p.notes].filter(Boolean).join(' · ');
}

/** The plan without its verification phrase: what may be posted in a channel or printed (the phrase is said by voice). */
export function withoutPhrase(plan: OobPlan): OobPlan {
  const { verification: _phrase, ...rest } = plan;
  return rest;
}
