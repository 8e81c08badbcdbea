/** Loads web-tree-sitter and the Go grammar once per process and parses Go source. */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { Language, Parser, Tree } from 'web-tree-sitter';

export type { Node as SyntaxNode, Tree, Edit, Parser } from 'web-tree-sitter';

let ready: Promise<Language> | undefined;
let loaded: Language | undefined;
let sharedParser: Parser | undefined;
let parserCreation: Promise<Parser> | undefined;

/**
 * Where the build puts tree-sitter.wasm and tree-sitter-go.wasm: `grammars/` at the package root, found by
 * walking up from the running bundle (server/out, client/out, test/out/…).
 */
export function defaultGrammarsDir(): string {
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'grammars');
    if (existsSync(path.join(candidate, 'tree-sitter-go.wasm'))) return candidate;
    if (path.dirname(dir) === dir) return path.resolve(__dirname, '..', '..', 'grammars');
  }
}

/** Initialises the WASM runtime and loads the Go grammar; every caller shares one promise. */
export function loadGoLanguage(grammarsDir = defaultGrammarsDir()): Promise<Language> {
  ready ??= (async () => {
    await Parser.init({ locateFile: (name: string) => path.join(grammarsDir, name) });
    loaded = await Language.load(path.join(grammarsDir, 'tree-sitter-go.wasm'));
    return loaded;
  })();
  return ready;
}

/** A parser ready for Go, for code that runs only after some file was parsed (so the grammar is loaded). */
export function createParserSync(): Parser {
  if (!loaded) throw new Error('the Go grammar is not loaded yet: await loadGoLanguage() first');
  const parser = new Parser();
  parser.setLanguage(loaded);
  return parser;
}

/** A parser ready for Go; call `loadGoLanguage()` first. */
export async function createGoParser(): Promise<Parser> {
  const language = await loadGoLanguage();
  const parser = new Parser();
  parser.setLanguage(language);
  return parser;
}

/**
 * Parses a whole file with the shared parser. The caller owns the tree and must `delete()` it:
 * trees live in WASM memory, out of reach of the garbage collector.
 */
export async function parseGo(text: string, oldTree?: Tree): Promise<Tree> {
  // Callers that await in parallel must not each create a parser: the first one's creation is shared.
  if (!sharedParser) {
    const created = await (parserCreation ??= createGoParser());
    sharedParser ??= created;
  }
  const tree = sharedParser.parse(text, oldTree ?? null);
  if (!tree) throw new Error('tree-sitter returned no tree');
  return tree;
}

let grammarHash: string | undefined;

/** A digest of the parser runtime and the Go grammar files, which results cached between runs depend on. */
export function grammarVersion(): string {
  if (grammarHash) return grammarHash;
  const hash = createHash('sha256');
  for (const name of ['tree-sitter.wasm', 'tree-sitter-go.wasm']) {
    try {
      hash.update(readFileSync(path.join(defaultGrammarsDir(), name)));
    } catch {
      hash.update(`missing ${name}`);
    }
  }
  grammarHash = hash.digest('hex').slice(0, 16);
  return grammarHash;
}
