// Files a reply carries (exports) cannot be shown in a terminal: they are saved to a private temporary folder instead.
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { ReplyFile } from '../format/reply.ts';

/** Where one run of the terminal saves reply files; the folder is created on first use. */
export class FileShelf {
  private folder: Promise<string> | undefined;

  constructor(private readonly parent: string = tmpdir()) {}

  /** Saves each file under its own base name and returns the paths written. */
  async save(files: readonly ReplyFile[]): Promise<{ readonly name: string; readonly size: number; readonly file: string }[]> {
    if (files.length === 0) return [];
    this.folder ??= mkdtemp(path.join(this.parent, 'newsdesk-'));
    const folder = await this.folder;
    const saved = [];
    for (const file of files) {
      // The name comes from a command: keep only its last segment so it cannot escape the folder.
      const name = path.basename(file.name) || 'file';
      const target = path.join(folder, name);
      await writeFile(target, file.data);
      saved.push({ name, size: file.data.length, file: target });
    }
    return saved;
  }
}

/** 1234 → "1.2 kB". */
export function formatBytes(size: number): string {
  if (size < 1000) return `${size} B`;
  if (size < 1_000_000) return `${(size / 1000).toFixed(1)} kB`;
  return `${(size / 1_000_000).toFixed(1)} MB`;
}
