// Before a role is stored, Slack is asked who the person is: an id Slack does not know, a deactivated account or a
// bot would otherwise be "commander" of an incident nobody can reach (and the invite would fail only afterwards).
import type { WebClient } from '@slack/web-api';
import { AppError } from '../../shared/errors.js';
import { slackErrorOf } from './slack-call.js';

/** Throws a specific invalid_input unless Slack knows userId as an active person (not deleted, not a bot). */
export async function checkAssignable(client: WebClient, userId: string, role: string, ref?: string): Promise<void> {
  let user: { deleted?: boolean; is_bot?: boolean } | undefined;
  try {
    user = (await client.users.info({ user: userId })).user;
  } catch (err) {
    const code = slackErrorOf(err);
    // user_not_visible: a user of another workspace this one cannot see; the same as unknown to us.
    if (code !== 'user_not_found' && code !== 'user_not_visible') throw err;
  }
  const nobody = `so nobody was made ${role}. Mention someone from this workspace, e.g. \`/incident assign ${ref ? `${ref} ` : ''}${role} @alice\`.`;
  if (!user) throw new AppError('invalid_input', `Slack has no user ${userId} in this workspace, ${nobody}`);
  if (user.deleted) throw new AppError('invalid_input', `That person's Slack account is deactivated, ${nobody}`);
  // USLACKBOT is Slack's own bot, though users.info does not mark it as one.
  if (user.is_bot || userId === 'USLACKBOT') throw new AppError('invalid_input', `That is a bot, not a person, ${nobody}`);
}
