// Lays out the calculator's domain graph for the width it is drawn at, so it reads at any size: the domains
// most coupled to the others (as many as fit), the rest grouped into one node, labels outside the nodes and cut
// to the room they have, marks for shared database handles and tables keyed "DB n" / "T n" and listed below.
// Pure: no DOM. The page calls it; the unit tests require it.
(function (root, factory) {
  if (typeof module === 'object' && module.exports) module.exports = factory();
  else root.GoTrapsGraph = factory();
})(typeof self !== 'undefined' ? self : this, function () {
  'use strict';

  /** Rough width of a label in pixels at the graph's 12px font; the page passes a real measure. */
  function estimateWidth(text) {
    return text.length * 7;
  }

  /** Cuts `text` with an ellipsis until `measure` says it fits in `room` pixels. */
  function fit(text, room, measure) {
    if (measure(text) <= room) return text;
    let cut = text.length;
    while (cut > 1 && measure(text.slice(0, cut) + '…') > room) cut--;
    return text.slice(0, cut) + '…';
  }

  /** One line per pair of domains: the stronger direction sets the weight, imports and calls add up. */
  function pairsOf(edges) {
    const pairs = new Map();
    for (const e of edges) {
      const [a, b] = [e.from, e.to].sort();
      const key = a + '\u0000' + b;
      const seen = pairs.get(key) || { from: a, to: b, weight: 0, imports: 0, calls: 0 };
      pairs.set(key, { from: a, to: b, weight: Math.max(seen.weight, e.weight), imports: seen.imports + e.imports, calls: seen.calls + e.calls });
    }
    return [...pairs.values()];
  }

  /**
   * The layout for a drawing `width` pixels wide. Options: `measure(text)` → pixels, `otherLabel(count)` for the
   * grouped node's label. Returns nodes, edges, shared marks, the size, and how many domains were grouped.
   */
  function layoutGraph(coupling, width, options) {
    const measure = (options && options.measure) || estimateWidth;
    const otherLabel = (options && options.otherLabel) || ((count) => count + ' other domains');
    const domains = coupling.domains || [];
    const pairs = pairsOf(coupling.edges || []);
    const shared = [
      ...(coupling.sharedHandles || []).map((h) => ({ name: h.handle, domains: h.domains, kind: 'handle' })),
      ...(coupling.sharedTables || []).map((t) => ({ name: t.table, domains: t.domains, kind: 'table' })),
    ];

    // How coupled each domain is to the rest: its edges' weights, and half a point per thing it shares.
    const strength = new Map(domains.map((d) => [d, 0]));
    for (const p of pairs) {
      strength.set(p.from, (strength.get(p.from) || 0) + p.weight);
      strength.set(p.to, (strength.get(p.to) || 0) + p.weight);
    }
    for (const s of shared) for (const d of s.domains) if (strength.has(d)) strength.set(d, strength.get(d) + 0.5);
    const ranked = [...domains].sort((a, b) => strength.get(b) - strength.get(a) || a.localeCompare(b));

    const w = Math.max(320, Math.min(1000, Math.round(width)));
    const h = Math.max(300, Math.min(560, Math.round(w * 0.62)));
    // As many nodes as the ring holds without crowding: about one per 70 px of the shorter side's circumference.
    const capacity = Math.max(4, Math.min(12, Math.floor(Math.min(w, h * 1.6) / 70)));
    const shown = ranked.length > capacity ? ranked.slice(0, capacity - 1) : ranked;
    const grouped = ranked.slice(shown.length);
    const OTHER = '\u0000other';
    const groupOf = (d) => (shown.includes(d) ? d : OTHER);

    const labelRoom = Math.min(180, Math.round(w * 0.24));
    const cx = w / 2;
    const cy = h / 2;
    const rx = Math.max(60, cx - labelRoom - 18);
    const ry = Math.max(60, cy - 34);
    const ids = grouped.length > 0 ? [...shown, OTHER] : shown;
    const sharing = new Set(shared.flatMap((s) => s.domains.map(groupOf)));

    const nodes = ids.map((id, i) => {
      const angle = (2 * Math.PI * i) / ids.length - Math.PI / 2;
      const cos = Math.cos(angle);
      const sin = Math.sin(angle);
      const x = cx + rx * cos;
      const y = cy + ry * sin;
      const r = id === OTHER ? 18 : 13;
      // Labels sit outside the ring: to the right on the right side, to the left on the left, above or below at the poles.
      const anchor = cos > 0.35 ? 'start' : cos < -0.35 ? 'end' : 'middle';
      const gap = r + 6;
      const lx = anchor === 'middle' ? x : x + (anchor === 'start' ? gap : -gap);
      const ly = anchor === 'middle' ? (sin < 0 ? y - gap : y + gap + 10) : y + 4;
      const room = anchor === 'start' ? w - lx - 4 : anchor === 'end' ? lx - 4 : Math.min(x, w - x) * 2 - 8;
      const full = id === OTHER ? otherLabel(grouped.length) : id;
      return { id, full, label: fit(full, Math.min(room, labelRoom + 40), measure), x, y, r, anchor, lx, ly, other: id === OTHER, shares: sharing.has(id) };
    });
    const at = new Map(nodes.map((n) => [n.id, n]));

    // Edges between shown nodes; edges into grouped domains merge into one edge to the group.
    const merged = new Map();
    for (const p of pairs) {
      const a = groupOf(p.from);
      const b = groupOf(p.to);
      if (a === b) continue;
      const key = [a, b].sort().join('\u0001');
      const seen = merged.get(key) || { from: a, to: b, weight: 0, imports: 0, calls: 0 };
      merged.set(key, { from: a, to: b, weight: Math.max(seen.weight, p.weight), imports: seen.imports + p.imports, calls: seen.calls + p.calls });
    }
    const edges = [...merged.values()]
      .map((e) => {
        const a = at.get(e.from);
        const b = at.get(e.to);
        return Object.assign({}, e, { x1: a.x, y1: a.y, x2: b.x, y2: b.y, fromLabel: a.full, toLabel: b.full });
      })
      .sort((a, b) => b.weight - a.weight);
    // Numbers on the strongest few links between named domains only: more would cover each other in the middle
    // of the ring, and a link into the grouped node stands for many links.
    let labels = 0;
    edges.forEach((e) => {
      e.labelled = labels < 6 && e.weight >= 0.05 && e.from !== OTHER && e.to !== OTHER;
      if (e.labelled) labels++;
      e.lx = e.x1 + (e.x2 - e.x1) * 0.5;
      e.ly = e.y1 + (e.y2 - e.y1) * 0.5;
    });

    // Shared handles and tables as marks in the middle, keyed for the lists below; those linking fewer than two
    // drawn nodes are left to the lists.
    const counters = { handle: 0, table: 0 };
    const marks = [];
    for (const s of shared) {
      const targets = [...new Set(s.domains.map(groupOf))];
      counters[s.kind]++;
      const key = (s.kind === 'handle' ? 'DB ' : 'T ') + counters[s.kind];
      s.key = key;
      if (targets.length < 2 || marks.length >= 4) continue;
      marks.push({ key, name: s.name, kind: s.kind, domains: s.domains, targets });
    }
    marks.forEach((m, i) => {
      const angle = (2 * Math.PI * (i + 0.5)) / marks.length;
      const spread = marks.length === 1 ? 0 : Math.min(rx, ry) * 0.32;
      m.x = cx + spread * Math.cos(angle);
      m.y = cy + spread * Math.sin(angle);
    });

    return { width: w, height: h, nodes, edges, marks, keys: shared.map((s) => ({ key: s.key, name: s.name, kind: s.kind, domains: s.domains })), total: domains.length, grouped: grouped.length };
  }

  return { layoutGraph, fit };
});
