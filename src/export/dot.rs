//! # Graphviz DOT: a picture people want to look at
//!
//! People are blue ellipses, institutions yellow boxes (countries and capitals grey), calls green
//! diamonds labelled with their date. Contacts are green lines (bold from the initiator), refusals
//! red dashed arrows, affiliations grey dotted, successions purple. Statements are summarised as
//! one blue edge "N statements" per speaker and audience, unless `statements` asks for every
//! quote. A legend cluster explains the marks.
//!
//! `dot-writer` quotes but does not escape, so every id goes through [`quoted`] and every label
//! through [`label`] (see `docs/formats.md`, "Hostile strings"). A label is text for people:
//! backslashes, double quotes and `&` are escaped, line breaks become `\n`, a tab a space, and
//! what an SVG cannot hold becomes U+FFFD. An id must stay apart from every other id: it keeps
//! every character, control characters as `\u{..}`. Text longer than Graphviz reads in one quoted
//! string is written as pieces joined with `+`.

use std::fmt::Write;

use dot_writer::{Attributes, DotWriter};

use crate::graph::{EdgeKind, KnowledgeGraph, NodeKind};

/// What the picture shows.
#[derive(Debug, Clone, Default)]
pub struct DotOptions {
    /// One edge per statement, labelled with the quote, instead of a summary edge per pair.
    pub statements: bool,
    /// Draw nodes that have no edge to another node too (the JSON always has them).
    pub isolated: bool,
    /// Draw only these nodes (and the edges among them): a path or a neighbourhood.
    pub subset: Option<std::collections::BTreeSet<String>>,
    /// Node pairs (in path order) whose edges are drawn bold: the path.
    pub highlight: Vec<(String, String)>,
    /// A heading instead of the default one.
    pub title: Option<String>,
}

/// The ids of the nodes the picture shows: those with an edge to another node, or all.
pub fn drawn_nodes(g: &KnowledgeGraph, opts: &DotOptions) -> std::collections::BTreeSet<String> {
    if let Some(subset) = &opts.subset {
        return subset.clone();
    }
    let drawn = drawn_mask(g, opts);
    g.graph.node_indices().filter(|ix| drawn[ix.index()]).map(|ix| g.graph[ix].id.clone()).collect()
}

/// [`drawn_nodes`] as a flag per node index.
fn drawn_mask(g: &KnowledgeGraph, opts: &DotOptions) -> Vec<bool> {
    let bound = g.graph.node_indices().map(|ix| ix.index() + 1).max().unwrap_or(0);
    let mut drawn = vec![false; bound];
    for ix in g.graph.node_indices() {
        drawn[ix.index()] = match &opts.subset {
            Some(subset) => subset.contains(&g.graph[ix].id),
            None => opts.isolated,
        };
    }
    if opts.subset.is_none() {
        for e in g.graph.edge_indices() {
            if let Some((a, b)) = g.graph.edge_endpoints(e) {
                if a != b {
                    drawn[a.index()] = true;
                    drawn[b.index()] = true;
                }
            }
        }
    }
    drawn
}

/// Attributes of one edge: name, value, and whether the value is quoted.
type Attrs = Vec<(&'static str, String, bool)>;

/// The longest quoted string written whole, in bytes. Graphviz 2.x fails on a quoted string with
/// 16,384 bytes or more between two escapes ("longer than 16384?"), so longer text goes out as
/// pieces joined with DOT's `+` (`"ab" + "cd"` is `"abcd"`).
const PIECE_BYTES: usize = 8192;

/// Characters a label cannot show and an SVG (XML 1.0) cannot hold: control characters other
/// than line breaks and tabs, and the non-characters U+FFFE and U+FFFF.
fn unprintable(c: char) -> bool {
    c.is_control() || c == '\u{fffe}' || c == '\u{ffff}'
}

/// Text that [`escape`] and [`quoted`] leave as it is (most ids and labels): printable ASCII
/// without backslashes, double quotes or ampersands.
fn plain(s: &str) -> bool {
    s.bytes().all(|b| (0x20..0x7f).contains(&b) && !matches!(b, b'\\' | b'"' | b'&'))
}

/// Escape label text for a double-quoted DOT string (without the quotes). Backslashes and double
/// quotes are escaped; `&` becomes `&amp;`, because Graphviz reads HTML entities in labels; a line
/// break (LF, CR LF or CR) becomes DOT's `\n`; a tab becomes a space; any other control character
/// (C0, DEL, C1) and U+FFFE, U+FFFF become U+FFFD. Graphviz reads the rest (UTF-8) as it is.
pub fn escape(s: &str) -> String {
    if plain(s) {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len() + 2);
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            '\r' => {
                // CR LF is one line break
                if chars.peek() != Some(&'\n') {
                    out.push_str("\\n");
                }
            }
            '\t' => out.push(' '),
            c if unprintable(c) => out.push('\u{fffd}'),
            c => out.push(c),
        }
    }
    out
}

/// A label: [`escape`]d text in double quotes (in pieces when it is long).
pub fn label(s: &str) -> String {
    in_quotes(&escape(s))
}

/// A DOT id: always quoted, and escaped so that two different ids are two different names for
/// Graphviz. Backslashes and double quotes are escaped, `&` becomes `&amp;` (an SVG shows the id
/// as the node's title), a line feed becomes `\n`, and any other control character and U+FFFE,
/// U+FFFF become `\u{hex}` (Graphviz keeps these sequences as they are, so no character is lost
/// and no two ids meet). An id that begins with `legend:` has its `l` written `\u{6c}`: it cannot
/// become one of the legend's nodes.
pub fn quoted(s: &str) -> String {
    if plain(s) && !s.starts_with("legend:") {
        return in_quotes(s);
    }
    let mut out = String::with_capacity(s.len() + 2);
    let (first, rest) = match s.strip_prefix("legend:") {
        Some(rest) => ("\\u{6c}egend:", rest),
        None => ("", s),
    };
    out.push_str(first);
    for c in rest.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            c if unprintable(c) => {
                let _ = write!(out, "\\u{{{:x}}}", c as u32);
            }
            c => out.push(c),
        }
    }
    in_quotes(&out)
}

/// A legend node's id: `legend:` and a plain name, which no escaped graph id can equal.
fn legend_id(name: &str) -> String {
    format!("\"legend:{name}\"")
}

/// Escaped text in double quotes; text over [`PIECE_BYTES`] is cut into pieces joined with ` + `,
/// never inside an escape (after an odd run of backslashes).
fn in_quotes(escaped: &str) -> String {
    if escaped.len() <= PIECE_BYTES {
        let mut out = String::with_capacity(escaped.len() + 2);
        out.push('"');
        out.push_str(escaped);
        out.push('"');
        return out;
    }
    let mut out = String::with_capacity(escaped.len() + escaped.len() / PIECE_BYTES * 5 + 2);
    out.push('"');
    let (mut piece, mut backslashes) = (0, 0);
    for c in escaped.chars() {
        if piece + c.len_utf8() > PIECE_BYTES && backslashes % 2 == 0 {
            out.push_str("\" + \"");
            piece = 0;
        }
        out.push(c);
        piece += c.len_utf8();
        backslashes = if c == '\\' { backslashes + 1 } else { 0 };
    }
    out.push('"');
    out
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
// (Long, kept whole: it writes the picture top to bottom (header, legend, clusters, nodes,
// edges) into one writer; the sections are commented blocks in the order Graphviz reads them.)
pub fn to_string(g: &KnowledgeGraph, opts: &DotOptions) -> String {
    let mut out = Vec::new();
    {
        let mut w = DotWriter::from(&mut out);
        // also what writes ids and labels, which come quoted, as they are: without it dot-writer
        // drops the white space of unquoted values
        w.set_pretty_print(true);
        let mut dg = w.digraph();
        let docs = g.documents.len();
        let drawn = drawn_mask(g, opts);
        let drawn_count = drawn.iter().filter(|&&d| d).count();
        let on_path = |s: &str, t: &str| opts.highlight.iter().any(|(a, b)| (a == s && b == t) || (a == t && b == s));
        let path_nodes: std::collections::BTreeSet<&str> =
            opts.highlight.iter().flat_map(|(a, b)| [a.as_str(), b.as_str()]).collect();
        let hidden = g.graph.node_count() - drawn_count;
        let note = if hidden > 0 && opts.subset.is_none() {
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
            if !drawn[ix.index()] {
                continue;
            }
            let id = quoted(&n.id);
            let mut node = dg.node_named(id);
            if path_nodes.contains(n.id.as_str()) {
                node.set("penwidth", "3", false);
            }
            match n.kind {
                NodeKind::Person => {
                    let title = n
                        .titles
                        .iter()
                        .min_by_key(|t| t.len())
                        .map(|t| format!("\n{}", shorten(t, 40)))
                        .unwrap_or_default();
                    node.set("label", &label(&format!("{}{}", n.label, title)), false)
                        .set("shape", "ellipse", false)
                        .set("fillcolor", "#cfe2f3", true)
                        .set("color", "#3d85c6", true);
                }
                NodeKind::Institution => {
                    let place = matches!(n.inst_type.as_deref(), Some("country") | Some("capital"));
                    node.set("label", &label(&n.label), false)
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
                    node.set("label", &label(&format!("{medium}\n{date}{status}")), false)
                        .set("shape", "diamond", false)
                        .set("fillcolor", "#d9ead3", true)
                        .set("color", "#6aa84f", true)
                        .set("fontsize", "9", false);
                }
            }
        }

        // statements summarised per (speaker, target) unless every one is wanted
        // (counted by node pair, then put in the order of their ids)
        let mut summary: rustc_hash::FxHashMap<(&str, &str), usize> = rustc_hash::FxHashMap::default();
        // one attribute list per edge, so the path can be drawn bold in one place
        let mut drawn_edges: Vec<(&str, &str, Attrs)> = Vec::new();
        for e in g.graph.edge_indices() {
            let Some((a, b)) = g.graph.edge_endpoints(e) else {
                continue;
            };
            if !drawn[a.index()] || !drawn[b.index()] {
                continue;
            }
            let (s, t) = (g.graph[a].id.as_str(), g.graph[b].id.as_str());
            let edge = &g.graph[e];
            let q = |v: &str| v.to_string();
            let attrs: Attrs = match edge.kind {
                EdgeKind::Statement if !opts.statements => {
                    if s != t {
                        *summary.entry((s, t)).or_default() += 1;
                    }
                    continue;
                }
                EdgeKind::Statement => {
                    let text = edge.quote.as_deref().unwrap_or("");
                    vec![
                        ("label", label(&format!("\u{201c}{}\u{201d}", shorten(text, 60))), false),
                        ("color", q("#3d85c6"), true),
                        ("fontcolor", q("#3d85c6"), true),
                    ]
                }
                EdgeKind::Contact => {
                    let mut v = vec![("color", q("#6aa84f"), true), ("arrowhead", q("none"), false)];
                    if edge.role.as_deref() == Some("initiator") {
                        v.extend([
                            ("penwidth", q("2.5"), false),
                            ("label", q("initiated"), true),
                            ("fontcolor", q("#38761d"), true),
                        ]);
                    }
                    v
                }
                EdgeKind::Refusal => vec![
                    ("color", q("#cc0000"), true),
                    ("style", q("dashed"), true),
                    ("penwidth", q("1.8"), false),
                    ("label", label(&format!("refused {}", edge.what.as_deref().unwrap_or("contact"))), false),
                    ("fontcolor", q("#cc0000"), true),
                ],
                EdgeKind::Affiliation => {
                    vec![("color", q("#999999"), true), ("style", q("dotted"), true), ("arrowhead", q("empty"), false)]
                }
                EdgeKind::PartOf => {
                    vec![("color", q("#bbbbbb"), true), ("style", q("dotted"), true), ("arrowhead", q("odot"), false)]
                }
                EdgeKind::Succeeded => vec![
                    ("color", q("#674ea7"), true),
                    ("style", q("dotted"), true),
                    ("label", q("succeeded"), true),
                    ("fontcolor", q("#674ea7"), true),
                ],
            };
            drawn_edges.push((s, t, attrs));
        }
        let mut summary: Vec<((&str, &str), usize)> = summary.into_iter().collect();
        summary.sort_unstable();
        for ((s, t), n) in summary {
            let attrs = vec![
                ("label", label(&format!("{n} statement{}", if n == 1 { "" } else { "s" })), false),
                ("color", "#3d85c6".to_string(), true),
                ("fontcolor", "#3d85c6".to_string(), true),
                ("style", "solid".to_string(), true),
                ("arrowsize", "0.6".to_string(), false),
            ];
            drawn_edges.push((s, t, attrs));
        }
        for (s, t, mut attrs) in drawn_edges {
            if on_path(s, t) {
                attrs.retain(|(k, _, _)| *k != "penwidth");
                attrs.push(("penwidth", "4".to_string(), false));
            }
            let mut list = dg.edge(quoted(s), quoted(t)).attributes();
            for (k, v, quote) in &attrs {
                list.set(k, v, *quote);
            }
        }

        // legend
        let mut legend = dg.cluster();
        legend
            .graph_attributes()
            .set("label", "Legend", true)
            .set("style", "rounded", true)
            .set("color", "#cccccc", true)
            .set("fontsize", "10", false);
        legend.node_named(legend_id("person")).set("label", "person", true).set("shape", "ellipse", false).set(
            "fillcolor",
            "#cfe2f3",
            true,
        );
        legend
            .node_named(legend_id("institution"))
            .set("label", "institution", true)
            .set("shape", "box", false)
            .set("style", "filled,rounded", true)
            .set("fillcolor", "#fff2cc", true);
        legend
            .node_named(legend_id("call"))
            .set("label", &escape("call\ndate"), true)
            .set("shape", "diamond", false)
            .set("fillcolor", "#d9ead3", true)
            .set("fontsize", "9", false);
        legend.node_named(legend_id("other")).set("label", "person", true).set("shape", "ellipse", false).set(
            "fillcolor",
            "#cfe2f3",
            true,
        );
        legend
            .node_named(legend_id("place"))
            .set("label", "country / capital", true)
            .set("shape", "box", false)
            .set("style", "filled,rounded", true)
            .set("fillcolor", "#eeeeee", true);
        legend
            .edge(legend_id("person"), legend_id("call"))
            .attributes()
            .set("label", "took part (bold: initiated)", true)
            .set("color", "#6aa84f", true)
            .set("arrowhead", "none", false);
        legend
            .edge(legend_id("other"), legend_id("person"))
            .attributes()
            .set("label", "refused", true)
            .set("color", "#cc0000", true)
            .set("style", "dashed", true)
            .set("fontcolor", "#cc0000", true);
        legend
            .edge(legend_id("person"), legend_id("institution"))
            .attributes()
            .set("label", "affiliated", true)
            .set("color", "#999999", true)
            .set("style", "dotted", true)
            .set("arrowhead", "empty", false);
        legend
            .edge(legend_id("other"), legend_id("place"))
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
        assert_eq!(escape("x\ny\u{7}z\r\nw\rv\tu"), "x\\ny\u{fffd}z\\nw\\nv u");
        assert_eq!(escape("Erdoğan"), "Erdoğan");
        assert_eq!(escape("AT&T"), "AT&amp;T");
        assert_eq!(quoted(r#"x"]; a -> b; //"#), r#""x\"]; a -> b; //""#);
        assert_eq!(label("a\\"), r#""a\\""#);
    }

    #[test]
    fn ids_keep_every_character_apart() {
        assert_eq!(quoted("a\u{1}\tb\r\n"), r#""a\u{1}\u{9}b\u{d}\n""#);
        assert_ne!(quoted("a\u{1}b"), quoted("ab"));
        assert_eq!(quoted("legend:person"), r#""\u{6c}egend:person""#);
        assert_ne!(quoted("legend:person"), legend_id("person"));
        assert_eq!(quoted("x-legend:person"), r#""x-legend:person""#);
    }

    #[test]
    fn long_text_is_cut_into_pieces_between_escapes() {
        let long = "\\".repeat(PIECE_BYTES + 1);
        let written = quoted(&long);
        let pieces: Vec<&str> = written.split("\" + \"").collect();
        assert!(pieces.len() > 2);
        for p in &pieces {
            let inner = p.trim_matches('"');
            assert!(inner.len() <= PIECE_BYTES, "{}", inner.len());
            assert!(inner.chars().all(|c| c == '\\') && inner.len() % 2 == 0, "whole escapes only");
        }
        let short = "é".repeat(100);
        assert_eq!(label(&short), format!("\"{short}\""));
        let text: String = "é\"".repeat(PIECE_BYTES);
        let written = label(&text);
        let pieces: Vec<&str> = written.split("\" + \"").collect();
        assert!(pieces.len() > 1 && pieces.iter().all(|p| !p.ends_with('\\')), "never after a lone backslash");
        assert_eq!(pieces.concat(), format!("\"{}\"", escape(&text)));
    }
}
