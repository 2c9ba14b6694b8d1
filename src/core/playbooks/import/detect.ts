// Which importer a file needs: CACAO 2.0 playbooks say so in `spec_version`/`type`; TheHive case templates carry a
// task list. Anything else is refused with what was expected.
import path from 'node:path';
import { importCacao } from './cacao.js';
import { ImportError, type ImportResult } from './result.js';
import { importTheHive } from './thehive.js';

/** Imports a CACAO 2.0 or TheHive JSON text read from `file`. */
export async function importPlaybookText(text: string, file: string, opts: { cacaoSchemasDir?: string } = {}): Promise<ImportResult & { format: 'cacao' | 'thehive' }> {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (err) {
    throw new ImportError(`${path.basename(file)} is not JSON (${(err as Error).message}). Import takes CACAO 2.0 or TheHive case-template JSON.`);
  }
  const o = (typeof doc === 'object' && doc !== null && !Array.isArray(doc) ? doc : {}) as Record<string, unknown>;
  const looksCacao = o.type === 'playbook' || String(o.spec_version ?? '').startsWith('cacao') || 'workflow' in o;
  if (looksCacao) return { ...(await importCacao(doc, file, opts.cacaoSchemasDir ? { schemasDir: opts.cacaoSchemasDir } : {})), format: 'cacao' };
  if ('tasks' in o || o._type === 'CaseTemplate') return { ...importTheHive(doc, file), format: 'thehive' };
  throw new ImportError(
    `${path.basename(file)} is neither a CACAO 2.0 playbook (type "playbook", a workflow) nor a TheHive case template (a tasks list).`,
  );
}
