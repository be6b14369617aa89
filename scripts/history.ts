/**
 * `npm run history -- rebuild [--store ID] [--data-dir DIR] [--database-url URL]`
 *   Forgets the history read model's rows (one store's, or every store's) and projects the event
 *   log again from its first event, through the same code the server runs after each commit.
 *   Prints events applied and events per second. With the embedded journal the server must be
 *   stopped (it holds the data dir); with PostgreSQL (DATABASE_URL) it may run: the rows of a
 *   store are empty from the start of its rebuild until it has caught up.
 *
 * `npm run history -- catch-up [...]`: apply only what the read model has not seen yet.
 */
import { loadSecrets } from '../server/auth/secrets';
import { openHistory } from '../server/history';
import { createLogger } from '../server/log';
import { createEventStore, DataDirInUseError, StoreUnavailableError } from '../server/store';

const USAGE = 'usage: npm run history -- rebuild|catch-up [--store ID] [--data-dir DIR] [--database-url postgres://…]';

const args = process.argv.slice(2);
const command = args[0];
const option = (name: string) => {
  const at = args.indexOf(name);
  return at >= 0 && args[at + 1] && !args[at + 1].startsWith('--') ? args[at + 1] : undefined;
};

async function main(): Promise<number> {
  if (command !== 'rebuild' && command !== 'catch-up') {
    console.error(USAGE);
    return 2;
  }
  const dataDir = option('--data-dir') ?? (process.env.DATA_DIR || './data');
  const databaseUrl = option('--database-url') ?? process.env.DATABASE_URL;
  const storeId = option('--store');
  const log = createLogger({ level: process.env.LOG_LEVEL ?? 'warn' });
  const events = await createEventStore({ dataDir, databaseUrl, log });
  try {
    // The vehicle references are keyed by the deployment's signing key: the same rows as the server's.
    const { signingKey } = await loadSecrets({ dataDir, env: process.env });
    const history = await openHistory({ dataDir, databaseUrl, events, signingKey, log });
    try {
      const began = performance.now();
      const applied =
        command === 'rebuild'
          ? await history.projector.rebuild(storeId)
          : storeId
            ? await history.projector.catchUp(storeId)
            : await history.projector.catchUpAll();
      const seconds = (performance.now() - began) / 1000;
      const where = history.dialect === 'sqlite' ? `${dataDir}/history.sqlite` : 'PostgreSQL';
      console.log(
        `${command === 'rebuild' ? 'Rebuilt' : 'Caught up'} ${storeId ?? 'every store'} in ${where}: ${applied} events in ${seconds.toFixed(2)} s` +
          (applied > 0 && seconds > 0 ? ` (${Math.round(applied / seconds)} events/s)` : ''),
      );
      return 0;
    } finally {
      await history.close();
    }
  } finally {
    await events.close();
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    if (err instanceof DataDirInUseError) console.error(`${err.message}\nStop the server first: the embedded journal has one user at a time.`);
    else if (err instanceof StoreUnavailableError) console.error(err.message);
    else console.error(err);
    process.exit(1);
  },
);
