#!/usr/bin/env node
// Load a Cytoscape.js elements JSON file into headless Cytoscape.
//
//   node tests/clients/cytoscape_load.js FILE
//
// FILE is {"data": {...}, "elements": {"nodes": [...], "edges": [...]}}
// (a bare {"nodes": [...], "edges": [...]} or a flat element array is also
// accepted). Fails (exit 1, reason on stderr) if the file is not UTF-8 JSON,
// if Cytoscape logs any warning or error while loading (it does so for e.g.
// duplicate ids or edges whose source/target does not exist, then drops the
// element), if it throws, if an element has no string data.id, or if the loaded node/edge counts differ from the file's.
// On success prints {"nodes", "edges", "node_ids", "edge_ids", "node_data", "edge_data"}.
'use strict';

const fs = require('fs');

function die(msg) {
  process.stderr.write(`cytoscape_load: ${msg}\n`);
  process.exit(1);
}

const file = process.argv[2];
if (!file || process.argv.length !== 3) die('usage: cytoscape_load.js FILE');

let doc;
try {
  const buf = fs.readFileSync(file);
  doc = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(buf));
} catch (e) {
  die(`cannot read ${file} as UTF-8 JSON: ${e.message}`);
}

let elements = doc && Object.prototype.hasOwnProperty.call(doc, 'elements') ? doc.elements : doc;
let fileNodes;
let fileEdges;
if (Array.isArray(elements)) {
  fileNodes = elements.filter((e) => e && e.group !== 'edges' && !(e.data && 'source' in e.data)).length;
  fileEdges = elements.length - fileNodes;
} else if (elements && typeof elements === 'object') {
  const extra = Object.keys(elements).filter((k) => k !== 'nodes' && k !== 'edges');
  if (extra.length) die(`unexpected keys in elements: ${extra.join(', ')}`);
  if (!Array.isArray(elements.nodes || [])) die('elements.nodes is not an array');
  if (!Array.isArray(elements.edges || [])) die('elements.edges is not an array');
  fileNodes = (elements.nodes || []).length;
  fileEdges = (elements.edges || []).length;
} else {
  die('no elements found (expected {"elements": {"nodes": [...], "edges": [...]}})');
}

// Every element must carry its own string id; Cytoscape would silently invent
// one otherwise.
{
  const all = Array.isArray(elements) ? elements : [...(elements.nodes || []), ...(elements.edges || [])];
  all.forEach((el, i) => {
    const id = el && el.data && el.data.id;
    if (typeof id !== 'string' || id === '') die(`element #${i} has no string data.id: ${JSON.stringify(el).slice(0, 200)}`);
  });
}

// Capture everything Cytoscape reports through the console.
const complaints = [];
for (const level of ['warn', 'error']) {
  console[level] = (...args) => {
    complaints.push(`console.${level}: ${args.map((a) => (a instanceof Error ? a.message : String(a))).join(' ')}`);
  };
}

const cytoscape = require('cytoscape');
let cy;
try {
  cy = cytoscape({ headless: true, styleEnabled: false, elements });
  if (doc && doc.data && typeof doc.data === 'object') cy.data(doc.data);
} catch (e) {
  die(`cytoscape refused ${file}: ${e && e.message ? e.message : e}`);
}

if (complaints.length) die(`cytoscape complained while loading ${file}:\n  ${complaints.join('\n  ')}`);

const nodes = cy.nodes();
const edges = cy.edges();
if (nodes.length !== fileNodes || edges.length !== fileEdges) {
  die(`loaded ${nodes.length} nodes / ${edges.length} edges but ${file} has ${fileNodes} nodes / ${fileEdges} edges`);
}

const cmp = (a, b) => (a < b ? -1 : a > b ? 1 : 0);
const nodeData = {};
nodes.forEach((n) => {
  nodeData[n.id()] = n.data();
});
const edgeData = {};
edges.forEach((e) => {
  edgeData[e.id()] = e.data();
});
const out = {
  nodes: nodes.length,
  edges: edges.length,
  node_ids: nodes.map((n) => n.id()).sort(cmp),
  edge_ids: edges.map((e) => e.id()).sort(cmp),
  node_data: nodeData,
  edge_data: edgeData,
};
process.stdout.write(JSON.stringify(out) + '\n');
