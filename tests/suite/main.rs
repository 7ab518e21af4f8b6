//! The integration suite: one target, one module per concern.
//!
//! * `fixtures`: every article under `tests/fixtures/articles/` against its `.expect` facts.
//! * `build`: the binary end to end: the committed `graphs/seeds/` is fresh, output is
//!   deterministic and independent of input order, errors have clear messages and exit codes.
//! * `cli`: answers into a pipe closed early; `build --rules DIR` (extend, replace, errors).
//! * `incremental`: `build --update` and `merge` give the bytes of one build over all the
//!   articles; replacing a document; missing, stale and damaged facts files.
//! * `query`: path, neighbors, show and calls on the committed demo graph.
//! * `tools`: real clients read what we write (Graphviz parses the DOT, NetworkX loads the JSON).
//! * `exports`: every export format read back by its real client (Graphviz, NetworkX, igraph,
//!   Cytoscape.js, the JGF schema, a strict CSV parse, Neo4j's Cypher linter).
//! * `hostile`: names, ids, document names, metadata and quotes made of DOT, XML, Cypher and CSV
//!   syntax, escapes and control characters stay harmless strings in every export, as each
//!   export's real consumer reads it.
//! * `pathological`: text that made the work grow with the square of its length (no sentence
//!   boundary, a hundred thousand quotation marks or capitalised words, a sentence dense with
//!   cues) gives bounded sentences and facts, and the lookups find what the scans found.
//! * `viewer`: the html export in headless Chromium (puppeteer-core): no console error, no
//!   request, the node count shown, a clicked edge's evidence, search by an alias, a call's
//!   accounts side by side; a quote made of script tags breaks nothing.
//! * `properties`: property tests (proptest): arbitrary and news-like text never panics the
//!   extractor, input order never changes graph.json, bad graph.json bytes are an error.

mod build;
mod cli;
mod dirty;
mod exports;
mod fixtures;
mod hostile;
mod incremental;
mod pathological;
mod properties;
mod query;
mod tools;
mod viewer;

/// Run a real client (tests/clients/) from the repository root; its stdout as JSON.
pub fn client(program: &str, args: &[&str]) -> serde_json::Value {
    let out =
        std::process::Command::new(program).args(args).current_dir(env!("CARGO_MANIFEST_DIR")).output().unwrap_or_else(
            |e| panic!("{program} is required for this test (scripts/install-clients installs the clients): {e}"),
        );
    assert!(
        out.status.success(),
        "{program} {args:?} rejected the file:\n{}{}",
        String::from_utf8_lossy(&out.stderr),
        String::from_utf8_lossy(&out.stdout)
    );
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{program} printed no JSON ({e})"))
}

/// `tests/clients/check_formats.py ARGS` (NetworkX, igraph, jsonschema); its answer.
pub fn py(args: &[&str]) -> serde_json::Value {
    let mut a = vec!["tests/clients/check_formats.py"];
    a.extend_from_slice(args);
    client("python3", &a)
}

/// `dot -Tjson` of DOT source: the names of the nodes Graphviz read (not clusters, not the
/// legend), sorted.
pub fn graphviz_nodes(dot: &str) -> Vec<String> {
    let mut child = std::process::Command::new("dot")
        .arg("-Tjson")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("Graphviz dot is required (scripts/test installs it)");
    use std::io::Write;
    child.stdin.take().expect("stdin").write_all(dot.as_bytes()).expect("write dot");
    let out = child.wait_with_output().expect("dot runs");
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("dot -Tjson");
    let mut names: Vec<String> = v["objects"]
        .as_array()
        .cloned()
        .unwrap_or_default()
        .iter()
        .filter(|o| o.get("nodes").is_none())
        .filter_map(|o| o["name"].as_str().map(String::from))
        .filter(|n| !n.starts_with("legend:"))
        .collect();
    names.sort();
    names
}
