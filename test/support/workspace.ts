// Real Slack payloads (the corpora's fixtures) name their own workspace (T111, E111) and app (A111); the bot serves
// only its own installation, so tests that want a payload to reach our listeners move it into the emulator's.
import { APP_ID, TEAM_DOMAIN, TEAM_ID } from '../../src/sandbox/emulator/constants.js';

type Obj = Record<string, unknown>;

/** A slash-command form, an interaction payload or an event envelope, naming the emulator's workspace and app. */
export function inOurWorkspace<T extends string | Obj>(body: T): T {
  if (typeof body === 'string') {
    const form = new URLSearchParams(body);
    form.set('team_id', TEAM_ID);
    form.set('api_app_id', APP_ID);
    form.delete('enterprise_id');
    return form.toString() as T;
  }
  const copy = structuredClone(body) as Obj;
  if (copy.event !== undefined) {
    Object.assign(copy, { team_id: TEAM_ID, api_app_id: APP_ID, authorizations: [{ enterprise_id: null, team_id: TEAM_ID, user_id: 'U0BOT', is_bot: true, is_enterprise_install: false }] });
    delete copy.enterprise_id;
    return copy as T;
  }
  Object.assign(copy, { team: { id: TEAM_ID, domain: TEAM_DOMAIN }, enterprise: null, api_app_id: APP_ID });
  const view = copy.view as Obj | undefined;
  if (view && 'app_installed_team_id' in view) view.app_installed_team_id = TEAM_ID;
  return copy as T;
}
