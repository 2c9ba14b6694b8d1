// The Observables section of the Markdown and HTML reports: one row per observable, its value defanged so a report
// opened in a browser or a Markdown viewer never turns an indicator into a link.
import { personLabel } from '../../people/directory.js';
import { TYPE_LABELS } from '../../observables/observable.js';
import type { ReportObservable } from '../report.js';
import type { TextTable } from './human.js';

/** The observables with type, defanged value, verdict and who added them, and how many are malicious. */
export function observablesTable(observables: readonly ReportObservable[], names: Readonly<Record<string, string>> = {}): TextTable & { malicious: number } {
  return {
    head: ['Type', 'Value (defanged)', 'Verdict', 'Added by'],
    rows: observables.map((o) => [TYPE_LABELS[o.type], o.defanged, o.verdict, `${personLabel(names, o.addedBy)}${o.origin === 'scan' ? ' (from a scan)' : ''}`]),
    malicious: observables.filter((o) => o.verdict === 'malicious').length,
  };
}
