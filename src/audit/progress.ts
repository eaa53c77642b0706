// A one-line progress display on a terminal (stderr); silent when stderr is not a terminal.

export interface Progress {
  update(kind: string, count: number): void;
  done(): void;
}

export function progressFor(stream: NodeJS.WriteStream = process.stderr, enabled = stream.isTTY === true): Progress {
  if (!enabled) return { update() {}, done() {} };
  let last = 0;
  let shown = false;
  const started = Date.now();
  return {
    update(kind, count) {
      const now = Date.now();
      if (now - last < 100) return;
      last = now;
      shown = true;
      const secs = ((now - started) / 1000).toFixed(1);
      stream.write(`\r\x1b[Kmamori audit: ${kind}: ${count} evaluated (${secs}s)`);
    },
    done() { if (shown) stream.write('\r\x1b[K'); },
  };
}
