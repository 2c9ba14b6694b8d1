// `rampart verify [<ref>] [--all]`: recomputes timeline hash chains. Exit 0 when every chain holds, 1 with the
// first break of each broken incident on stderr.
import { plural } from '../core/plural.js';
import type { Config } from '../config.js';
import { AppError } from '../core/errors.js';
import { verificationLine } from '../core/timeline/verification.js';
import { OPERATOR, withCore } from './commands.js';

type Out = (line: string) => void;

/** Verifies one incident, or all with --all; returns the exit code. */
export async function verifyCommand(config: Config, ref: string | undefined, opts: { all: boolean }, out: Out, err: Out): Promise<number> {
  if (!ref === !opts.all) throw new AppError('invalid_input', 'give an incident reference (e.g. `rampart verify INC-3`) or --all, not both.');
  return withCore(config, async (core) => {
    if (ref) {
      const { incident, verification } = await core.verify(OPERATOR, ref);
      (verification.ok ? out : err)(`${incident.ref}: ${verificationLine(verification)}`);
      return verification.ok ? 0 : 1;
    }
    let broken = 0;
    let total = 0;
    for await (const { ref: r, verification } of core.verifyAll()) {
      total += 1;
      if (!verification.ok) broken += 1;
      (verification.ok ? out : err)(`${r}: ${verificationLine(verification)}`);
    }
    out(broken === 0 ? `${plural(total, 'incident')} verified, every hash chain intact.` : `${broken} of ${plural(total, 'incident')} FAILED verification.`);
    return broken === 0 ? 0 : 1;
  });
}
