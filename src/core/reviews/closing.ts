// The closing rule: incidents of the severities in REVIEW_REQUIRED_SEVERITIES close only once a review is written.
import type { DbOrTx } from '../../db/types.js';
import { AppError } from '../../shared/errors.js';
import type { Incident, Severity } from '../incidents/incident.js';
import { latestReview } from './queries.js';

/**
 * Whether closing the incident waits for a review. Drills are exempt: they rehearse the response, and a required
 * write-up would keep practice incidents open (a review may still be written for one).
 */
export function reviewRequiredFor(incident: Pick<Incident, 'severity' | 'drill'>, severities: readonly Severity[]): boolean {
  return !incident.drill && severities.includes(incident.severity);
}

/** Throws review_required when the incident needs a review and has none. Run inside the closing transaction. */
export async function requireReviewBeforeClosing(db: DbOrTx, incident: Incident, severities: readonly Severity[]): Promise<void> {
  if (!reviewRequiredFor(incident, severities)) return;
  if ((await latestReview(db, incident.id)).versions > 0) return;
  throw new AppError(
    'review_required',
    `${incident.ref} is ${incident.severity}: write its post-incident review before closing it (\`/incident review ${incident.ref}\`). ` +
      `Reviews are required for ${severities.join(', ')} incidents; the status stays ${incident.status}.`,
    { ref: incident.ref, severity: incident.severity },
  );
}
