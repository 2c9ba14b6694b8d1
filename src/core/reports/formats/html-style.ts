// The HTML report's stylesheet, inline so the file is self-contained: system fonts only (no web fonts, no external
// URLs), and print rules so a browser's "Print to PDF" gives a readable document.

/** The CSS of the HTML report. */
export const REPORT_CSS = `
:root { color-scheme: light; }
body { margin: 0; background: #f3f4f6; color: #111827;
  font: 14px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
main { max-width: 1040px; margin: 0 auto; padding: 24px 32px 48px; background: #ffffff; }
h1 { font-size: 1.6em; margin: 0 0 4px; }
h2 { font-size: 1.25em; margin: 32px 0 8px; border-bottom: 2px solid #e5e7eb; padding-bottom: 4px; }
h3 { font-size: 1.05em; margin: 20px 0 6px; }
h4 { font-size: 0.95em; margin: 14px 0 4px; }
.meta, .byline { color: #4b5563; }
.mismatch { color: #b91c1c; font-weight: bold; }
.description, .text { white-space: pre-wrap; }
.tlp { border: 2px solid #111827; padding: 6px 10px; margin: 0 0 16px; }
table { border-collapse: collapse; width: 100%; margin: 8px 0 16px; }
th, td { border: 1px solid #d1d5db; padding: 4px 8px; text-align: left; vertical-align: top; }
th { background: #f9fafb; }
td.num, th.num { text-align: right; white-space: nowrap; }
td.when { white-space: nowrap; font-variant-numeric: tabular-nums; }
code, .mono { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace; font-size: 0.92em; }
.kind { color: #374151; }
.backdated { color: #6d28d9; font-size: 0.9em; }
.now { font-weight: 600; }
ul.steps { list-style: none; padding-left: 0; }
ul.steps li { margin: 2px 0; }
.box { display: inline-block; width: 1.6em; font-family: ui-monospace, Menlo, Consolas, monospace; }
.step-skipped .title { text-decoration: line-through; color: #6b7280; }
.detail { color: #4b5563; }
svg.timeline-chart { width: 100%; height: auto; margin: 8px 0 16px; font-family: system-ui, sans-serif; }
@media print {
  body { background: #ffffff; font-size: 11pt; }
  main { max-width: none; padding: 0; }
  th { background: #ffffff; }
  h2, h3 { page-break-after: avoid; break-after: avoid; }
  tr, li, svg.timeline-chart { page-break-inside: avoid; break-inside: avoid; }
  thead { display: table-header-group; }
}
`;
