// How a command reports its exit code to the program without calling process.exit (so output is flushed).
import type { Command } from 'commander';

/** Lets a command report its exit code without calling process.exit (so output is flushed). */
export function setExitCode(cmd: Command, code: number): void {
  (cmd as Command & { exitCode?: number }).exitCode = code;
}
