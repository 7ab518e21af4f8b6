//! Every export format read back by the real client it is for, on the committed demo graph and
//! on `tests/fixtures/exports/tricky.json` (names, titles and quotes with `"`, `\`, `<`, `&`, `'`,
//! newlines, a control character and non-ASCII letters):
//!
//! * Graphviz: `dot -Tjson` parses the DOT (node ids compared, not the exit code); SVG is XML
//!   (`xmllint`), PNG has its signature.
//! * NetworkX `read_graphml` / `read_gexf` and igraph `Read_GraphML`: counts, ids, edge kinds,
//!   attributes and a shortest-path length agree with switchboard's own.
//! * Cytoscape.js (npm `cytoscape`, headless): no element dropped, data intact.
//! * JGF: valid against the JSON Graph Format v2 schema (`jsonschema`).
//! * Neo4j: a strict CSV parse with header and reference checks; the Cypher script passes Neo4j's
//!   own linter (npm `@neo4j-cypher/language-support`).
//!
//! The clients live in `tests/clients/` and `scripts/install-clients` installs them; in CI they
//! are required, so a missing client fails the test rather than skipping it.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::process::{Command, Output};

use crate::{client, py};
use serde_json::Value;
use switchboard::export::json as graph_json;
use switchboard::graph::KnowledgeGraph;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn sb(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_switchboard")).args(args).current_dir(root()).output().expect("run switchboard")
}

const DEMO: &str = "graphs/seeds/graph.json";
const TRICKY: &str = "tests/fixtures/exports/tricky.json";

fn load(rel: &str) -> KnowledgeGraph {
    graph_json::from_slice(&std::fs::read(root().join(rel)).expect("graph file")).expect("graph loads")
}

/// `switchboard export` of `graph` into a temporary folder; the path written.
fn export(dir: &tempfile::TempDir, graph: &str, format: &str, name: &str) -> PathBuf {
    let out = dir.path().join(name);
    let o = sb(&["export", "--graph", graph, "--format", format, "--out", out.to_str().expect("utf-8")]);
    assert!(o.status.success(), "export {format}: {}", String::from_utf8_lossy(&o.stderr));
    out
}

fn node_ids(g: &KnowledgeGraph) -> Vec<String> {
    let mut v: Vec<String> = g.nodes().map(|n| n.id.clone()).collect();
    v.sort();
    v
}

fn edge_kinds(g: &KnowledgeGraph) -> BTreeMap<String, u64> {
    let mut m = BTreeMap::new();
    for e in g.graph.edge_weights() {
        *m.entry(e.kind.as_str().to_string()).or_insert(0) += 1;
    }
    m
}

fn strings(v: &Value) -> Vec<String> {
    v.as_array().expect("a list").iter().map(|x| x.as_str().expect("a string").to_string()).collect()
}

fn kinds_of(v: &Value) -> BTreeMap<String, u64> {
    v.as_object().expect("an object").iter().map(|(k, n)| (k.clone(), n.as_u64().expect("a count"))).collect()
}

/// What XML 1.0 can hold of a text: the control characters it forbids become U+FFFD.
fn xml_text(s: &str) -> String {
    s.chars().map(switchboard::export::flat::xml_safe).collect()
}

/// Switchboard's own shortest-path length between two ids, ignoring direction.
fn our_path_len(g: &KnowledgeGraph, a: &str, b: &str) -> Option<usize> {
    let f = switchboard::query::Filter::default();
    switchboard::query::shortest_path(g, g.index[a], g.index[b], &f).map(|p| p.len() - 1)
}

const TRICKY_PERSON: &str = "person:harold-brennan";

/// Export `format` of the demo and tricky graphs and load it with `check_formats.py`: ids, edge
/// counts and kinds, the tricky labels and aliases, and a shortest-path length as switchboard's.
fn loads_in_networkx(format: &str, file_name: &str, igraph: bool) {
    let dir = tempfile::tempdir().expect("tempdir");
    for graph in [DEMO, TRICKY] {
        let g = load(graph);
        let file = export(&dir, graph, format, file_name);
        let (a, b) = ("person:thomas-whitcombe", "person:andrei-kostrov");
        let tricky = graph == TRICKY;
        let mut args = vec![format, file.to_str().expect("utf-8")];
        if tricky {
            args.extend_from_slice(&["--path", a, b]);
        }
        let r = py(&args);
        assert_eq!(strings(&r["node_ids"]), node_ids(&g), "{graph}");
        assert_eq!(r["edges"].as_u64(), Some(g.graph.edge_count() as u64));
        assert_eq!(kinds_of(&r["edge_kinds"]), edge_kinds(&g));
        if igraph {
            assert_eq!(r["igraph_nodes"].as_u64(), Some(g.graph.node_count() as u64), "igraph");
            assert_eq!(r["igraph_edges"].as_u64(), Some(g.graph.edge_count() as u64), "igraph");
        }
        if tricky {
            assert_eq!(r["path_length"].as_u64().map(|n| n as usize), our_path_len(&g, a, b));
            let pentagon = &g.graph[g.index["institution:pentagon"]];
            assert!(pentagon.label.contains('\n'));
            assert_eq!(r["node_attrs"]["institution:pentagon"]["label"].as_str(), Some(pentagon.label.as_str()));
            let n = &g.graph[g.index[TRICKY_PERSON]];
            let attrs = &r["node_attrs"][TRICKY_PERSON];
            assert_eq!(attrs["label"].as_str(), Some(xml_text(&n.label).as_str()));
            let aliases: Vec<String> =
                serde_json::from_str(attrs["aliases"].as_str().expect("aliases")).expect("JSON list");
            assert_eq!(aliases, n.aliases);
        }
    }
}

#[test]
fn graphml_loads_in_networkx_and_igraph_with_everything_intact() {
    loads_in_networkx("graphml", "g.graphml", true);
}

#[test]
fn gexf_loads_in_networkx_with_everything_intact() {
    loads_in_networkx("gexf", "g.gexf", false);
}

#[test]
fn cytoscape_js_loads_every_element_with_its_data() {
    let dir = tempfile::tempdir().expect("tempdir");
    for graph in [DEMO, TRICKY] {
        let g = load(graph);
        let file = export(&dir, graph, "cytoscape", "g.cyjs");
        let r = client("node", &["tests/clients/cytoscape_load.js", file.to_str().expect("utf-8")]);
        assert_eq!(strings(&r["node_ids"]), node_ids(&g), "{graph}");
        assert_eq!(r["edges"].as_u64(), Some(g.graph.edge_count() as u64));
        let mut want: Vec<String> = (0..g.graph.edge_count()).map(|i| format!("e{i}")).collect();
        want.sort();
        assert_eq!(strings(&r["edge_ids"]), want);
        if graph == TRICKY {
            // JSON holds every character: the data comes back exactly
            let n = &g.graph[g.index[TRICKY_PERSON]];
            let data = &r["node_data"][TRICKY_PERSON];
            assert_eq!(data["label"].as_str(), Some(n.label.as_str()));
            assert_eq!(strings(&data["aliases"]), n.aliases);
        }
    }
}

#[test]
fn jgf_is_valid_json_graph_format_v2() {
    let dir = tempfile::tempdir().expect("tempdir");
    for graph in [DEMO, TRICKY] {
        let g = load(graph);
        let file = export(&dir, graph, "jgf", "g.jgf.json");
        let r = py(&["jgf", file.to_str().expect("utf-8")]);
        assert_eq!(r["valid"], Value::Bool(true));
        assert_eq!(strings(&r["node_ids"]), node_ids(&g), "{graph}");
        assert_eq!(r["edges"].as_u64(), Some(g.graph.edge_count() as u64));
        if graph == TRICKY {
            let v: Value = serde_json::from_slice(&std::fs::read(&file).expect("read")).expect("JSON");
            let n = &g.graph[g.index[TRICKY_PERSON]];
            assert_eq!(v["graph"]["nodes"][TRICKY_PERSON]["label"].as_str(), Some(n.label.as_str()));
        }
    }
}

#[test]
fn neo4j_csv_parses_strictly_and_every_reference_resolves() {
    let dir = tempfile::tempdir().expect("tempdir");
    for graph in [DEMO, TRICKY] {
        let g = load(graph);
        let folder = export(&dir, graph, "neo4j", "neo4j");
        let r = py(&["neo4j", folder.to_str().expect("utf-8")]);
        assert_eq!(strings(&r["node_ids"]), node_ids(&g), "{graph}");
        assert_eq!(r["edges"].as_u64(), Some(g.graph.edge_count() as u64));
        let types: BTreeMap<String, u64> = edge_kinds(&g).into_iter().map(|(k, n)| (k.to_uppercase(), n)).collect();
        assert_eq!(kinds_of(&r["types"]), types);
        let people = g.nodes().filter(|n| n.kind == switchboard::graph::NodeKind::Person).count() as u64;
        assert_eq!(r["labels"]["Person"].as_u64(), Some(people));
        assert_eq!(r["labels"]["Switchboard"].as_u64(), Some(g.graph.node_count() as u64));
        if graph == TRICKY {
            let n = &g.graph[g.index[TRICKY_PERSON]];
            assert_eq!(r["node_rows"][TRICKY_PERSON]["label"].as_str(), Some(n.label.as_str()));
        }
    }
}

#[test]
fn the_cypher_script_passes_neo4js_linter() {
    let dir = tempfile::tempdir().expect("tempdir");
    for graph in [DEMO, TRICKY] {
        let g = load(graph);
        let file = export(&dir, graph, "cypher", "g.cypher");
        let r = client("node", &["tests/clients/cypher_lint.js", file.to_str().expect("utf-8")]);
        assert_eq!(r["errors"].as_u64(), Some(0));
        // not even a warning (two MATCH clauses, not one cartesian pattern)
        assert_eq!(r["warnings"].as_u64(), Some(0));
        // the constraint, then one statement per node and per relationship
        assert_eq!(r["statements"].as_u64(), Some((1 + g.graph.node_count() + g.graph.edge_count()) as u64), "{graph}");
    }
}

#[test]
fn graphviz_reads_the_dot_and_renders_svg_and_png() {
    let dir = tempfile::tempdir().expect("tempdir");
    for graph in [DEMO, TRICKY] {
        let g = load(graph);
        let dot = export(&dir, graph, "dot", "g.dot");
        let drawn: Vec<String> =
            switchboard::export::dot::drawn_nodes(&g, &Default::default()).into_iter().collect::<Vec<_>>();
        assert_eq!(crate::graphviz_nodes(&std::fs::read_to_string(&dot).expect("read dot")), drawn, "{graph}");
        let svg = export(&dir, graph, "svg", "g.svg");
        let o = Command::new("xmllint").arg("--noout").arg(&svg).output().expect("xmllint (libxml2-utils) is required");
        assert!(o.status.success(), "SVG is not well-formed XML: {}", String::from_utf8_lossy(&o.stderr));
        let text = std::fs::read_to_string(&svg).expect("read svg");
        assert!(text.contains("<svg") && text.contains("</svg>"));
        let png = export(&dir, graph, "png", "g.png");
        let bytes = std::fs::read(&png).expect("read png");
        assert!(bytes.starts_with(b"\x89PNG\r\n\x1a\n") && bytes.len() > 1000);
    }
}

#[test]
fn xml_formats_are_well_formed() {
    let dir = tempfile::tempdir().expect("tempdir");
    for (format, name) in [("graphml", "t.graphml"), ("gexf", "t.gexf")] {
        let file = export(&dir, TRICKY, format, name);
        let o =
            Command::new("xmllint").arg("--noout").arg(&file).output().expect("xmllint (libxml2-utils) is required");
        assert!(o.status.success(), "{format}: {}", String::from_utf8_lossy(&o.stderr));
    }
}

#[test]
fn build_writes_several_formats_at_once_and_rejects_unknown_ones() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = dir.path().join("g");
    let o = sb(&[
        "build",
        "tests/fixtures/world",
        "--out",
        out.to_str().expect("utf-8"),
        "--format",
        "graphml,gexf,cytoscape,jgf,neo4j,cypher",
        "-q",
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    for f in ["graph.json", "graph.graphml", "graph.gexf", "graph.cyjs", "graph.jgf.json", "graph.cypher"] {
        assert!(out.join(f).is_file(), "{f} missing");
    }
    assert!(out.join("neo4j/nodes.csv").is_file() && out.join("neo4j/edges.csv").is_file());
    assert!(!out.join("graph.dot").exists(), "only what was asked for (and json)");
    // the same graph whichever way it was written
    let built = std::fs::read(out.join("graph.graphml")).expect("read");
    let exported = sb(&[
        "export",
        "--graph",
        out.join("graph.json").to_str().expect("utf-8"),
        "--format",
        "graphml",
        "--out",
        "-",
    ]);
    assert!(exported.status.success());
    assert_eq!(built, exported.stdout);

    let o = sb(&["build", "tests/fixtures/world", "--out", out.to_str().expect("utf-8"), "--format", "json,gml"]);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("unknown format \"gml\"") && err.contains("graphml"), "{err}");
}

#[test]
fn rendering_without_graphviz_names_the_package_to_install() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = dir.path().join("g.svg");
    let o = Command::new(env!("CARGO_BIN_EXE_switchboard"))
        .args(["export", "--graph", DEMO, "--format", "svg", "--out", out.to_str().expect("utf-8")])
        .env("SWITCHBOARD_DOT", dir.path().join("no-such-dot"))
        .current_dir(root())
        .output()
        .expect("run");
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("needs Graphviz") && err.contains("apt-get install graphviz"), "{err}");
    assert!(!out.exists(), "no file is left behind");
}
