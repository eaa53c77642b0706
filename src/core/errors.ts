// Errors the user can act on, as domain types: the CLI maps every one of them to one line and exit code 2.

/** Something the user gave is wrong (a flag, a path, a combination of options). */
export class UsageError extends Error {}

/** A configuration problem, naming the file, the key and where known the line. */
export class ConfigError extends UsageError {}

/** An input that cannot be read as what it claims to be, named by file and line. */
export class InputFileError extends UsageError {
  constructor(readonly file: string, readonly line: number | null, problem: string) {
    super(`${file}${line ? `:${line}` : ''}: ${problem}`);
  }
}
