// Entry point of the `rampart` bin (bin/rampart.js imports this module).
import { runCli } from './program.js';

process.exitCode = await runCli(process.argv.slice(2));
