// Which Slack installation a request is for. A signing secret belongs to an app, not to a workspace: an app installed
// in several workspaces (or an org) signs all their requests with the same secret and sends them to the same URL. So
// a valid signature says "from Slack, for this app", and the request must also name this installation's workspace (or
// Enterprise Grid org, for an org-wide install) and this app, or another workspace could act on our incidents.

/** This bot's installation: from auth.test at start-up, and SLACK_APP_ID. */
export interface Installation {
  /** The workspace the bot token belongs to (for an org-wide install, Slack may name the org here). */
  teamId?: string;
  /** The Enterprise Grid org, when the workspace is in one. */
  enterpriseId?: string;
  /** Installed org-wide: requests come from any workspace of the org, each with its own team id. */
  isEnterpriseInstall: boolean;
  /** SLACK_APP_ID: when set, a request naming another app is refused. */
  appId?: string;
}

/** The installation from auth.test's answer (team_id, enterprise_id, is_enterprise_install) and SLACK_APP_ID. */
export function installationFrom(authTest: { team_id?: string; enterprise_id?: string; is_enterprise_install?: boolean }, appId?: string): Installation {
  return {
    ...(authTest.team_id ? { teamId: authTest.team_id } : {}),
    ...(authTest.enterprise_id ? { enterpriseId: authTest.enterprise_id } : {}),
    isEnterpriseInstall: authTest.is_enterprise_install === true,
    ...(appId ? { appId } : {}),
  };
}

/** Whose installation a request names: its workspace, org and app. */
interface Source {
  kind: 'event' | 'command' | 'interaction';
  teamId?: string;
  enterpriseId?: string;
  appId?: string;
}

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj | undefined => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Obj) : undefined);
const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

const INTERACTIONS = new Set(['block_actions', 'block_suggestion', 'dialog_submission', 'message_action', 'shortcut', 'view_submission', 'view_closed', 'interactive_message']);

/**
 * The installation a request is for, read the way Bolt reads it to pick an installation's token (bolt-js App.ts,
 * buildSource): an event's first authorization (else its team_id), a command's team_id and enterprise_id, an
 * interaction's team (else its user's team; for a view opened through a Slack Connect channel, the view's
 * app_installed_team_id) and enterprise. Undefined for requests that name no installation (url_verification, ssl_check).
 */
export function requestSource(body: Obj): Source | undefined {
  const appId = str(body.api_app_id);
  const withApp = appId ? { appId } : {};
  if (body.event !== undefined) {
    const authorization = Array.isArray(body.authorizations) ? obj(body.authorizations[0]) : undefined;
    const teamId = str(authorization?.team_id) ?? str(body.team_id);
    const enterpriseId = authorization ? str(authorization.enterprise_id) : str(body.enterprise_id);
    return { kind: 'event', ...withApp, ...(teamId ? { teamId } : {}), ...(enterpriseId ? { enterpriseId } : {}) };
  }
  if (body.command !== undefined) {
    const teamId = str(body.team_id);
    const enterpriseId = str(body.enterprise_id);
    return { kind: 'command', ...withApp, ...(teamId ? { teamId } : {}), ...(enterpriseId ? { enterpriseId } : {}) };
  }
  if (body.actions !== undefined || INTERACTIONS.has(body.type as string)) {
    const team = obj(body.team);
    const teamId = str(obj(body.view)?.app_installed_team_id) ?? str(team?.id) ?? str(obj(body.user)?.team_id);
    const enterpriseId = str(obj(body.enterprise)?.id) ?? str(team?.enterprise_id);
    return { kind: 'interaction', ...withApp, ...(teamId ? { teamId } : {}), ...(enterpriseId ? { enterpriseId } : {}) };
  }
  return undefined;
}

/** Why a request is not for this installation, or undefined when it is (or names no installation at all). */
export function foreignRequestProblem(body: Obj, installation: Installation): string | undefined {
  const source = requestSource(body);
  if (!source) return undefined;
  // Shortcut payloads carry no api_app_id; every other kind does, and a different one is another app's request.
  if (installation.appId && source.appId !== undefined && source.appId !== installation.appId) return `app ${source.appId} is not this installation's`;
  if (installation.isEnterpriseInstall) {
    return source.enterpriseId === installation.enterpriseId ? undefined : `org ${source.enterpriseId ?? '(none)'} is not this installation's`;
  }
  return source.teamId === installation.teamId ? undefined : `workspace ${source.teamId ?? '(none)'} is not this installation's`;
}
