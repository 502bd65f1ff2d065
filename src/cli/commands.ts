import fs from 'node:fs';
import path from 'node:path';
import type { ParseArgsConfig } from 'node:util';
import type { Config } from '../server/config';
import type { Database } from '../server/db/client';
import { backupToFile, describeManifest, fileSource, restoreBackup, verifyBackup } from '../server/db/backup';
import { resultsCommand } from './results';
import { createStorage } from '../server/lib/storage';
import { createAdmin } from '../server/seed/admin';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, seedDemo } from '../server/seed/demo';

export interface CommandInput {
  database: Database;
  config: Config;
  values: Record<string, string | boolean | undefined>;
  positionals: string[];
  isEmpty(): Promise<boolean>;
}

export interface Command {
  summary: string;
  options?: ParseArgsConfig['options'];
  run(input: CommandInput): Promise<number>;
}

/** A command that needs no database: it is not opened, so the command also runs while the server holds PGlite. */
export interface OfflineCommand {
  summary: string;
  run(input: Pick<CommandInput, 'config' | 'values' | 'positionals'>): Promise<number>;
}

/** The admin commands (issue 2); every command migrates the database first. */
export const commands: Record<string, Command> = {
  migrate: {
    summary: 'apply pending database migrations',
    async run() {
      console.log('Migrations applied.');
      return 0;
    },
  },
  'seed-demo': {
    summary: 'seed the demo province (only into an empty database)',
    async run({ database, config, isEmpty }) {
      if (!(await isEmpty())) {
        console.error('The database already has data; seed-demo only runs on an empty database.');
        return 1;
      }
      await seedDemo(database, { storage: await createStorage(config) });
      console.log(`Demo seeded. Password of every demo account: ${DEMO_PASSWORD}`);
      for (const a of DEMO_ACCOUNTS) console.log(`  ${a.username.padEnd(16)} ${a.label}`);
      return 0;
    },
  },
  'create-admin': {
    summary: 'create an administrator: --username u --password p [--full-name n] [--province-code QNAM --province-name "Tỉnh …"]',
    options: {
      username: { type: 'string' },
      password: { type: 'string' },
      'full-name': { type: 'string' },
      'province-code': { type: 'string' },
      'province-name': { type: 'string' },
    },
    async run({ database, values }) {
      const res = await createAdmin(database, {
        username: String(values.username ?? ''),
        password: String(values.password ?? ''),
        fullName: values['full-name'] ? String(values['full-name']) : 'Quản trị hệ thống',
        provinceCode: values['province-code'] ? String(values['province-code']) : undefined,
        provinceName: values['province-name'] ? String(values['province-name']) : undefined,
      });
      if (!res.ok) {
        for (const p of res.problems) console.error(`  ${p}`);
        return 1;
      }
      console.log(`Administrator "${res.username}" created in province ${res.provinceCode}.`);
      return 0;
    },
  },
  results: resultsCommand,
  backup: {
    summary: 'write a backup (one tar: manifest, every table, every stored file) that restores into PGlite or PostgreSQL: backup <file>',
    async run({ database, config, positionals }) {
      const file = positionals[0];
      if (!file) {
        console.error('Usage: npm run cli -- backup <file>');
        return 2;
      }
      const storage = await createStorage(config);
      const res = await backupToFile(database, storage, path.resolve(file));
      console.log(`Backup written to ${file} (${res.bytes} bytes).\n${describeManifest(res.manifest)}`);
      return 0;
    },
  },
  restore: {
    summary: 'restore a backup into an empty database and the file storage: restore <file>',
    async run({ database, config, positionals }) {
      const file = positionals[0];
      if (!file) {
        console.error('Usage: npm run cli -- restore <file>');
        return 2;
      }
      const storage = await createStorage(config);
      const res = await restoreBackup(database, storage, fileSource(path.resolve(file)));
      console.log(
        `Restored ${res.rows} rows in ${res.tables} tables and ${res.files} files (${res.filesWritten} written to ${storage.location}) from ${file}.`,
      );
      return 0;
    },
  },
};

/** The commands that open no database. */
export const offlineCommands: Record<string, OfflineCommand> = {
  'verify-backup': {
    summary: 'check every part of a backup against its manifest, writing nothing: verify-backup <file>',
    async run({ positionals }) {
      const file = positionals[0];
      if (!file) {
        console.error('Usage: npm run cli -- verify-backup <file>');
        return 2;
      }
      const manifest = await verifyBackup(fileSource(path.resolve(file)));
      console.log(`OK: ${file} is complete and unaltered.\n${describeManifest(manifest, fs.statSync(file).size)}`);
      return 0;
    },
  },
};
