//! Attributes as flat key-value pairs, for the formats that have no nested values (GraphML, GEXF,
//! Neo4j CSV, Cypher). Every node and edge gets the same keys in the same order, so each format
//! can declare them once. Lists (aliases, titles, sources, participants) and evidence are JSON
//! text: lossless, and every client has a JSON parser.

use crate::graph::{AttrType, AttrValue, Edge, KnowledgeGraph, Node};
use petgraph::stable_graph::{EdgeIndex, NodeIndex};

/// The type of an attribute, as formats declare it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ty {
    Str,
    Bool,
}

impl Ty {
    /// The type's name in GraphML (`attr.type`) and GEXF (`type`).
    pub fn xml_name(self) -> &'static str {
        match self {
            Ty::Str => "string",
            Ty::Bool => "boolean",
        }
    }
}

/// A value: text or a boolean.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Val {
    Str(String),
    Bool(bool),
}

impl Val {
    pub fn as_text(&self) -> String {
        match self {
            Val::Str(s) => s.clone(),
            Val::Bool(b) => b.to_string(),
        }
    }
}

/// Node attribute names and types, in output order (the id is not among them).
pub const NODE_KEYS: &[(&str, Ty)] = &[
    ("kind", Ty::Str),
    ("label", Ty::Str),
    ("aliases", Ty::Str),
    ("titles", Ty::Str),
    ("type", Ty::Str),
    ("country", Ty::Str),
    ("sources", Ty::Str),
    ("date", Ty::Str),
    ("status", Ty::Str),
    ("initiator", Ty::Str),
    ("participants", Ty::Str),
    ("medium", Ty::Str),
    ("disputed", Ty::Str),
    ("accounts", Ty::Str),
];

/// Edge attribute names and types, in output order (id, source and target are not among them):
/// the kind, [`Edge::ATTRIBUTES`], the evidence.
pub const EDGE_KEYS: &[(&str, Ty)] = &{
    let mut keys = [("kind", Ty::Str); Edge::ATTRIBUTES.len() + 2];
    let mut i = 0;
    while i < Edge::ATTRIBUTES.len() {
        let (name, ty) = Edge::ATTRIBUTES[i];
        keys[i + 1] = (name, if matches!(ty, AttrType::Bool) { Ty::Bool } else { Ty::Str });
        i += 1;
    }
    keys[Edge::ATTRIBUTES.len() + 1] = ("evidence", Ty::Str);
    keys
};

fn json_list(v: &[String]) -> Option<Val> {
    (!v.is_empty()).then(|| Val::Str(serde_json::to_string(v).unwrap_or_default()))
}

fn text(v: &Option<String>) -> Option<Val> {
    v.clone().map(Val::Str)
}

/// A node's values in [`NODE_KEYS`] order; `None` where it has none.
pub fn node_values(n: &Node) -> [Option<Val>; 14] {
    [
        Some(Val::Str(n.kind.as_str().to_string())),
        Some(Val::Str(n.label.clone())),
        json_list(&n.aliases),
        json_list(&n.titles),
        text(&n.inst_type),
        text(&n.country),
        json_list(&n.sources),
        text(&n.date),
        text(&n.status),
        text(&n.initiator),
        json_list(&n.participants),
        text(&n.medium),
        json_list(&n.disputed),
        (!n.accounts.is_empty()).then(|| Val::Str(serde_json::to_string(&n.accounts).unwrap_or_default())),
    ]
}

/// An edge's values in [`EDGE_KEYS`] order; `None` where it has none.
pub fn edge_values(e: &Edge) -> Vec<Option<Val>> {
    let mut v = Vec::with_capacity(EDGE_KEYS.len());
    v.push(Some(Val::Str(e.kind.as_str().to_string())));
    v.extend(e.attributes().into_iter().map(|a| {
        a.map(|a| match a {
            AttrValue::Text(t) => Val::Str(t.to_string()),
            AttrValue::Bool(b) => Val::Bool(b),
        })
    }));
    v.push((!e.evidence.is_empty()).then(|| Val::Str(serde_json::to_string(&e.evidence).unwrap_or_default())));
    v
}

/// A node's or edge's serde fields as a JSON object, for the formats that keep nested values
/// (Cytoscape.js, JGF).
pub fn fields<T: serde::Serialize>(x: &T) -> serde_json::Map<String, serde_json::Value> {
    match serde_json::to_value(x) {
        Ok(serde_json::Value::Object(m)) => m,
        _ => serde_json::Map::new(),
    }
}

/// The nodes in output order (the order of `graph.json`).
pub fn nodes(g: &KnowledgeGraph) -> impl Iterator<Item = (NodeIndex, &Node)> {
    g.graph.node_indices().map(move |ix| (ix, &g.graph[ix]))
}

/// The edges in output order with their ids (`e0`, `e1`, ... in the order of `graph.json`),
/// source and target ids.
pub fn edges(g: &KnowledgeGraph) -> impl Iterator<Item = (String, &str, &str, &Edge)> {
    g.graph.edge_indices().enumerate().filter_map(move |(i, e): (usize, EdgeIndex)| {
        let (a, b) = g.graph.edge_endpoints(e)?;
        Some((format!("e{i}"), g.graph[a].id.as_str(), g.graph[b].id.as_str(), &g.graph[e]))
    })
}

/// Text that XML 1.0 can hold: characters it forbids (most C0 controls, lone surrogates cannot
/// occur in Rust strings, U+FFFE/U+FFFF) become U+FFFD.
pub fn xml_safe(c: char) -> char {
    match c {
        '\t' | '\n' | '\r' => c,
        c if (c as u32) < 0x20 => '\u{fffd}',
        '\u{fffe}' | '\u{ffff}' => '\u{fffd}',
        c => c,
    }
}

/// Escape text for an XML attribute value or element content (quotes and line breaks included,
/// so attribute values keep their newlines).
pub fn xml_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars().map(xml_safe) {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\n' => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            '\t' => out.push_str("&#9;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn xml_escape_keeps_text_and_replaces_what_xml_cannot_hold() {
        assert_eq!(xml_escape("a<b & \"c\" 'd'"), "a&lt;b &amp; &quot;c&quot; &apos;d&apos;");
        assert_eq!(xml_escape("line\nnext\u{1}"), "line&#10;next\u{fffd}");
        assert_eq!(xml_escape("Дмитрий é"), "Дмитрий é");
    }

    #[test]
    fn keys_and_values_line_up() {
        let n = Node::new("person:a", crate::graph::NodeKind::Person, "A");
        assert_eq!(node_values(&n).len(), NODE_KEYS.len());
        assert_eq!(NODE_KEYS[1].0, "label");
        assert_eq!(node_values(&n)[1], Some(Val::Str("A".into())));
    }
}
