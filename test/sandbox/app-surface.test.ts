import { describe, expect, it } from 'vitest';
import { checkCommand, OPEN_SURFACE, readAppSurface, resolveShortcut, surfaceFromManifest } from '../../src/sandbox/app-surface.js';

const surface = surfaceFromManifest({
  features: {
    slash_commands: [{ command: '/incident' }],
    shortcuts: [
      { name: 'Report as incident', type: 'message', callback_id: 'report_message' },
      { name: 'Global thing', type: 'global', callback_id: 'global_thing' },
    ],
  },
});

describe('the app surface', () => {
  it('lists commands and message shortcuts from a manifest', () => {
    expect(surface).toEqual({ commands: ['/incident'], shortcuts: [{ name: 'Report as incident', callbackId: 'report_message' }] });
  });

  it("reads the repository's manifest", async () => {
    expect((await readAppSurface()).commands).toContain('/incident');
    expect(await readAppSurface(new URL('file:///nonexistent/manifest.json'))).toEqual(OPEN_SURFACE);
  });

  it('refuses commands the app does not have, unless it knows none', () => {
    expect(() => checkCommand(surface, '/incident')).not.toThrow();
    expect(() => checkCommand(surface, '/deploy')).toThrow('/deploy is not a command of this app; try /incident');
    expect(() => checkCommand(OPEN_SURFACE, '/deploy')).not.toThrow();
  });

  it('finds a shortcut by callback_id or by name, quoted or not', () => {
    expect(resolveShortcut(surface, 'report_message', 'odd mail')).toEqual({ callbackId: 'report_message', words: 'odd mail' });
    expect(resolveShortcut(surface, 'Report as incident', 'odd mail')).toEqual({ callbackId: 'report_message', words: 'odd mail' });
    expect(resolveShortcut(surface, 'report', 'as incident odd mail')).toEqual({ callbackId: 'report_message', words: 'odd mail' });
    expect(resolveShortcut(OPEN_SURFACE, 'anything', 'odd mail')).toEqual({ callbackId: 'anything', words: 'odd mail' });
    expect(() => resolveShortcut(surface, 'escalate', 'odd mail')).toThrow('the app has no shortcut "escalate"; its message shortcuts: "Report as incident" (report_message)');
  });
});
