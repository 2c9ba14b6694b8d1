// The printable contact sheet: the out-of-band plan on paper, for the day Slack, mail and the laptops are not to be
// trusted. One self-contained HTML page (inline CSS, an @media print block, no scripts, fonts or images, and a CSP that
// forbids loading anything), every value escaped. The verification phrase is left off: it is rotated often and said
// by voice, and a sheet pinned to a wall outlives several phrases.
import { DateTime } from 'luxon';
import { escapeHtml as esc } from '../reports/formats/html-escape.js';
import { OUTSIDE_PARTY_KINDS, OUTSIDE_PARTY_WORDS, type OobPlan } from './plan.js';

const CSS = `
body { font: 11pt/1.4 system-ui, -apple-system, "Segoe UI", sans-serif; color: #111; margin: 2rem auto; max-width: 48rem; padding: 0 1rem; }
h1 { font-size: 18pt; margin: 0 0 .2rem; }
h2 { font-size: 13pt; margin: 1.4rem 0 .4rem; border-bottom: 1px solid #999; }
.meta { color: #444; margin: 0 0 1rem; }
.warn { border: 2px solid #b91c1c; padding: .5rem .8rem; font-weight: 600; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; vertical-align: top; border: 1px solid #bbb; padding: .3rem .5rem; }
th { background: #eee; }
.phone { white-space: nowrap; font-variant-numeric: tabular-nums; font-weight: 600; }
@media print {
  body { margin: 0; max-width: none; font-size: 10pt; }
  h2 { break-after: avoid; }
  tr, li { break-inside: avoid; }
  th { background: none; }
  @page { margin: 1.5cm; }
}`;

const CSP = "default-src 'none'; style-src 'unsafe-inline'";

/** The contact sheet as one HTML document; version names the plan file's version, printed so old copies can be told apart. */
export function contactSheetHtml(plan: OobPlan, p: { version: string; generatedAt: Date; timezone: string }): string {
  const printed = DateTime.fromJSDate(p.generatedAt, { zone: p.timezone }).toFormat('yyyy-MM-dd HH:mm ZZ');
  const out: string[] = [
    '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${CSP}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>Out-of-band contact sheet (plan ${esc(p.version)})</title>\n<style>${CSS}</style>\n</head>\n<body>`,
    '<h1>Out-of-band contact sheet</h1>',
    `<p class="meta">Plan version ${esc(p.version)} · printed ${esc(printed)} (${esc(p.timezone)}). A newer version replaces this sheet.</p>`,
    '<p class="warn">If chat or mail may be compromised, do not discuss the incident there. Use the channels below and call the people on this sheet.</p>',
    '<h2>Backup channels</h2><ul>',
    ...plan.backup_channels.map((c) => `<li><strong>${esc(c.name)}</strong>: ${esc(c.how)}</li>`),
    '</ul>',
  ];
  if (plan.phone_tree?.length) {
    out.push('<h2>Phone tree</h2><table><thead><tr><th>Name</th><th>Role</th><th>Phone</th><th>Calls next</th></tr></thead><tbody>');
    for (const e of plan.phone_tree) {
      out.push(`<tr><td>${esc(e.name)}</td><td>${esc(e.role ?? '')}</td><td class="phone">${esc(e.phone)}</td><td>${esc((e.calls ?? []).join(', '))}</td></tr>`);
    }
    out.push('</tbody></table>');
  }
  if (plan.outside_parties?.length) {
    out.push('<h2>Outside parties to call</h2><table><thead><tr><th>Who</th><th>Name</th><th>Phone</th><th>Email</th><th>Reference</th><th>Notes</th></tr></thead><tbody>');
    const ordered = [...plan.outside_parties].sort((a, b) => OUTSIDE_PARTY_KINDS.indexOf(a.kind) - OUTSIDE_PARTY_KINDS.indexOf(b.kind));
    for (const o of ordered) {
      out.push(
        `<tr><td>${esc(OUTSIDE_PARTY_WORDS[o.kind])}</td><td>${esc(o.name)}</td><td class="phone">${esc(o.phone ?? '')}</td><td>${esc(o.email ?? '')}</td><td>${esc(o.reference ?? '')}</td><td>${esc(o.notes ?? '')}</td></tr>`,
      );
    }
    out.push('</tbody></table>');
  }
  if (plan.meeting_place) {
    const m = plan.meeting_place;
    out.push('<h2>Meeting place</h2>', `<p><strong>${esc(m.where)}</strong>${m.when ? `<br>${esc(m.when)}` : ''}${m.notes ? `<br>${esc(m.notes)}` : ''}</p>`);
  }
  if (plan.verification) out.push('<h2>Verification</h2>', `<p>Prove who you are with the verification phrase, by voice or in person. It is not printed here; ${esc(plan.verification.rotated_by)} gives it out.</p>`);
  if (plan.notes) out.push('<h2>Notes</h2>', `<p>${esc(plan.notes)}</p>`);
  out.push('</body>\n</html>\n');
  return out.join('\n');
}
