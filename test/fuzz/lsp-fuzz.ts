/**
 * Random edits two ways. In process: hostile changes (reversed, out of range, malformed) on open documents,
 * the incremental tree compared with a fresh parse after every batch. Through the language server: edits sent
 * as an editor would, and after each batch the published diagnostics compared with those of the same text
 * opened afresh.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createGoParser, SyntaxNode } from '../../server/src/go/parser';
import { walk } from '../../server/src/go/syntax';
import { DocumentStore } from '../../server/src/lsp/documents';
import { fileUri, LspClient } from '../support/lsp-client';
import { Random, TOKENS } from './mutate';
import type { FuzzReport } from './report';

/** Every node with its type and span; a tree differs from another exactly when this does. */
function shape(root: SyntaxNode): string {
  const parts: string[] = [];
  walk(root, (n) => {
    parts.push(`${n.type}@${n.startIndex}-${n.endIndex}:${n.startPosition.row}.${n.startPosition.column}-${n.endPosition.row}.${n.endPosition.column}`);
  });
  return parts.join(' ');
}

interface Change {
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
  text: string;
}

/** A batch of edits the way an editor sends them, with reversed and out-of-range ranges mixed in when `hostile`. */
function randomChanges(random: Random, text: string, hostile: boolean): Change[] {
  const lines = text.split('\n');
  const position = () => {
    const line = random.int(lines.length);
    const character = random.int((lines[line]?.length ?? 0) + 1);
    if (hostile && random.chance(0.1)) return random.pick([{ line: line + 5 + random.int(5), character }, { line, character: character + 50 }, { line: -1, character: 0 }]);
    return { line, character };
  };
  const changes: Change[] = [];
  for (let i = 0; i < 1 + random.int(3); i++) {
    let start = position();
    let end = random.chance(0.5) ? start : position();
    const forward = start.line < end.line || (start.line === end.line && start.character <= end.character);
    const reversed = hostile && random.chance(0.15);
    if (forward === reversed) [start, end] = [end, start];
    changes.push({ range: { start, end }, text: random.chance(0.2) ? '' : random.pick(TOKENS) });
  }
  return changes;
}

export async function fuzzTrees(random: Random, deadline: number, report: FuzzReport, sources: readonly string[]): Promise<void> {
  const section = report.section('LSP edits, tree vs fresh parse');
  const parser = await createGoParser();
  while (Date.now() < deadline) {
    const source = random.pick(sources);
    const store = new DocumentStore();
    const document = store.open('file:///fuzz.go', 'go', 1, readFileSync(source, 'utf8').slice(0, 30_000));
    document.syntaxTree(parser);
    // Every batch since the document was opened, to replay a difference that needs the tree's history.
    const history: unknown[] = [document.text];
    for (let version = 2; version < 60 && Date.now() < deadline; version++) {
      const before = document.text;
      const changes: unknown[] = randomChanges(random, before, true);
      if (random.chance(0.03)) changes.push({ range: { start: { line: 'x' }, end: null }, text: 3 });
      history.push(changes);
      try {
        document.applyChanges(changes as Change[], version);
        const fresh = parser.parse(document.text)!;
        const incremental = document.syntaxTree(parser).rootNode;
        const same = shape(incremental) === shape(fresh.rootNode);
        const errors = `errors: incremental ${incremental.hasError}, fresh ${fresh.rootNode.hasError}`;
        fresh.delete();
        if (!same) {
          section.diff(`tree differs from a fresh parse at version ${version} of ${source} (${errors})`, { 'before.go': before, 'changes.json': JSON.stringify(changes, null, 1), 'history.json': JSON.stringify(history) });
          break;
        }
      } catch (error) {
        section.crash(`applyChanges or parse threw: ${(error as Error).stack}`, { 'before.go': before, 'changes.json': JSON.stringify(changes, null, 1) });
        break;
      }
      section.iterations++;
    }
    store.dispose();
  }
}

/** Diagnostics as comparable lines: range, rule, severity, message and fix edits (not the version they carry). */
function comparable(diagnostics: any[]): string {
  return diagnostics
    .map((d) => JSON.stringify([d.range, d.code, d.severity, d.message, (d.data?.fixes ?? []).map((f: any) => [f.title, f.edits])]))
    .sort()
    .join('\n');
}

export async function fuzzServer(random: Random, deadline: number, report: FuzzReport, sources: readonly string[]): Promise<void> {
  const section = report.section('LSP edits through the server, vs the same text opened afresh');
  const root = mkdtempSync(path.join(tmpdir(), 'go-traps-fuzz-lsp-'));
  writeFileSync(path.join(root, 'go.mod'), 'module example.com/fuzz\n\ngo 1.21\n');
  const file = path.join(root, 'main.go');
  const uri = fileUri(file);
  try {
    while (Date.now() < deadline) {
      const text = readFileSync(random.pick(sources), 'utf8').slice(0, 20_000);
      writeFileSync(file, text);
      const client = new LspClient();
      let mirror = TextDocument.create(uri, 'go', 1, text);
      let stage = 'initialize';
      try {
        await client.initialize(root);
        stage = 'first diagnostics';
        client.open(uri, text, 1);
        await client.diagnostics(uri, 1, 20_000);
        for (let round = 0; round < 15 && Date.now() < deadline; round++) {
          const version = mirror.version + 1;
          const changes = randomChanges(random, mirror.getText(), true);
          mirror = TextDocument.update(mirror, changes, version);
          stage = `diagnostics of version ${version} after ${JSON.stringify(changes)}`;
          client.change(uri, version, changes);
          // The full analysis follows a pause in typing; the last diagnostics of the version are its.
          await client.diagnostics(uri, version, 20_000);
          await new Promise((resolve) => setTimeout(resolve, 400));
          const edited = [...client.notifications].reverse().find((n) => n.method === 'textDocument/publishDiagnostics' && n.params.uri === uri && n.params.version === version)!;
          const reopened = version + 1;
          stage = `diagnostics of the reopened text (version ${reopened})`;
          client.close(uri);
          const fresh = client.diagnostics(uri, reopened, 20_000);
          client.open(uri, mirror.getText(), reopened);
          mirror = TextDocument.create(uri, 'go', reopened, mirror.getText());
          const expected = comparable(await fresh);
          const actual = comparable(edited.params.diagnostics);
          if (actual !== expected) section.diff(`diagnostics after edits differ from a fresh open at version ${version}`, { 'text.go': mirror.getText(), 'edited.txt': actual, 'fresh.txt': expected });
          section.iterations++;
        }
      } catch (error) {
        if (client.exitCode !== null) section.crash(`the server exited (${client.exitCode}): ${client.stderr.slice(-3000)}`, { 'text.go': mirror.getText() });
        else {
          const tail = client.notifications.slice(-8).map((n) => `${n.method} ${JSON.stringify(n.params).slice(0, 300)}`).join('\n');
          section.hang(`no answer while waiting for ${stage}: ${(error as Error).message.slice(0, 300)}\nlast notifications:\n${tail}`, { 'text.go': mirror.getText() });
        }
      } finally {
        await client.shutdown();
      }
    }
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}
