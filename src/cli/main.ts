// Entry point of the `rampart` bin (bin/rampart.js imports this module): the CLI over this process's environment,
// stdout and stderr (runCli's defaults), its result the process's exit code.
const args = process.argv.slice(2);
if (args.length === 1 && args[0] === 'start') {
  // The bot, as program.ts's `start` runs it, without loading every other command's modules first: the process stays
  // up for good, and they would cost it about 5 MB for nothing (issue 17, idle memory; docs/benchmarks.md).
  const { runBot } = await import('../main.js');
  process.exitCode = await runBot();
} else {
  const { runCli } = await import('./program.js');
  process.exitCode = await runCli(args);
}
