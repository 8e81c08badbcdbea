/**
 * Reading and writing source files without surprises: a FIFO, socket or device never blocks a read (it is
 * opened non-blocking and refused), and a symbolic link is never read or written through.
 */
import { closeSync, constants, fstatSync, openSync, promises as fs, readFileSync } from 'node:fs';

const { O_RDONLY, O_WRONLY, O_TRUNC, O_NONBLOCK, O_NOFOLLOW } = constants;
/** Windows has neither flag; there a FIFO cannot sit in the tree and links are rarer. */
const NO_FOLLOW = O_NOFOLLOW ?? 0;
const NON_BLOCKING = O_NONBLOCK ?? 0;

/** The bytes of a regular file; throws a clear error for anything else or for a symbolic link. */
export async function readRegularFile(file: string): Promise<Buffer> {
  const handle = await fs.open(file, O_RDONLY | NON_BLOCKING | NO_FOLLOW).catch((error: NodeJS.ErrnoException) => {
    throw error.code === 'ELOOP' ? new Error('a symbolic link, not followed') : error;
  });
  try {
    const stat = await handle.stat();
    if (!stat.isFile()) throw new Error(`not a regular file (${kindOf(stat)})`);
    return await handle.readFile();
  } finally {
    await handle.close();
  }
}

/**
 * `readRegularFile` without the round trips through libuv's thread pool: for a worker thread, whose only job is
 * to read and analyse one file after another (four awaited calls per file left its core idle half the time).
 */
export function readRegularFileSync(file: string): Buffer {
  let fd: number;
  try {
    fd = openSync(file, O_RDONLY | NON_BLOCKING | NO_FOLLOW);
  } catch (error) {
    throw (error as NodeJS.ErrnoException).code === 'ELOOP' ? new Error('a symbolic link, not followed') : error;
  }
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile()) throw new Error(`not a regular file (${kindOf(stat)})`);
    return readFileSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** A regular file's text, decoded as UTF-8 (invalid bytes become U+FFFD: fine to analyse, never to write back). */
export async function readTextFile(file: string): Promise<string> {
  return (await readRegularFile(file)).toString('utf8');
}

/** `readTextFile` for worker threads (see readRegularFileSync). */
export function readTextFileSync(file: string): string {
  return readRegularFileSync(file).toString('utf8');
}

/** Replaces a regular file's content; refuses to write through a symbolic link or into a non-file. */
export async function writeRegularFile(file: string, text: string): Promise<void> {
  const stat = await fs.lstat(file);
  if (!stat.isFile()) throw new Error(stat.isSymbolicLink() ? 'a symbolic link, not written through' : `not a regular file (${kindOf(stat)})`);
  const handle = await fs.open(file, O_WRONLY | O_TRUNC | NO_FOLLOW);
  try {
    await handle.writeFile(text);
  } finally {
    await handle.close();
  }
}

/** The text of UTF-8 bytes, or undefined when they are not valid UTF-8 (a Latin-1 file, say). A BOM is kept. */
export function decodeUtf8Exactly(bytes: Uint8Array): string | undefined {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

/** What kind of entry a stat describes, in words for a notice. */
export function kindOf(stat: { isFIFO(): boolean; isSocket(): boolean; isCharacterDevice(): boolean; isBlockDevice(): boolean; isDirectory(): boolean; isSymbolicLink(): boolean }): string {
  if (stat.isFIFO()) return 'a named pipe';
  if (stat.isSocket()) return 'a socket';
  if (stat.isCharacterDevice() || stat.isBlockDevice()) return 'a device';
  if (stat.isDirectory()) return 'a directory';
  if (stat.isSymbolicLink()) return 'a symbolic link';
  return 'not a regular file';
}
