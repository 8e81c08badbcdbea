/** What a fuzz run found, per fuzzer; failing inputs are saved for replay. */
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';

export class FuzzSection {
  iterations = 0;
  crashes = 0;
  hangs = 0;
  diffs = 0;
  /** Counted but not failures: files the CLI skipped past its per-file budget (the budget working). */
  overBudget = 0;
  readonly notes: string[] = [];

  constructor(
    readonly name: string,
    private readonly saveDir: string,
  ) {}

  crash(what: string, input: string | Record<string, string | Buffer>): void {
    this.crashes++;
    this.note('crash', what, input);
  }

  hang(what: string, input: string | Record<string, string | Buffer>): void {
    this.hangs++;
    this.note('hang', what, input);
  }

  diff(what: string, input: string | Record<string, string | Buffer>): void {
    this.diffs++;
    this.note('diff', what, input);
  }

  private note(kind: string, what: string, input: string | Record<string, string | Buffer>): void {
    const dir = path.join(this.saveDir, `${this.name.replace(/\W+/g, '-')}-${kind}-${this.notes.length + 1}`);
    mkdirSync(dir, { recursive: true });
    const files = typeof input === 'string' ? { 'input.txt': input } : input;
    for (const [name, content] of Object.entries(files)) {
      mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
      writeFileSync(path.join(dir, name), content);
    }
    writeFileSync(path.join(dir, 'WHAT.txt'), what + '\n');
    this.notes.push(`${kind}: ${what.split('\n')[0].slice(0, 300)} (saved in ${dir})`);
  }

  get failed(): boolean {
    return this.crashes + this.hangs + this.diffs > 0;
  }
}

export class FuzzReport {
  readonly sections: FuzzSection[] = [];

  constructor(readonly saveDir: string) {}

  section(name: string): FuzzSection {
    let section = this.sections.find((s) => s.name === name);
    if (!section) this.sections.push((section = new FuzzSection(name, this.saveDir)));
    return section;
  }

  /** One line per fuzzer, in the closing-line form CI reads: `fuzz: N passed, N failed`. */
  summary(seconds: number, seed: number): string {
    const lines = [`go-traps fuzz: seed ${seed}, ${seconds.toFixed(0)} s`];
    for (const s of this.sections) {
      lines.push(`  ${s.name}: ${s.iterations} iterations, ${s.crashes} crashes, ${s.hangs} hangs, ${s.diffs} differences${s.overBudget ? `, ${s.overBudget} files skipped past the CLI's per-file budget` : ''}`);
      for (const note of s.notes.slice(0, 10)) lines.push(`    ${note}`);
    }
    const failed = this.sections.filter((s) => s.failed).length;
    lines.push(`fuzz: ${this.sections.length - failed} passed, ${failed} failed`);
    return lines.join('\n');
  }
}
