// mamori's structured log: one JSON object per line, time, level and msg first, the fields of the event after.
export type LogFields = Record<string, unknown>;
/** Where finished lines go; tests pass their own to read them back. */
export type LogSink = (line: LogFields) => void;
export type LogLevel = 'info' | 'warn' | 'error';
export type Logger = Record<LogLevel, (msg: string, fields?: LogFields) => void>;

/** The default sink: stdout, written synchronously (a pipe or file on Linux), so no line is lost at exit. */
export function writeJsonLine(line: LogFields): void {
  process.stdout.write(`${JSON.stringify(line)}\n`);
}

/**
 * A few lines per request need no logging library: pino's bundled start-up cost (80–160 ms measured here,
 * docs/benchmarks.md) is more than serve's whole start, and JSON.stringify of one small object is all it would do.
 */
export function jsonLogger(sink: LogSink = writeJsonLine): Logger {
  const at = (level: LogLevel) => (msg: string, fields: LogFields = {}): void => {
    sink({ time: new Date().toISOString(), level, msg, ...fields });
  };
  return { info: at('info'), warn: at('warn'), error: at('error') };
}
