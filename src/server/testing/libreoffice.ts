/**
 * Test support: LibreOffice headless, to open generated files with a real office suite. Tests that use it skip, with
 * the reason in their name, only when `soffice` is missing outside CI; in CI (`CI` set, as .ci/run does) a missing
 * LibreOffice fails them.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

function findSoffice(): string | null {
  const dirs = (process.env.PATH ?? '').split(path.delimiter).filter(Boolean);
  const candidates = [
    ...dirs.flatMap((d) => [path.join(d, 'soffice'), path.join(d, 'libreoffice')]),
    '/usr/lib/libreoffice/program/soffice',
    '/opt/libreoffice/program/soffice',
    '/Applications/LibreOffice.app/Contents/MacOS/soffice',
  ];
  for (const c of candidates) {
    try {
      fs.accessSync(c, fs.constants.X_OK);
      return c;
    } catch {
      /* next */
    }
  }
  return null;
}

export const SOFFICE = findSoffice();
export const IN_CI = !!process.env.CI && !['0', 'false'].includes(process.env.CI.toLowerCase());
/** Skip the LibreOffice tests: only when soffice is missing and this is not CI. */
export const SKIP_LIBREOFFICE = !SOFFICE && !IN_CI;
export const LIBREOFFICE_INSTALL = 'apt-get install --no-install-recommends libreoffice-writer-nogui libreoffice-calc-nogui';

/** In CI a missing LibreOffice fails every test with the same clear message. */
export function requireSoffice(): void {
  if (!SOFFICE) throw new Error(`CI is set but LibreOffice (soffice) was not found; .ci/run installs it with: ${LIBREOFFICE_INSTALL}`);
}

/** The CSV filter of LibreOffice Calc with `separator` between fields, `"` around text, UTF-8, from line 1. */
export const csvFilter = (separator: ',' | ';') => `${separator.charCodeAt(0)},34,76,1`;

/**
 * Converts `files` with LibreOffice headless into `outDir` and returns the output paths (same base names, extension
 * `ext`). `work` holds the run's own profile (-env:UserInstallation), so parallel runs never share a profile lock;
 * `infilter` chooses the import filter and its options (e.g. `CSV:59,34,76,1,,,,,,,,,true` reads `;`-separated text
 * and evaluates formulas, as a user opening a CSV would).
 */
export function convertWithLibreOffice(work: string, files: string[], to: string, ext: string, outDir: string, infilter?: string): Promise<string[]> {
  fs.mkdirSync(outDir, { recursive: true });
  const args = [
    '--headless',
    '--norestore',
    '--nolockcheck',
    `-env:UserInstallation=file://${path.join(work, 'profile')}`,
    ...(infilter ? [`--infilter=${infilter}`] : []),
    '--convert-to',
    to,
    '--outdir',
    outDir,
    ...files,
  ];
  return new Promise((resolve, reject) => {
    execFile(SOFFICE!, args, { timeout: 240_000, env: { ...process.env, HOME: work } }, (err, stdout, stderr) => {
      const targets = files.map((f) => path.join(outDir, `${path.basename(f, path.extname(f))}.${ext}`));
      const missing = targets.filter((t) => !fs.existsSync(t));
      if (err || missing.length) reject(new Error(`soffice ${to} failed (${missing.join(', ')}): ${err?.message ?? ''}\n${stdout}\n${stderr}`));
      else resolve(targets);
    });
  });
}

/** A small RFC 4180 CSV parser (quoted fields, doubled quotes, newlines inside quotes) for `separator`. */
export function parseCsv(text: string, separator = ','): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === separator) {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += ch;
  }
  if (field || row.length) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}
