// `rampart verify [<ref>] [--all]`: recomputes timeline hash chains. Exit 0 when every chain holds, 1 with the
// first break of each broken incident on stderr.
import { plural, verificationLine } from '../core/index.js';
import type { Config } from '../config.js';
import { OPERATOR, withCore } from './commands.js';

type Out = (line: string) => void;

/** What to verify: one incident, or every incident (`--all`). */
export type VerifyTarget = { ref: string } | { all: true };

/** Verifies one incident, or all with --all; returns the exit code. */
export async function verifyCommand(config: Config, target: VerifyTarget, out: Out, err: Out): Promise<number> {
  return withCore(config, async (core) => {
    if ('ref' in target) {
      const { incident, verification } = await core.verify(OPERATOR, target.ref);
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
