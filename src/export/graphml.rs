//! GraphML (<http://graphml.graphdrawing.org/>) with typed attribute keys, for Gephi, yEd, igraph
//! and NetworkX. Keys are `n_<name>` for nodes and `e_<name>` for edges, declared once with their
//! `attr.name` and `attr.type`; a node or edge writes only the values it has.

use super::flat::{self, xml_escape};
use crate::graph::KnowledgeGraph;
use std::fmt::Write;

/// The graph as a GraphML document.
pub fn to_string(g: &KnowledgeGraph) -> String {
    let mut s = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\" \
         xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" \
         xsi:schemaLocation=\"http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd\">\n",
    );
    for (name, t) in flat::NODE_KEYS {
        let _ =
            writeln!(s, "  <key id=\"n_{name}\" for=\"node\" attr.name=\"{name}\" attr.type=\"{}\"/>", t.xml_name());
    }
    for (name, t) in flat::EDGE_KEYS {
        let _ =
            writeln!(s, "  <key id=\"e_{name}\" for=\"edge\" attr.name=\"{name}\" attr.type=\"{}\"/>", t.xml_name());
    }
    s.push_str("  <graph id=\"switchboard\" edgedefault=\"directed\">\n");
    for (_, n) in flat::nodes(g) {
        let _ = writeln!(s, "    <node id=\"{}\">", xml_escape(&n.id));
        for ((name, _), v) in flat::NODE_KEYS.iter().zip(flat::node_values(n)) {
            if let Some(v) = v {
                let _ = writeln!(s, "      <data key=\"n_{name}\">{}</data>", xml_escape(&v.as_text()));
            }
        }
        s.push_str("    </node>\n");
    }
    for (id, a, b, e) in flat::edges(g) {
        let _ = writeln!(s, "    <edge id=\"{id}\" source=\"{}\" target=\"{}\">", xml_escape(a), xml_escape(b));
        for ((name, _), v) in flat::EDGE_KEYS.iter().zip(flat::edge_values(e)) {
            if let Some(v) = v {
                let _ = writeln!(s, "      <data key=\"e_{name}\">{}</data>", xml_escape(&v.as_text()));
            }
        }
        s.push_str("    </edge>\n");
    }
    s.push_str("  </graph>\n</graphml>\n");
    s
}
