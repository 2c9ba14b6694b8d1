// An incident's observables as CSV (RFC 4180, pure): the marking first, as a comment line, then one row per
// observable with its value as stored (for tools) and defanged (for people reading it in a spreadsheet).
import { csvRow, guardFormula } from '../reports/formats/csv.js';
import { tlpStatement, type Tlp } from '../tlp/tlp.js';
import { defang, type Observable } from './observable.js';

/** The CSV columns, in order. */
export const OBSERVABLE_CSV_COLUMNS = ['incident', 'type', 'value', 'defanged', 'verdict', 'origin', 'added_by', 'added_at', 'changed_at'] as const;

/** The observables as CSV; the first line is `# TLP:…: FIRST's definition`, so the marking travels with the file. */
export function observablesCsv(input: { ref: string; marking: Tlp; observables: readonly Observable[] }): string {
  // A normalised phone number is `+` and digits only, which no spreadsheet runs as anything but a number; every other
  // value that could start a formula (an account name) is guarded.
  const cell = (o: Observable, text: string) => (o.type === 'phone' ? text : guardFormula(text));
  const rows = input.observables.map((o) =>
    csvRow([input.ref, o.type, cell(o, o.value), cell(o, defang(o.type, o.value)), o.verdict, o.origin, guardFormula(o.addedBy), o.addedAt.toISOString(), o.changedAt.toISOString()]),
  );
  return `# ${tlpStatement(input.marking)}\r\n${csvRow(OBSERVABLE_CSV_COLUMNS)}${rows.join('')}`;
}
