import { parseArgs } from 'node:util';
import { AppError } from '../core/errors';
import { BackupError } from '../server/db/backup';
import { loadConfig } from '../server/config';
import { type Database, isEmpty, openDatabase } from '../server/db/client';
import { migrate } from '../server/db/roles';
import { commands, type Command, offlineCommands } from './commands';

const HELP = `ParIndex command line

Usage: npm run cli -- <command> [options]

Commands:
${Object.entries({ ...commands, ...offlineCommands })
  .map(([name, c]) => `  ${name.padEnd(14)} ${c.summary}`)
  .join('\n')}

The database is PGlite in DATA_DIR (default ./data) unless DATABASE_URL is set.`;

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === 'help' || name === '--help' || name === '-h') {
    console.log(HELP);
    return 0;
  }
  const offline = offlineCommands[name];
  if (offline) {
    const { values, positionals } = parseArgs({ args: rest, options: {}, allowPositionals: true, strict: true });
    return offline.run({ config: loadConfig(), values, positionals });
  }
  const command: Command | undefined = commands[name];
  if (!command) {
    console.error(`Unknown command "${name}".\n\n${HELP}`);
    return 2;
  }
  const { values, positionals } = parseArgs({ args: rest, options: command.options ?? {}, allowPositionals: true, strict: true });
  const config = loadConfig();
  let database: Database;
  try {
    database = await openDatabase({
      databaseUrl: config.databaseUrl,
      dataDir: config.dataDir,
      poolSize: 4,
      // A migration job started with the database (compose, Kubernetes) waits for it like the server does.
      connectRetryMs: config.connectRetryMs,
      connectTimeoutMs: config.connectTimeoutMs,
      onRetry: ({ attempt, error, delayMs }) => console.error(`database unreachable (${error.message}); retry ${attempt} in ${delayMs} ms`),
    });
  } catch (err) {
    if (err instanceof AppError) {
      console.error(`${err.bilingual.vi}\n${err.bilingual.en}`);
      return 1;
    }
    throw err;
  }
  try {
    await migrate(database, config);
    return await command.run({ database, config, values: values as Record<string, string | boolean | undefined>, positionals, isEmpty: () => isEmpty(database) });
  } finally {
    await database.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    if (err instanceof BackupError) console.error(`✖ ${err.message}`);
    else console.error(err instanceof Error ? err.message : err);
    process.exit(err instanceof BackupError ? 3 : 1);
  },
);
