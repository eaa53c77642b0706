// The `mamori` command line: one program, one sub-command module per job.
import { Command, CommanderError, Help } from 'commander';
import { VERSION } from '../core/version.js';
import { UsageError } from '../core/errors.js';
import { commands, commandsFor, listsCommandsOnly } from './commands/index.js';

/**
 * The program with the commands `argv` needs (all of them when `argv` names none); name: how the user invoked
 * mamori, for help and usage lines ('kubectl mamori' as a kubectl plugin).
 */
export async function buildProgram(argv: readonly string[] = [], name = 'mamori'): Promise<Command> {
  const program = new Command(name)
    .description('Keeps Kubernetes workloads from holding more privilege than they need.')
    .version(VERSION)
    .showHelpAfterError()
    .exitOverride();
  if (listsCommandsOnly(argv)) {
    listCommands(program);
    return program;
  }
  const modules = await Promise.all(commandsFor(argv).map((c) => c.load()));
  for (const m of modules) m.register(program);
  // Commands added with addCommand do not inherit exitOverride; without it commander exits with 1, not 2.
  const override = (c: Command): void => { c.exitOverride(); c.commands.forEach(override); };
  program.commands.forEach(override);
  return program;
}

/** Every command as `mamori --help` lists it, from the table in commands/index.ts: no command module is loaded. */
function listCommands(program: Command): void {
  const terms = new Map(commands.map((c) => [c.name, c.term]));
  for (const c of commands) program.addCommand(new Command(c.name).description(c.description).exitOverride());
  // The stand-ins have no options or arguments: their term comes from the table; `help [command]` keeps its own.
  const help = new Help();
  program.configureHelp({ subcommandTerm: (cmd) => terms.get(cmd.name()) ?? help.subcommandTerm(cmd) });
}

/**
 * A reader that stops early (`mamori policies | head`) closes the pipe: output then has nowhere to go, which is no
 * error of mamori's. The command still finishes, so its exit status is the usual one.
 */
export function quietOnClosedPipe(stream: NodeJS.WriteStream): void {
  stream.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE' || e.code === 'ERR_STREAM_DESTROYED') return;
    throw e;
  });
}

/** Runs the CLI and returns the exit code: 0 clean, 1 findings at or above --fail-on, 2 usage or input error. */
export async function main(argv: string[], opts: { name?: string } = {}): Promise<number> {
  quietOnClosedPipe(process.stdout);
  quietOnClosedPipe(process.stderr);
  const program = await buildProgram(argv, opts.name);
  let code = 0;
  program.hook('postAction', (_cmd, action) => {
    const c = (action as Command & { exitCode?: number }).exitCode;
    if (typeof c === 'number') code = c;
  });
  try {
    await program.parseAsync(argv, { from: 'user' });
    return code;
  } catch (err) {
    if (err instanceof CommanderError) {
      if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version' || err.code === 'commander.help') return 0;
      return 2;
    }
    if (err instanceof UsageError) {
      process.stderr.write(`mamori: ${err.message}\n`);
      return 2;
    }
    process.stderr.write(`mamori: internal error: ${err instanceof Error ? err.message : String(err)}\n`);
    if (process.env.MAMORI_DEBUG) process.stderr.write(`${(err as Error).stack}\n`);
    return 2;
  }
}
