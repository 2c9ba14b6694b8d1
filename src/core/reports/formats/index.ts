// One entry point for every report format: which renderer, which file extension and media type, which file name.
import type { ReportFormat, ReportSource } from '../report.js';
import { renderCsv } from './csv.js';
import { renderHtml } from './html.js';
import { renderJson } from './json.js';
import { renderMarkdown } from './markdown.js';
import { renderTimesketch, renderTimesketchCsv } from './timesketch.js';

/** How a format is saved and offered. extension includes the dot; every format is UTF-8 text. */
export const FORMAT_INFO: Record<ReportFormat, { extension: string; mimeType: string; label: string }> = {
  md: { extension: '.md', mimeType: 'text/markdown', label: 'Markdown' },
  html: { extension: '.html', mimeType: 'text/html', label: 'HTML' },
  json: { extension: '.json', mimeType: 'application/json', label: 'JSON' },
  csv: { extension: '.csv', mimeType: 'text/csv', label: 'CSV (timeline)' },
  timesketch: { extension: '.jsonl', mimeType: 'application/x-ndjson', label: 'Timesketch (JSONL)' },
  'timesketch-csv': { extension: '.csv', mimeType: 'text/csv', label: 'Timesketch (CSV)' },
};

/** What follows the ref in a file name: the two Timesketch files and the CSV say what they hold, as both are .csv. */
const NAME_HINT: Record<ReportFormat, string> = {
  md: 'report',
  html: 'report',
  json: 'report',
  csv: 'timeline',
  timesketch: 'timesketch',
  'timesketch-csv': 'timesketch',
};

const RENDERERS: Record<ReportFormat, (source: ReportSource) => AsyncIterable<string>> = {
  md: renderMarkdown,
  html: renderHtml,
  json: renderJson,
  csv: renderCsv,
  timesketch: renderTimesketch,
  'timesketch-csv': renderTimesketchCsv,
};

/** The report in the given format, as a stream of string chunks. */
export function renderReport(format: ReportFormat, source: ReportSource): AsyncIterable<string> {
  return RENDERERS[format](source);
}

/** The file name for a report: `INC-7-report.md`, `INC-7-timesketch.jsonl`, `INC-7-timesketch.csv`. */
export function reportFileName(ref: string, format: ReportFormat): string {
  // Refs are INC-<n>; anything else is made safe for every file system rather than trusted.
  const safe = ref.replace(/[^A-Za-z0-9_-]+/g, '-').replace(/^-+|-+$/g, '') || 'incident';
  return `${safe}-${NAME_HINT[format]}${FORMAT_INFO[format].extension}`;
}

export { renderCsv, renderHtml, renderJson, renderMarkdown, renderTimesketch, renderTimesketchCsv };
