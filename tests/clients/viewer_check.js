#!/usr/bin/env node
// viewer_check.js FILE.html SHOT.png [--edge eN] [--search TEXT] [--accounts] [--uncheck KIND]
//                 [--dates FROM TO] [--timeout MS]
//
// Opens switchboard's html viewer (`switchboard export --format html`) from a file:// URL in
// Debian's headless Chromium (/usr/bin/chromium, driven by puppeteer-core) and checks it as a
// user would see it. Fails (exit 1, reason on stderr) on any console error or warning, any page
// error, any request other than the file itself (every other request is aborted and counted),
// or if the viewer is not ready within the timeout. Prints one JSON summary:
//
//   status        the status line as shown ("72 nodes, 139 edges ...")
//   nodes, edges  the counts read from that line
//   interactive_ms  from navigation start to the viewer's `switchboard-ready` mark (first frame
//                 drawn with search and panel wired)
//   requests      URLs requested other than the file (always [] on success); `data_urls`
//                 counts the data: URLs loaded, which reach no network (Chromium's date inputs
//                 draw their calendar icon from one)
//   edge          {id, how ("click": a real mouse click at its rendered midpoint, "tap": the
//                 midpoint was covered, so cytoscape's tap was emitted on it), selected, panel
//                 (the side panel's text), marks (the highlighted words)}
//   search        {query, results: [{id, text}], selected (the node Enter chose), title (of the
//                 profile shown), status (the status line then), shown (nodes in the canvas)}
//   accounts      with --accounts: the profile of the graph's first call with accounts
//                 (`real`: true), or else of a call given two invented accounts that disagree on
//                 status: {columns, disputed_rows, text, real}
//   filters       with --uncheck KIND and/or --dates FROM TO: {unchecked, dated, cleared}, each
//                 {nodes, edges, status}: what the canvas shows with that kind's checkbox
//                 clicked off (then on again), with the date range set, and with it cleared
//   screenshot    the PNG written (after the search, the edge click and the filters)
//
// Without --edge it clicks the first edge with evidence; without --search it types the first
// alias of the first node that has one.
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');
const { pathToFileURL } = require('url');
const puppeteer = require('puppeteer-core');

function fail(msg) {
  process.stderr.write('viewer_check: ' + msg + '\n');
  process.exit(1);
}

const argv = process.argv.slice(2);
const opts = { edge: null, search: null, accounts: false, timeout: 60000, uncheck: null, dates: null };
const files = [];
for (let i = 0; i < argv.length; i++) {
  const a = argv[i];
  if (a === '--edge') opts.edge = argv[++i];
  else if (a === '--search') opts.search = argv[++i];
  else if (a === '--accounts') opts.accounts = true;
  else if (a === '--uncheck') opts.uncheck = argv[++i];
  else if (a === '--dates') opts.dates = [argv[++i], argv[++i]];
  else if (a === '--timeout') opts.timeout = +argv[++i];
  else files.push(a);
}
if (files.length !== 2) fail('usage: viewer_check.js FILE.html SHOT.png [--edge eN] [--search TEXT] [--accounts]');
const [file, shot] = files.map((f) => path.resolve(f));
if (!fs.existsSync(file)) fail('no such file: ' + file);
const CHROMIUM = '/usr/bin/chromium';
if (!fs.existsSync(CHROMIUM)) fail(CHROMIUM + ' is missing (scripts/install-clients installs Debian\'s chromium)');

(async () => {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'viewer-check-'));
  const browser = await puppeteer.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
      '--user-data-dir=' + profile,
    ],
  });
  const problems = [];
  const requests = [];
  let dataUrls = 0;
  try {
    const page = await browser.newPage();
    await page.setViewport({ width: 1400, height: 900 });
    const url = pathToFileURL(file).href;
    await page.setRequestInterception(true);
    page.on('request', (req) => {
      if (req.url() === url) return req.continue();
      // a data: URL is no request to anywhere (Chromium's own date-input icon is one)
      if (req.url().startsWith('data:')) {
        dataUrls += 1;
        return req.continue();
      }
      requests.push(req.url());
      return req.abort();
    });
    page.on('console', (msg) => {
      if (msg.type() === 'error' || msg.type() === 'warn' || msg.type() === 'warning') {
        problems.push('console ' + msg.type() + ': ' + msg.text());
      }
    });
    page.on('pageerror', (err) => problems.push('page error: ' + err.message));
    await page.goto(url, { waitUntil: 'load', timeout: opts.timeout });
    await page.waitForFunction(() => window.switchboard && window.switchboard.ready, { timeout: opts.timeout });
    const out = await page.evaluate(() => {
      const mark = performance.getEntriesByName('switchboard-ready')[0];
      const status = document.getElementById('status').textContent;
      return { status: status, interactive_ms: mark ? Math.round(mark.startTime) : null };
    });
    const m = /^(\d+) nodes, (\d+) edges/.exec(out.status);
    if (!m) problems.push('no "N nodes, M edges" status line: ' + JSON.stringify(out.status));
    out.nodes = m ? +m[1] : null;
    out.edges = m ? +m[2] : null;

    // search: type into the box as a user does, then Enter
    const query = opts.search !== null ? opts.search : await page.evaluate(() => {
      const n = window.switchboard.graph.nodes.find((x) => (x.aliases || []).length);
      return n ? n.aliases[0] : '';
    });
    if (query) {
      await page.click('#search');
      await page.type('#search', query);
      await page.waitForFunction(() => !document.getElementById('results').hidden, { timeout: opts.timeout });
      const results = await page.$$eval('#results li', (lis) => lis.map((li) => ({ id: li.dataset.id || null, text: li.textContent })));
      await page.keyboard.press('Enter');
      const chosen = await page.evaluate(() => {
        const sel = window.switchboard.cy.$('node:selected');
        const h2 = document.querySelector('#panel h2');
        return {
          selected: sel.length ? sel.id() : null, title: h2 ? h2.textContent : null,
          status: document.getElementById('status').textContent,
          shown: window.switchboard.cy.nodes().length,
        };
      });
      out.search = Object.assign({ query: query, results: results }, chosen);
    }

    // an edge: a real click at its midpoint when nothing covers it there, else cytoscape's tap
    const edgeId = opts.edge !== null ? opts.edge : await page.evaluate(() => {
      const k = window.switchboard.graph.edges.findIndex((e) => (e.evidence || []).length);
      return k < 0 ? null : 'e' + k;
    });
    if (edgeId) {
      const where = await page.evaluate((id) => {
        const sb = window.switchboard;
        sb.selectEdge(+id.slice(1)); // brings it into the view when the view is a neighbourhood
        sb.cy.elements().unselect();
        const e = sb.cy.$id(id);
        if (!e.length || !e.visible()) return null;
        sb.cy.fit(e.connectedNodes(), 120);
        const p = e.renderedMidpoint();
        const box = sb.cy.container().getBoundingClientRect();
        return { x: box.left + p.x, y: box.top + p.y };
      }, edgeId);
      let how = 'tap';
      if (where) {
        await page.mouse.click(where.x, where.y);
        await new Promise((r) => setTimeout(r, 100));
        how = 'click';
      }
      let picked = await page.evaluate(() => {
        const sel = window.switchboard.cy.$('edge:selected');
        return sel.length ? sel.id() : null;
      });
      if (picked !== edgeId) {
        how = 'tap';
        await page.evaluate((id) => {
          const cy = window.switchboard.cy;
          cy.elements().unselect();
          cy.$id(id).emit('tap');
        }, edgeId);
        picked = await page.evaluate(() => {
          const sel = window.switchboard.cy.$('edge:selected');
          return sel.length ? sel.id() : null;
        });
      }
      const panel = await page.evaluate(() => ({
        text: document.getElementById('panel').textContent,
        marks: Array.from(document.querySelectorAll('#panel mark')).map((x) => [x.className, x.textContent]),
      }));
      out.edge = { id: edgeId, how: how, selected: picked, panel: panel.text, marks: panel.marks };
    }

    // filters, as a user sets them: a kind's checkbox clicked off (and on again), then a date range
    // (after two frames: cytoscape brings `:visible` up to date when it draws)
    const visible = () => page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(() => {
      const cy = window.switchboard.cy;
      done({ nodes: cy.nodes(':visible').length, edges: cy.edges(':visible').length, status: document.getElementById('status').textContent });
    }))));
    if (opts.uncheck || opts.dates) out.filters = {};
    if (opts.uncheck) {
      await page.click('#kind-' + opts.uncheck);
      out.filters.unchecked = await visible();
      await page.click('#kind-' + opts.uncheck);
    }
    if (opts.dates) {
      for (const [id, v] of [['#since', opts.dates[0]], ['#until', opts.dates[1]]]) {
        await page.$eval(id, (input, value) => {
          input.value = value;
          input.dispatchEvent(new Event('change'));
        }, v);
      }
      out.filters.dated = await visible();
      for (const id of ['#since', '#until']) {
        await page.$eval(id, (input) => { input.value = ''; input.dispatchEvent(new Event('change')); });
      }
      out.filters.cleared = await visible();
    }

    // the whole view again for the picture, the panel as it is
    await page.evaluate(() => window.switchboard.cy.fit(window.switchboard.cy.elements(':visible'), 30));
    await new Promise((r) => setTimeout(r, 100));
    await page.screenshot({ path: shot });
    out.screenshot = shot;

    if (opts.accounts) {
      out.accounts = await page.evaluate(() => {
        const sb = window.switchboard;
        // a call of the graph with accounts of its own, as the graph has them
        const disputed = sb.graph.nodes.find((n) => n.kind === 'call' && (n.accounts || []).length >= 2);
        if (disputed) sb.renderCall(disputed);
        const call = sb.graph.nodes.find((n) => n.kind === 'call' && (n.participants || []).length >= 2);
        if (!disputed && !call) return null;
        if (disputed) {
          const table = document.querySelector('#panel table.accounts');
          if (!table) return { columns: 0, disputed_rows: [], text: document.getElementById('panel').textContent, real: true };
          return {
            columns: table.querySelectorAll('thead th[scope=col]').length,
            disputed_rows: Array.from(table.querySelectorAll('tbody tr.disputed th')).map((th) => th.textContent),
            text: table.textContent,
            real: true,
          };
        }
        const docs = Object.keys(sb.graph.graph.documents || {});
        const ev = (t) => [{ doc: docs[0] || 'a.txt', sentence: 1, start: 0, end: t.length, text: t, rule: 'call.verb' }];
        const node = Object.assign({}, call, {
          disputed: ['status'],
          accounts: [
            { source: docs[0] || 'a.txt', outlet: null, date: call.date, initiator: call.participants[0], status: 'held', evidence: ev('First account sentence.') },
            { source: docs[1] || 'b.txt', outlet: 'Second Outlet', date: call.date, initiator: null, status: 'denied', evidence: ev('Second account sentence.') },
          ],
        });
        sb.renderCall(node);
        const table = document.querySelector('#panel table.accounts');
        if (!table) return { columns: 0, disputed_rows: [], text: document.getElementById('panel').textContent };
        return {
          columns: table.querySelectorAll('thead th[scope=col]').length,
          disputed_rows: Array.from(table.querySelectorAll('tbody tr.disputed th')).map((th) => th.textContent),
          text: table.textContent,
        };
      });
    }

    if (opts.accounts && out.accounts) {
      // the panel with the accounts, for people to look at
      out.accounts.screenshot = shot.replace(/\.png$/, '') + '-accounts.png';
      await page.screenshot({ path: out.accounts.screenshot });
    }
    out.requests = requests;
    out.data_urls = dataUrls;
    if (requests.length) problems.push('requests other than the file: ' + requests.join(', '));
    if (problems.length) fail(problems.join('\n'));
    process.stdout.write(JSON.stringify(out) + '\n');
  } finally {
    await browser.close();
    fs.rmSync(profile, { recursive: true, force: true });
  }
})().catch((e) => fail(e && e.stack ? e.stack : String(e)));
