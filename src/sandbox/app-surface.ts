// What the Slack app declares in manifest.json (its slash commands and shortcuts), so the sandbox behaves like
// a workspace with the app installed: an unknown command is refused, and a shortcut can be named as people see it.
import { readFile } from 'node:fs/promises';
import { arrAt, objAt, strAt } from './render.js';

/** The slash commands and message shortcuts the app offers; empty lists mean "don't check". */
export interface AppSurface {
  commands: string[];
  shortcuts: { name: string; callbackId: string }[];
}

/** No manifest: every command and callback_id is passed through to the bot. */
export const OPEN_SURFACE: AppSurface = { commands: [], shortcuts: [] };

/** The commands and message shortcuts listed in a parsed manifest. */
export function surfaceFromManifest(manifest: unknown): AppSurface {
  const features = objAt(manifest, 'features');
  return {
    commands: arrAt(features, 'slash_commands').flatMap((c) => strAt(c, 'command') ?? []),
    shortcuts: arrAt(features, 'shortcuts')
      .filter((s) => strAt(s, 'type') === 'message')
      .flatMap((s) => {
        const name = strAt(s, 'name');
        const callbackId = strAt(s, 'callback_id');
        return name && callbackId ? [{ name, callbackId }] : [];
      }),
  };
}

/** The app's surface from the repository's manifest.json; the open surface when it cannot be read. */
export async function readAppSurface(file: URL = new URL('../../manifest.json', import.meta.url)): Promise<AppSurface> {
  try {
    return surfaceFromManifest(JSON.parse(await readFile(file, 'utf8')));
  } catch {
    // The manifest only sharpens error messages; without it the sandbox still works.
    return OPEN_SURFACE;
  }
}

/** Throws when the app has no such slash command, as Slack would refuse it. */
export function checkCommand(surface: AppSurface, command: string): void {
  if (surface.commands.length > 0 && !surface.commands.includes(command)) {
    throw new Error(`${command} is not a command of this app; try ${surface.commands.join(' or ')}`);
  }
}

/**
 * Which shortcut a `shortcut …` line names and the words left to find the message by. The name may be the
 * callback_id or the shortcut's name as Slack shows it, quoted or not ("Report as incident the odd mail").
 */
export function resolveShortcut(surface: AppSurface, first: string, words: string): { callbackId: string; words: string } {
  if (surface.shortcuts.length === 0) return { callbackId: first, words };
  const byId = surface.shortcuts.find((s) => s.callbackId === first || s.name.toLowerCase() === first.toLowerCase());
  if (byId) return { callbackId: byId.callbackId, words };
  const line = `${first} ${words}`;
  const byName = surface.shortcuts.find((s) => line.toLowerCase().startsWith(`${s.name.toLowerCase()} `));
  if (byName) return { callbackId: byName.callbackId, words: line.slice(byName.name.length).trim() };
  throw new Error(`the app has no shortcut "${first}"; its message shortcuts: ${surface.shortcuts.map((s) => `"${s.name}" (${s.callbackId})`).join(', ')}`);
}
