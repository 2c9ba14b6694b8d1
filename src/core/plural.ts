// The one way a count is written with its noun, so "1 acknowledgement" and "3 events" read right everywhere
// (reports, Slack replies, the CLI) instead of each place guessing its own "(s)".

/** `1 event`, `0 events`, `2 people` (give the plural when it is not the noun plus "s"). */
export function plural(n: number, singular: string, pluralForm = `${singular}s`): string {
  return `${n} ${n === 1 ? singular : pluralForm}`;
}
