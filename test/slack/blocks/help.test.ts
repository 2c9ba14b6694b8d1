// `/incident help` and the manifest's usage hint are derived from nothing, so this keeps them honest: every
// subcommand the parser knows and every report format name it accepts must appear in both.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FORMAT_NAMES } from '../../../src/core/reports/format-names.js';
import { helpMessage } from '../../../src/slack/blocks/help.js';
import { SUBCOMMANDS } from '../../../src/slack/parse/command.js';

const manifest = JSON.parse(readFileSync('manifest.json', 'utf8')) as { features: { slash_commands: { command: string; usage_hint: string }[] } };
const usageHint = manifest.features.slash_commands.find((c) => c.command === '/incident')!.usage_hint;
const helpText = JSON.stringify(helpMessage(['phishing']).blocks);

/** The word on its own: `playbook` is not found inside `playbooks`, nor `timesketch` inside `timesketch-csv`. */
const word = (w: string) => new RegExp(`(?<![\\w-])${w.replace(/[-]/g, '\\-')}(?![\\w-])`);

describe('help and usage hint', () => {
  it.each(SUBCOMMANDS.map((s) => [s]))('/incident help shows `/incident %s`', (sub) => {
    expect(helpText).toMatch(new RegExp(`/incident ${sub}(?![\\w-])`));
  });

  it.each(SUBCOMMANDS.map((s) => [s]))('the manifest usage hint names %s', (sub) => {
    expect(usageHint).toMatch(word(sub));
  });

  it.each(FORMAT_NAMES.map((f) => [f]))('help and the usage hint name the report format %s', (format) => {
    expect(helpText).toMatch(word(format));
    expect(usageHint).toMatch(word(format));
  });

  it('keeps the usage hint short enough for Slack to show', () => {
    // Slack's manifest schema caps usage_hint at 1,000 characters.
    expect(usageHint.length).toBeLessThanOrEqual(1000);
  });
});
