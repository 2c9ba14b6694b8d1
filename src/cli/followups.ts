// `rampart followups [INC-n] [--owner U…] [--json]`: follow-ups from a terminal. Without arguments every open one;
// with a reference all of that incident's; with --owner that person's open ones. The CLI is a trusted operator, so
// private incidents are shown in full.
import type { Config } from '../config.js';
import type { ListedFollowup } from '../core/index.js';
import { AppError } from '../shared/errors.js';
import { OPERATOR, withCore } from './commands.js';

type Out = (line: string) => void;

/** One follow-up as a terminal line. */
export function followupText(f: ListedFollowup): string {
  return `${f.ref.padEnd(8)} ${f.state.padEnd(9)} ${(f.due ?? '-').padEnd(10)}  ${(f.owner ?? '-').padEnd(11)}  ${f.text ?? ''}`;
}

/** `rampart followups`. */
export async function followupsCommand(config: Config, ref: string | undefined, opts: { owner?: string; json: boolean }, out: Out): Promise<void> {
  if (ref && opts.owner) throw new AppError('invalid_input', 'Give an incident or --owner, not both.');
  if (opts.owner !== undefined && !/^[UW][A-Z0-9]{2,}$/.test(opts.owner)) throw new AppError('invalid_input', `--owner takes a Slack user id such as U0123ABCD, not "${opts.owner}".`);
  await withCore(config, async (core) => {
    const list = opts.owner
      ? await core.followups.forPerson(OPERATOR, opts.owner)
      : (await core.followups.list(OPERATOR, ref ? { kind: 'incident', ref } : { kind: 'open' })).followups;
    if (opts.json) return out(JSON.stringify(list.map(({ ref: r, text, owner, due, state }) => ({ ref: r, text, owner, due, state })), null, 2));
    if (list.length === 0) return out(ref ? `${ref.toUpperCase()} has no follow-ups.` : 'No open follow-ups.');
    for (const f of list) out(followupText(f));
  });
}
