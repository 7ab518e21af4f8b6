//! Real clients read what we write: Graphviz parses and renders the DOT, NetworkX loads the JSON.
//! These tools are required: `scripts/test` installs them; a missing tool fails the test.

use std::path::{Path, PathBuf};
use std::process::Command;

use switchboard::export::dot::{self, DotOptions};
use switchboard::export::json;
use switchboard::graph::{Edge, EdgeKind, KnowledgeGraph, Node, NodeKind};
use switchboard::input;

fn seeds_graph() -> KnowledgeGraph {
    let seeds = Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
    let (docs, _) = input::read(&[seeds]).expect("seeds readable");
    switchboard::build_graph(&docs, switchboard::rules::Rules::builtin())
}

fn run(cmd: &str, args: &[&str], stdin_file: Option<&Path>) -> String {
    let mut c = Command::new(cmd);
    c.args(args);
    if let Some(f) = stdin_file {
        c.stdin(std::fs::File::open(f).expect("input file"));
    }
    let out =
        c.output().unwrap_or_else(|e| panic!("{cmd} is required for this test (run scripts/test to install it): {e}"));
    assert!(out.status.success(), "{cmd} {args:?} failed: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).expect("utf-8 output")
}

fn write_tmp(dir: &tempfile::TempDir, name: &str, contents: &str) -> PathBuf {
    let p = dir.path().join(name);
    std::fs::write(&p, contents).expect("write temp file");
    p
}

/// `dot -Tjson` output: the names of nodes (not clusters) and the number of edges.
fn graphviz_parse(dot_file: &Path) -> (Vec<String>, usize) {
    let out = run("dot", &["-Tjson"], Some(dot_file));
    let v: serde_json::Value = serde_json::from_str(&out).expect("dot -Tjson gives JSON");
    let objects = v["objects"].as_array().cloned().unwrap_or_default();
    // clusters carry "nodes" lists; plain nodes do not
    let names = objects
        .iter()
        .filter(|o| o.get("nodes").is_none())
        .filter_map(|o| o["name"].as_str().map(String::from))
        .collect();
    let edges = v["edges"].as_array().map(Vec::len).unwrap_or(0);
    (names, edges)
}

#[test]
fn graphviz_parses_the_seeds_dot_with_every_node() {
    let g = seeds_graph();
    let tmp = tempfile::tempdir().expect("tempdir");
    for (statements, isolated) in [(false, false), (true, true)] {
        let opts = DotOptions { statements, isolated, ..Default::default() };
        let f = write_tmp(&tmp, "g.dot", &dot::to_string(&g, &opts));
        let (names, edges) = graphviz_parse(&f);
        let ours: Vec<String> = dot::drawn_nodes(&g, &opts).into_iter().collect();
        if isolated {
            assert_eq!(ours.len(), g.graph.node_count());
        }
        let mut theirs: Vec<String> = names.into_iter().filter(|n| !n.starts_with("legend:")).collect();
        theirs.sort();
        assert_eq!(theirs, ours, "Graphviz read other nodes than we wrote");
        let fact_edges = g.graph.edge_count();
        if statements {
            // every edge, plus the legend's four
            assert_eq!(edges, fact_edges + 4);
        } else {
            assert!(edges > 4 && edges <= fact_edges + 4, "{edges} edges for {fact_edges}");
        }
    }
}

/// Names with quotes, backslashes, ampersands, angle brackets, line breaks and non-ASCII
/// letters stay harmless labels and render as written (a control character as U+FFFD).
#[test]
fn graphviz_renders_awkward_names_as_written() {
    let mut g = KnowledgeGraph::default();
    let names = [
        ("person:a", "Jane \"JJ\" O\\Brien"),
        ("person:b", "Recep Tayyip Erdoğan"),
        ("institution:c", "x\"]; a -> b; //"),
        ("institution:d", "AT&T <b>&amp; Co"),
        ("person:e", "Line\nbreak\u{7}bell"),
    ];
    for (id, label) in names {
        let kind = if id.starts_with("person") { NodeKind::Person } else { NodeKind::Institution };
        g.add_node(Node::new(id, kind, label));
    }
    let (a, c) = (g.index["person:a"], g.index["institution:c"]);
    let mut e = Edge::new(EdgeKind::Statement);
    e.quote = Some("he said \"no\" \\ and </text>".into());
    g.graph.add_edge(a, c, e);
    let tmp = tempfile::tempdir().expect("tempdir");
    let f = write_tmp(
        &tmp,
        "odd.dot",
        &dot::to_string(&g, &DotOptions { statements: true, isolated: true, ..Default::default() }),
    );
    let (parsed, edges) = graphviz_parse(&f);
    assert_eq!(parsed.iter().filter(|n| !n.starts_with("legend:")).count(), 5, "no node lost or invented");
    assert_eq!(edges, 1 + 4);
    let svg = run("dot", &["-Tsvg"], Some(&f));
    for expected in [
        "Jane &quot;JJ&quot; O\\Brien",
        "Recep Tayyip Erdoğan",
        "x&quot;]; a &#45;&gt; b; //",
        "AT&amp;T &lt;b&gt;&amp;amp; Co",
        ">Line<",
        ">break\u{fffd}bell<",
    ] {
        assert!(svg.contains(expected), "SVG lacks {expected:?}:\n{svg}");
    }
}

#[test]
fn networkx_loads_the_json_with_every_node_edge_and_attribute() {
    let g = seeds_graph();
    let tmp = tempfile::tempdir().expect("tempdir");
    let f = write_tmp(&tmp, "g.json", &json::to_string(&g));
    let script = r#"
import json, sys
import networkx as nx
data = json.load(open(sys.argv[1], encoding="utf-8"))
G = nx.node_link_graph(data, edges="edges")
assert G.is_directed() and G.is_multigraph()
kinds = {}
for _, _, d in G.edges(data=True):
    kinds[d["kind"]] = kinds.get(d["kind"], 0) + 1
    if d["kind"] in ("contact", "refusal", "statement"):
        assert d["evidence"] and all("doc" in e and "start" in e for e in d["evidence"]), d
calls = [n for n, d in G.nodes(data=True) if d["kind"] == "call"]
assert all("date" in G.nodes[c] for c in calls)
print(json.dumps({"nodes": G.number_of_nodes(), "edges": G.number_of_edges(), "kinds": kinds,
                  "schema": G.graph["schema"], "documents": len(G.graph["documents"])}))
"#;
    let s = write_tmp(&tmp, "load.py", script);
    let out = run("python3", &[s.to_str().unwrap_or_default(), f.to_str().unwrap_or_default()], None);
    let v: serde_json::Value = serde_json::from_str(out.trim()).expect("script output");
    assert_eq!(v["nodes"], g.graph.node_count());
    assert_eq!(v["edges"], g.graph.edge_count());
    assert_eq!(v["schema"], json::SCHEMA);
    assert_eq!(v["documents"], g.documents.len());
    for kind in [EdgeKind::Contact, EdgeKind::Refusal, EdgeKind::Statement, EdgeKind::Affiliation] {
        assert_eq!(v["kinds"][kind.as_str()], g.count_edges(kind), "{kind:?}");
    }
}
