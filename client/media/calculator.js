// The split-threshold calculator page. Plain DOM, no framework: it renders the state the extension sends,
// reports edits back as `inputs` messages, and keeps its state with setState so hide/show and reload restore it.
(function () {
  'use strict';
  const vscode = acquireVsCodeApi();
  const data = JSON.parse(document.getElementById('go-traps-data').textContent);
  const S = data.strings;
  const saved = vscode.getState();
  let state = (saved && saved.calculator) || data.state;
  let decision = (saved && saved.decision) || null;
  let measuring = false;

  const SVG = 'http://www.w3.org/2000/svg';

  /** Creates an element with attributes and children; strings become text nodes, never HTML. */
  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attrs || {})) {
      if (value === undefined || value === null || value === false) continue;
      if (key === 'class') node.className = value;
      else node.setAttribute(key, value === true ? '' : String(value));
    }
    for (const child of children.flat()) {
      if (child === undefined || child === null || child === false) continue;
      node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return node;
  }

  function svg(tag, attrs, ...children) {
    const node = document.createElementNS(SVG, tag);
    for (const [key, value] of Object.entries(attrs || {})) node.setAttribute(key, String(value));
    for (const child of children.flat()) node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    return node;
  }

  function save() {
    vscode.setState({ calculator: state, decision });
  }

  function numberOrUndefined(text) {
    if (text === '' || text === null || text === undefined) return undefined;
    const value = Number(text);
    return Number.isFinite(value) ? value : undefined;
  }

  function format(value, digits) {
    return value === undefined || value === null ? '' : String(Math.round(value * 10 ** digits) / 10 ** digits);
  }

  // ---- inputs ---------------------------------------------------------------------------------------------

  let typing;

  /** Sends edits as the user types (debounced) and at once when a field is committed. */
  function field(id, label, help, value, attrs) {
    const input = el('input', Object.assign({ id, type: 'number', value: value === undefined ? '' : value, 'aria-describedby': id + '-help' }, attrs));
    input.addEventListener('input', () => {
      clearTimeout(typing);
      typing = setTimeout(sendInputs, 250);
    });
    input.addEventListener('change', () => {
      clearTimeout(typing);
      sendInputs();
    });
    return el('div', { class: 'field' }, el('label', { for: id }, label), input, el('div', { class: 'help', id: id + '-help' }, help));
  }

  function readInputs() {
    const value = (id) => numberOrUndefined(document.getElementById(id).value);
    const overridden = document.getElementById('couplingOverride').checked;
    const share = value('crossModuleCallShare');
    return {
      input: {
        qps: value('qps') ?? 0,
        teamSize: value('teamSize') ?? 0,
        couplingScore: overridden ? value('couplingScore') ?? 0 : state.input.couplingScore,
        slowestResponseMs: value('slowestResponseMs'),
        releasesPerDay: value('releasesPerDay'),
        crossModuleCallShare: share === undefined ? undefined : share / 100,
      },
      couplingOverridden: overridden,
    };
  }

  function sendInputs() {
    const next = readInputs();
    if (JSON.stringify(next) === JSON.stringify({ input: state.input, couplingOverridden: state.couplingOverridden })) return;
    state = Object.assign({}, state, next);
    save();
    vscode.postMessage({ command: 'inputs', input: next.input, couplingOverridden: next.couplingOverridden });
  }

  function renderInputs() {
    const i = state.input;
    const coupling = field('couplingScore', S.couplingScore, S.couplingHelp, format(i.couplingScore, 2), { min: 0, max: 1, step: 0.01, disabled: !state.couplingOverridden });
    const override = el('input', { id: 'couplingOverride', type: 'checkbox', checked: state.couplingOverridden });
    override.addEventListener('change', () => {
      document.getElementById('couplingScore').disabled = !override.checked;
      sendInputs();
    });
    coupling.append(el('label', { class: 'checkbox' }, override, ' ', S.override));
    return el(
      'section',
      { id: 'inputs' },
      el('h2', {}, S.inputs),
      el(
        'div',
        { class: 'grid' },
        field('qps', S.qps, S.qpsHelp, i.qps, { min: 0, step: 100 }),
        field('teamSize', S.teamSize, S.teamSizeHelp, i.teamSize, { min: 0, step: 1 }),
        coupling,
      ),
      el('h3', {}, S.signals),
      el(
        'div',
        { class: 'grid' },
        field('slowestResponseMs', S.slowestResponseMs, S.slowestHelp, i.slowestResponseMs, { min: 0, step: 10 }),
        field('releasesPerDay', S.releasesPerDay, S.releasesHelp, i.releasesPerDay, { min: 0, step: 1 }),
        field('crossModuleCallShare', S.crossModuleCallShare, S.crossHelp, i.crossModuleCallShare === undefined ? undefined : format(i.crossModuleCallShare * 100, 1), { min: 0, max: 100, step: 1 }),
      ),
    );
  }

  // ---- verdict --------------------------------------------------------------------------------------------

  function renderVerdict() {
    const section = el('section', { id: 'decision' }, el('h2', {}, S.verdict));
    if (!decision) return section;
    section.append(el('div', { id: 'verdict', class: decision.split ? 'verdict split' : 'verdict converge', role: 'status', 'data-split': String(decision.split) }, decision.verdict));
    section.append(el('h3', {}, S.actions));
    const actions = el('ul', { id: 'actions' });
    if (decision.actions.length === 0) actions.append(el('li', { class: 'muted' }, S.noActions));
    for (const action of decision.actions) actions.append(el('li', {}, action));
    section.append(actions);
    const rows = (decision.checks || []).map((c) =>
      el(
        'tr',
        { id: 'check-' + c.id, class: c.fired ? 'fired' : '' },
        el('td', {}, c.fired ? '● ' : '○ ', S.checks[c.id] || c.id),
        el('td', { class: 'num' }, c.value === undefined ? S.given : c.id === 'crossCalls' ? format(c.value * 100, 1) + '%' : format(c.value, 2)),
        el('td', { class: 'num' }, c.comparison + ' ' + (c.id === 'crossCalls' ? c.limit * 100 + '%' : c.limit)),
        el('td', {}, c.note),
      ),
    );
    section.append(el('table', { id: 'checks' }, el('thead', {}, el('tr', {}, el('th', {}, S.check), el('th', {}, S.value), el('th', {}, S.line), el('th', {}, S.note))), el('tbody', {}, rows)));
    return section;
  }

  // ---- coupling -------------------------------------------------------------------------------------------

  function renderCoupling() {
    const coupling = state.coupling;
    const refresh = el('button', { id: 'refresh-coupling', type: 'button', disabled: measuring }, measuring ? S.measuring : S.refresh);
    refresh.addEventListener('click', () => {
      measuring = true;
      render();
      vscode.postMessage({ command: 'measure' });
    });
    const section = el('section', { id: 'coupling' }, el('h2', {}, S.coupling, ' ', el('span', { id: 'coupling-score', class: 'score' }, coupling ? format(coupling.score, 2) : '—')), refresh);
    if (!coupling) {
      section.append(el('p', { class: 'muted' }, S.notMeasured));
      return section;
    }
    if (state.measuredWhileIndexing) section.append(el('p', { class: 'muted' }, S.indexing));
    const rows = coupling.components.map((c) =>
      el(
        'tr',
        { id: 'component-' + c.id },
        el('td', {}, c.label),
        el('td', { class: 'num' }, format(c.value, 2)),
        el('td', { class: 'num' }, format(c.weight, 2)),
        el('td', { class: 'num' }, format(c.value * c.weight, 2)),
        el('td', {}, c.explanation),
      ),
    );
    section.append(
      el(
        'table',
        { id: 'coupling-breakdown' },
        el('thead', {}, el('tr', {}, el('th', {}, S.component), el('th', {}, S.value), el('th', {}, S.weight), el('th', {}, S.contribution), el('th', {}, S.explanation))),
        el('tbody', {}, rows),
      ),
    );
    section.append(el('h3', {}, S.graph), el('p', { class: 'help' }, S.graphHelp), renderGraph(coupling));
    section.append(el('h3', {}, S.sharedHandles), list('shared-handles', coupling.sharedHandles.map((h) => h.handle + ' — ' + h.domains.join(', '))));
    section.append(el('h3', {}, S.sharedTables), list('shared-tables', (coupling.sharedTables || []).map((t) => t.table + ' — ' + t.domains.join(', '))));
    return section;
  }

  function list(id, items) {
    const ul = el('ul', { id });
    if (items.length === 0) ul.append(el('li', { class: 'muted' }, S.none));
    for (const item of items) ul.append(el('li', {}, item));
    return ul;
  }

  /** Domains on a circle, edges as thick as their coupling, shared handles and tables as dashed spokes. */
  function renderGraph(coupling) {
    const domains = coupling.domains;
    if (domains.length < 2) return el('p', { id: 'coupling-graph', class: 'muted' }, S.noDomains);
    const width = 560;
    const height = 380;
    const cx = width / 2;
    const cy = height / 2;
    const radius = Math.min(width, height) / 2 - 60;
    const at = new Map(domains.map((d, i) => {
      const angle = (2 * Math.PI * i) / domains.length - Math.PI / 2;
      return [d, { x: cx + radius * Math.cos(angle), y: cy + radius * Math.sin(angle) }];
    }));
    const root = svg('svg', { id: 'coupling-graph', viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-label': S.graph });

    // One line per pair: the stronger direction sets the thickness.
    const pairs = new Map();
    for (const e of coupling.edges) {
      const key = [e.from, e.to].sort().join('\u0000');
      const seen = pairs.get(key);
      pairs.set(key, { from: e.from, to: e.to, weight: Math.max(seen ? seen.weight : 0, e.weight), calls: (seen ? seen.calls : 0) + e.calls, imports: (seen ? seen.imports : 0) + e.imports });
    }
    for (const e of pairs.values()) {
      const a = at.get(e.from);
      const b = at.get(e.to);
      if (!a || !b) continue;
      root.append(svg('line', { class: 'edge', x1: a.x, y1: a.y, x2: b.x, y2: b.y, 'stroke-width': 1 + 7 * e.weight, 'data-weight': e.weight },
        svg('title', {}, `${e.from} ↔ ${e.to}: ${format(e.weight, 2)} (${e.imports} import(s), ${e.calls} call(s))`)));
      root.append(svg('text', { class: 'edge-label', x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 - 4, 'text-anchor': 'middle' }, format(e.weight, 2)));
    }

    // Handles first; a few marks keep the picture readable, the lists below name them all.
    const shared = [
      ...coupling.sharedHandles.map((h) => ({ name: h.handle, domains: h.domains, kind: 'handle' })),
      ...(coupling.sharedTables || []).map((t) => ({ name: t.table, domains: t.domains, kind: 'table' })),
    ].slice(0, 6);
    const sharing = new Set();
    shared.forEach((s, i) => {
      const angle = (2 * Math.PI * (i + 0.5)) / Math.max(shared.length, 1);
      const spread = shared.length === 1 ? 0 : 46;
      const p = { x: cx + spread * Math.cos(angle), y: cy + spread * Math.sin(angle) };
      for (const d of s.domains) {
        const q = at.get(d);
        if (!q) continue;
        sharing.add(d);
        root.append(svg('line', { class: 'spoke ' + s.kind, x1: p.x, y1: p.y, x2: q.x, y2: q.y }));
      }
      const mark = svg('g', { class: 'shared ' + s.kind }, svg('title', {}, `${s.name}: ${s.domains.join(', ')}`));
      if (s.kind === 'handle') {
        mark.append(svg('ellipse', { cx: p.x, cy: p.y - 7, rx: 11, ry: 4 }), svg('path', { d: `M${p.x - 11},${p.y - 7} v14 a11,4 0 0 0 22,0 v-14` }));
      } else {
        mark.append(svg('rect', { x: p.x - 9, y: p.y - 7, width: 18, height: 14 }));
      }
      const label = s.name.length > 18 ? s.name.slice(0, 17) + '…' : s.name;
      mark.append(svg('text', { class: 'shared-label', x: p.x, y: p.y + 20, 'text-anchor': 'middle' }, label));
      root.append(mark);
    });

    for (const d of domains) {
      const p = at.get(d);
      root.append(svg('g', { class: sharing.has(d) ? 'domain shares-db' : 'domain', 'data-domain': d },
        svg('circle', { cx: p.x, cy: p.y, r: 26 }),
        svg('text', { x: p.x, y: p.y + 4, 'text-anchor': 'middle' }, d.length > 10 ? d.slice(0, 9) + '…' : d),
        svg('title', {}, d)));
    }
    return root;
  }

  // ---- page -----------------------------------------------------------------------------------------------

  /** Puts the state's values into the fields the user is not editing; the one with focus keeps what is typed. */
  function syncInputs() {
    const i = state.input;
    const values = {
      qps: i.qps,
      teamSize: i.teamSize,
      couplingScore: format(i.couplingScore, 2),
      slowestResponseMs: i.slowestResponseMs,
      releasesPerDay: i.releasesPerDay,
      crossModuleCallShare: i.crossModuleCallShare === undefined ? undefined : format(i.crossModuleCallShare * 100, 1),
    };
    for (const [id, value] of Object.entries(values)) {
      const input = document.getElementById(id);
      if (input && input !== document.activeElement) input.value = value === undefined || value === null ? '' : String(value);
    }
    const override = document.getElementById('couplingOverride');
    if (override) override.checked = !!state.couplingOverridden;
    const coupling = document.getElementById('couplingScore');
    if (coupling) coupling.disabled = !state.couplingOverridden;
  }

  /** The inputs are built once, so typing is never interrupted; results are rebuilt on every state. */
  function render() {
    const app = document.getElementById('app');
    if (!document.getElementById('inputs')) {
      app.replaceChildren(el('h1', {}, S.title), el('p', { class: 'intro' }, S.intro), renderInputs(), el('div', { id: 'results' }));
    }
    syncInputs();
    document.getElementById('results').replaceChildren(renderVerdict(), renderCoupling());
  }

  window.addEventListener('message', (event) => {
    const message = event.data;
    if (message.command === 'state') {
      state = message.state;
      decision = message.decision;
      measuring = false;
      save();
      render();
    } else if (message.command === 'measuring') {
      measuring = true;
      render();
    }
  });

  render();
  vscode.postMessage({ command: 'ready' });
})();
