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
