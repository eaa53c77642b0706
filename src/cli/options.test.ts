// Shared CLI option rules: language from the locale, colour only on a terminal without NO_COLOR, --fail-on values.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { defaultLang, parseFailOn, useColor } from './options.js';
import { UsageError } from '../core/errors.js';

test('language: Japanese when LC_ALL, LC_MESSAGES or LANG says ja, in that order of precedence', () => {
  assert.equal(defaultLang({ LANG: 'ja_JP.UTF-8' }), 'ja');
  assert.equal(defaultLang({ LANG: 'en_US.UTF-8' }), 'en');
  assert.equal(defaultLang({ LC_ALL: 'en_US.UTF-8', LANG: 'ja_JP.UTF-8' }), 'en');
  assert.equal(defaultLang({ LC_MESSAGES: 'ja_JP', LANG: 'C' }), 'ja');
  assert.equal(defaultLang({}), 'en');
});

test('colour: only on a TTY, never with --no-color, --output or NO_COLOR', () => {
  const tty = { isTTY: true } as NodeJS.WriteStream;
  const pipe = { isTTY: false } as NodeJS.WriteStream;
  const saved = process.env.NO_COLOR;
  try {
    delete process.env.NO_COLOR;
    assert.equal(useColor({}, tty), true);
    assert.equal(useColor({}, pipe), false);
    assert.equal(useColor({ color: false }, tty), false);
    assert.equal(useColor({ output: 'x.txt' }, tty), false);
    process.env.NO_COLOR = '1';
    assert.equal(useColor({}, tty), false);
  } finally {
    if (saved === undefined) delete process.env.NO_COLOR; else process.env.NO_COLOR = saved;
  }
});

test('--fail-on: high, medium, low, none (any case); anything else is a usage error', () => {
  assert.equal(parseFailOn(undefined), 'low');
  assert.equal(parseFailOn('HIGH'), 'high');
  assert.equal(parseFailOn('none'), 'none');
  assert.throws(() => parseFailOn('critical'), UsageError);
});
