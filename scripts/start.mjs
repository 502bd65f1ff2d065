// `npm start`: builds the web app and the server bundle when they are missing or stale, then starts the server
// (plain node on dist/server/main.mjs) on the embedded database (PGlite in ./data) with the demo province seeded
// on first start. Set DATABASE_URL for PostgreSQL.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { newestMtime } from './mtime.mjs';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const index = path.join(root, 'dist/web/index.html');

const sources = [path.join(root, 'src/web'), path.join(root, 'src/core')].filter((d) => fs.existsSync(d));
const stale = !fs.existsSync(index) || sources.some((d) => newestMtime(d) > fs.statSync(index).mtimeMs);
if (stale && process.env.SKIP_WEB_BUILD !== '1') {
  console.log('Đang build giao diện web… / Building the web app…');
  const res = spawnSync(process.execPath, [path.join(root, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'], {
    cwd: root,
    stdio: 'inherit',
  });
  if (res.status !== 0) process.exit(res.status ?? 1);
}

const server = spawnSync(process.execPath, [path.join(root, 'scripts/build-server.mjs')], { cwd: root, stdio: 'inherit' });
if (server.status !== 0) process.exit(server.status ?? 1);

const env = { ...process.env, SEED_DEMO: process.env.SEED_DEMO ?? 'true', NODE_ENV: process.env.NODE_ENV ?? 'production' };
const child = spawn(process.execPath, [path.join(root, 'dist/server/main.mjs')], { cwd: root, stdio: 'inherit', env });
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
