// `switchboard serve --workers N` in its own process, for the benchmark: the primary prints `{"url": …}`.
import { main } from '../src/cli/main.ts';

const [db, workers] = process.argv.slice(2);
process.exitCode = await main(['serve', '--workers', workers!, '--port', '0', '--db', db!, '--json']);
