// `mamori --help` lists the commands from a table, loading none of them: the table against the commands' own names, terms and help.
import test from 'node:test';
import assert from 'node:assert/strict';
import { Command, Help } from 'commander';
import { buildProgram } from '../../src/cli/main.js';
import { commands } from '../../src/cli/commands/index.js';

test('the table holds each command\'s own name, term and description', async () => {
  const help = new Help();
  for (const entry of commands) {
    const program = new Command('mamori');
    (await entry.load()).register(program);
    const cmd = program.commands.find((c) => c.name() === entry.name);
    assert.ok(cmd, `${entry.name} registers a command of that name`);
    assert.equal(help.subcommandTerm(cmd), entry.term, entry.name);
    assert.equal(cmd.description(), entry.description, entry.name);
  }
});

test('the top-level help from the table is the help of the program with every command loaded', async () => {
  for (const name of ['mamori', 'kubectl mamori']) {
    const listed = await buildProgram(['--help'], name);
    // `help` names no command, so every command module is loaded and registered
    const loaded = await buildProgram(['help'], name);
    assert.ok(loaded.commands.find((c) => c.name() === 'scan')!.options.length > 0, 'the full program has the real scan');
    assert.equal(listed.commands.find((c) => c.name() === 'scan')!.options.length, 0, 'the listing has a stand-in');
    assert.equal(listed.helpInformation(), loaded.helpInformation(), name);
    assert.ok(listed.helpInformation().includes('scan [options] [paths...]'));
  }
});
