// The build writes decls.js beside this file (esbuild.mjs, from knowledge-decls.ts): the library stubs'
// declarations, read once at build time.
import type { KnowledgeFile } from '../knowledge-decls';

export declare const KNOWLEDGE_DECLS: readonly KnowledgeFile[];
