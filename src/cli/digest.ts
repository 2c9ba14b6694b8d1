// `rampart digest preview|send-now`: the weekly incident digest from a terminal. preview prints it as plain text
// (worded as in Slack, by core/digest/lines.ts); send-now posts it to INCIDENT_CHANNEL (it needs SLACK_BOT_TOKEN).
import type { Config } from '../config.js';
import type { Digest, Core } from '../core/index.js';
import { changeLine, figureLines, followupLine, openLine, periodLabel, PLAIN } from '../core/index.js';
import { AppError } from '../shared/errors.js';
import { OPERATOR, withCore } from './commands.js';
import { READ_ONLY_POSTERS, sendNowPosters, type Posters } from './posters.js';

type Out = (line: string) => void;

/** The digest as plain text lines. Unlike Slack, nothing is cut: a terminal can scroll. */
export function digestText(d: Digest): string[] {
  const list = (title: string, lines: string[], empty: string) => [title, ...(lines.length > 0 ? lines.map((l) => `  ${l}`) : [`  ${empty}`])];
  return [
    `Weekly incident digest: ${periodLabel(d)}`,
    '',
    ...list(`Open incidents (${d.open.length})`, d.open.map((i) => openLine(i, PLAIN)), 'None.'),
    '',
    ...list(`This week (${d.changes.length})`, d.changes.map((c) => changeLine(c, d.timezone, PLAIN)), 'Nothing was declared, resolved, closed, declined, merged or reopened.'),
    '',
    'Figures',
    ...figureLines(d.figures).map((l) => `  ${l}`),
    '',
    ...list(`Open follow-ups (${d.followups.length})`, d.followups.map((f) => followupLine(f, PLAIN)), 'None.'),
  ];
}

function withDigest<T>(config: Config, posters: Posters, fn: (d: Core['digest']) => Promise<T>): Promise<T> {
  return withCore(config, (core) => fn(core.digest), { posters });
}

/** `rampart digest preview`. */
export function digestPreviewCommand(config: Config, out: Out): Promise<void> {
  return withDigest(config, READ_ONLY_POSTERS, async (d) => {
    for (const line of digestText(await d.preview(OPERATOR))) out(line);
  });
}

/** `rampart digest send-now`. */
export async function digestSendNowCommand(config: Config, out: Out): Promise<void> {
  return withDigest(config, await sendNowPosters(config, 'INCIDENT_CHANNEL'), async (d) => {
    const outcome = await d.sendNow(OPERATOR);
    if (outcome.kind !== 'posted') throw new AppError('invalid_input', `Nothing was posted (${outcome.kind}${outcome.kind === 'failed' ? `: ${outcome.error}` : ''}).`);
    out(`Posted the digest to ${outcome.channel}.`);
  });
}
