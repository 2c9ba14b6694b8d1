// Entry point of the `rampart` bin (bin/rampart.js imports this module).
import { watchForClosedOutput } from './output.js';
import { runCli } from './program.js';

watchForClosedOutput();

process.exitCode = await runCli(process.argv.slice(2));
