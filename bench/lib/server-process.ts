import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

/** A server running in its own process (so the load generator does not share its event loop). */
export interface ServerProcess {
  port: number;
  child: ChildProcess;
  /** Everything the server printed so far (stdout and stderr). */
  output(): string;
  rssMiB(): number;
  stop(): Promise<void>;
}

/** The app server as it runs in production: the bundle `npm start` runs (built here when stale). */
export const APP_SERVER = 'dist/server/main.mjs';

/**
 * Starts `script` and waits for it to print its port ("LISTENING <port>" or the app's URL line): the app bundle
 * ({@link APP_SERVER}, rebuilt first when the sources changed) with plain node, a .ts script with tsx.
 */
export async function startServer(script: string, env: Record<string, string>): Promise<ServerProcess> {
  const extra = process.env.BENCH_NODE_ARGS ? process.env.BENCH_NODE_ARGS.split(' ') : [];
  if (script === APP_SERVER) {
    const built = spawnSync(process.execPath, ['scripts/build-server.mjs'], { stdio: 'inherit' });
    if (built.status !== 0) throw new Error('the server bundle could not be built');
  }
  const loader = script.endsWith('.ts') ? ['--import', 'tsx'] : [];
  const child = spawn(process.execPath, [...extra, ...loader, path.resolve(script)], {
    env: { ...process.env, LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${output}`)), 120_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const m = /LISTENING (\d+)/.exec(output) ?? /running at[^\n]*:(\d+)/.exec(output);
      if (m) {
        clearTimeout(timer);
        child.stdout!.off('data', onData);
        resolve(Number(m[1]));
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (c: Buffer) => (output += c.toString()));
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited (${code}):\n${output}`));
    });
  });
  child.stdout!.on('data', (c: Buffer) => (output += c.toString()));
  return {
    port,
    child,
    output: () => output,
    rssMiB() {
      try {
        const status = fs.readFileSync(`/proc/${child.pid}/status`, 'utf8');
        const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
        return kb / 1024;
      } catch {
        return 0;
      }
    },
    async stop() {
      if (child.exitCode !== null) return;
      const done = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await done;
    },
  };
}
