// Entry of the GitHub Action (action.yml: runs.main dist/action/main.js).
import { runAction } from './run.js';
import { annotate } from './github.js';

try {
  process.exitCode = await runAction();
} catch (e) {
  annotate('error', `mamori: ${e instanceof Error ? e.message : String(e)}`);
  process.exitCode = 2;
}
