//! GEXF 1.3 (<https://gexf.net/>), Gephi's own format. Attributes are declared per class with
//! their names as ids; each edge carries its kind as `label` and as GEXF's edge `kind`, so
//! parallel edges of different kinds stay apart in Gephi.

use super::flat::{self, xml_escape};
use crate::graph::KnowledgeGraph;
use std::fmt::Write;

/// The graph as a GEXF 1.3 document.
pub fn to_string(g: &KnowledgeGraph) -> String {
    let mut s = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<gexf xmlns=\"http://gexf.net/1.3\" \
         xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" \
         xsi:schemaLocation=\"http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd\" version=\"1.3\">\n",
    );
    let _ = writeln!(
        s,
        "  <meta>\n    <creator>switchboard {}</creator>\n    <description>who contacted whom, from {} documents</description>\n  </meta>",
        env!("CARGO_PKG_VERSION"),
        g.documents.len()
    );
    s.push_str("  <graph defaultedgetype=\"directed\" mode=\"static\">\n    <attributes class=\"node\">\n");
    // the label is GEXF's own node label
    for (name, t) in flat::NODE_KEYS.iter().filter(|(n, _)| *n != "label") {
        let _ = writeln!(s, "      <attribute id=\"{name}\" title=\"{name}\" type=\"{}\"/>", t.xml_name());
    }
    s.push_str("    </attributes>\n    <attributes class=\"edge\">\n");
    for (name, t) in flat::EDGE_KEYS {
        let _ = writeln!(s, "      <attribute id=\"{name}\" title=\"{name}\" type=\"{}\"/>", t.xml_name());
    }
    s.push_str("    </attributes>\n    <nodes>\n");
    for (_, n) in flat::nodes(g) {
        let _ = writeln!(s, "      <node id=\"{}\" label=\"{}\">", xml_escape(&n.id), xml_escape(&n.label));
        s.push_str("        <attvalues>\n");
        for ((name, _), v) in flat::NODE_KEYS.iter().zip(flat::node_values(n)) {
            if let (Some(v), false) = (v, *name == "label") {
                let _ = writeln!(s, "          <attvalue for=\"{name}\" value=\"{}\"/>", xml_escape(&v.as_text()));
            }
        }
        s.push_str("        </attvalues>\n      </node>\n");
    }
    s.push_str("    </nodes>\n    <edges>\n");
    for (id, a, b, e) in flat::edges(g) {
        let kind = e.kind.as_str();
        let _ = writeln!(
            s,
            "      <edge id=\"{id}\" source=\"{}\" target=\"{}\" label=\"{kind}\" kind=\"{kind}\">",
            xml_escape(a),
            xml_escape(b)
        );
        s.push_str("        <attvalues>\n");
        for ((name, _), v) in flat::EDGE_KEYS.iter().zip(flat::edge_values(e)) {
            if let Some(v) = v {
                let _ = writeln!(s, "          <attvalue for=\"{name}\" value=\"{}\"/>", xml_escape(&v.as_text()));
            }
        }
        s.push_str("        </attvalues>\n      </edge>\n");
    }
    s.push_str("    </edges>\n  </graph>\n</gexf>\n");
    s
}
