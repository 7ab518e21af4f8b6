//! # Graphviz DOT: a picture people want to look at
//!
//! People are blue ellipses, institutions yellow boxes (countries and capitals grey), calls green
//! diamonds labelled with their date. Contacts are green lines (bold from the initiator), refusals
//! red dashed arrows, affiliations grey dotted, successions purple. Statements are summarised as
//! one blue edge "N statements" per speaker and audience, unless `statements` asks for every
//! quote. A legend cluster explains the marks.
//!
//! `dot-writer` quotes but does not escape, so every id and label goes through [`quoted`] /
//! [`escape`]: backslashes and double quotes are escaped, line breaks become `\n`, other control
//! characters are dropped. Graphviz reads the rest (UTF-8) as it is.

use std::collections::BTreeMap;

use dot_writer::{Attributes, DotWriter};

use crate::graph::{EdgeKind, KnowledgeGraph, NodeKind};

/// What the picture shows.
#[derive(Debug, Clone, Copy, Default)]
pub struct DotOptions {
    /// One edge per statement, labelled with the quote, instead of a summary edge per pair.
    pub statements: bool,
    /// Draw nodes that have no edge to another node too (the JSON always has them).
    pub isolated: bool,
}

/// The ids of the nodes the picture shows: those with an edge to another node, or all.
pub fn drawn_nodes(g: &KnowledgeGraph, opts: DotOptions) -> std::collections::BTreeSet<String> {
    let mut out = std::collections::BTreeSet::new();
    for e in g.graph.edge_indices() {
        if let Some((a, b)) = g.graph.edge_endpoints(e) {
            if a != b {
                out.insert(g.graph[a].id.clone());
                out.insert(g.graph[b].id.clone());
            }
        }
    }
    if opts.isolated {
        out.extend(g.nodes().map(|n| n.id.clone()));
    }
    out
}

/// Escape text for a double-quoted DOT string.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            // Graphviz reads HTML entities in labels: a literal "&amp;" must stay itself
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            '\r' | '\t' => out.push(' '),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// A DOT id: always a quoted, escaped string.
pub fn quoted(s: &str) -> String {
    format!("\"{}\"", escape(s))
}

fn shorten(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        return s.to_string();
    }
    let mut t: String = s.chars().take(max).collect();
    t.push('\u{2026}');
    t
}

/// Render the graph as DOT.
pub fn to_string(g: &KnowledgeGraph, opts: DotOptions) -> String {
    let mut out = Vec::new();
    {
        let mut w = DotWriter::from(&mut out);
        w.set_pretty_print(true);
        let mut dg = w.digraph();
        let docs = g.documents.len();
        let drawn = drawn_nodes(g, opts);
        let hidden = g.graph.node_count() - drawn.len();
        let note = if hidden > 0 {
            format!("\n{hidden} unconnected node(s) not drawn; all are in graph.json")
        } else {
            String::new()
        };
        dg.graph_attributes()
            .set("rankdir", "LR", false)
            .set("fontname", "Helvetica", true)
            .set("labelloc", "t", false)
            .set(
                "label",
                &escape(&format!(
                    "switchboard: who contacted whom ({docs} document{}){note}",
                    if docs == 1 { "" } else { "s" }
                )),
                true,
            )
            .set("nodesep", "0.35", false)
            .set("ranksep", "0.6", false);
        dg.node_attributes()
            .set("fontname", "Helvetica", true)
            .set("fontsize", "11", false)
            .set("style", "filled", true);
        dg.edge_attributes().set("fontname", "Helvetica", true).set("fontsize", "9", false);

        for ix in g.graph.node_indices() {
            let n = &g.graph[ix];
            if !drawn.contains(&n.id) {
                continue;
            }
            let id = quoted(&n.id);
            let mut node = dg.node_named(id);
            match n.kind {
                NodeKind::Person => {
                    let title = n
                        .titles
                        .iter()
                        .min_by_key(|t| t.len())
                        .map(|t| format!("\n{}", shorten(t, 40)))
                        .unwrap_or_default();
                    node.set("label", &escape(&format!("{}{}", n.label, title)), true)
                        .set("shape", "ellipse", false)
                        .set("fillcolor", "#cfe2f3", true)
                        .set("color", "#3d85c6", true);
                }
                NodeKind::Institution => {
                    let place = matches!(n.inst_type.as_deref(), Some("country") | Some("capital"));
                    node.set("label", &escape(&n.label), true)
                        .set("shape", "box", false)
                        .set("style", "filled,rounded", true)
                        .set("fillcolor", if place { "#eeeeee" } else { "#fff2cc" }, true)
                        .set("color", if place { "#999999" } else { "#bf9000" }, true);
                }
                NodeKind::Call => {
                    let date = n.date.clone().unwrap_or_else(|| "date unknown".into());
                    let status = match n.status.as_deref() {
                        Some("held") | None => String::new(),
                        Some(s) => format!("\n({s})"),
                    };
                    let medium = n.medium.as_deref().map(|m| format!("{m} call")).unwrap_or_else(|| "call".into());
                    node.set("label", &escape(&format!("{medium}\n{date}{status}")), true)
                        .set("shape", "diamond", false)
                        .set("fillcolor", "#d9ead3", true)
                        .set("color", "#6aa84f", true)
                        .set("fontsize", "9", false);
                }
            }
        }

        // statements summarised per (speaker, target) unless every one is wanted
        let mut summary: BTreeMap<(String, String), usize> = BTreeMap::new();
        for e in g.graph.edge_indices() {
            let Some((a, b)) = g.graph.edge_endpoints(e) else {
                continue;
            };
            let (s, t) = (&g.graph[a].id, &g.graph[b].id);
            if !drawn.contains(s) || !drawn.contains(t) {
                continue;
            }
            let edge = &g.graph[e];
            match edge.kind {
                EdgeKind::Statement => {
                    if opts.statements {
                        let q = edge.quote.as_deref().unwrap_or("");
                        dg.edge(quoted(s), quoted(t))
                            .attributes()
                            .set("label", &escape(&format!("\u{201c}{}\u{201d}", shorten(q, 60))), true)
                            .set("color", "#3d85c6", true)
                            .set("fontcolor", "#3d85c6", true);
                    } else if s != t {
                        *summary.entry((s.clone(), t.clone())).or_default() += 1;
                    }
                }
                EdgeKind::Contact => {
                    let initiator = edge.role.as_deref() == Some("initiator");
                    let mut a = dg.edge(quoted(s), quoted(t)).attributes();
                    a.set("color", "#6aa84f", true).set("arrowhead", "none", false);
                    if initiator {
                        a.set("penwidth", "2.5", false).set("label", "initiated", true).set(
                            "fontcolor",
                            "#38761d",
                            true,
                        );
                    }
                }
                EdgeKind::Refusal => {
                    let what = edge.what.as_deref().unwrap_or("contact");
                    dg.edge(quoted(s), quoted(t))
                        .attributes()
                        .set("color", "#cc0000", true)
                        .set("style", "dashed", true)
                        .set("penwidth", "1.8", false)
                        .set("label", &escape(&format!("refused {what}")), true)
                        .set("fontcolor", "#cc0000", true);
                }
                EdgeKind::Affiliation => {
                    dg.edge(quoted(s), quoted(t))
                        .attributes()
                        .set("color", "#999999", true)
                        .set("style", "dotted", true)
                        .set("arrowhead", "empty", false);
                }
                EdgeKind::Succeeded => {
                    dg.edge(quoted(s), quoted(t))
                        .attributes()
                        .set("color", "#674ea7", true)
                        .set("style", "dotted", true)
                        .set("label", "succeeded", true)
                        .set("fontcolor", "#674ea7", true);
                }
            }
        }
        for ((s, t), n) in summary {
            dg.edge(quoted(&s), quoted(&t))
                .attributes()
                .set("label", &escape(&format!("{n} statement{}", if n == 1 { "" } else { "s" })), true)
                .set("color", "#3d85c6", true)
                .set("fontcolor", "#3d85c6", true)
                .set("style", "solid", true)
                .set("arrowsize", "0.6", false);
        }

        // legend
        let mut legend = dg.cluster();
        legend
            .graph_attributes()
            .set("label", "Legend", true)
            .set("style", "rounded", true)
            .set("color", "#cccccc", true)
            .set("fontsize", "10", false);
        legend.node_named(quoted("legend:person")).set("label", "person", true).set("shape", "ellipse", false).set(
            "fillcolor",
            "#cfe2f3",
            true,
        );
        legend
            .node_named(quoted("legend:institution"))
            .set("label", "institution", true)
            .set("shape", "box", false)
            .set("style", "filled,rounded", true)
            .set("fillcolor", "#fff2cc", true);
        legend
            .node_named(quoted("legend:call"))
            .set("label", &escape("call\ndate"), true)
            .set("shape", "diamond", false)
            .set("fillcolor", "#d9ead3", true)
            .set("fontsize", "9", false);
        legend.node_named(quoted("legend:other")).set("label", "person", true).set("shape", "ellipse", false).set(
            "fillcolor",
            "#cfe2f3",
            true,
        );
        legend
            .node_named(quoted("legend:place"))
            .set("label", "country / capital", true)
            .set("shape", "box", false)
            .set("style", "filled,rounded", true)
            .set("fillcolor", "#eeeeee", true);
        legend
            .edge(quoted("legend:person"), quoted("legend:call"))
            .attributes()
            .set("label", "took part (bold: initiated)", true)
            .set("color", "#6aa84f", true)
            .set("arrowhead", "none", false);
        legend
            .edge(quoted("legend:other"), quoted("legend:person"))
            .attributes()
            .set("label", "refused", true)
            .set("color", "#cc0000", true)
            .set("style", "dashed", true)
            .set("fontcolor", "#cc0000", true);
        legend
            .edge(quoted("legend:person"), quoted("legend:institution"))
            .attributes()
            .set("label", "affiliated", true)
            .set("color", "#999999", true)
            .set("style", "dotted", true)
            .set("arrowhead", "empty", false);
        legend
            .edge(quoted("legend:other"), quoted("legend:place"))
            .attributes()
            .set("label", "N statements", true)
            .set("color", "#3d85c6", true)
            .set("fontcolor", "#3d85c6", true);
    }
    String::from_utf8(out).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_handles_quotes_backslashes_newlines_and_controls() {
        assert_eq!(escape(r#"a "b" \c"#), r#"a \"b\" \\c"#);
        assert_eq!(escape("x\ny\u{7}z"), "x\\nyz");
        assert_eq!(escape("Erdoğan"), "Erdoğan");
        assert_eq!(escape("AT&T"), "AT&amp;T");
        assert_eq!(quoted(r#"x"]; a -> b; //"#), r#""x\"]; a -> b; //""#);
    }
}
