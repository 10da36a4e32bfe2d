// Writing files so that they survive a crash or a power cut, and the small file-system helpers the store and the
// lock share.
import { randomUUID } from 'node:crypto';
import { access, open, rename, unlink } from 'node:fs/promises';
import path from 'node:path';

/** Writes a file and fsyncs it; `flag` 'wx' fails with EEXIST when the file exists. */
export async function writeDurably(file: string, text: string, flag: 'w' | 'wx' = 'w'): Promise<void> {
  const handle = await open(file, flag);
  try {
    await handle.writeFile(text);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Replaces a file whole: a reader sees the old or the new content, even after a crash. */
export async function replaceDurably(file: string, text: string): Promise<void> {
  const temp = `${file}.${process.pid}-${randomUUID()}.tmp`;
  await writeDurably(temp, text);
  await rename(temp, file);
  await syncDir(path.dirname(file));
}

/** Makes the names in a directory (created, renamed, removed) survive a power cut. */
export async function syncDir(dir: string): Promise<void> {
  let handle;
  try {
    handle = await open(dir, 'r');
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return;
    throw error;
  }
  try {
    await handle.sync();
  } catch (error) {
    // Some platforms (Windows) cannot fsync a directory; there a rename is as durable as it gets.
    if (!['EISDIR', 'EPERM', 'EINVAL', 'EBADF'].includes(errorCode(error) ?? '')) throw error;
  } finally {
    await handle.close();
  }
}

/** Removes a file; one already gone is fine. */
export async function unlinkIfPresent(file: string): Promise<void> {
  try {
    await unlink(file);
  } catch (error) {
    if (errorCode(error) !== 'ENOENT') throw error;
  }
}

/** Whether a file or folder exists; any other failure to look is thrown. */
export async function exists(file: string): Promise<boolean> {
  try {
    await access(file);
    return true;
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return false;
    throw error;
  }
}

/** The system error code (ENOENT, ENOSPC…) of an error, if it has one. */
export function errorCode(error: unknown): string | undefined {
  return error instanceof Error && 'code' in error && typeof error.code === 'string' ? error.code : undefined;
}
