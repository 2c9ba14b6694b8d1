// What verifying a timeline's hash chain finds, and the one line reports and replies say it in. Pure.
import { plural } from '../plural.js';

/** The first link that does not hold: at event seq, the stored field differs from what the chain says. */
export interface ChainBreak {
  seq: number;
  field: 'prev_hash' | 'hash';
  expected: string | null;
  found: string | null;
}

/** The outcome of checking one incident's chain; events counts those checked (up to and including a break). */
export type Verification = { ok: true; events: number; unhashed: number } | { ok: false; events: number; unhashed: number; break: ChainBreak };

/** One line saying whether the chain holds, as reports and replies show it. */
export function verificationLine(v: Verification): string {
  if (v.ok) return `Timeline verified: ${plural(v.events, 'event')}, hash chain intact${v.unhashed > 0 ? ` (${plural(v.unhashed, 'earlier event predates', 'earlier events predate')} the chain)` : ''}.`;
  return `Timeline verification FAILED at event #${v.break.seq} (${v.break.field}): expected ${v.break.expected ?? 'none'}, found ${v.break.found ?? 'none'}.`;
}
