/** `npm run bench -- <name> [options]`: runs bench/<name>/run.ts. */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const [name, ...rest] = process.argv.slice(2);
const dir = path.dirname(new URL(import.meta.url).pathname);
const available = fs.readdirSync(dir).filter((d) => fs.existsSync(path.join(dir, d, 'run.ts')));
if (!name || !available.includes(name)) {
  console.log(`Usage: npm run bench -- <${available.join('|')}> [options]`);
  process.exit(name ? 2 : 0);
}
const res = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', path.join(dir, name, 'run.ts'), ...rest], { stdio: 'inherit' });
process.exit(res.status ?? 1);
