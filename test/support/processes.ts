// Process trees on Linux (/proc): what `npm start` left running, for the tests and scripts/measure-start.ts.
import { readFile, readdir } from 'node:fs/promises';

/** `pid` and every process below it (Linux /proc). */
export async function processTree(pid: number): Promise<number[]> {
  const tasks = await readdir(`/proc/${String(pid)}/task`).catch(() => []);
  const children: number[] = [];
  for (const task of tasks) {
    const text = await readFile(`/proc/${String(pid)}/task/${task}/children`, 'utf8').catch(() => '');
    children.push(...text.split(/\s+/).filter(Boolean).map(Number));
  }
  return [pid, ...(await Promise.all(children.map(processTree))).flat()];
}

/** SIGKILL, unless the process is gone already. */
export function killIfRunning(pid: number): void {
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    // Already gone.
  }
}

/** Whether a process still exists (a zombie counts as gone). */
export async function isRunning(pid: number): Promise<boolean> {
  const status = await readFile(`/proc/${String(pid)}/status`, 'utf8').catch(() => '');
  return status !== '' && !/^State:\s+Z/m.test(status);
}
