/**
 * The text questions rules ask before the tree: a "no" must be certain (the file is then never parsed), so every
 * way Go lets a name be written must answer "yes".
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { mentionsAnySelector, mentionsAnyWord } from '../../server/src/go/text-search';

describe('text prefilters', () => {
  it('finds a word only as a whole word', () => {
    assert.equal(mentionsAnyWord('x := NewCounter(opts)', ['NewCounter', 'NewGauge']), true);
    assert.equal(mentionsAnyWord('x := NewCounterVec(opts)', ['NewCounter']), false);
    assert.equal(mentionsAnyWord('renewCounter()', ['NewCounter']), false);
  });

  it('escapes names that hold regular-expression characters', () => {
    assert.equal(mentionsAnyWord('a.b', ['a.b']), true);
    assert.equal(mentionsAnyWord('axb', ['a.b']), false);
  });

  it('finds a selector however Go lets it be written', () => {
    const names = ['QueryRow', 'Exec'];
    assert.equal(mentionsAnySelector('db.QueryRow(q)', names), true);
    assert.equal(mentionsAnySelector('db.\n\t\tQueryRow(q)', names), true, 'a line break after the dot');
    assert.equal(mentionsAnySelector('db. /* legacy */ QueryRow(q)', names), true, 'a comment after the dot');
    assert.equal(mentionsAnySelector('db. // legacy\n QueryRow(q)', names), true, 'a line comment after the dot');
    assert.equal(mentionsAnySelector('q := s.DB.Exec', names), true, 'a method value');
  });

  it('answers no when the name is never selected', () => {
    const names = ['QueryRow', 'Exec'];
    assert.equal(mentionsAnySelector('// QueryRow is slow\nfunc QueryRow() {}', names), false);
    assert.equal(mentionsAnySelector('db.QueryRowContext(ctx, q)', names), false);
    assert.equal(mentionsAnySelector('db.Executor()', names), false);
  });

  it('counts no dot in a comment or a literal (a sentence that ends before "Use ..."), and reads broken text as a maybe', () => {
    const names = ['Use'];
    assert.equal(mentionsAnySelector('// It is deprecated. Use Other instead.\nfunc Old() {}', names), false);
    assert.equal(mentionsAnySelector('/* done. Use\n it */ s := "x. Use"; r := `a.Use`', names), false);
    assert.equal(mentionsAnySelector('// comment. Use\nr.Use(m)', names), true, 'a selector after a comment that ended the same way');
    assert.equal(mentionsAnySelector('s := "x. Use', names), true, 'an unterminated literal');
  });
});
