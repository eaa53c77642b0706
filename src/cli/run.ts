// The process entry of `mamori`: runs the CLI on the process's arguments and sets its exit code.
import { z } from 'zod';
import { main } from './main.js';

// One-shot parses dominate a CLI run: zod's compiled fast path costs more to build than it saves.
z.config({ jitless: true });

main(process.argv.slice(2)).then((code) => { process.exitCode = code; });
