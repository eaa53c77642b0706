// Runs mamori's CLI from the TypeScript sources (tests spawn this instead of the built bin).
import { main } from '../../src/cli/main.js';

process.exitCode = await main(process.argv.slice(2));
