// The sandbox's report mailbox: a folder of .eml files (new/, and Rampart/Processed and Rampart/Rejected beside it),
// behind the same interface as the IMAP mailbox, so `mail FILE` runs exactly the intake a deployment runs.
import { copyFile, mkdir, readdir, readFile, rename, stat } from 'node:fs/promises';
import path from 'node:path';
import { FOLDERS, type ReportMailbox } from './mailbox.js';

/** A directory mailbox under dir (created when missing). */
export async function openDirectoryMailbox(dir: string): Promise<ReportMailbox & { deliver(file: string): Promise<string> }> {
  const incoming = path.join(dir, 'new');
  await mkdir(incoming, { recursive: true });
  for (const parts of Object.values(FOLDERS)) await mkdir(path.join(dir, ...parts), { recursive: true });
  let counter = 0;
  return {
    name: `dir://${path.basename(dir)}`,
    /** Copies a file into the mailbox, as a delivery would; returns its key. */
    deliver: async (file) => {
      const key = `${Date.now()}-${process.pid}-${++counter}.eml`;
      await copyFile(file, path.join(incoming, key));
      return key;
    },
    waiting: async (limit) => {
      const names = (await readdir(incoming)).filter((n) => n.endsWith('.eml'));
      const dated = await Promise.all(names.map(async (n) => ({ n, at: (await stat(path.join(incoming, n))).mtimeMs })));
      const oldest = dated.sort((a, b) => a.at - b.at || a.n.localeCompare(b.n)).slice(0, limit);
      return Promise.all(oldest.map(async ({ n }) => ({ key: n, raw: new Uint8Array(await readFile(path.join(incoming, n))) })));
    },
    moveAside: async (message, to) => {
      await rename(path.join(incoming, message.key), path.join(dir, ...FOLDERS[to], message.key)).catch((err: NodeJS.ErrnoException) => {
        if (err.code !== 'ENOENT') throw err;
      });
    },
    close: async () => {},
  };
}
