// Publishing a person's Home tab. views.publish replaces the whole tab, so publishing twice shows the same thing: a
// retry, a refresh from the outbox and a publish after opening the tab never need to know about each other.
import type { WebClient } from '@slack/web-api';
import type { Actor, Core } from '../../core/index.js';
import { homeView } from '../blocks/home.js';
import type { HomeTab } from '../blocks/block-kit.js';

/** The actor whose Home tab it is (no source names a Home tab; its buttons are what a person uses there). */
export function homeActor(userId: string): Actor {
  return { id: userId, source: 'slack-button' };
}

/** The Home tab a person would see now, on the page they were last on (for the outbox's home_refreshed). */
export async function currentHomeView(core: Core, userId: string): Promise<HomeTab> {
  return homeView(await core.home.read(homeActor(userId)));
}

/** Records that the person opened (or paged) their Home tab, then publishes it. */
export async function openAndPublishHome(core: Core, client: WebClient, userId: string, page?: number): Promise<void> {
  const home = await core.home.open(homeActor(userId), page === undefined ? {} : { page });
  await client.views.publish({ user_id: userId, view: homeView(home) as never });
}
