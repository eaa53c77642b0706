// Errors the user can act on, as domain types: the CLI maps every one of them to one line and exit code 2.

/** Something the user gave is wrong (a flag, a path, a combination of options). */
export class UsageError extends Error {}

/** A configuration problem, naming the file, the key and where known the line. */
export class ConfigError extends UsageError {}
