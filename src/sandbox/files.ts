// Files the bot shares (reports, charts) are saved under DATA_DIR/files, so a sandbox user can open the report
// they just asked for: Slack would show it in the channel; a terminal can only point at it.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { SlackEmulatorApi } from './emulator/types.js';

/** Saves every file shared in a message into `dir`; `told` gets a line naming where each went. Returns the unsubscribe. */
export function saveSharedFiles(emu: SlackEmulatorApi, dir: string, told: (line: string) => void): () => void {
  return emu.onActivity((a) => {
    if (a.kind !== 'message') return;
    for (const shared of a.message.files ?? []) {
      const file = emu.files().find((f) => f.id === shared.id);
      if (!file?.bytes) continue;
      // The name comes from the bot; basename keeps it inside `dir` whatever it says. Written synchronously so the
      // line lands right under the message that shared it.
      const target = path.join(dir, path.basename(file.name));
      try {
        mkdirSync(dir, { recursive: true });
        writeFileSync(target, file.bytes);
        told(`    · saved as ${shown(target)} (${file.bytes.length.toLocaleString('en')} bytes)`);
      } catch (err) {
        told(`    ! could not save ${file.name}: ${(err as Error).message}`);
      }
    }
  });
}

/** A path as short as it can be said: relative to where the sandbox was started when it is under it. */
function shown(target: string): string {
  const relative = path.relative(process.cwd(), target);
  return relative && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative : target;
}
