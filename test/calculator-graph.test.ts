/**
 * The calculator's domain graph reads at any size: at most a dozen nodes (the most coupled; the rest grouped),
 * nodes that do not touch, labels inside the drawing that do not cover each other, and shared handles keyed
 * "DB n" instead of long names cut in the middle.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CouplingReport } from '../server/src/protocol';
// The page's own script: a UMD module, plain JavaScript shipped as is.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { layoutGraph } = require('../client/media/coupling-graph.js') as { layoutGraph: (c: CouplingReport, width: number, o?: object) => Layout };

interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}
interface LaidNode {
  id: string;
  full: string;
  label: string;
  x: number;
  y: number;
  r: number;
  anchor: 'start' | 'middle' | 'end';
  lx: number;
  ly: number;
  other: boolean;
  shares: boolean;
}
interface Layout {
  width: number;
  height: number;
  nodes: LaidNode[];
  edges: { from: string; to: string; weight: number; labelled: boolean }[];
  marks: { key: string; name: string }[];
  keys: { key: string; name: string; kind: string }[];
  total: number;
  grouped: number;
}

const measure = (text: string) => text.length * 7;

function labelBox(n: LaidNode): Box {
  const w = measure(n.label);
  const x = n.anchor === 'start' ? n.lx : n.anchor === 'end' ? n.lx - w : n.lx - w / 2;
  return { x, y: n.ly - 11, w, h: 14 };
}

const overlap = (a: Box, b: Box) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;

/** A standard-library-sized picture: 111 domains with long package paths, many edges, shared handles. */
function stdlibLike(): CouplingReport {
  const domains = Array.from({ length: 111 }, (_, i) => `vendor/golang.org/x/net/package-number-${String(i).padStart(3, '0')}`);
  const edges = [];
  for (let i = 0; i < domains.length; i++) {
    for (const j of [i + 1, i + 7, i + 31]) {
      if (j < domains.length) edges.push({ from: domains[i], to: domains[j], weight: ((i * 37 + j * 11) % 100) / 100, imports: 1, calls: i % 5 });
    }
  }
  return {
    score: 0.31,
    components: [],
    domains,
    edges,
    sharedHandles: [{ handle: 'db (cmd/shop/main.go)', domains: [domains[0], domains[3]] }],
    sharedTables: [{ table: 'users', domains: [domains[1], domains[2], domains[90]] }],
  };
}

function assertReadable(layout: Layout): void {
  const { nodes, width, height } = layout;
  assert.ok(nodes.length <= 12, `${nodes.length} nodes`);
  for (const [i, a] of nodes.entries()) {
    for (const b of nodes.slice(i + 1)) {
      assert.ok(Math.hypot(a.x - b.x, a.y - b.y) >= a.r + b.r + 8, `nodes ${a.full} and ${b.full} touch`);
      assert.ok(!overlap(labelBox(a), labelBox(b)), `labels "${a.label}" and "${b.label}" overlap`);
    }
    const box = labelBox(a);
    assert.ok(box.x >= 0 && box.x + box.w <= width + 0.5 && box.y >= 0 && box.y + box.h <= height, `label "${a.label}" leaves the drawing`);
  }
}

describe('the calculator\'s domain graph', () => {
  it('shows the most coupled domains of a large workspace and groups the rest, at any width', () => {
    for (const width of [360, 560, 900, 1400]) {
      const layout = layoutGraph(stdlibLike(), width, { measure, otherLabel: (n: number) => `${n} other domains` });
      assertReadable(layout);
      const other = layout.nodes.find((n) => n.other);
      assert.ok(other, `the rest is grouped at ${width} px`);
      assert.equal(other.full, `${layout.grouped} other domains`);
      assert.equal(layout.nodes.length - 1 + layout.grouped, 111, 'every domain is shown or counted in the group');
      assert.ok(layout.edges.filter((e) => e.labelled).length <= 6, 'numbers on the strongest edges only');
    }
    // Wider drawings show more of them.
    const narrow = layoutGraph(stdlibLike(), 360, { measure });
    const wide = layoutGraph(stdlibLike(), 1400, { measure });
    assert.ok(narrow.nodes.length < wide.nodes.length);
  });

  it('ranks domains by their coupling to the others', () => {
    const coupling = stdlibLike();
    const layout = layoutGraph(coupling, 900, { measure });
    const strength = new Map<string, number>();
    for (const e of coupling.edges) for (const d of [e.from, e.to]) strength.set(d, (strength.get(d) ?? 0) + e.weight);
    const weakestShown = Math.min(...layout.nodes.filter((n) => !n.other).map((n) => strength.get(n.id) ?? 0));
    const strongestHidden = Math.max(...coupling.domains.filter((d) => !layout.nodes.some((n) => n.id === d)).map((d) => strength.get(d) ?? 0));
    assert.ok(weakestShown >= strongestHidden - 1.0, 'the shown domains are the most coupled (sharing adds at most a point)');
  });

  it('draws a small workspace whole, keys shared handles, and cuts nothing that fits', () => {
    const coupling: CouplingReport = {
      score: 0.24,
      components: [],
      domains: ['coupon', 'order', 'payment', 'tracking', 'user'],
      edges: [
        { from: 'order', to: 'user', weight: 0.4, imports: 2, calls: 3 },
        { from: 'coupon', to: 'order', weight: 0.2, imports: 1, calls: 1 },
      ],
      sharedHandles: [{ handle: 'db (cmd/shop/main.go)', domains: ['user', 'order', 'coupon'] }],
      sharedTables: [],
    };
    const layout = layoutGraph(coupling, 560, { measure });
    assertReadable(layout);
    assert.equal(layout.grouped, 0);
    assert.deepEqual(layout.nodes.map((n) => n.label).sort(), coupling.domains);
    assert.deepEqual(layout.marks.map((m) => m.key), ['DB 1']);
    assert.deepEqual(layout.keys, [{ key: 'DB 1', name: 'db (cmd/shop/main.go)', kind: 'handle', domains: ['user', 'order', 'coupon'] }]);
    assert.deepEqual(layout.nodes.filter((n) => n.shares).map((n) => n.id).sort(), ['coupon', 'order', 'user']);
  });
});
