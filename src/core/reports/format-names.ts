// The format names people may type (in Slack and on the command line), and the format each means.
import { AppError } from '../../shared/errors.js';
import type { ReportFormat } from './report.js';

const FORMAT_WORDS: Record<string, ReportFormat> = {
  md: 'md',
  markdown: 'md',
  html: 'html',
  json: 'json',
  csv: 'csv',
  timesketch: 'timesketch',
  jsonl: 'timesketch',
  'timesketch-csv': 'timesketch-csv',
};

/** The names accepted, for usage messages. */
export const FORMAT_NAMES = Object.keys(FORMAT_WORDS);

/** The format a name means, or undefined. */
export function formatNamed(text: string): ReportFormat | undefined {
  const word = text.trim().toLowerCase();
  // Own keys only: `report constructor` must not find Object.prototype.constructor (found by the parser fuzz test).
  return Object.hasOwn(FORMAT_WORDS, word) ? FORMAT_WORDS[word] : undefined;
}

/** The format a name means, or a clear error listing the names. */
export function parseReportFormat(text: string, allowed: readonly ReportFormat[] = Object.values(FORMAT_WORDS)): ReportFormat {
  const format = formatNamed(text);
  if (format && allowed.includes(format)) return format;
  const names = FORMAT_NAMES.filter((n) => allowed.includes(FORMAT_WORDS[n]!));
  throw new AppError('invalid_input', `"${text}" is not a report format here. Use one of: ${names.join(', ')}.`);
}
