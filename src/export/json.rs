//! # The graph JSON contract (NetworkX node-link)
//!
//! `{"directed": true, "multigraph": true, "graph": {schema, generator, documents}, "nodes": [...],
//! "edges": [{source, target, key, kind, ..., evidence}]}`, loadable with
//! `networkx.node_link_graph(data, edges="edges")`. Nodes sorted by id, edges in the graph's
//! order; `key` numbers the edges between the same two nodes. Call nodes always carry `date`
//! (null when unknown). See `docs/graph-json.md`.

use std::collections::BTreeMap;

use petgraph::stable_graph::NodeIndex;
use serde::{Deserialize, Serialize};

use crate::graph::{Edge, KnowledgeGraph, Node, NodeKind};
use crate::input::DocMeta;

/// The schema version written to `graph.schema`.
pub const SCHEMA: &str = "switchboard-graph/1";

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct GraphAttrs {
    pub schema: String,
    #[serde(default)]
    pub generator: String,
    #[serde(default)]
    pub documents: BTreeMap<String, DocMeta>,
}

/// An edge as written: the endpoints, the key, and the edge's fields.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct EdgeRecord {
    pub source: String,
    pub target: String,
    pub key: usize,
    #[serde(flatten)]
    pub edge: Edge,
}

/// The whole file, for reading it back.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct GraphFile {
    pub directed: bool,
    pub multigraph: bool,
    pub graph: GraphAttrs,
    pub nodes: Vec<Node>,
    pub edges: Vec<EdgeRecord>,
}

/// An edge as read: the same fields as [`EdgeRecord`], spelt out, because serde's `flatten`
/// buffers every field through a generic value and made loading three times slower.
#[derive(Debug, Deserialize)]
struct EdgeIn {
    source: String,
    target: String,
    kind: crate::graph::EdgeKind,
    #[serde(default)]
    role: Option<String>,
    #[serde(default)]
    what: Option<String>,
    #[serde(default)]
    quote: Option<String>,
    #[serde(default)]
    direct: Option<bool>,
    #[serde(default)]
    cue: Option<String>,
    #[serde(default)]
    target_role: Option<String>,
    #[serde(default)]
    title: Option<String>,
    #[serde(default)]
    cameo: Option<String>,
    #[serde(default)]
    plover: Option<String>,
    #[serde(default)]
    date: Option<String>,
    #[serde(default)]
    first_seen: Option<String>,
    #[serde(default)]
    last_seen: Option<String>,
    #[serde(default)]
    evidence: Vec<crate::facts::Evidence>,
}

impl EdgeIn {
    fn into_edge(self) -> (String, String, Edge) {
        let edge = Edge {
            kind: self.kind,
            role: self.role,
            what: self.what,
            quote: self.quote,
            direct: self.direct,
            cue: self.cue,
            target_role: self.target_role,
            title: self.title,
            cameo: self.cameo,
            plover: self.plover,
            date: self.date,
            first_seen: self.first_seen,
            last_seen: self.last_seen,
            evidence: self.evidence,
        };
        (self.source, self.target, edge)
    }
}

/// The file as read: nodes and flat edges.
#[derive(Debug, Deserialize)]
struct GraphIn<E> {
    directed: bool,
    multigraph: bool,
    graph: GraphAttrs,
    nodes: Vec<Node>,
    edges: Vec<E>,
}

/// An edge as the query commands read it: what they show, and where it was read (document and
/// sentence). The evidence text, byte offsets, rule, cue and event codes are skipped without
/// allocating, which halves the time to load a large graph.
#[derive(Debug, Deserialize)]
struct EdgeQuery<'a> {
    #[serde(borrow)]
    source: std::borrow::Cow<'a, str>,
    #[serde(borrow)]
    target: std::borrow::Cow<'a, str>,
    kind: crate::graph::EdgeKind,
    #[serde(default)]
    role: Option<String>,
    #[serde(default)]
    what: Option<String>,
    #[serde(default)]
    quote: Option<String>,
    #[serde(default)]
    target_role: Option<String>,
    #[serde(default)]
    title: Option<String>,
    #[serde(default)]
    date: Option<String>,
    #[serde(default, borrow)]
    evidence: Vec<SourceIn<'a>>,
}

#[derive(Debug, Deserialize)]
struct SourceIn<'a> {
    #[serde(borrow)]
    doc: std::borrow::Cow<'a, str>,
    sentence: usize,
}

impl EdgeQuery<'_> {
    fn into_edge_in(mut self) -> EdgeIn {
        let evidence = std::mem::take(&mut self.evidence)
            .into_iter()
            .map(|s| crate::facts::Evidence {
                doc: std::sync::Arc::from(s.doc),
                sentence: s.sentence,
                start: 0,
                end: 0,
                text: std::sync::Arc::from(""),
                rule: std::sync::Arc::from(""),
            })
            .collect();
        let e = self;
        EdgeIn {
            source: e.source.into_owned(),
            target: e.target.into_owned(),
            kind: e.kind,
            role: e.role,
            what: e.what,
            quote: e.quote,
            direct: None,
            cue: None,
            target_role: e.target_role,
            title: e.title,
            cameo: None,
            plover: None,
            date: e.date,
            first_seen: None,
            last_seen: None,
            evidence,
        }
    }
}

/// How much of a graph file to read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LoadMode {
    /// Everything: the graph can be written out again unchanged.
    Full,
    /// What questions need (see [`EdgeQuery`]): evidence keeps its document and sentence only.
    Query,
}

/// Serialise the graph as pretty-printed JSON (with a final newline).
pub fn to_string(g: &KnowledgeGraph) -> String {
    let mut out = Vec::new();
    // writing into a Vec cannot fail, and serde_json writes valid UTF-8
    let _ = write(g, &mut out);
    String::from_utf8(out).unwrap_or_default()
}

/// Stream the graph as pretty-printed JSON (with a final newline) into `w`: no copy of the graph
/// is built. Keys come in alphabetical order, so the structs below list their fields
/// alphabetically. The edges and nodes (nearly all the bytes) are rendered a few thousand at a
/// time on all cores, each batch written in order as it is done; the bytes are those of
/// `serde_json::to_writer_pretty` on the whole file.
pub fn write<W: std::io::Write + Send>(g: &KnowledgeGraph, w: W) -> std::io::Result<()> {
    write_in_chunks(g, w, 2048)
}

/// [`write`], rendering `chunk` edges or nodes into each buffer.
fn write_in_chunks<W: std::io::Write + Send>(g: &KnowledgeGraph, mut w: W, chunk: usize) -> std::io::Result<()> {
    w.write_all(b"{\n  \"directed\": true,\n  \"edges\": ")?;
    let graph = &g.graph;
    // `key` numbers the edges between the same two nodes, in edge order
    let mut keys: rustc_hash::FxHashMap<(NodeIndex, NodeIndex), usize> = rustc_hash::FxHashMap::default();
    let edges: Vec<(petgraph::stable_graph::EdgeIndex, NodeIndex, NodeIndex, usize)> = graph
        .edge_indices()
        .filter_map(|e| {
            let (a, b) = graph.edge_endpoints(e)?;
            let k = keys.entry((a, b)).or_insert(0);
            *k += 1;
            Some((e, a, b, *k - 1))
        })
        .collect();
    drop(keys);
    write_list(&mut w, &edges, chunk, |&(e, a, b, key), buf| {
        push_edge(buf, &graph[a].id, &graph[b].id, key, &graph[e]);
        Ok(())
    })?;
    w.write_all(b",\n  \"graph\": ")?;
    let generator = format!("switchboard {}", env!("CARGO_PKG_VERSION"));
    let attrs = GraphAttrsOut { documents: DocumentsOut(&g.documents), generator: &generator, schema: SCHEMA };
    render(&mut w, &attrs, 1)?;
    w.write_all(b",\n  \"multigraph\": true,\n  \"nodes\": ")?;
    let nodes: Vec<NodeIndex> = graph.node_indices().collect();
    write_list(&mut w, &nodes, chunk, |&ix, buf| {
        push_node(buf, &graph[ix]);
        Ok(())
    })?;
    w.write_all(b"\n}\n")
}

/// Pretty-print `value` into `w` as the value of a key or list item `depth` levels deep.
fn render<W: std::io::Write, T: Serialize + ?Sized>(w: W, value: &T, depth: usize) -> std::io::Result<()> {
    let mut ser = serde_json::Serializer::with_formatter(w, Indented { depth, has_value: false });
    value.serialize(&mut ser).map_err(std::io::Error::other)
}

/// The list of `items` (each written into a buffer by `show`, as an item two levels deep), as an
/// entry of the top-level object; each worker renders `chunk` items into one buffer.
fn write_list<W, I, F>(w: &mut W, items: &[I], chunk: usize, show: F) -> std::io::Result<()>
where
    W: std::io::Write + Send,
    I: Sync,
    F: Fn(&I, &mut Vec<u8>) -> std::io::Result<()> + Sync,
{
    use rayon::prelude::*;
    if items.is_empty() {
        return w.write_all(b"[]");
    }
    w.write_all(b"[")?;
    // a few chunks per core at a time: memory holds their bytes, not the file's. One group is
    // written out while the next is rendered, so the copy into the file overlaps the rendering;
    // the two sets of buffers are kept from group to group (fresh ones would each be new pages).
    let chunk = chunk.max(1);
    let groups: Vec<&[I]> = items.chunks(chunk * 4 * rayon::current_num_threads().max(1)).collect();
    let render = |g: usize, buffers: &mut Vec<Vec<u8>>| -> std::io::Result<usize> {
        let n = groups[g].len().div_ceil(chunk);
        if buffers.len() < n {
            buffers.resize_with(n, Vec::new);
        }
        groups[g].par_chunks(chunk).zip(buffers.par_iter_mut()).enumerate().try_for_each(
            |(c, (chunk, buf))| -> std::io::Result<()> {
                buf.clear();
                for (k, item) in chunk.iter().enumerate() {
                    buf.extend_from_slice(if g == 0 && c == 0 && k == 0 { b"\n    " } else { b",\n    " });
                    show(item, buf)?;
                }
                Ok(())
            },
        )?;
        Ok(n)
    };
    let (mut ready, mut filling): (Vec<Vec<u8>>, Vec<Vec<u8>>) = (Vec::new(), Vec::new());
    let mut n_ready = 0;
    for g in 0..=groups.len() {
        let (written, rendered) = rayon::join(
            || ready[..n_ready].iter().try_for_each(|b| w.write_all(b)),
            || if g < groups.len() { render(g, &mut filling) } else { Ok(0) },
        );
        written?;
        n_ready = rendered?;
        std::mem::swap(&mut ready, &mut filling);
    }
    w.write_all(b"\n  ]")
}

/// An edge as an item of the top-level edge list, written straight into `buf`: the bytes
/// serde_json's pretty printer gives for [`EdgeOut`] (fields alphabetically, empty ones left out;
/// a test compares the two), without serde's machinery, which took most of the writing time of a
/// large graph (nearly all of `graph.json` is edges and their evidence).
fn push_edge(buf: &mut Vec<u8>, source: &str, target: &str, key: usize, e: &Edge) {
    let first = &mut true;
    buf.push(b'{');
    text(buf, first, b",\n      \"cameo\": ", &e.cameo);
    text(buf, first, b",\n      \"cue\": ", &e.cue);
    text(buf, first, b",\n      \"date\": ", &e.date);
    if let Some(d) = e.direct {
        field(buf, first, b",\n      \"direct\": ");
        buf.extend_from_slice(if d { b"true" } else { b"false" });
    }
    field(buf, first, b",\n      \"evidence\": ");
    if e.evidence.is_empty() {
        buf.extend_from_slice(b"[]");
    } else {
        buf.push(b'[');
        for (i, v) in e.evidence.iter().enumerate() {
            buf.extend_from_slice(if i == 0 { b"\n        {" } else { b",\n        {" });
            let first = &mut true;
            field(buf, first, b",\n          \"doc\": ");
            push_json_str(buf, &v.doc);
            field(buf, first, b",\n          \"end\": ");
            buf.extend_from_slice(itoa::Buffer::new().format(v.end).as_bytes());
            field(buf, first, b",\n          \"rule\": ");
            push_json_str(buf, &v.rule);
            field(buf, first, b",\n          \"sentence\": ");
            buf.extend_from_slice(itoa::Buffer::new().format(v.sentence).as_bytes());
            field(buf, first, b",\n          \"start\": ");
            buf.extend_from_slice(itoa::Buffer::new().format(v.start).as_bytes());
            field(buf, first, b",\n          \"text\": ");
            push_json_str(buf, &v.text);
            buf.extend_from_slice(b"\n        }");
        }
        buf.extend_from_slice(b"\n      ]");
    }
    text(buf, first, b",\n      \"first_seen\": ", &e.first_seen);
    field(buf, first, b",\n      \"key\": ");
    buf.extend_from_slice(itoa::Buffer::new().format(key).as_bytes());
    field(buf, first, b",\n      \"kind\": ");
    push_json_str(buf, e.kind.as_str());
    text(buf, first, b",\n      \"last_seen\": ", &e.last_seen);
    text(buf, first, b",\n      \"plover\": ", &e.plover);
    text(buf, first, b",\n      \"quote\": ", &e.quote);
    text(buf, first, b",\n      \"role\": ", &e.role);
    field(buf, first, b",\n      \"source\": ");
    push_json_str(buf, source);
    field(buf, first, b",\n      \"target\": ");
    push_json_str(buf, target);
    text(buf, first, b",\n      \"target_role\": ", &e.target_role);
    text(buf, first, b",\n      \"title\": ", &e.title);
    text(buf, first, b",\n      \"what\": ", &e.what);
    buf.extend_from_slice(b"\n    }");
}

/// A node as an item of the top-level node list, written straight into `buf`: the bytes
/// serde_json's pretty printer gives for [`NodeOut`] (a test compares the two).
fn push_node(buf: &mut Vec<u8>, n: &Node) {
    /// A list of texts (`[]` when empty).
    fn list(buf: &mut Vec<u8>, first: &mut bool, prefix: &[u8], items: &[String]) {
        field(buf, first, prefix);
        if items.is_empty() {
            buf.extend_from_slice(b"[]");
            return;
        }
        buf.push(b'[');
        for (i, s) in items.iter().enumerate() {
            buf.extend_from_slice(&b",\n        "[usize::from(i == 0)..]);
            push_json_str(buf, s);
        }
        buf.extend_from_slice(b"\n      ]");
    }
    let first = &mut true;
    buf.push(b'{');
    if !n.accounts.is_empty() {
        field(buf, first, b",\n      \"accounts\": ");
        // (into a Vec, which cannot fail)
        let _ = render(&mut *buf, &AccountsOut(&n.accounts), 3);
    }
    list(buf, first, b",\n      \"aliases\": ", &n.aliases);
    text(buf, first, b",\n      \"country\": ", &n.country);
    // call nodes always carry their date, null when unknown
    if n.kind == NodeKind::Call || n.date.is_some() {
        field(buf, first, b",\n      \"date\": ");
        match &n.date {
            Some(d) => push_json_str(buf, d),
            None => buf.extend_from_slice(b"null"),
        }
    }
    if !n.disputed.is_empty() {
        list(buf, first, b",\n      \"disputed\": ", &n.disputed);
    }
    field(buf, first, b",\n      \"id\": ");
    push_json_str(buf, &n.id);
    text(buf, first, b",\n      \"initiator\": ", &n.initiator);
    field(buf, first, b",\n      \"kind\": ");
    push_json_str(buf, n.kind.as_str());
    field(buf, first, b",\n      \"label\": ");
    push_json_str(buf, &n.label);
    text(buf, first, b",\n      \"medium\": ", &n.medium);
    if !n.participants.is_empty() {
        list(buf, first, b",\n      \"participants\": ", &n.participants);
    }
    list(buf, first, b",\n      \"sources\": ", &n.sources);
    text(buf, first, b",\n      \"status\": ", &n.status);
    if !n.titles.is_empty() {
        list(buf, first, b",\n      \"titles\": ", &n.titles);
    }
    text(buf, first, b",\n      \"type\": ", &n.inst_type);
    buf.extend_from_slice(b"\n    }");
}

/// Opens a field of a record written by hand: `prefix` is `,`, the line break and indent, the
/// quoted name and `": "` (the comma left out for the first field).
fn field(buf: &mut Vec<u8>, first: &mut bool, prefix: &[u8]) {
    buf.extend_from_slice(&prefix[usize::from(*first)..]);
    *first = false;
}

/// A text field (see [`field`]), when it has a value.
fn text(buf: &mut Vec<u8>, first: &mut bool, prefix: &[u8], value: &Option<String>) {
    if let Some(v) = value {
        field(buf, first, prefix);
        push_json_str(buf, v);
    }
}

/// `s` as a JSON string, escaped as serde_json escapes: `"` and `\\`, the control characters
/// (`\b \t \n \f \r` by name, the others as `\u00xx`), nothing else. Eight bytes are tested at a
/// time; only a word that holds a byte to escape is looked at byte by byte.
fn push_json_str(buf: &mut Vec<u8>, s: &str) {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    /// Does the word hold a control character, `"` or `\\`? (Exact: each test is nonzero only
    /// when some byte matches.)
    fn special(w: u64) -> bool {
        let control = w.wrapping_sub(ONES * 0x20) & !w;
        let quote = (w ^ (ONES * b'"' as u64)).wrapping_sub(ONES) & !(w ^ (ONES * b'"' as u64));
        let backslash = (w ^ (ONES * b'\\' as u64)).wrapping_sub(ONES) & !(w ^ (ONES * b'\\' as u64));
        (control | quote | backslash) & HIGH != 0
    }
    let bytes = s.as_bytes();
    buf.reserve(bytes.len() + 2);
    buf.push(b'"');
    // bytes[start..i] are copied as they are
    let (mut start, mut i) = (0, 0);
    while i < bytes.len() {
        // skip whole words with nothing to escape
        while let Some(word) = bytes.get(i..i + 8) {
            let mut w = [0; 8];
            w.copy_from_slice(word);
            if special(u64::from_le_bytes(w)) {
                break;
            }
            i += 8;
        }
        let Some(&c) = bytes.get(i) else { break };
        let escape: &[u8] = match c {
            b'"' => b"\\\"",
            b'\\' => b"\\\\",
            b'\n' => b"\\n",
            b'\r' => b"\\r",
            b'\t' => b"\\t",
            0x08 => b"\\b",
            0x0c => b"\\f",
            0..=0x1f => b"",
            _ => {
                i += 1;
                continue;
            }
        };
        buf.extend_from_slice(&bytes[start..i]);
        if escape.is_empty() {
            const HEX: &[u8; 16] = b"0123456789abcdef";
            buf.extend_from_slice(&[b'\\', b'u', b'0', b'0', HEX[(c >> 4) as usize], HEX[(c & 0xf) as usize]]);
        } else {
            buf.extend_from_slice(escape);
        }
        i += 1;
        start = i;
    }
    buf.extend_from_slice(&bytes[start..]);
    buf.push(b'"');
}

/// serde_json's pretty layout (two spaces a level, `": "` after keys) for a value that starts
/// `depth` levels deep.
struct Indented {
    depth: usize,
    has_value: bool,
}

impl Indented {
    fn indent<W: ?Sized + std::io::Write>(&self, w: &mut W) -> std::io::Result<()> {
        (0..self.depth).try_for_each(|_| w.write_all(b"  "))
    }

    fn open<W: ?Sized + std::io::Write>(&mut self, w: &mut W, bracket: &[u8]) -> std::io::Result<()> {
        self.depth += 1;
        self.has_value = false;
        w.write_all(bracket)
    }

    fn close<W: ?Sized + std::io::Write>(&mut self, w: &mut W, bracket: &[u8]) -> std::io::Result<()> {
        self.depth -= 1;
        if self.has_value {
            w.write_all(b"\n")?;
            self.indent(w)?;
        }
        w.write_all(bracket)
    }

    fn item<W: ?Sized + std::io::Write>(&mut self, w: &mut W, first: bool) -> std::io::Result<()> {
        w.write_all(if first { b"\n" } else { b",\n" })?;
        self.indent(w)
    }
}

impl serde_json::ser::Formatter for Indented {
    fn begin_array<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.open(w, b"[")
    }
    fn end_array<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.close(w, b"]")
    }
    fn begin_array_value<W: ?Sized + std::io::Write>(&mut self, w: &mut W, first: bool) -> std::io::Result<()> {
        self.item(w, first)
    }
    fn end_array_value<W: ?Sized + std::io::Write>(&mut self, _w: &mut W) -> std::io::Result<()> {
        self.has_value = true;
        Ok(())
    }
    fn begin_object<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.open(w, b"{")
    }
    fn end_object<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.close(w, b"}")
    }
    fn begin_object_key<W: ?Sized + std::io::Write>(&mut self, w: &mut W, first: bool) -> std::io::Result<()> {
        self.item(w, first)
    }
    fn begin_object_value<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        w.write_all(b": ")
    }
    fn end_object_value<W: ?Sized + std::io::Write>(&mut self, _w: &mut W) -> std::io::Result<()> {
        self.has_value = true;
        Ok(())
    }
}

#[derive(Serialize)]
struct GraphAttrsOut<'a> {
    documents: DocumentsOut<'a>,
    generator: &'a str,
    schema: &'a str,
}

struct DocumentsOut<'a>(&'a BTreeMap<String, DocMeta>);

impl Serialize for DocumentsOut<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_map(self.0.iter().map(|(name, m)| {
            let meta = DocMetaOut { outlet: &m.outlet, published: &m.published, title: &m.title, url: &m.url };
            (name, meta)
        }))
    }
}

/// [`DocMeta`] as written: its fields alphabetically.
#[derive(Serialize)]
struct DocMetaOut<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    outlet: &'a Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    published: &'a Option<chrono::NaiveDate>,
    #[serde(skip_serializing_if = "Option::is_none")]
    title: &'a Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: &'a Option<String>,
}

/// A node as written. Call nodes always carry `date` (null when unknown). The reference that
/// [`push_node`] writes by hand, checked by a test.
#[cfg(test)]
#[derive(Serialize)]
struct NodeOut<'a> {
    #[serde(skip_serializing_if = "accounts_empty")]
    accounts: AccountsOut<'a>,
    aliases: &'a [String],
    #[serde(skip_serializing_if = "Option::is_none")]
    country: &'a Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    date: Option<&'a Option<String>>,
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    disputed: &'a [String],
    id: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    initiator: &'a Option<String>,
    kind: NodeKind,
    label: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    medium: &'a Option<String>,
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    participants: &'a [String],
    sources: &'a [String],
    #[serde(skip_serializing_if = "Option::is_none")]
    status: &'a Option<String>,
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    titles: &'a [String],
    #[serde(rename = "type", skip_serializing_if = "Option::is_none")]
    inst_type: &'a Option<String>,
}

#[cfg(test)]
fn accounts_empty(a: &AccountsOut) -> bool {
    a.0.is_empty()
}

#[cfg(test)]
impl<'a> NodeOut<'a> {
    fn new(n: &'a Node) -> Self {
        NodeOut {
            accounts: AccountsOut(&n.accounts),
            aliases: &n.aliases,
            country: &n.country,
            date: (n.kind == NodeKind::Call || n.date.is_some()).then_some(&n.date),
            disputed: &n.disputed,
            id: &n.id,
            initiator: &n.initiator,
            kind: n.kind,
            label: &n.label,
            medium: &n.medium,
            participants: &n.participants,
            sources: &n.sources,
            status: &n.status,
            titles: &n.titles,
            inst_type: &n.inst_type,
        }
    }
}

/// An edge as written (the fields of [`EdgeRecord`], alphabetically): the reference that
/// [`push_edge`] writes by hand, checked by a test.
#[cfg(test)]
#[derive(Serialize)]
struct EdgeOut<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    cameo: &'a Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    cue: &'a Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    date: &'a Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    direct: &'a Option<bool>,
    evidence: EvidenceListOut<'a>,
    #[serde(skip_serializing_if = "Option::is_none")]
    first_seen: &'a Option<String>,
    key: usize,
    kind: crate::graph::EdgeKind,
    #[serde(skip_serializing_if = "Option::is_none")]
    last_seen: &'a Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    plover: &'a Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    quote: &'a Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    role: &'a Option<String>,
    source: &'a str,
    target: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    target_role: &'a Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    title: &'a Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    what: &'a Option<String>,
}

#[cfg(test)]
impl<'a> EdgeOut<'a> {
    fn new(source: &'a str, target: &'a str, key: usize, e: &'a Edge) -> Self {
        EdgeOut {
            cameo: &e.cameo,
            cue: &e.cue,
            date: &e.date,
            direct: &e.direct,
            evidence: EvidenceListOut(&e.evidence),
            first_seen: &e.first_seen,
            key,
            kind: e.kind,
            last_seen: &e.last_seen,
            plover: &e.plover,
            quote: &e.quote,
            role: &e.role,
            source,
            target,
            target_role: &e.target_role,
            title: &e.title,
            what: &e.what,
        }
    }
}

/// Evidence as graph.json writes it (fields in alphabetical order).
struct EvidenceListOut<'a>(&'a [crate::facts::Evidence]);

impl Serialize for EvidenceListOut<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.0.iter().map(|v| EvidenceOut {
            doc: &v.doc,
            end: v.end,
            rule: &v.rule,
            sentence: v.sentence,
            start: v.start,
            text: &v.text,
        }))
    }
}

#[derive(Serialize)]
struct EvidenceOut<'a> {
    doc: &'a str,
    end: usize,
    rule: &'a str,
    sentence: usize,
    start: usize,
    text: &'a str,
}

/// A call's accounts as written (fields in alphabetical order; rare, so through serde).
struct AccountsOut<'a>(&'a [crate::graph::CallAccount]);

impl Serialize for AccountsOut<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.0.iter().map(|a| AccountOut {
            date: &a.date,
            evidence: EvidenceListOut(&a.evidence),
            initiator: &a.initiator,
            outlet: &a.outlet,
            source: &a.source,
            status: &a.status,
        }))
    }
}

#[derive(Serialize)]
struct AccountOut<'a> {
    date: &'a Option<String>,
    evidence: EvidenceListOut<'a>,
    initiator: &'a Option<String>,
    outlet: &'a Option<String>,
    source: &'a str,
    status: &'a str,
}

/// Why a graph file could not be read.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error("not valid JSON at line {line}, column {column}: {message}")]
    Json { line: usize, column: usize, message: String },
    #[error("not a switchboard graph: {0}")]
    NotOurs(String),
    #[error("schema {found} is not supported (this switchboard reads {SCHEMA})")]
    Schema { found: String },
    #[error("edge {index} points at unknown node {id:?}")]
    UnknownNode { index: usize, id: String },
    #[error("node id {0:?} appears twice")]
    DuplicateNode(String),
}

/// Read a graph written by [`to_string`] back into a [`KnowledgeGraph`].
pub fn from_slice(bytes: &[u8]) -> Result<KnowledgeGraph, LoadError> {
    from_slice_as(bytes, LoadMode::Full)
}

/// Read a graph, fully or only what questions need.
pub fn from_slice_as(bytes: &[u8], mode: LoadMode) -> Result<KnowledgeGraph, LoadError> {
    match mode {
        LoadMode::Full => assemble(parse::<EdgeIn>(bytes)?),
        LoadMode::Query => {
            if let Some(file) = parse_query_parallel(bytes) {
                return assemble(file);
            }
            let file: GraphIn<EdgeQuery<'_>> = parse_borrowed(bytes)?;
            assemble(GraphIn {
                directed: file.directed,
                multigraph: file.multigraph,
                graph: file.graph,
                nodes: file.nodes,
                edges: file.edges.into_iter().map(EdgeQuery::into_edge_in).collect(),
            })
        }
    }
}

/// The separator between two edges in the file [`to_string`] writes. JSON strings hold no raw
/// line breaks, so it occurs only between elements of a top-level array.
const EDGE_SEPARATOR: &[u8] = b"\n    },\n    {";

/// Parse a file that [`to_string`] wrote with its edge list cut in pieces, one a core. `None`
/// when the file is laid out otherwise or a piece fails: the caller then parses it in one go,
/// which also reports errors with their line and column.
fn parse_query_parallel(bytes: &[u8]) -> Option<GraphIn<EdgeIn>> {
    let threads = std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1).min(8);
    if bytes.len() < 1 << 22 {
        return None;
    }
    parse_in_pieces(bytes, threads)
}

/// [`parse_in_pieces`] on a file of any size, assembled: for the `graph_json` fuzz target, which
/// compares it with the parse in one go on small inputs (`cargo fuzz` builds with
/// `--cfg fuzzing`; padding every input to 4 MiB made each run a hundred times slower).
#[cfg(fuzzing)]
pub fn load_in_pieces(bytes: &[u8], threads: usize) -> Option<Result<KnowledgeGraph, LoadError>> {
    parse_in_pieces(bytes, threads).map(assemble)
}

fn parse_in_pieces(bytes: &[u8], threads: usize) -> Option<GraphIn<EdgeIn>> {
    if threads < 2 {
        return None;
    }
    // the writer's layout: the edge list is the file's second member, after "directed" (the same
    // opening further in can be a list inside another object, which is not the edge list)
    let open = b"{\n  \"directed\": true,\n  \"edges\": [\n    {";
    let close = b"\n    }\n  ],\n";
    if !bytes.starts_with(open) {
        return None;
    }
    let start = open.len() - 1; // at the first edge's "{"
    // the edge list ends before "graph" and "nodes", which the writer puts after it
    let end = memchr::memmem::rfind(bytes, close).filter(|&e| e > start)? + 6; // after the last "}"
    // cut points: after a "}" that ends an edge, near equal shares of the list
    let mut cuts = vec![start];
    for k in 1..threads {
        let target = start + (end - start) * k / threads;
        let at = find(bytes, EDGE_SEPARATOR, target).filter(|&a| a < end)?;
        cuts.push(at + 6); // just after the "}"
    }
    cuts.push(end);
    // the rest of the file, with an empty edge list
    let mut shell = Vec::with_capacity(bytes.len() - (end - start) + 2);
    shell.extend_from_slice(&bytes[..start]);
    shell.extend_from_slice(&bytes[end..]);
    let pieces: Vec<&[u8]> = cuts.windows(2).map(|w| &bytes[w[0]..w[1]]).collect();
    let (head, parts) = std::thread::scope(|scope| {
        let workers: Vec<_> = pieces
            .iter()
            .map(|piece| {
                scope.spawn(move || {
                    let piece = piece.strip_prefix(b",").unwrap_or(piece);
                    let mut buf = Vec::with_capacity(piece.len() + 2);
                    buf.push(b'[');
                    buf.extend_from_slice(piece);
                    buf.push(b']');
                    let edges: Vec<EdgeQuery<'_>> = serde_json::from_slice(&buf).ok()?;
                    Some(edges.into_iter().map(EdgeQuery::into_edge_in).collect::<Vec<EdgeIn>>())
                })
            })
            .collect();
        let head: Option<GraphIn<EdgeIn>> = serde_json::from_slice(&shell).ok();
        let parts: Vec<Option<Vec<EdgeIn>>> = workers.into_iter().map(|w| w.join().ok().flatten()).collect();
        (head, parts)
    });
    let mut file = head?;
    if !file.edges.is_empty() {
        return None;
    }
    for p in parts {
        file.edges.extend(p?);
    }
    Some(file)
}

fn find(hay: &[u8], needle: &[u8], from: usize) -> Option<usize> {
    memchr::memmem::find(hay.get(from..)?, needle).map(|i| i + from)
}

fn parse<E: serde::de::DeserializeOwned>(bytes: &[u8]) -> Result<GraphIn<E>, LoadError> {
    serde_json::from_slice(bytes).map_err(|e| load_error(bytes, e))
}

fn parse_borrowed<'a, E: Deserialize<'a>>(bytes: &'a [u8]) -> Result<GraphIn<E>, LoadError> {
    serde_json::from_slice(bytes).map_err(|e| load_error(bytes, e))
}

/// A parse failure as a load error: a second look tells a file that is not ours from a broken one.
fn load_error(bytes: &[u8], e: serde_json::Error) -> LoadError {
    if e.is_data() {
        let probe: Result<serde_json::Value, _> = serde_json::from_slice(bytes);
        if let Ok(v) = probe {
            if v.get("graph").and_then(|g| g.get("schema")).is_none() {
                return LoadError::NotOurs("it has no graph.schema (was it written by switchboard build?)".into());
            }
        }
    }
    LoadError::Json { line: e.line(), column: e.column(), message: e.to_string() }
}

fn assemble(file: GraphIn<EdgeIn>) -> Result<KnowledgeGraph, LoadError> {
    if file.graph.schema != SCHEMA {
        return Err(LoadError::Schema { found: file.graph.schema });
    }
    if !file.directed || !file.multigraph {
        return Err(LoadError::NotOurs("a switchboard graph is directed and a multigraph".into()));
    }
    let mut g = KnowledgeGraph { documents: file.graph.documents, ..Default::default() };
    for n in file.nodes {
        if g.index.contains_key(&n.id) {
            return Err(LoadError::DuplicateNode(n.id));
        }
        g.add_node(n);
    }
    for (index, e) in file.edges.into_iter().enumerate() {
        let (source, target, edge) = e.into_edge();
        let a = *g.index.get(&source).ok_or(LoadError::UnknownNode { index, id: source.clone() })?;
        let b = *g.index.get(&target).ok_or(LoadError::UnknownNode { index, id: target.clone() })?;
        g.graph.add_edge(a, b, edge);
    }
    Ok(g)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `n` articles, article `i` reporting a call between two people numbered `i`, then `more`
    /// (where `{i}` is the number).
    fn calls(n: usize, more: &str) -> Vec<crate::input::Document> {
        (0..n)
            .map(|i| crate::input::Document {
                name: format!("{i:02}.txt"),
                text: format!(
                    "Defense Secretary Jane Roe{i} spoke by phone with Defense Minister Ivan Petrov{i} on Monday.{}",
                    more.replace("{i}", &i.to_string())
                ),
                meta: Default::default(),
            })
            .collect()
    }

    #[test]
    fn every_listed_edge_attribute_is_written_and_read_back() {
        let e = crate::graph::tests::full_edge();
        let mut buf = Vec::new();
        push_edge(&mut buf, "person:a", "call:x", 0, &e);
        let v: serde_json::Value = serde_json::from_slice(&buf).expect("json");
        let written: std::collections::BTreeSet<&str> =
            v.as_object().expect("object").keys().map(String::as_str).collect();
        let listed: std::collections::BTreeSet<&str> = ["kind", "evidence", "key", "source", "target"]
            .into_iter()
            .chain(Edge::ATTRIBUTES.iter().map(|(n, _)| *n))
            .collect();
        assert_eq!(written, listed, "the writer writes the listed attributes");
        let read: EdgeIn = serde_json::from_slice(&buf).expect("reads");
        assert_eq!(read.into_edge().2, e, "the reader reads every one back");
    }

    #[test]
    fn a_graph_reads_back_into_the_same_json() {
        let docs = vec![crate::input::Document {
            name: "a.txt".into(),
            text: "Defense Secretary Jane Roe spoke by phone with Defense Minister Ivan Petrov on Monday.".into(),
            meta: Default::default(),
        }];
        let g = crate::build_graph(&docs, crate::rules::Rules::builtin());
        let json = to_string(&g);
        let back = from_slice(json.as_bytes()).expect("reads back");
        assert_eq!(to_string(&back), json);
        let lean = from_slice_as(json.as_bytes(), LoadMode::Query).expect("reads back");
        assert_eq!(lean.graph.edge_count(), g.graph.edge_count());
        assert!(lean.graph.edge_indices().all(|e| lean.graph[e].evidence.iter().all(|v| &*v.doc == "a.txt")));
    }

    /// The file rendered in pieces on several threads is, byte for byte, serde_json's pretty
    /// print of the same document, whatever the size of the pieces (one item, a few, all), and
    /// for a graph with no edges or nodes.
    #[test]
    fn rendering_in_chunks_gives_serde_json_pretty_bytes() {
        let docs = calls(12, " \"Good \\ talks \u{1F600},\" Roe{i} told Reuters.");
        for g in [crate::build_graph(&docs, crate::rules::Rules::builtin()), KnowledgeGraph::default()] {
            let whole: serde_json::Value = serde_json::from_str(&to_string(&g)).expect("valid JSON");
            let want = serde_json::to_string_pretty(&whole).expect("prints") + "\n";
            assert!(g.graph.edge_count() == 0 || g.graph.edge_count() > 20, "enough edges to cut");
            for chunk in [1, 3, 1000] {
                let mut out = Vec::new();
                write_in_chunks(&g, &mut out, chunk).expect("writes");
                assert_eq!(String::from_utf8(out).expect("UTF-8"), want, "chunks of {chunk}");
            }
        }
    }

    /// The edge writer gives serde_json's bytes for every kind of field and every character a
    /// string can hold: each control character, quotes and backslashes at every position of an
    /// eight-byte word, non-ASCII text, empty strings and empty evidence.
    #[test]
    fn edges_written_by_hand_are_serde_json_pretty_bytes() {
        use crate::facts::Evidence;
        use crate::graph::EdgeKind;
        let mut strings: Vec<String> = (0u8..0x20).map(|c| format!("a{}b", c as char)).collect();
        strings.extend(["", "\"", "\\", "x\u{7f}y", "é\u{2028}\u{1F600}", "\u{fffd}"].map(String::from));
        for pad in 0..9 {
            strings.push(format!("{}\"{}\\{}\n", "p".repeat(pad), "q".repeat(pad), "r".repeat(17 - pad)));
        }
        let evidence = |t: &str| Evidence {
            doc: t.into(),
            sentence: 3,
            start: 10,
            end: usize::MAX,
            text: format!("{t} said {t}").into(),
            rule: t.into(),
        };
        for (i, s) in strings.iter().enumerate() {
            let some = || Some(s.clone());
            let mut e = Edge::new([EdgeKind::Contact, EdgeKind::Statement, EdgeKind::PartOf][i % 3]);
            if i % 2 == 0 {
                (e.cameo, e.cue, e.date, e.quote, e.role) = (some(), some(), some(), some(), some());
                (e.plover, e.first_seen, e.last_seen) = (some(), some(), some());
                (e.target_role, e.title, e.what, e.direct) = (some(), some(), some(), Some(i % 4 == 0));
            }
            if i % 5 != 0 {
                e.evidence = vec![evidence(s), evidence("plain")];
            }
            let mut ours = Vec::new();
            push_edge(&mut ours, s, "call:x", i, &e);
            let mut theirs = Vec::new();
            render(&mut theirs, &EdgeOut::new(s, "call:x", i, &e), 2).expect("renders");
            assert_eq!(String::from_utf8_lossy(&ours), String::from_utf8_lossy(&theirs), "{s:?}");
        }
    }

    /// The node writer gives serde_json's bytes for every kind of node and field, full or empty.
    #[test]
    fn nodes_written_by_hand_are_serde_json_pretty_bytes() {
        let strings = ["", "a\"b\\c\u{1}", "plain", "é\u{7f}\t"];
        for (i, s) in strings.iter().enumerate() {
            for kind in [NodeKind::Person, NodeKind::Institution, NodeKind::Call] {
                for full in [false, true] {
                    let mut n = Node::new(s, kind, s);
                    let some = || full.then(|| s.to_string());
                    let many = |k: usize| (0..k).map(|j| format!("{s}{j}")).collect::<Vec<_>>();
                    (n.country, n.date, n.initiator, n.medium, n.status, n.inst_type) =
                        (some(), some(), some(), some(), some(), some());
                    let k = if full { i + 1 } else { 0 };
                    (n.aliases, n.participants, n.sources, n.titles) = (many(k), many(k), many(k), many(k));
                    n.disputed = many(k);
                    n.accounts = (0..k)
                        .map(|j| crate::graph::CallAccount {
                            source: format!("{s}{j}"),
                            outlet: some(),
                            date: some(),
                            initiator: if j % 2 == 0 { some() } else { None },
                            status: s.to_string(),
                            evidence: (0..j)
                                .map(|_| crate::facts::Evidence {
                                    doc: s.to_string().into(),
                                    sentence: j,
                                    start: 1,
                                    end: 2,
                                    text: s.to_string().into(),
                                    rule: "r".into(),
                                })
                                .collect(),
                        })
                        .collect();
                    let mut ours = Vec::new();
                    push_node(&mut ours, &n);
                    let mut theirs = Vec::new();
                    render(&mut theirs, &NodeOut::new(&n), 2).expect("renders");
                    assert_eq!(String::from_utf8_lossy(&ours), String::from_utf8_lossy(&theirs), "{n:?}");
                }
            }
        }
    }

    /// The edge list cut in pieces and parsed on several threads gives the same graph as one parse.
    #[test]
    fn parsing_in_pieces_equals_parsing_whole() {
        let docs = calls(40, " \"Good talks,\" Roe{i} told Reuters.");
        let json = to_string(&crate::build_graph(&docs, crate::rules::Rules::builtin()));
        let whole = from_slice_as(json.as_bytes(), LoadMode::Query).expect("whole");
        for threads in [2, 3, 7] {
            let file = parse_in_pieces(json.as_bytes(), threads).expect("the writer's layout is recognised");
            let pieces = assemble(file).expect("assembles");
            assert_eq!(to_string(&pieces), to_string(&whole), "{threads} pieces");
        }
    }

    /// A file whose top-level edge list is empty but that holds a list laid out like the
    /// writer's edge list inside another object ("graph", whose unknown fields are ignored):
    /// the parse in pieces took that list for the edges, so a large file loaded for queries had
    /// edges that a full load does not (found while writing the `graph_json` fuzz target).
    #[test]
    fn only_the_top_level_edge_list_is_parsed_in_pieces() {
        let docs = calls(10, "");
        let json = to_string(&crate::build_graph(&docs, crate::rules::Rules::builtin()));
        let open = "\n  \"edges\": [\n";
        let (at, end) = (json.find(open).expect("edges"), json.find("\n  ],\n").expect("end of edges") + 6);
        let edges = &json[at..end];
        // the list moved into "graph", at the same indentation; the top-level list left empty
        let moved = json.replacen(edges, "\n  \"edges\": [],\n", 1).replacen(
            "\"graph\": {",
            &format!("\"graph\": {{{}", edges.trim_end()),
            1,
        );
        let full = from_slice(moved.as_bytes()).expect("loads");
        assert_eq!(full.graph.edge_count(), 0);
        for threads in [2, 3] {
            assert!(parse_in_pieces(moved.as_bytes(), threads).is_none(), "{threads} pieces");
        }
        // padded to the size from which queries load in pieces: the same (empty) edge list
        let mut big = moved.into_bytes();
        big.resize(1 << 22, b' ');
        assert_eq!(from_slice_as(&big, LoadMode::Query).expect("loads").graph.edge_count(), 0);
    }

    #[test]
    fn files_that_are_not_ours_say_so() {
        assert!(matches!(from_slice(br#"{"nodes": [], "edges": []}"#), Err(LoadError::NotOurs(_))));
        assert!(matches!(from_slice(br#"{"nodes": ["#), Err(LoadError::Json { .. })));
        let other =
            br#"{"directed": true, "multigraph": true, "graph": {"schema": "other/9"}, "nodes": [], "edges": []}"#;
        assert!(matches!(from_slice(other), Err(LoadError::Schema { .. })));
        let dangling = br#"{"directed": true, "multigraph": true, "graph": {"schema": "switchboard-graph/1"},
            "nodes": [], "edges": [{"source": "a", "target": "b", "key": 0, "kind": "contact"}]}"#;
        assert!(matches!(from_slice(dangling), Err(LoadError::UnknownNode { .. })));
    }
}
