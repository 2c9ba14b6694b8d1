// Entry point of the `rampart` bin (bin/rampart.js imports this module): the CLI over this process's environment,
// stdout and stderr (runCli's defaults), its result the process's exit code.
import { runCli } from './program.js';

process.exitCode = await runCli(process.argv.slice(2));
