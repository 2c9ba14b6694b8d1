// `rampart alert-sources create|list|revoke`: the tools allowed to post to POST /api/v1/alerts. The CLI is a trusted
// operator. A new source's token is printed once, on its own line, so a script can capture it; it cannot be shown again
// (only its hash is kept): lost, the source is revoked and created anew.
import type { Command } from 'commander';
import type { Config } from '../config.js';
import { humanTime } from '../core/index.js';
import { OPERATOR, withCore } from './commands.js';

type Out = (line: string) => void;

/** Adds `rampart alert-sources` and its subcommands to the program. */
export function registerAlertSources(program: Command, config: () => Config, out: Out, exit: (result: Promise<number | void>) => Promise<void>): void {
  const sources = program.command('alert-sources').description('the tools that may post alerts to POST /api/v1/alerts (docs/openapi.yaml): create, list, revoke');
  sources
    .command('create')
    .description('create a source and print its bearer token (shown this once: only its hash is kept)')
    .argument('<name>', 'a name for the tool, e.g. gws-alerts')
    .action((name: string) =>
      exit(
        withCore(config(), async (core) => {
          const { source, token } = await core.alerts.createSource(OPERATOR, name);
          out(`Created alert source ${source.name}. Its token, shown this once (send it as \`Authorization: Bearer <token>\`):`);
          out(token);
        }),
      ),
    );
  sources
    .command('list')
    .description('live sources, with how many alerts each sent and when it last did')
    .action(() =>
      exit(
        withCore(config(), async (core) => {
          const list = await core.alerts.listSources(OPERATOR);
          if (list.length === 0) return out('No alert sources. `rampart alert-sources create NAME` makes one.');
          for (const s of list) {
            const last = s.lastAlert ? `, last ${humanTime(s.lastAlert, core.timezone)}` : '';
            out(`${s.name.padEnd(24)} ${String(s.alerts).padStart(5)} alert${s.alerts === 1 ? '' : 's'}${last}  (created by ${s.createdBy}, ${humanTime(s.createdAt, core.timezone)})`);
          }
        }),
      ),
    );
  sources
    .command('revoke')
    .description('revoke a source: its token is refused from now on')
    .argument('<name>', 'the source to revoke')
    .action((name: string) =>
      exit(
        withCore(config(), async (core) => {
          const source = await core.alerts.revokeSource(OPERATOR, name);
          out(`Revoked alert source ${source.name}: its token is refused from now on.`);
        }),
      ),
    );
}
