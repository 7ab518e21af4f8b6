//! JSON Graph Format v2 (<https://jsongraphformat.info/>): one graph object whose `nodes` is a map
//! from id to node and whose `edges` are a list; switchboard's attributes sit in `metadata` with
//! their JSON types, the edge kind is also the JGF `relation`.

use super::flat;
use crate::graph::KnowledgeGraph;
use serde_json::{Map, Value, json};

/// The graph as a JGF v2 document.
pub fn to_value(g: &KnowledgeGraph) -> Value {
    let mut nodes = Map::new();
    for (_, n) in flat::nodes(g) {
        let mut meta = flat::fields(n);
        meta.remove("id");
        meta.remove("label");
        nodes.insert(n.id.clone(), json!({ "label": n.label, "metadata": meta }));
    }
    let edges: Vec<Value> = flat::edges(g)
        .map(|(id, a, b, e)| {
            let meta = flat::fields(e);
            json!({
                "id": id,
                "source": a,
                "target": b,
                "relation": e.kind.as_str(),
                "directed": true,
                "label": e.kind.as_str(),
                "metadata": meta,
            })
        })
        .collect();
    json!({
        "graph": {
            "id": "switchboard",
            "type": "switchboard",
            "label": "who contacted whom",
            "directed": true,
            "metadata": {
                "generator": format!("switchboard {}", env!("CARGO_PKG_VERSION")),
                "documents": g.documents,
            },
            "nodes": nodes,
            "edges": edges,
        }
    })
}

/// [`to_value`], pretty-printed with a final newline.
pub fn to_string(g: &KnowledgeGraph) -> String {
    let mut s = serde_json::to_string_pretty(&to_value(g)).unwrap_or_default();
    s.push('\n');
    s
}
