//! Neo4j: a folder of CSV files for `neo4j-admin database import full` (`nodes.csv`, `edges.csv`,
//! headers with `:ID`, `:LABEL`, `:START_ID`, `:END_ID`, `:TYPE`), and a Cypher script of `MERGE`
//! statements for `cypher-shell` into a running database. Every node has the label `Switchboard`
//! besides its kind's (`Person`, `Institution`, `Call`); relationship types are the edge kinds in
//! capitals (`CONTACT`, `REFUSAL`, `STATEMENT`, `AFFILIATION`, `PART_OF`, `SUCCEEDED`).

use super::flat::{self, Ty, Val};
use crate::graph::{KnowledgeGraph, NodeKind};
use std::fmt::Write;

fn label(k: NodeKind) -> &'static str {
    match k {
        NodeKind::Person => "Person",
        NodeKind::Institution => "Institution",
        NodeKind::Call => "Call",
    }
}

/// A CSV field, quoted when it holds a comma, quote, line break or leading/trailing space
/// (RFC 4180: quotes doubled), or when it is empty: `neo4j-admin` reads an empty field as no
/// value and `""` as the empty string.
fn csv_field(s: &str) -> String {
    if s.is_empty() || s.contains([',', '"', '\n', '\r']) || s.starts_with(' ') || s.ends_with(' ') {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

/// A CSV record: `None` is an empty field (no value).
fn csv_row(fields: &[Option<String>]) -> String {
    let mut line = fields.iter().map(|f| f.as_deref().map(csv_field).unwrap_or_default()).collect::<Vec<_>>().join(",");
    line.push('\n');
    line
}

fn header_name(name: &str, t: Ty) -> String {
    match t {
        Ty::Str => name.to_string(),
        Ty::Bool => format!("{name}:boolean"),
    }
}

/// The files of the import folder: `(file name, contents)`.
pub fn csv_files(g: &KnowledgeGraph) -> Vec<(&'static str, String)> {
    let mut nodes = String::new();
    let mut header = vec![Some("id:ID".to_string())];
    header.extend(flat::NODE_KEYS.iter().map(|(n, t)| Some(header_name(n, *t))));
    header.push(Some(":LABEL".into()));
    nodes.push_str(&csv_row(&header));
    for (_, n) in flat::nodes(g) {
        let mut row = vec![Some(n.id.clone())];
        row.extend(flat::node_values(n).iter().map(|v| v.as_ref().map(Val::as_text)));
        row.push(Some(format!("Switchboard;{}", label(n.kind))));
        nodes.push_str(&csv_row(&row));
    }
    let mut edges = String::new();
    let mut header: Vec<Option<String>> =
        [":START_ID", ":END_ID", ":TYPE", "id"].iter().map(|s| Some(s.to_string())).collect();
    header.extend(flat::EDGE_KEYS.iter().map(|(n, t)| Some(header_name(n, *t))));
    edges.push_str(&csv_row(&header));
    for (id, a, b, e) in flat::edges(g) {
        let mut row = vec![Some(a.to_string()), Some(b.to_string()), Some(e.kind.as_str().to_uppercase()), Some(id)];
        row.extend(flat::edge_values(e).iter().map(|v| v.as_ref().map(Val::as_text)));
        edges.push_str(&csv_row(&row));
    }
    let readme = format!(
        "switchboard {} graph for Neo4j: {} nodes, {} relationships.\n\n\
         Import into a new database (Neo4j 5):\n\n  \
         neo4j-admin database import full --nodes=nodes.csv --relationships=edges.csv \\\n    \
         --multiline-fields=true --overwrite-destination neo4j\n\n\
         Lists (aliases, titles, sources, participants) and evidence are JSON text.\n",
        env!("CARGO_PKG_VERSION"),
        g.graph.node_count(),
        g.graph.edge_count()
    );
    vec![("nodes.csv", nodes), ("edges.csv", edges), ("README.txt", readme)]
}

/// A Cypher string literal: single-quoted, with backslash escapes.
fn cypher_str(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('\'');
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\'' => out.push_str("\\'"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 || c == '\u{7f}' => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('\'');
    out
}

fn cypher_list(v: &[String]) -> String {
    format!("[{}]", v.iter().map(|s| cypher_str(s)).collect::<Vec<_>>().join(", "))
}

/// `SET` items for a node: lists as Cypher lists, the rest as strings.
fn node_sets(n: &crate::graph::Node) -> Vec<String> {
    let mut sets = vec![format!("n:{}", label(n.kind))];
    for ((name, _), v) in flat::NODE_KEYS.iter().zip(flat::node_values(n)) {
        let list = match *name {
            "aliases" => Some(&n.aliases),
            "titles" => Some(&n.titles),
            "sources" => Some(&n.sources),
            "participants" => Some(&n.participants),
            _ => None,
        };
        match (list, v) {
            (Some(l), Some(_)) => sets.push(format!("n.{name} = {}", cypher_list(l))),
            (None, Some(v)) => sets.push(format!("n.{name} = {}", cypher_value(&v))),
            _ => {}
        }
    }
    sets
}

fn cypher_value(v: &Val) -> String {
    match v {
        Val::Str(s) => cypher_str(s),
        Val::Bool(b) => b.to_string(),
    }
}

/// The graph as a Cypher script: a uniqueness constraint, then one `MERGE` per node and per
/// relationship, each ending in `;`. Re-running it updates the same nodes and relationships.
pub fn cypher(g: &KnowledgeGraph) -> String {
    let mut s = format!(
        "// switchboard {} graph: {} nodes, {} relationships. Run with: cypher-shell -f graph.cypher\n",
        env!("CARGO_PKG_VERSION"),
        g.graph.node_count(),
        g.graph.edge_count()
    );
    s.push_str("CREATE CONSTRAINT switchboard_id IF NOT EXISTS FOR (n:Switchboard) REQUIRE n.id IS UNIQUE;\n");
    for (_, n) in flat::nodes(g) {
        let _ = writeln!(s, "MERGE (n:Switchboard {{id: {}}}) SET {};", cypher_str(&n.id), node_sets(n).join(", "));
    }
    for (id, a, b, e) in flat::edges(g) {
        let sets: Vec<String> = flat::EDGE_KEYS
            .iter()
            .zip(flat::edge_values(e))
            .filter_map(|((name, _), v)| Some(format!("r.{name} = {}", cypher_value(&v?))))
            .collect();
        let _ = writeln!(
            s,
            "MATCH (a:Switchboard {{id: {}}}) MATCH (b:Switchboard {{id: {}}}) MERGE (a)-[r:{} {{id: {}}}]->(b) SET {};",
            cypher_str(a),
            cypher_str(b),
            e.kind.as_str().to_uppercase(),
            cypher_str(&id),
            sets.join(", ")
        );
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_fields_quote_what_needs_it() {
        assert_eq!(csv_field("plain"), "plain");
        assert_eq!(csv_field("a,b"), "\"a,b\"");
        assert_eq!(csv_field("say \"no\"\nnow"), "\"say \"\"no\"\"\nnow\"");
        assert_eq!(csv_field(""), "\"\"");
        assert_eq!(csv_row(&[Some("a".into()), None, Some(String::new())]), "a,,\"\"\n");
    }

    #[test]
    fn cypher_strings_escape_quotes_backslashes_and_controls() {
        assert_eq!(cypher_str("O'Brien \\ x"), "'O\\'Brien \\\\ x'");
        assert_eq!(cypher_str("a\nb\u{1}"), "'a\\nb\\u0001'");
        assert_eq!(cypher_str("Дмитрий"), "'Дмитрий'");
    }
}
