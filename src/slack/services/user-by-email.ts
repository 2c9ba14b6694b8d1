// Which Slack user has an email address (users.lookupByEmail, scope users:read.email): a mail reporter who is also in
// Slack is thanked and told the verdict there. A look-up that fails for any reason means "no Slack user": the report
// is kept either way, and the reporter still hears by email.
import type { WebClient } from '@slack/web-api';
import type { Logger } from '../../log.js';

/** Looks an address up; undefined when no (human, active) Slack user has it or Slack could not say. */
export function slackUserByEmail(client: WebClient, logger: Logger): (email: string) => Promise<string | undefined> {
  return async (email) => {
    try {
      const res = await client.users.lookupByEmail({ email });
      const user = res.user;
      return user?.id && !user.is_bot && !user.deleted ? user.id : undefined;
    } catch (err) {
      const code = (err as { data?: { error?: string } }).data?.error;
      if (code !== 'users_not_found') logger.warn({ err: code ?? (err as Error).message }, 'looking up a mail reporter in Slack failed');
      return undefined;
    }
  };
}
