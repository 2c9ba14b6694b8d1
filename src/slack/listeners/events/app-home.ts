// app_home_opened: a person opened the bot's Home tab, so it is published as it is now. The event is acked at once;
// reading the Home (which may ask Slack about private channels) and publishing it come after the ack.
import type { App } from '@slack/bolt';
import type { SlackDeps } from '../../deps.js';
import { openAndPublishHome } from '../../services/home.js';

/** Registers app_home_opened. */
export function register(app: App, deps: SlackDeps): void {
  app.event('app_home_opened', async ({ event, client }) => {
    // The Messages tab sends the same event; only the Home tab has a view to publish.
    if (event.tab !== 'home' || typeof event.user !== 'string') return;
    const userId = event.user;
    deps.background.afterAck('publish the Home tab', () => openAndPublishHome(deps.core, client, userId));
  });
}
