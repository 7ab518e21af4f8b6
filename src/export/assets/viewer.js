// switchboard viewer (src/export/html.rs): reads the graph.json and layout data blocks of the
// page, draws them with Cytoscape.js at the precomputed positions (the `preset` layout: no layout
// runs in the page), and offers search, filters and a side panel. Every text from the data goes
// into the page through textContent, never as markup. No network: the page's CSP forbids it.
(function () {
  'use strict';

  // --- the data ---------------------------------------------------------------------------
  const G = JSON.parse(document.getElementById('graph').textContent);
  const L = JSON.parse(document.getElementById('layout').textContent);
  const nodes = G.nodes || [];
  const edges = G.edges || [];
  const documents = (G.graph && G.graph.documents) || {};
  // more nodes than this: the page opens on one neighbourhood instead of the whole graph
  const LARGE = 1500;
  // the most nodes a neighbourhood view shows
  const VIEW_CAP = 1500;
  const large = nodes.length > LARGE;

  const KINDS = ['contact', 'refusal', 'statement', 'affiliation', 'succeeded', 'part_of'];
  // the palette of the DOT export (src/export/dot.rs)
  const EDGE_COLOUR = {
    contact: '#6aa84f', refusal: '#cc0000', statement: '#3d85c6',
    affiliation: '#999999', succeeded: '#674ea7', part_of: '#bbbbbb',
  };
  const EDGE_LINE = {
    contact: 'solid', refusal: 'dashed', statement: 'solid',
    affiliation: 'dotted', succeeded: 'dotted', part_of: 'dotted',
  };

  const byId = new Map();
  nodes.forEach((n, i) => byId.set(n.id, i));
  // edges at each node (both directions), by edge index
  const incident = nodes.map(() => []);
  edges.forEach((e, i) => {
    const a = byId.get(e.source), b = byId.get(e.target);
    if (a !== undefined) incident[a].push(i);
    if (b !== undefined && b !== a) incident[b].push(i);
  });

  const fold = (s) => String(s).normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
  const names = nodes.map((n) => [n.label].concat(n.aliases || []).map((s) => [s, fold(s)]));
  const labelOf = (id) => { const i = byId.get(id); return i === undefined ? id : nodes[i].label; };

  // --- dates -------------------------------------------------------------------------------
  const pad = (n) => String(n).padStart(2, '0');
  const iso = (d) => d.getUTCFullYear() + '-' + pad(d.getUTCMonth() + 1) + '-' + pad(d.getUTCDate());
  // the days a date of graph.json covers: a day, an ISO week, a month or a year; null if none
  function span(d) {
    if (typeof d !== 'string') return null;
    let m;
    if (/^\d{4}-\d{2}-\d{2}$/.test(d)) return [d, d];
    if (/^\d{4}-\d{2}$/.test(d)) return [d + '-01', d + '-31'];
    if (/^\d{4}$/.test(d)) return [d + '-01-01', d + '-12-31'];
    if ((m = /^(\d{4})-W(\d{2})$/.exec(d))) {
      const jan4 = new Date(Date.UTC(+m[1], 0, 4));
      const monday = new Date(jan4.getTime() - ((jan4.getUTCDay() + 6) % 7) * 864e5 + (+m[2] - 1) * 7 * 864e5);
      return [iso(monday), iso(new Date(monday.getTime() + 6 * 864e5))];
    }
    return null;
  }
  // the days of an edge: its date, an affiliation's first to last report, a contact's call date
  function edgeSpan(e) {
    if (e.kind === 'affiliation') {
      const a = span(e.first_seen), b = span(e.last_seen || e.first_seen);
      return a && b ? [a[0], b[1]] : null;
    }
    return span(e.date);
  }
  let since = '', until = '';
  const inRange = (s) => !s || ((!since || s[1] >= since) && (!until || s[0] <= until));

  // --- elements ----------------------------------------------------------------------------
  const degree = incident.map((l) => l.length);
  function nodeElement(i) {
    const n = nodes[i];
    const place = n.kind === 'institution' && (n.type === 'country' || n.type === 'capital');
    return {
      group: 'nodes',
      data: {
        id: n.id, kind: n.kind, place: place ? 1 : 0, status: n.status || '',
        label: n.kind === 'call' ? (n.date || 'undated') : n.label,
        size: Math.round(18 + Math.min(26, Math.sqrt(degree[i]) * 4)),
      },
      position: { x: L.positions[2 * i] || 0, y: L.positions[2 * i + 1] || 0 },
    };
  }
  function edgeElement(i) {
    const e = edges[i];
    return {
      group: 'edges',
      data: { id: 'e' + i, source: e.source, target: e.target, kind: e.kind, initiator: e.role === 'initiator' ? 1 : 0 },
    };
  }

  const style = [
    { selector: 'node', style: {
      label: 'data(label)', width: 'data(size)', height: 'data(size)', 'font-size': 10,
      'text-valign': 'bottom', 'text-margin-y': 2, 'text-wrap': 'ellipsis', 'text-max-width': 140,
      'min-zoomed-font-size': 7, 'border-width': 1.5, color: '#222',
      'text-background-color': '#ffffff', 'text-background-opacity': 0.7, 'text-background-padding': 1,
    } },
    { selector: 'node[kind = "person"]', style: { shape: 'ellipse', 'background-color': '#cfe2f3', 'border-color': '#3d85c6' } },
    { selector: 'node[kind = "institution"]', style: { shape: 'round-rectangle', 'background-color': '#fff2cc', 'border-color': '#bf9000' } },
    { selector: 'node[kind = "institution"][place = 1]', style: { 'background-color': '#eeeeee', 'border-color': '#999999' } },
    { selector: 'node[kind = "call"]', style: { shape: 'diamond', 'background-color': '#d9ead3', 'border-color': '#6aa84f', width: 18, height: 18, 'font-size': 9 } },
    { selector: 'node[kind = "call"][status = "planned"]', style: { 'border-style': 'dashed' } },
    { selector: 'node[kind = "call"][status = "denied"]', style: { 'border-color': '#cc0000', 'border-style': 'dashed' } },
    { selector: 'node[kind = "call"][status = "disputed"]', style: { 'border-color': '#e69138', 'border-width': 2.5 } },
    { selector: 'edge', style: {
      width: 1.2, 'curve-style': large ? 'haystack' : 'bezier', opacity: 0.85,
      'target-arrow-shape': large ? 'none' : 'triangle', 'arrow-scale': 0.7,
    } },
  ].concat(KINDS.map((k) => ({
    selector: 'edge[kind = "' + k + '"]',
    style: { 'line-color': EDGE_COLOUR[k], 'target-arrow-color': EDGE_COLOUR[k], 'line-style': EDGE_LINE[k] },
  }))).concat([
    { selector: 'edge[kind = "contact"]', style: { 'target-arrow-shape': 'none' } },
    { selector: 'edge[initiator = 1]', style: { width: 3 } },
    { selector: '.hidden', style: { display: 'none' } },
    { selector: 'node:selected', style: { 'border-width': 4, 'border-color': '#e69138' } },
    { selector: 'edge:selected', style: { width: 4, 'line-color': '#e69138', 'target-arrow-color': '#e69138', opacity: 1 } },
  ]);

  const cy = cytoscape({
    container: document.getElementById('cy'),
    style: style,
    layout: { name: 'preset', fit: true, padding: 30 },
    minZoom: 0.02, maxZoom: 4,
    textureOnViewport: large, hideEdgesOnViewport: large, motionBlur: false,
    pixelRatio: large ? 1 : 'auto',
    boxSelectionEnabled: false,
  });

  // which nodes and edges are in the canvas (a neighbourhood, or all)
  let shown = null; // null: every element
  let viewNote = '';
  // the whole graph (nodeSet null) at the precomputed positions, or a neighbourhood of `focus`
  function show(nodeSet, note, focus) {
    shown = nodeSet;
    viewNote = note || '';
    const rings = nodeSet && focus !== undefined ? ringPositions(nodeSet, focus) : null;
    const els = [];
    nodes.forEach((n, i) => {
      if (nodeSet && !nodeSet.has(i)) return;
      const x = nodeElement(i);
      if (rings) x.position = rings.get(i);
      els.push(x);
    });
    edges.forEach((e, i) => {
      const a = byId.get(e.source), b = byId.get(e.target);
      if (a === undefined || b === undefined) return;
      if (!nodeSet || (nodeSet.has(a) && nodeSet.has(b))) els.push(edgeElement(i));
    });
    cy.batch(() => {
      cy.elements().remove();
      cy.add(els);
    });
    applyFilters();
    cy.fit(cy.elements(':visible'), 30);
    document.getElementById('show-all').hidden = !nodeSet;
  }

  // A neighbourhood's places, computed once when it opens: in the global layout of a large graph
  // a node's neighbours lie far apart, so the view puts the node in the middle, its neighbours
  // on a ring around it (people and institutions, then calls, each by label) and the rest on an
  // outer ring, each next to the first neighbour it is linked to.
  function ringPositions(set, focus) {
    const first = [], second = [];
    const direct = new Set();
    for (const k of incident[focus]) {
      const e = edges[k];
      const j = byId.get(e.source === nodes[focus].id ? e.target : e.source);
      if (j !== undefined && j !== focus && set.has(j)) direct.add(j);
    }
    for (const j of set) if (j !== focus) (direct.has(j) ? first : second).push(j);
    const key = (j) => (nodes[j].kind === 'call' ? '1' : '0') + fold(nodes[j].label) + '\u0000' + nodes[j].id;
    first.sort((a, b) => (key(a) < key(b) ? -1 : 1));
    const at = new Map([[focus, { x: 0, y: 0 }]]);
    const SPACING = 64;
    const r1 = Math.max(160, (first.length * SPACING) / (2 * Math.PI));
    const angle = new Map();
    first.forEach((j, k) => {
      const a = (2 * Math.PI * k) / Math.max(1, first.length);
      angle.set(j, a);
      at.set(j, { x: r1 * Math.cos(a), y: r1 * Math.sin(a) });
    });
    const near = (j) => {
      for (const k of incident[j]) {
        const e = edges[k];
        const o = byId.get(e.source === nodes[j].id ? e.target : e.source);
        if (angle.has(o)) return angle.get(o);
      }
      return 0;
    };
    const outer = second.map((j) => [near(j), key(j), j]).sort((a, b) => a[0] - b[0] || (a[1] < b[1] ? -1 : 1));
    const r2 = Math.max(r1 + 200, (outer.length * SPACING) / (2 * Math.PI));
    outer.forEach(([, , j], k) => {
      const a = (2 * Math.PI * k) / Math.max(1, outer.length) + (outer.length ? near(outer[0][2]) : 0);
      at.set(j, { x: r2 * Math.cos(a), y: r2 * Math.sin(a) });
    });
    return at;
  }

  // a node, its neighbours, and the other participants of the calls among them
  function neighbourhood(i) {
    const set = new Set([i]);
    const add = (j) => { if (set.size < VIEW_CAP) set.add(j); };
    for (const ei of incident[i]) {
      const e = edges[ei];
      const other = byId.get(e.source === nodes[i].id ? e.target : e.source);
      if (other !== undefined) add(other);
    }
    for (const j of Array.from(set)) {
      if (nodes[j].kind !== 'call' || j === i) continue;
      for (const ei of incident[j]) {
        const e = edges[ei];
        if (e.kind === 'contact') { const p = byId.get(e.source); if (p !== undefined) add(p); }
      }
    }
    return set;
  }

  // --- filters -----------------------------------------------------------------------------
  const kindOn = {};
  const kindCount = {};
  edges.forEach((e) => { kindCount[e.kind] = (kindCount[e.kind] || 0) + 1; });
  const kindBox = document.getElementById('kinds');
  KINDS.concat(Object.keys(kindCount).filter((k) => !KINDS.includes(k)).sort()).forEach((k) => {
    if (!kindCount[k]) return;
    kindOn[k] = true;
    const box = document.createElement('input');
    box.type = 'checkbox'; box.checked = true; box.value = k; box.id = 'kind-' + k;
    box.addEventListener('change', () => { kindOn[k] = box.checked; applyFilters(); });
    const label = document.createElement('label');
    const sw = document.createElement('span');
    sw.className = 'swatch';
    sw.style.borderTopColor = EDGE_COLOUR[k] || '#888';
    sw.style.borderTopStyle = EDGE_LINE[k] || 'solid';
    label.append(box, sw, document.createTextNode(k.replace('_', ' ') + ' (' + kindCount[k] + ')'));
    kindBox.append(label);
  });
  for (const [id, set] of [['since', (v) => { since = v; }], ['until', (v) => { until = v; }]]) {
    const input = document.getElementById(id);
    input.addEventListener('change', () => { set(input.value); applyFilters(); });
  }

  function applyFilters() {
    cy.batch(() => {
      cy.nodes('[kind = "call"]').forEach((n) => {
        const call = nodes[byId.get(n.id())];
        const off = !kindOn.contact || !inRange(span(call.date));
        n.toggleClass('hidden', off);
      });
      cy.edges().forEach((el) => {
        const e = edges[+el.id().slice(1)];
        el.toggleClass('hidden', !kindOn[e.kind] || !inRange(edgeSpan(e)));
      });
    });
    updateStatus();
  }

  function updateStatus() {
    const status = document.getElementById('status');
    status.textContent = nodes.length + ' nodes, ' + edges.length + ' edges';
    // counted from the classes set here (cytoscape's `:visible` is brought up to date only
    // when the next frame is drawn)
    let vn = 0, ve = 0;
    cy.nodes().forEach((n) => { if (!n.hasClass('hidden')) vn += 1; });
    cy.edges().forEach((e) => {
      if (!e.hasClass('hidden') && !e.source().hasClass('hidden') && !e.target().hasClass('hidden')) ve += 1;
    });
    if (vn !== nodes.length || ve !== edges.length) {
      const v = document.createElement('span');
      v.className = 'view';
      v.textContent = ' · showing ' + vn + ' nodes, ' + ve + ' edges' + (viewNote ? ' (' + viewNote + ')' : '');
      status.append(v);
    }
  }

  // --- search ------------------------------------------------------------------------------
  // nodes whose label or an alias holds the folded query: exact names first, then names that
  // start with it, then words that start with it, then the rest; people and institutions
  // before calls
  function search(query) {
    const q = fold(query.trim());
    if (!q) return [];
    const hits = [];
    names.forEach((list, i) => {
      let best = null;
      for (const [raw, f] of list) {
        const at = f.indexOf(q);
        if (at < 0) continue;
        const rank = f === q ? 0 : at === 0 ? 1 : /[\s\-.'’]/.test(f[at - 1]) ? 2 : 3;
        if (!best || rank < best.rank) best = { rank: rank, via: raw };
      }
      if (best) hits.push({ i: i, rank: best.rank + (nodes[i].kind === 'call' ? 4 : 0), via: best.via });
    });
    hits.sort((a, b) => a.rank - b.rank || degree[b.i] - degree[a.i] || (nodes[a.i].id < nodes[b.i].id ? -1 : 1));
    return hits.slice(0, 30).map((h) => ({ id: nodes[h.i].id, label: nodes[h.i].label, kind: nodes[h.i].kind, via: h.via }));
  }

  const searchBox = document.getElementById('search');
  const results = document.getElementById('results');
  let current = [];
  function showResults() {
    current = search(searchBox.value);
    results.replaceChildren();
    if (!searchBox.value.trim()) { results.hidden = true; return; }
    if (!current.length) {
      results.append(el('li', { className: 'none' }, 'no node has this name'));
    }
    current.forEach((r, k) => {
      const li = el('li', { className: k === 0 ? 'active' : '' }, r.label, el('span', { className: 'kind' }, r.kind));
      if (r.via !== r.label) li.append(el('span', { className: 'via' }, 'as ' + r.via));
      li.dataset.id = r.id;
      li.addEventListener('mousedown', (ev) => { ev.preventDefault(); pick(r.id); });
      results.append(li);
    });
    results.hidden = false;
  }
  function pick(id) {
    results.hidden = true;
    select(id);
  }
  searchBox.addEventListener('input', showResults);
  searchBox.addEventListener('keydown', (ev) => {
    if (ev.key === 'Enter' && current.length) pick(current[0].id);
    if (ev.key === 'Escape') results.hidden = true;
  });
  searchBox.addEventListener('blur', () => { results.hidden = true; });

  // --- selection and the panel -------------------------------------------------------------
  function select(id) {
    const i = byId.get(id);
    if (i === undefined) return;
    if (shown && !shown.has(i)) show(neighbourhood(i), 'neighbourhood of ' + nodes[i].label, i);
    cy.elements().unselect();
    const n = cy.$id(id);
    n.select();
    if (n.visible()) cy.center(n);
    renderNode(nodes[i]);
  }
  function selectEdge(k) {
    const e = edges[k];
    if (!e) return;
    const a = byId.get(e.source);
    if (shown && !(shown.has(a) && shown.has(byId.get(e.target)))) {
      show(neighbourhood(a), 'neighbourhood of ' + nodes[a].label, a);
    }
    cy.elements().unselect();
    cy.$id('e' + k).select();
    renderEdge(k);
  }
  cy.on('tap', 'node', (ev) => { cy.elements().unselect(); ev.target.select(); renderNode(nodes[byId.get(ev.target.id())]); });
  cy.on('tap', 'edge', (ev) => { cy.elements().unselect(); ev.target.select(); renderEdge(+ev.target.id().slice(1)); });

  // an element with a class or other properties and children (strings become text)
  function el(tag, props, ...children) {
    const x = document.createElement(tag);
    for (const [k, v] of Object.entries(props || {})) {
      if (v !== '' && v !== undefined && v !== null) x[k] = v;
    }
    for (const c of children) {
      if (c === null || c === undefined || c === false) continue;
      x.append(typeof c === 'string' || typeof c === 'number' ? document.createTextNode(String(c)) : c);
    }
    return x;
  }
  function link(id, text) {
    const a = el('a', { className: 'link', tabIndex: 0 }, text || labelOf(id));
    a.addEventListener('click', () => select(id));
    return a;
  }
  function edgeLink(k, text) {
    const a = el('a', { className: 'link', tabIndex: 0 }, text);
    a.addEventListener('click', () => selectEdge(k));
    return a;
  }
  function fields(pairs) {
    const dl = el('dl');
    for (const [k, v] of pairs) {
      if (v === undefined || v === null || v === '' || (Array.isArray(v) && !v.length)) continue;
      dl.append(el('dt', {}, k), el('dd', {}, Array.isArray(v) ? v.join(', ') : v));
    }
    return dl;
  }
  const badge = (status) => el('span', { className: 'badge ' + (status || '') }, status || '?');
  const panel = document.getElementById('panel');
  const shorten = (s, n) => (s.length > n ? s.slice(0, n - 1) + '…' : s);

  function renderNode(n) {
    if (n.kind === 'call') return renderCall(n);
    const i = byId.get(n.id);
    const out = [el('h2', {}, n.label)];
    out.push(fields([
      ['kind', n.kind + (n.type ? ' (' + n.type + ')' : '')], ['country', n.country],
      ['aliases', n.aliases], ['titles', n.titles],
    ]));
    const mine = incident[i].map((k) => [k, edges[k]]);
    // institutions it is affiliated to, or people affiliated to it
    const aff = mine.filter(([, e]) => e.kind === 'affiliation');
    const to = aff.filter(([, e]) => e.source === n.id), from = aff.filter(([, e]) => e.target === n.id);
    const affItem = ([k, e], id) => el('li', {}, link(id), e.title ? ' — ' : '', e.title ? edgeLink(k, e.title) : edgeLink(k, ' (evidence)'),
      e.first_seen ? el('span', { className: 'muted' }, ' ' + e.first_seen + (e.last_seen && e.last_seen !== e.first_seen ? ' to ' + e.last_seen : '')) : null);
    if (to.length) out.push(el('h3', {}, 'Institutions'), el('ul', {}, ...to.map((x) => affItem(x, x[1].target))));
    if (from.length) out.push(el('h3', {}, 'People'), el('ul', {}, ...from.map((x) => affItem(x, x[1].source))));
    // calls, by date (undated last)
    const calls = mine.filter(([, e]) => e.kind === 'contact' && e.source === n.id)
      .map(([k, e]) => [k, e, nodes[byId.get(e.target)]]).filter((x) => x[2]);
    calls.sort((a, b) => ((a[2].date || '9999') < (b[2].date || '9999') ? -1 : (a[2].date || '9999') > (b[2].date || '9999') ? 1 : a[2].id < b[2].id ? -1 : 1));
    if (calls.length) {
      out.push(el('h3', {}, 'Calls (' + calls.length + ')'));
      out.push(el('ul', { className: 'timeline' }, ...calls.map(([, e, c]) => el('li', {},
        link(c.id, c.date || 'undated'), ' ', badge(c.status), ' with ',
        ...joinNodes((c.participants || []).filter((p) => p !== n.id)),
        c.medium ? el('span', { className: 'muted' }, ' · ' + c.medium) : null,
        e.role === 'initiator' ? el('span', { className: 'muted' }, ' · initiated') : null))));
    }
    for (const [kind, title] of [['refusal', 'Refusals'], ['statement', 'Statements'], ['succeeded', 'Successions'], ['part_of', 'Part of']]) {
      const list = mine.filter(([, e]) => e.kind === kind);
      if (!list.length) continue;
      out.push(el('h3', {}, title + ' (' + list.length + ')'));
      out.push(el('ul', {}, ...list.slice(0, 100).map(([k, e]) => {
        const outgoing = e.source === n.id;
        const other = outgoing ? e.target : e.source;
        const what = kind === 'statement' ? '“' + shorten(e.quote || '', 90) + '”' : kind === 'refusal' ? 'refused ' + (e.what || 'contact') : kind;
        return el('li', {}, outgoing ? '' : link(other), outgoing ? '' : ' → ', edgeLink(k, what),
          other !== n.id && outgoing ? ' → ' : '', other !== n.id && outgoing ? link(other) : '',
          e.date ? el('span', { className: 'muted' }, ' ' + e.date) : null);
      })));
      if (list.length > 100) out.push(el('p', { className: 'muted' }, (list.length - 100) + ' more'));
    }
    out.push(sourcesList(n.sources));
    panel.replaceChildren(...out);
  }

  function joinNodes(ids) {
    const parts = [];
    ids.forEach((id, k) => { if (k) parts.push(', '); parts.push(link(id)); });
    return parts.length ? parts : ['—'];
  }
  function docLine(name) {
    const d = documents[name] || {};
    return [name, d.outlet, d.published].filter(Boolean).join(' · ');
  }
  function sourcesList(sources) {
    if (!sources || !sources.length) return null;
    return el('div', {}, el('h3', {}, 'Sources'), el('ul', {}, ...sources.map((s) => {
      const d = documents[s] || {};
      return el('li', {}, docLine(s), d.title ? el('div', { className: 'muted' }, d.title) : null);
    })));
  }

  function renderCall(n) {
    const disputed = new Set(Array.isArray(n.disputed) ? n.disputed : []);
    const mark = (field, v) => (disputed.has(field) ? el('span', {}, v, el('span', { className: 'badge disputed' }, 'disputed')) : v);
    const out = [el('h2', {}, n.label)];
    const dl = fields([['kind', 'call'], ['medium', n.medium], ['sources', (n.sources || []).length + ' report(s)']]);
    dl.prepend(el('dt', {}, 'initiator'), el('dd', {}, mark('initiator', n.initiator ? link(n.initiator) : 'unknown')));
    dl.prepend(el('dt', {}, 'status'), el('dd', {}, mark('status', badge(n.status))));
    dl.prepend(el('dt', {}, 'date'), el('dd', {}, mark('date', n.date || 'unknown')));
    out.push(dl);
    out.push(el('h3', {}, 'Participants'), el('ul', {}, ...(n.participants || []).map((p) => el('li', {}, link(p)))));
    if (Array.isArray(n.accounts) && n.accounts.length) out.push(el('h3', {}, 'Accounts'), accountsTable(n.accounts, disputed));
    const i = byId.get(n.id);
    const contacts = incident[i].filter((k) => edges[k].kind === 'contact');
    if (contacts.length) {
      out.push(el('h3', {}, 'Contact edges'), el('ul', {}, ...contacts.map((k) => el('li', {},
        link(edges[k].source), ' ', edgeLink(k, edges[k].role || 'contact'), ' (' + (edges[k].evidence || []).length + ' sentences)'))));
    }
    out.push(sourcesList(n.sources));
    panel.replaceChildren(...out);
  }

  // the reports of one call side by side: a column per account, a row per field; the rows of
  // the fields the call's `disputed` names are marked
  function accountsTable(accounts, disputed) {
    const head = el('tr', {}, el('th', {}, ''), ...accounts.map((a, k) => el('th', { scope: 'col' }, 'Account ' + (k + 1))));
    const row = (field, label, cell) => el('tr', { className: disputed.has(field) ? 'disputed' : '' },
      el('th', { scope: 'row' }, label), ...accounts.map((a) => el('td', {}, cell(a))));
    const rows = [
      row('source', 'source', (a) => a.source || '—'),
      row('outlet', 'outlet', (a) => a.outlet || (documents[a.source] || {}).outlet || '—'),
      row('date', 'date', (a) => a.date || 'unknown'),
      row('initiator', 'initiator', (a) => (a.initiator ? link(a.initiator) : 'unknown')),
      row('status', 'status', (a) => badge(a.status)),
      row('evidence', 'evidence', (a) => el('div', {}, ...(a.evidence || []).map((v) => el('div', { className: 'sentence' }, v.text || '')))),
    ];
    return el('table', { className: 'accounts' }, el('thead', {}, head), el('tbody', {}, ...rows));
  }

  function renderEdge(k) {
    const e = edges[k];
    const out = [el('h2', {}, e.kind.replace('_', ' ')), el('p', {}, link(e.source), ' → ', link(e.target))];
    out.push(fields([
      ['date', e.date], ['role', e.role], ['refused', e.what], ['title', e.title], ['cue', e.cue],
      ['quote', e.quote], ['direct', e.direct === undefined ? undefined : String(e.direct)],
      ['target is', e.target_role], ['first seen', e.first_seen], ['last seen', e.last_seen],
      ['CAMEO', e.cameo], ['PLOVER', e.plover],
    ]));
    const ev = e.evidence || [];
    out.push(el('h3', {}, 'Evidence (' + ev.length + ')'));
    const terms = highlightTerms(e);
    for (const v of ev) {
      const d = documents[v.doc] || {};
      out.push(el('div', { className: 'evidence' },
        el('div', { className: 'source' }, [v.doc, d.outlet || 'outlet unknown', d.published || 'date unknown'].join(' · ')),
        d.title ? el('div', { className: 'muted' }, d.title) : null,
        el('div', { className: 'sentence' }, ...highlight(v.text || '', terms)),
        el('div', { className: 'rule' }, 'rule ' + v.rule + ' · sentence ' + v.sentence)));
    }
    panel.replaceChildren(...out);
  }

  // what to mark in an evidence sentence: the edge's own words (a statement's quote, in its
  // parts, and cue; an affiliation's title; what a refusal refused; a call's medium) as `cue`,
  // and the names of the two ends as `name`. Found by searching the sentence, not by offsets.
  function highlightTerms(e) {
    const cue = [];
    if (e.quote) {
      for (const part of e.quote.split(' … ')) {
        cue.push(part);
        const bare = part.replace(/^[\s"“”‘’'«»,.;:]+|[\s"“”‘’'«»,.;:]+$/g, '');
        if (bare !== part) cue.push(bare);
      }
    }
    if (e.cue) cue.push(e.cue);
    if (e.title) cue.push(e.title);
    if (e.what) cue.push(e.what);
    if (e.kind === 'contact') {
      const call = nodes[byId.get(e.target)];
      if (call && call.medium) cue.push(call.medium);
    }
    const name = [];
    const addNames = (id) => {
      const i = byId.get(id);
      if (i === undefined) return;
      if (nodes[i].kind === 'call') (nodes[i].participants || []).forEach(addNames);
      else name.push(nodes[i].label, ...(nodes[i].aliases || []));
    };
    addNames(e.source);
    if (e.target !== e.source) addNames(e.target);
    return cue.map((t) => [t, 'cue']).concat(name.map((t) => [t, 'name'])).filter(([t]) => t && t.trim().length > 1);
  }
  const LETTER = /^[\p{L}\p{N}]/u;
  const escapeRe = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\s+/g, '\\s+');
  // the sentence as text nodes and <mark>s: the first term (in order) wins where two overlap
  function highlight(text, terms) {
    const taken = [];
    for (const [term, cls] of terms) {
      const re = new RegExp(escapeRe(term), 'giu');
      let m;
      while ((m = re.exec(text)) !== null) {
        const s = m.index, t = s + m[0].length;
        if (t === s) { re.lastIndex++; continue; }
        // whole words only: "phone" is not marked inside "telephone"
        if (s > 0 && LETTER.test(text[s - 1]) && LETTER.test(term[0])) continue;
        if (t < text.length && LETTER.test(text[t]) && LETTER.test(term[term.length - 1])) continue;
        if (!taken.some((r) => s < r[1] && r[0] < t)) taken.push([s, t, cls]);
      }
    }
    taken.sort((a, b) => a[0] - b[0]);
    const parts = [];
    let at = 0;
    for (const [s, t, cls] of taken) {
      if (s > at) parts.push(text.slice(at, s));
      parts.push(el('mark', { className: cls }, text.slice(s, t)));
      at = t;
    }
    if (at < text.length) parts.push(text.slice(at));
    return parts;
  }

  // --- legend ------------------------------------------------------------------------------
  (function legend() {
    const box = document.getElementById('legend');
    const row = (sw, text) => el('div', { className: 'row' }, sw, text);
    const node = (cls, fill, line) => { const s = el('span', { className: 'node ' + cls }); s.style.background = fill; s.style.borderColor = line; return s; };
    const edge = (k) => { const s = el('span', { className: 'edge' }); s.style.borderTopColor = EDGE_COLOUR[k]; s.style.borderTopStyle = EDGE_LINE[k]; return s; };
    box.append(
      row(node('person', '#cfe2f3', '#3d85c6'), 'person'),
      row(node('institution', '#fff2cc', '#bf9000'), 'institution'),
      row(node('institution', '#eeeeee', '#999999'), 'country, capital'),
      row(node('call', '#d9ead3', '#6aa84f'), 'call (dashed: planned or denied)'),
      ...KINDS.filter((k) => kindCount[k]).map((k) => row(edge(k), k.replace('_', ' ') + (k === 'contact' ? ' (bold: initiator)' : ''))));
  })();

  document.getElementById('show-all').addEventListener('click', () => show(null));

  // --- open --------------------------------------------------------------------------------
  if (large) {
    let top = 0;
    degree.forEach((d, i) => { if (d > degree[top]) top = i; });
    show(nodes.length ? neighbourhood(top) : new Set(), 'neighbourhood of the most connected node, ' + (nodes[top] ? nodes[top].label : '') + '; search a name or show all', nodes.length ? top : undefined);
    if (nodes.length) select(nodes[top].id);
  } else {
    show(null);
  }

  window.switchboard = {
    cy: cy, graph: G, large: large, search: search, select: select, selectEdge: selectEdge,
    renderNode: renderNode, renderCall: renderCall, ready: false,
  };
  // ready once the first frame is drawn
  requestAnimationFrame(() => requestAnimationFrame(() => {
    performance.mark('switchboard-ready');
    window.switchboard.ready = true;
    document.body.dataset.ready = '1';
  }));
})();
