// The process entry of `mamori`: runs the CLI on the process's arguments and sets its exit code.
import { main } from './main.js';

main(process.argv.slice(2)).then((code) => { process.exitCode = code; });
