/** Clients that break the protocol's order or send nulls: the server answers or waits, and never dies. */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { fileUri, LspClient } from '../support/lsp-client';

const FLAGGED = `package main

import (
	"database/sql"
	"fmt"
)

func main() {
	db, _ := sql.Open("postgres", "dsn")
	fmt.Println(db)
}
`;

const roots: string[] = [];
function workspace(): string {
  const root = mkdtempSync(path.join(tmpdir(), 'go-traps-early-'));
  roots.push(root);
  writeFileSync(path.join(root, 'go.mod'), 'module example.com/app\n\ngo 1.21\n');
  writeFileSync(path.join(root, 'main.go'), FLAGGED);
  return root;
}
after(() => {
  for (const root of roots) rmSync(root, { recursive: true, force: true });
});

describe('a client out of order', () => {
  it('may open a document before the initialize response: it is analysed once the server is ready', async () => {
    const root = workspace();
    const uri = fileUri(path.join(root, 'main.go'));
    const client = new LspClient();
    try {
      let early: Promise<unknown> | undefined;
      await client.initialize(root, undefined, () => {
        client.open(uri, FLAGGED);
        early = client.request('textDocument/codeAction', { textDocument: { uri }, range: { start: { line: 8, character: 0 }, end: { line: 8, character: 0 } }, context: { diagnostics: [] } });
      });
      await early;
      const published = await client.waitFor((n) => n.method === 'textDocument/publishDiagnostics' && n.params.uri === uri && n.params.diagnostics.length > 0);
      assert.ok(published.params.diagnostics.some((d: any) => d.code === 'db-open-error-ignored'));
      assert.equal(client.exitCode, null, 'still running');
    } finally {
      await client.shutdown();
    }
    assert.doesNotMatch(client.stderr, /TypeError|Error:/);
  });
});

describe('null-safe handlers', () => {
  it('answers codeAction with a null diagnostic, a null context and an unknown document', async () => {
    const root = workspace();
    const uri = fileUri(path.join(root, 'main.go'));
    const client = new LspClient();
    try {
      await client.initialize(root);
      client.open(uri, FLAGGED);
      await client.waitFor((n) => n.method === 'textDocument/publishDiagnostics' && n.params.uri === uri && n.params.diagnostics.length > 0);
      const range = { start: { line: 8, character: 0 }, end: { line: 8, character: 10 } };
      const withNull = await client.request('textDocument/codeAction', { textDocument: { uri }, range, context: { diagnostics: [null, { range: null, data: null }, { range, message: 'x', data: { fixes: null } }] } });
      assert.ok(Array.isArray(withNull));
      const noContext = await client.request('textDocument/codeAction', { textDocument: { uri }, range, context: null });
      assert.ok(Array.isArray(noContext));
      const unknown = await client.request('textDocument/codeAction', { textDocument: null, range, context: { diagnostics: [] } });
      assert.deepEqual(unknown, []);
      const hover = await client.request('textDocument/hover', { textDocument: { uri }, position: null });
      assert.equal(hover, null);
      for (const bad of [null, { qps: 'lots', teamSize: 4, couplingScore: 0.2 }, { qps: 1, teamSize: -3, couplingScore: 0.2 }]) {
        await assert.rejects(client.request('goTraps/splitDecision', bad), /splitDecision: .*(expected an object|must be a number)/);
      }
      const decision = await client.request('goTraps/splitDecision', { qps: 9000, teamSize: 4, couplingScore: 0.2 });
      assert.deepEqual(decision.reasons, ['qps']);
    } finally {
      await client.shutdown();
    }
  });
});
