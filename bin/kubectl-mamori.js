#!/usr/bin/env node
// Entry point installed as `kubectl-mamori`, so `kubectl mamori …` runs mamori (kubectl finds plugins on PATH by that name).
import { main } from '../dist/cli/main.js';
import { pluginArgs } from '../dist/cli/kubectl-plugin.js';

main(pluginArgs(process.argv.slice(2)), { name: 'kubectl mamori' }).then((code) => { process.exitCode = code; });
