//! Cytoscape.js elements JSON (<https://js.cytoscape.org/#notation/elements-json>): what
//! `cytoscape({ elements })` takes and what Cytoscape desktop imports as `.cyjs`. Every attribute
//! sits in `data` with its JSON type (lists stay arrays, evidence stays objects); edges get ids
//! `e0`, `e1`, ... in the order of `graph.json`.

use super::flat;
use crate::graph::KnowledgeGraph;
use serde_json::{Value, json};

/// The graph as Cytoscape.js elements JSON.
pub fn to_value(g: &KnowledgeGraph) -> Value {
    let nodes: Vec<Value> = flat::nodes(g)
        .map(|(_, n)| {
            let mut data = flat::fields(n);
            data.insert("id".into(), n.id.clone().into());
            json!({ "data": data, "group": "nodes" })
        })
        .collect();
    let edges: Vec<Value> = flat::edges(g)
        .map(|(id, a, b, e)| {
            let mut data = flat::fields(e);
            data.insert("id".into(), id.into());
            data.insert("source".into(), a.into());
            data.insert("target".into(), b.into());
            json!({ "data": data, "group": "edges" })
        })
        .collect();
    json!({
        "format_version": "1.0",
        "generated_by": format!("switchboard {}", env!("CARGO_PKG_VERSION")),
        "data": { "name": "switchboard" },
        "elements": { "nodes": nodes, "edges": edges },
    })
}

/// [`to_value`], pretty-printed with a final newline.
pub fn to_string(g: &KnowledgeGraph) -> String {
    let mut s = serde_json::to_string_pretty(&to_value(g)).unwrap_or_default();
    s.push('\n');
    s
}
