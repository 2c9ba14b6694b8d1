// `rampart digest preview|send-now`: the weekly incident digest from a terminal. preview prints it as plain text
// (worded as in Slack, by core/digest/lines.ts); send-now posts it to INCIDENT_CHANNEL (it needs SLACK_BOT_TOKEN).
import type { Config } from '../config.js';
import { systemClock } from '../core/clock.js';
import type { Digest } from '../core/digest/digest.js';
import type { DigestPoster } from '../core/digest/deps.js';
import { changeLine, figureLines, openLine, periodLabel, PLAIN } from '../core/digest/lines.js';
import type { WeeklyDigest } from '../core/digest/programme.js';
import { AppError } from '../core/errors.js';
import { slackDigestPoster } from '../slack/services/digest-poster.js';
import { realSleep } from '../slack/services/retry.js';
import { digestFor } from '../scheduled-posts.js';
import { withDatabase } from './commands.js';
import { readOnlyPoster, sendNowClient } from './posters.js';

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
  ];
}

function withDigest<T>(config: Config, poster: DigestPoster, fn: (d: WeeklyDigest) => Promise<T>): Promise<T> {
  return withDatabase(config, (database) => fn(digestFor(config, database, systemClock, poster)));
}

/** `rampart digest preview`. */
export function digestPreviewCommand(config: Config, out: Out): Promise<void> {
  return withDigest(config, readOnlyPoster, async (d) => {
    for (const line of digestText(await d.preview())) out(line);
  });
}

/** `rampart digest send-now`. */
export function digestSendNowCommand(config: Config, out: Out): Promise<void> {
  const client = sendNowClient(config, 'INCIDENT_CHANNEL');
  return withDigest(config, slackDigestPoster(client, realSleep), async (d) => {
    const outcome = await d.sendNow('cli');
    if (outcome.kind !== 'posted') throw new AppError('invalid_input', `Nothing was posted (${outcome.kind}${outcome.kind === 'failed' ? `: ${outcome.error}` : ''}).`);
    out(`Posted the digest to ${outcome.channel}.`);
  });
}
