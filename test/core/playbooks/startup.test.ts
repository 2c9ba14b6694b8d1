// Start-up with a custom playbook folder: a bad file is logged as an error with its file and line and skipped; the
// built-ins and the good custom files still load.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { loadPlaybooks } from '../../../src/compose.js';
import { loadConfig } from '../../../src/config.js';
import { createLogger } from '../../../src/log.js';

const dir = mkdtempSync(path.join(tmpdir(), 'rampart-startup-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('loading playbooks at start-up', () => {
  it('logs each problem loudly and skips only the bad file', async () => {
    writeFileSync(path.join(dir, 'good.yaml'), 'id: good\ntitle: Good\nsummary: Fine\nincident_types: [vendor-breach]\nsections:\n  - name: Do\n    steps:\n      - title: It\n');
    writeFileSync(path.join(dir, 'bad.yaml'), 'id: bad\ntitle: Bad\nsummary: Broken\nsections:\n  - name: Do\n    steps:\n      - title: It\n        requires: maybe\n');
    const lines: string[] = [];
    const sink = new Writable({ write: (chunk: Buffer, _e, done) => (lines.push(chunk.toString()), done()) });
    const library = await loadPlaybooks(loadConfig({ PLAYBOOKS_DIR: dir, LOG_LEVEL: 'info' }), createLogger('info', sink));
    expect(library.get('good')?.title).toBe('Good');
    expect(library.get('bad')).toBeUndefined();
    expect(library.get('phishing')).toBeDefined();
    const logged = lines.map((l) => JSON.parse(l) as { level: number; msg: string; file: string; line: number });
    expect(logged.find((l) => l.file.endsWith('bad.yaml'))).toMatchObject({ level: 50, line: 8, msg: expect.stringContaining('sections[0].steps[0].requires') });
    // A type this installation does not know is a warning, and the playbook still loads.
    expect(logged.find((l) => l.file.endsWith('good.yaml'))).toMatchObject({ level: 40, msg: expect.stringContaining('"vendor-breach" is not an incident type here') });
  });
});
