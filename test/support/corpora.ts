// The shared corpora (Slack's signing test vector, payload fixtures) live next to the repository, not in it. Tests
// that need them skip with a note when they are absent, so a fresh clone still passes.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** The corpora folder: ../shared/corpora from where vitest runs. */
export const CORPORA = path.resolve(process.cwd(), '../shared/corpora');
/** The Slack part of the corpora. */
export const SLACK_CORPORA = path.join(CORPORA, 'slack');

/** True when the Slack corpora are present; otherwise prints why the calling file's tests are skipped. */
export function haveSlackCorpora(what: string): boolean {
  const present = existsSync(SLACK_CORPORA);
  if (!present) console.warn(`[skip] ${what}: the Slack corpora are not at ${SLACK_CORPORA}`);
  return present;
}

/** A JSON file of the Slack corpora, parsed. */
export function readSlackCorpus<T = unknown>(relative: string): T {
  return JSON.parse(readFileSync(path.join(SLACK_CORPORA, relative), 'utf8')) as T;
}

/** The payload fixture files, by name. */
export function payloadFixtureNames(): string[] {
  return readdirSync(path.join(SLACK_CORPORA, 'payload-fixtures')).filter((f) => f.endsWith('.json'));
}
