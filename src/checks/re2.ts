// RE2 regular expressions as Go evaluates them (Azure's Gatekeeper templates, CEL's matches): re2js, linear time.
import { createRequire } from 'node:module';

type Re2Js = typeof import('re2js');

/** A compiled RE2 pattern; test() searches anywhere in the string, as Go's MatchString does. */
export interface Re2 {
  test(s: string): boolean;
}

let lib: Re2Js | undefined;
/**
 * Loaded on the first pattern, synchronously and outside the bundle: re2js is 260 KB of JavaScript that only
 * a configured untrusted-registry needs, and every other scan would otherwise parse it at start-up.
 */
function re2js(): Re2Js {
  lib ??= createRequire(import.meta.url)('re2js') as Re2Js;
  return lib;
}

/**
 * Compiles with RE2's own parser, so what RE2 rejects (lookaround, backreferences, repeats over 1000) is
 * rejected here with RE2's message, and matching takes time linear in the input: image strings reach the
 * webhook from whoever may create a Pod.
 */
export function compileRe2(pattern: string): Re2 {
  const { RE2JS, RE2JSException } = re2js();
  try {
    return RE2JS.compile(pattern);
  } catch (e) {
    if (e instanceof RE2JSException) throw new Error(e.message.replace(/^error parsing regexp: /, ''), { cause: e });
    throw e;
  }
}
