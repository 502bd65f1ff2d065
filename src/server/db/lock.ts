import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../core/errors';

export interface DirLock {
  release(): void;
}

const heldHere = new Set<string>();

/** True when `pid` is a live process that could be another ParIndex (a node process, where /proc tells). */
function isLiveOwner(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  try {
    const cmdline = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    return /node|tsx/.test(cmdline);
  } catch {
    return true; // no /proc (not Linux): trust the signal check
  }
}

/**
 * Takes an exclusive lock on a PGlite data folder with a lock file holding the owner's pid; a second process
 * gets `database_locked` instead of opening (and corrupting) the folder. A lock left by a dead process is taken over.
 */
export function acquireDirLock(dir: string): DirLock {
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, 'parindex.lock');
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fd = fs.openSync(file, 'wx');
      fs.writeSync(fd, `${process.pid}\n`);
      fs.closeSync(fd);
      heldHere.add(file);
      let released = false;
      return {
        release() {
          if (released) return;
          released = true;
          heldHere.delete(file);
          try {
            const owner = Number.parseInt(fs.readFileSync(file, 'utf8'), 10);
            if (owner === process.pid) fs.unlinkSync(file);
          } catch {
            /* already gone */
          }
        },
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      let owner = Number.NaN;
      try {
        owner = Number.parseInt(fs.readFileSync(file, 'utf8'), 10);
      } catch {
        /* vanished between open and read: retry */
        continue;
      }
      const heldByUs = owner === process.pid && heldHere.has(file);
      if (heldByUs || (Number.isFinite(owner) && owner !== process.pid && isLiveOwner(owner))) {
        throw new AppError(
          'database_locked',
          {
            vi: `Thư mục dữ liệu ${dir} đang được tiến trình ${owner} sử dụng. Chỉ một tiến trình được mở cơ sở dữ liệu nhúng; hãy dừng tiến trình đó hoặc dùng DATA_DIR khác.`,
            en: `The data folder ${dir} is in use by process ${owner}. Only one process may open the embedded database; stop that process or use another DATA_DIR.`,
          },
          { details: { pid: owner, dataDir: dir } },
        );
      }
      // Stale lock (dead owner, or our pid reused after an unclean exit): remove and retry.
      try {
        fs.unlinkSync(file);
      } catch {
        /* raced with another process */
      }
    }
  }
  throw new AppError('database_locked', {
    vi: `Không thể khóa thư mục dữ liệu ${dir}.`,
    en: `Could not lock the data folder ${dir}.`,
  });
}
