// What the sandbox keeps in DATA_DIR besides the database: its people and channels (so ids stay the same across
// restarts and the reporters, role holders and members the bot stored keep their access) and its clock (so time
// never goes back: a restart resumes at the later of the saved sandbox time and the real time).
import { readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { SlackEmulatorApi } from './emulator/types.js';

/** The file's contents. */
export interface SavedSandbox {
  /** Sandbox time (ms since the epoch) when it was saved. */
  clockMs: number;
  users: { id: string; name: string }[];
  channels: { id: string; name: string; is_private: boolean; members: string[] }[];
}

/** The file in DATA_DIR that holds it. */
export function savedStateFile(dataDir: string): string {
  return path.join(dataDir, 'sandbox-state.json');
}

/** The saved state, or undefined on a first run; a damaged file is an error that names it, never silently reset. */
export async function loadSandboxState(dataDir: string): Promise<SavedSandbox | undefined> {
  const file = savedStateFile(dataDir);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
  const parsed = JSON.parse(text) as Partial<SavedSandbox>;
  if (typeof parsed.clockMs !== 'number' || !Array.isArray(parsed.users) || !Array.isArray(parsed.channels)) {
    throw new Error(`${file} is not a sandbox state file (delete it to start the sandbox's people and clock afresh)`);
  }
  return parsed as SavedSandbox;
}

/** The emulator's people and channels and the sandbox time, as they are now. */
export function snapshot(emu: SlackEmulatorApi, clockMs: number): SavedSandbox {
  return {
    clockMs,
    users: emu.people().map((u) => ({ id: u.id, name: u.name })),
    channels: emu.channels().map((c) => ({ id: c.id, name: c.name, is_private: c.is_private, members: [...c.members] })),
  };
}

/** Writes the state through a temporary file, so a crash mid-write never leaves half a file. */
export async function saveSandboxState(dataDir: string, state: SavedSandbox): Promise<void> {
  const file = savedStateFile(dataDir);
  await writeFile(`${file}.tmp`, `${JSON.stringify(state, null, 2)}\n`);
  await rename(`${file}.tmp`, file);
}

/** Puts saved people and channels back under their ids; returns how far the clock must move to resume (≥ 0). */
export function restoreSandboxState(emu: SlackEmulatorApi, saved: SavedSandbox | undefined, realNow: number): number {
  if (!saved) return 0;
  for (const u of saved.users) emu.restoreUser(u);
  for (const c of saved.channels) emu.restoreChannel(c);
  return Math.max(0, saved.clockMs - realNow);
}
