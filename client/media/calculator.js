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
  const locale = data.locale === 'zh-cn' ? 'zh-CN' : 'en-US';

  /** A number as people read it in the page's language: 5,000 and 0.65, never 5000.00. */
  function figure(value, digits, fixed) {
    if (value === undefined || value === null || !Number.isFinite(value)) return '';
    const most = digits === undefined ? 2 : digits;
    return Number(value).toLocaleString(locale, { maximumFractionDigits: most, minimumFractionDigits: fixed ? most : 0 });
  }

  /**
   * A number field with its unit beside it. Empty until the user types: the placeholder shows an example in
   * the field's own grey, so nothing on the page looks measured that was not.
   */
  function field(spec) {
    const value = spec.value === undefined || spec.value === null ? '' : spec.value;
    const input = el('input', Object.assign({ id: spec.id, type: 'number', value, placeholder: spec.placeholder, 'aria-describedby': spec.id + '-help' }, spec.attrs));
    input.addEventListener('input', () => {
      clearTimeout(typing);
      typing = setTimeout(sendInputs, 250);
    });
    input.addEventListener('change', () => {
      clearTimeout(typing);
      sendInputs();
    });
    return el(
      'div',
      { class: 'field' },
      el('label', { for: spec.id }, spec.label),
      el('div', { class: 'with-unit' }, input, el('span', { class: 'unit' }, spec.unit)),
      el('div', { class: 'help', id: spec.id + '-help' }, spec.help),
    );
  }

  function readInputs() {
    const value = (id) => numberOrUndefined(document.getElementById(id).value);
    const overridden = document.getElementById('couplingOverride').checked;
    const share = value('crossModuleCallShare');
    return {
      input: {
        qps: value('qps'),
        teamSize: value('teamSize'),
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
    const coupling = field({ id: 'couplingScore', label: S.couplingScore, unit: S.couplingUnit, help: S.couplingHelp, value: format(i.couplingScore, 2), attrs: { min: 0, max: 1, step: 0.01, disabled: !state.couplingOverridden } });
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
        field({ id: 'qps', label: S.qps, unit: S.qpsUnit, placeholder: S.qpsPlaceholder, help: S.qpsHelp, value: i.qps, attrs: { min: 0, step: 100 } }),
        field({ id: 'teamSize', label: S.teamSize, unit: S.teamSizeUnit, placeholder: S.teamSizePlaceholder, help: S.teamSizeHelp, value: i.teamSize, attrs: { min: 0, step: 1 } }),
        coupling,
      ),
      el('h3', {}, S.signals),
      el(
        'div',
        { class: 'grid' },
        field({ id: 'slowestResponseMs', label: S.slowestResponseMs, unit: S.slowestUnit, placeholder: S.slowestPlaceholder, help: S.slowestHelp, value: i.slowestResponseMs, attrs: { min: 0, step: 10 } }),
        field({ id: 'releasesPerDay', label: S.releasesPerDay, unit: S.releasesUnit, placeholder: S.releasesPlaceholder, help: S.releasesHelp, value: i.releasesPerDay, attrs: { min: 0, step: 1 } }),
        field({
          id: 'crossModuleCallShare',
          label: S.crossModuleCallShare,
          unit: S.crossUnit,
          placeholder: S.crossPlaceholder,
          help: S.crossHelp,
          value: i.crossModuleCallShare === undefined ? undefined : format(i.crossModuleCallShare * 100, 1),
          attrs: { min: 0, max: 100, step: 1 },
        }),
      ),
    );
  }

  // ---- verdict --------------------------------------------------------------------------------------------

  /** A check's value and line in words with units: "1,200 requests/s", "more than 5,000 requests/s". */
  function checkValue(c) {
    if (c.value === undefined || c.value === null) return S.given;
    const value = c.id === 'crossCalls' ? figure(c.value * 100, 1) : figure(c.value, c.id === 'coupling' ? 2 : 0);
    return S.values[c.id].replace('{value}', value);
  }

  function checkLine(c) {
    const limit = c.id === 'crossCalls' ? figure(c.limit * 100, 0) : figure(c.limit, 2);
    return S.limits[c.id].replace('{limit}', limit);
  }

  function renderVerdict() {
    const section = el('section', { id: 'decision' }, el('h2', {}, S.verdict));
    if (!decision) return section;
    section.append(el('div', { id: 'verdict', class: decision.split ? 'verdict split' : 'verdict converge', role: 'status', 'data-split': String(decision.split) }, decision.verdict));
    if (state.input.qps === undefined || state.input.teamSize === undefined) section.append(el('p', { id: 'missing', class: 'muted' }, S.missing));
    section.append(el('h3', {}, S.actions));
    const actions = el('ul', { id: 'actions' });
    if (decision.actions.length === 0) actions.append(el('li', { class: 'muted' }, S.noActions));
    for (const action of decision.actions) actions.append(el('li', {}, action));
    section.append(actions);
    const rows = (decision.checks || []).map((c) =>
      el(
        'tr',
        { id: 'check-' + c.id, class: c.fired ? 'fired' : '' },
        el('td', {}, el('span', { class: 'dot', 'aria-hidden': 'true' }), S.checks[c.id] || c.id),
        el('td', { class: 'num' }, checkValue(c)),
        el('td', { class: 'num' }, checkLine(c)),
        el('td', {}, c.note),
      ),
    );
    section.append(el('table', { id: 'checks' }, el('thead', {}, el('tr', {}, el('th', {}, S.check), el('th', { class: 'num' }, S.value), el('th', { class: 'num' }, S.line), el('th', {}, S.note))), el('tbody', {}, rows)));
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
    const section = el('section', { id: 'coupling' }, el('h2', {}, S.coupling, ' ', el('span', { id: 'coupling-score', class: 'score' }, coupling ? figure(coupling.score, 2) : '—')), refresh);
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
        el('td', { class: 'num' }, figure(c.value, 2)),
        el('td', { class: 'num' }, figure(c.weight, 2)),
        el('td', { class: 'num' }, figure(c.value * c.weight, 2)),
        el('td', {}, c.explanation),
      ),
    );
    section.append(
      el(
        'table',
        { id: 'coupling-breakdown' },
        el('thead', {}, el('tr', {}, el('th', {}, S.component), el('th', { class: 'num' }, S.componentValue), el('th', { class: 'num' }, S.weight), el('th', { class: 'num' }, S.contribution), el('th', {}, S.explanation))),
        el('tbody', {}, rows),
      ),
    );
    section.append(el('h3', {}, S.graph), el('div', { id: 'graph-box' }));
    const layout = currentLayout(coupling);
    const keyOf = new Map((layout ? layout.keys : []).map((k) => [k.kind + '\u0000' + k.name, k.key]));
    const keyed = (kind, name) => (keyOf.has(kind + '\u0000' + name) ? keyOf.get(kind + '\u0000' + name) + ' — ' : '');
    section.append(el('h3', {}, S.sharedHandles), list('shared-handles', coupling.sharedHandles.map((h) => keyed('handle', h.handle) + h.handle + ': ' + h.domains.join(', '))));
    section.append(el('h3', {}, S.sharedTables), list('shared-tables', (coupling.sharedTables || []).map((t) => keyed('table', t.table) + t.table + ': ' + t.domains.join(', '))));
    if (coupling.placements) section.append(renderPlacements(coupling.placements));
    return section;
  }

  /** Which packages were taken as domains and why, and which were set apart: the engine's one answer. */
  function renderPlacements(rows) {
    const groups = GoTrapsDomains.groupPlacements(rows);
    const folderItem = (f) => el('li', {}, el('code', {}, f.dir), ' — ', f.reason);
    const box = el('div', { id: 'placements' }, el('h3', {}, S.placements));
    const domains = el('ul', { id: 'placement-domains' });
    if (groups.domains.length === 0) domains.append(el('li', { class: 'muted' }, S.none));
    for (const d of groups.domains) domains.append(el('li', {}, el('strong', {}, d.name), el('ul', {}, d.folders.map(folderItem))));
    box.append(domains);
    const apart = el('details', { id: 'placement-apart' }, el('summary', {}, S.setApart.replace('{count}', figure(groups.apartCount, 0))));
    for (const g of groups.apart) apart.append(el('h4', {}, g.label), el('ul', {}, g.folders.map(folderItem)));
    box.append(apart, el('p', { class: 'help' }, S.correctDomains));
    return box;
  }

  function list(id, items) {
    const ul = el('ul', { id });
    if (items.length === 0) ul.append(el('li', { class: 'muted' }, S.none));
    for (const item of items) ul.append(el('li', {}, item));
    return ul;
  }

  // ---- graph ----------------------------------------------------------------------------------------------

  const canvas = document.createElement('canvas').getContext('2d');
  /** Real label widths in the page's font, so labels are cut exactly where they would overflow. */
  function measure(text) {
    canvas.font = '12px ' + getComputedStyle(document.body).fontFamily;
    return canvas.measureText(text).width;
  }

  /** The width the graph has on screen now (the panel may be narrow or wide). */
  function graphWidth() {
    const box = document.getElementById('graph-box') || document.getElementById('app');
    return Math.max(320, (box && box.clientWidth) || window.innerWidth - 40);
  }

  function currentLayout(coupling) {
    if (!coupling || coupling.domains.length < 2) return undefined;
    return GoTrapsGraph.layoutGraph(coupling, graphWidth(), { measure, otherLabel: (count) => S.otherDomains.replace('{count}', figure(count, 0)) });
  }

  let drawnWidth = 0;
  /** Draws the graph into #graph-box at its current width, with the legend and the "most coupled" note. */
  function drawGraph() {
    const box = document.getElementById('graph-box');
    const coupling = state.coupling;
    if (!box || !coupling) return;
    drawnWidth = box.clientWidth;
    if (coupling.domains.length < 2) {
      box.replaceChildren(el('p', { id: 'coupling-graph', class: 'muted' }, S.noDomains));
      return;
    }
    const g = currentLayout(coupling);
    const root = svg('svg', { id: 'coupling-graph', width: g.width, height: g.height, viewBox: `0 0 ${g.width} ${g.height}`, role: 'img', 'aria-label': S.graph });
    for (const e of g.edges) {
      // Weak links recede, strong ones stand out; links into the grouped node are dashed (they stand for many).
      const grouped = e.from === '\u0000other' || e.to === '\u0000other';
      root.append(
        svg('line', { class: 'edge' + (grouped ? ' to-others' : ''), x1: e.x1, y1: e.y1, x2: e.x2, y2: e.y2, 'stroke-width': 1.5 + 6 * e.weight, 'stroke-opacity': 0.3 + 0.6 * e.weight, 'data-weight': e.weight },
          svg('title', {}, `${e.fromLabel} – ${e.toLabel}: ${figure(e.weight, 2, true)}`)),
      );
    }
    for (const m of g.marks) {
      for (const d of m.targets) {
        const n = g.nodes.find((node) => node.id === d);
        if (n) root.append(svg('line', { class: 'spoke ' + m.kind, x1: m.x, y1: m.y, x2: n.x, y2: n.y }));
      }
    }
    for (const e of g.edges) {
      if (e.labelled) root.append(svg('text', { class: 'edge-label', x: e.lx, y: e.ly + 4, 'text-anchor': 'middle' }, figure(e.weight, 2, true)));
    }
    for (const m of g.marks) {
      root.append(
        svg('g', { class: 'shared ' + m.kind, 'data-key': m.key },
          svg('rect', { x: m.x - 18, y: m.y - 10, width: 36, height: 20, rx: m.kind === 'handle' ? 10 : 2 }),
          svg('text', { x: m.x, y: m.y + 4, 'text-anchor': 'middle' }, m.key),
          svg('title', {}, `${m.key}: ${m.name} (${m.domains.join(', ')})`)),
      );
    }
    for (const n of g.nodes) {
      root.append(
        svg('g', { class: 'domain' + (n.shares ? ' shares-db' : '') + (n.other ? ' other' : ''), 'data-domain': n.other ? '' : n.id },
          svg('circle', { cx: n.x, cy: n.y, r: n.r }),
          svg('text', { class: 'domain-label', x: n.lx, y: n.ly, 'text-anchor': n.anchor }, n.label),
          svg('title', {}, n.full)),
      );
    }
    const legend = el('ul', { id: 'graph-legend', class: 'legend' },
      el('li', {}, el('span', { class: 'swatch edge' }), S.legendEdge),
      el('li', {}, el('span', { class: 'swatch ring' }), S.legendShares),
      g.keys.some((k) => k.kind === 'handle') ? el('li', {}, el('span', { class: 'swatch handle' }, 'DB'), S.legendHandle) : null,
      g.keys.some((k) => k.kind === 'table') ? el('li', {}, el('span', { class: 'swatch table' }, 'T'), S.legendTable) : null,
      g.grouped > 0 ? el('li', {}, el('span', { class: 'swatch others' }), S.legendOthers) : null,
    );
    const note = g.grouped > 0
      ? el('p', { id: 'graph-note', class: 'help' }, S.graphShowing.replace('{shown}', figure(g.total - g.grouped, 0)).replace('{total}', figure(g.total, 0)).replace('{others}', figure(g.grouped, 0)))
      : null;
    box.replaceChildren(...[note, root, legend].filter(Boolean));
  }

  // A panel resized by the user (or a split editor) gets a graph laid out for its new width.
  if (typeof ResizeObserver === 'function') {
    let pending;
    new ResizeObserver(() => {
      clearTimeout(pending);
      pending = setTimeout(() => {
        const box = document.getElementById('graph-box');
        if (box && Math.abs(box.clientWidth - drawnWidth) > 24) drawGraph();
      }, 120);
    }).observe(document.body);
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
    drawGraph();
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
