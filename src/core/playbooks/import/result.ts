// What every playbook importer (CACAO, TheHive) returns, and the one error it throws. The final check against
// playbookSchema lives here too, so no importer can hand back a playbook that the loader would refuse.
import { formatPath } from '../load.js';
import type { Playbook } from '../playbook.js';
import { playbookSchema } from '../schema.js';

/** An imported playbook and what was odd about the source (shown to whoever imports it). */
export interface ImportResult {
  playbook: Playbook;
  warnings: string[];
}

/** The source cannot be turned into a playbook; the message says what and where. */
export class ImportError extends Error {
  override readonly name = 'ImportError';
}

/** The playbook as playbookSchema parses it; a failure is a bug in the importer, reported with its path. */
export function checkedPlaybook(playbook: Playbook): Playbook {
  const parsed = playbookSchema.safeParse(playbook);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues.map((i) => `${formatPath(i.path) || '(playbook)'}: ${i.message}`);
  throw new ImportError(`the imported playbook is not valid: ${issues.join('; ')}`);
}
