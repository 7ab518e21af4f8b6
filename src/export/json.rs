//! # The graph JSON contract (NetworkX node-link)
//!
//! `{"directed": true, "multigraph": true, "graph": {schema, generator, documents}, "nodes": [...],
//! "edges": [{source, target, key, kind, ..., evidence}]}`, loadable with
//! `networkx.node_link_graph(data, edges="edges")`. Nodes sorted by id, edges in the graph's
//! order; `key` numbers the edges between the same two nodes. Call nodes always carry `date`
//! (null when unknown). See `docs/graph-json.md`.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

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
    date: Option<String>,
    #[serde(default)]
    evidence: Vec<crate::events::Evidence>,
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
            date: self.date,
            evidence: self.evidence,
        };
        (self.source, self.target, edge)
    }
}

/// The file as read: nodes and flat edges.
#[derive(Debug, Deserialize)]
struct GraphIn {
    directed: bool,
    multigraph: bool,
    graph: GraphAttrs,
    nodes: Vec<Node>,
    edges: Vec<EdgeIn>,
}

/// Serialise the graph as pretty-printed JSON (with a final newline).
pub fn to_string(g: &KnowledgeGraph) -> String {
    let mut nodes = Vec::new();
    for ix in g.graph.node_indices() {
        let n = &g.graph[ix];
        let mut v = serde_json::to_value(n).unwrap_or(Value::Null);
        if n.kind == NodeKind::Call {
            if let Value::Object(m) = &mut v {
                m.insert("date".into(), n.date.clone().map(Value::String).unwrap_or(Value::Null));
            }
        }
        nodes.push(v);
    }
    let mut keys: BTreeMap<(String, String), usize> = BTreeMap::new();
    let mut edges = Vec::new();
    for e in g.graph.edge_indices() {
        let Some((a, b)) = g.graph.edge_endpoints(e) else {
            continue;
        };
        let (s, t) = (g.graph[a].id.clone(), g.graph[b].id.clone());
        let k = keys.entry((s.clone(), t.clone())).or_insert(0);
        let rec = EdgeRecord { source: s, target: t, key: *k, edge: g.graph[e].clone() };
        *k += 1;
        edges.push(serde_json::to_value(&rec).unwrap_or(Value::Null));
    }
    let mut graph = Map::new();
    graph.insert("schema".into(), SCHEMA.into());
    graph.insert("generator".into(), format!("switchboard {}", env!("CARGO_PKG_VERSION")).into());
    graph.insert("documents".into(), serde_json::to_value(&g.documents).unwrap_or(Value::Null));
    let mut root = Map::new();
    root.insert("directed".into(), true.into());
    root.insert("multigraph".into(), true.into());
    root.insert("graph".into(), Value::Object(graph));
    root.insert("nodes".into(), Value::Array(nodes));
    root.insert("edges".into(), Value::Array(edges));
    let mut s = serde_json::to_string_pretty(&Value::Object(root)).unwrap_or_default();
    s.push('\n');
    s
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
    // a quick look first, so a file that is not ours says so instead of naming a missing field
    let file: GraphIn = serde_json::from_slice(bytes).map_err(|e| {
        if e.is_data() {
            let probe: Result<serde_json::Value, _> = serde_json::from_slice(bytes);
            match probe {
                Ok(v) if v.get("graph").and_then(|g| g.get("schema")).is_none() => {
                    return LoadError::NotOurs("it has no graph.schema (was it written by switchboard build?)".into());
                }
                _ => {}
            }
        }
        LoadError::Json { line: e.line(), column: e.column(), message: e.to_string() }
    })?;
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

    #[test]
    fn a_graph_reads_back_into_the_same_json() {
        let docs = vec![crate::input::Document {
            name: "a.txt".into(),
            text: "Defense Secretary Jane Roe spoke by phone with Defense Minister Ivan Petrov on Monday.".into(),
            meta: Default::default(),
        }];
        let g = crate::build_graph(&docs);
        let json = to_string(&g);
        let back = from_slice(json.as_bytes()).expect("reads back");
        assert_eq!(to_string(&back), json);
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
