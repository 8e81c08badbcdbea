/** The baseline's fingerprints and matching: what survives unrelated edits, what counts as new or fixed. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  BaselineEntry,
  enclosingFunction,
  fingerprint,
  linesOf,
  matchBaseline,
  mergeEntries,
  parseBaseline,
  serializeBaseline,
} from '../../server/src/engine/baseline';
import type { Finding, Range } from '../../server/src/engine/types';

const SOURCE = `package store

import "net/http"

var client = http.Client{}

func Fetch(url string) {
	http.Get(url)
}

func (s *Server) Serve(url string) {
	http.Get(url)
}

func (q Queue[T]) Push(url string) {
	http.Get(url)
}
`;

function finding(line: number, start: number, end: number, ruleId = 'http-no-timeout'): Finding {
  const range: Range = { start: { line, character: start }, end: { line, character: end } };
  return { ruleId, path: 'store/x.go', range, severity: 'warning', messageId: 'm', message: 'm', related: [], fixes: [] };
}

/** Where `needle` starts on the `nth` line that holds it (0-based line, character). */
function find(text: string, needle: string, nth = 0): [number, number] {
  const lines = linesOf(text);
  const hits = lines.flatMap((l, i) => (l.includes(needle) ? [[i, l.indexOf(needle)] as [number, number]] : []));
  return hits[nth];
}

function fingerprintOf(text: string, needle: string, nth = 0): BaselineEntry {
  const [line, character] = find(text, needle, nth);
  return fingerprint(finding(line, character, character + needle.length), 'store/x.go', linesOf(text));
}

describe('baseline fingerprints', () => {
  it('name the enclosing top-level function, with the receiver type for methods, and nothing at package level', () => {
    const lines = linesOf(SOURCE);
    assert.equal(enclosingFunction(lines, find(SOURCE, 'http.Get')[0]), 'Fetch');
    assert.equal(enclosingFunction(lines, find(SOURCE, 'http.Get', 1)[0]), 'Server.Serve');
    assert.equal(enclosingFunction(lines, find(SOURCE, 'http.Get', 2)[0]), 'Queue.Push');
    assert.equal(enclosingFunction(lines, find(SOURCE, 'http.Client{}')[0]), '');
    assert.equal(enclosingFunction(lines, 0), '');
  });

  it('do not change when lines are added above or whitespace changes', () => {
    const before = fingerprintOf(SOURCE, 'http.Get(url)');
    const shifted = '\n\n// a comment\n' + SOURCE.replace('\thttp.Get(url)', '\n    http.Get(url)   ');
    assert.deepEqual(fingerprintOf(shifted, 'http.Get(url)'), before);
  });

  it('tell apart the same code in two functions and the same short text on two different lines', () => {
    const inFetch = fingerprintOf(SOURCE, 'http.Get(url)', 0);
    const inServe = fingerprintOf(SOURCE, 'http.Get(url)', 1);
    assert.notDeepEqual(inFetch, inServe);
    assert.equal(inFetch.hash, inServe.hash, 'same code, same hash: the function tells them apart');
    const twoLines = 'package p\n\nfunc f() {\n\ta(db)\n\tb(db)\n}\n';
    assert.notEqual(fingerprintOf(twoLines, 'db', 0).hash, fingerprintOf(twoLines, 'db', 1).hash);
  });

  it('change when the flagged code changes', () => {
    const edited = SOURCE.replace('func Fetch(url string) {\n\thttp.Get(url)', 'func Fetch(url string) {\n\thttp.Get(url + "/x")');
    assert.notEqual(fingerprintOf(edited, 'http.Get(url + "/x")').hash, fingerprintOf(SOURCE, 'http.Get(url)').hash);
  });
});

describe('matching against a baseline', () => {
  const entry = (hash: string, extra: Partial<BaselineEntry> = {}): BaselineEntry => ({ rule: 'r', file: 'a.go', function: 'F', hash, ...extra });

  it('holds back as many findings as each entry counts and reports the rest as new', () => {
    const items = ['x1', 'x2', 'x3', 'y'].map((name) => ({ item: name, entry: entry(name.startsWith('x') ? 'x' : 'y') }));
    const match = matchBaseline(items, [entry('x', { count: 2 }), entry('y')]);
    assert.deepEqual(match.baselined, ['x1', 'x2', 'y']);
    assert.deepEqual(match.fresh, ['x3']);
    assert.deepEqual(match.fixed, []);
  });

  it('reports entries no finding matched as fixed, with how many, but only in scope', () => {
    const match = matchBaseline([{ item: 'x', entry: entry('x') }], [entry('x', { count: 3 }), entry('gone'), entry('elsewhere', { file: 'b.go' })], (e) => e.file === 'a.go');
    assert.deepEqual(match.fresh, []);
    assert.deepEqual(
      match.fixed.map((e) => [e.hash, e.count ?? 1]),
      [
        ['gone', 1],
        ['x', 2],
      ],
    );
  });

  it('writes one sorted line per fingerprint and reads it back', () => {
    const entries = [entry('b', { file: 'z.go' }), entry('a'), entry('a'), entry('c', { function: 'A' })];
    const text = serializeBaseline(entries);
    const lines = text.split('\n').filter((l) => l.includes('"rule"'));
    assert.equal(lines.length, 3);
    assert.match(lines[0], /"function":"A"/);
    assert.match(lines[1], /"hash":"a","count":2/);
    assert.match(lines[2], /"file":"z\.go"/);
    assert.deepEqual(parseBaseline(text), mergeEntries(entries));
  });

  it('refuses a broken file with a message that names the problem', () => {
    assert.throws(() => parseBaseline('{'), /not valid JSON/);
    assert.throws(() => parseBaseline('{"version": 2, "findings": []}'), /unsupported version 2/);
    assert.throws(() => parseBaseline('{"version": 1, "findings": [{"rule": "r"}]}'), /findings\[0\]: "file" must be a string/);
    assert.throws(() => parseBaseline('{"version": 1, "findings": [{"rule": "r", "file": "f", "function": "", "hash": "h", "count": 0}]}'), /count/);
  });
});
