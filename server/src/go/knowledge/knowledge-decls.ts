/**
 * The library stubs' declarations, as the knowledge index holds them. The build runs this once and writes the
 * result to `generated/decls.js`; a test checks that the generated file matches what this reads now.
 */
import { scanDeclarations } from '../declaration-scanner';
import type { FileDecls } from '../declarations';
import { LIBRARY_STUBS } from './library-stubs';

export interface KnowledgeFile {
  /** A name no workspace file has. */
  file: string;
  pkg: string;
  decls: FileDecls;
}

export function scanLibraryStubs(): KnowledgeFile[] {
  const files: KnowledgeFile[] = [];
  for (const stub of LIBRARY_STUBS) {
    for (const path of stub.paths) files.push({ file: `<knowledge>/${path}.go`, pkg: path, decls: scanDeclarations(stub.source, () => path) });
  }
  return files;
}
