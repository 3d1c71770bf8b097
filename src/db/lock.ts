/**
 * One server per embedded data folder: two processes opening one PGlite folder corrupt it silently.
 * The lock is a file holding the owner's pid, created exclusively; a lock left by a dead process is taken over.
 */
import fs from 'node:fs';
import path from 'node:path';

export class DataDirLockedError extends Error {
  constructor(
    readonly dir: string,
    readonly pid: number,
  ) {
    super(
      `Thư mục dữ liệu ${dir} đang được máy chủ khác (pid ${pid}) sử dụng; dừng máy chủ đó trước, hoặc đặt DATA_DIR khác. ` +
        `The data folder ${dir} is in use by another server (pid ${pid}); stop it first or set another DATA_DIR.`,
    );
  }
}

function alive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export interface DirLock {
  release(): void;
}

export function lockDataDir(dir: string): DirLock {
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, 'server.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = fs.openSync(file, 'wx');
      fs.writeSync(fd, String(process.pid));
      fs.closeSync(fd);
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        try {
          if (fs.readFileSync(file, 'utf8') === String(process.pid)) fs.unlinkSync(file);
        } catch {
          /* already gone */
        }
      };
      process.once('exit', release);
      return { release };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const owner = Number(fs.readFileSync(file, 'utf8').trim());
      if (owner !== process.pid && alive(owner)) throw new DataDirLockedError(dir, owner);
      fs.rmSync(file, { force: true }); // left by a process that died
    }
  }
  throw new Error(`Không lấy được khóa thư mục dữ liệu ${dir}`);
}
