// Drills must never be mistaken for the real thing: every message about one starts with this marker.
import { md, type Mrkdwn } from './mrkdwn.js';

/** The prefix for a message about this incident: `DRILL · ` for a drill, nothing otherwise. */
export function drillPrefix(incident: { drill: boolean }): Mrkdwn {
  return incident.drill ? md`:construction: *DRILL* · ` : md``;
}

/** The same marker for plain-text places such as headers, where `*bold*` would show its asterisks. */
export function drillPlainPrefix(incident: { drill: boolean }): string {
  return incident.drill ? '🚧 DRILL · ' : '';
}
