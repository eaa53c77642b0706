#!/usr/bin/env node
// Entry point installed as `mamori`: runs the compiled CLI.
import { main } from '../dist/cli/main.js';

main(process.argv.slice(2)).then((code) => { process.exitCode = code; });
