import crypto from 'node:crypto';
import { createRequire } from 'node:module';
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { MIGRATIONS_FOLDER, migrateDatabase, openDatabase } from '../db/client';

const require = createRequire(import.meta.url);

declare module 'vitest' {
  export interface ProvidedContext {
    pgTemplate: string;
    pgliteTemplate: string;
  }
}

function migrationsHash(): string {
  const h = crypto.createHash('sha256');
  const walk = (dir: string) => {
    for (const f of fs.readdirSync(dir).sort()) {
      const p = path.join(dir, f);
      if (fs.statSync(p).isDirectory()) walk(p);
      else h.update(f).update(fs.readFileSync(p));
    }
  };
  walk(MIGRATIONS_FOLDER);
  // The template also holds the job queue's schema, which comes with the installed pg-boss version.
  h.update(JSON.parse(fs.readFileSync(path.join(path.dirname(require.resolve('pg-boss')), '..', 'package.json'), 'utf8')).version);
  return h.digest('hex').slice(0, 12);
}

/**
 * Builds one migrated template per run: on PostgreSQL a template database that each test file copies with
 * CREATE DATABASE … TEMPLATE; on PGlite a dumped data dir that each test file loads into memory.
 */
export default async function setup(project: TestProject): Promise<void> {
  const hash = migrationsHash();
  const url = process.env.TEST_DATABASE_URL;
  if (url) {
    const name = `parindex_tpl_${hash}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    try {
      const exists = await admin.query('select 1 from pg_database where datname = $1', [name]);
      if (exists.rowCount === 0) {
        const building = `${name}_build_${process.pid}`;
        await admin.query(`drop database if exists "${building}"`);
        await admin.query(`create database "${building}"`);
        const u = new URL(url);
        u.pathname = `/${building}`;
        const database = await openDatabase({ databaseUrl: u.toString(), poolSize: 2 });
        await migrateDatabase(database);
        await database.close();
        await admin.query(`alter database "${building}" rename to "${name}"`).catch(async () => {
          await admin.query(`drop database if exists "${building}"`);
        });
      }
    } finally {
      await admin.end();
    }
    project.provide('pgTemplate', name);
    project.provide('pgliteTemplate', '');
    return;
  }
  const dir = path.resolve('.tmp');
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `pglite-template-${hash}.tar.gz`);
  if (!fs.existsSync(file)) {
    const database = await openDatabase({ dataDir: 'memory://' });
    await migrateDatabase(database);
    const blob = await database.pglite!.dumpDataDir('gzip');
    const tmp = `${file}.${process.pid}`;
    fs.writeFileSync(tmp, Buffer.from(await blob.arrayBuffer()));
    fs.renameSync(tmp, file);
    await database.close();
  }
  project.provide('pgTemplate', '');
  project.provide('pgliteTemplate', file);
}
