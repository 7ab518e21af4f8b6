//! The html viewer in a real browser: Debian's headless Chromium, driven by
//! `tests/clients/viewer_check.js` (puppeteer-core). The page of the seeds opens without a console
//! error and without any request but the file itself, shows the graph's node and edge counts,
//! shows a clicked edge's evidence sentences, finds a node by one of its aliases (typed in
//! capitals), hides edges by kind and calls and edges by date as graph.json says it should, and
//! lays a call's accounts side by side. A quote made of script tags breaks nothing.
//! The names searched for are read from graph.json at run time. As for every client test, a
//! missing browser fails the test (`scripts/install-clients` installs it).

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use crate::client;
use serde_json::Value;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn sb(args: &[&str]) -> Output {
    let o = Command::new(env!("CARGO_BIN_EXE_switchboard")).args(args).current_dir(root()).output().expect("run");
    assert!(o.status.success(), "switchboard {args:?}: {}", String::from_utf8_lossy(&o.stderr));
    o
}

fn s(p: &Path) -> &str {
    p.to_str().expect("utf-8 path")
}

/// Build `inputs` into `dir` with `--format json,html`; graph.json decoded, and graph.html's path.
fn build_html(inputs: &str, dir: &Path) -> (Value, PathBuf) {
    sb(&["build", inputs, "--out", s(dir), "--format", "json,html", "--quiet"]);
    let graph: Value =
        serde_json::from_slice(&std::fs::read(dir.join("graph.json")).expect("graph.json")).expect("json");
    (graph, dir.join("graph.html"))
}

/// Where a screenshot goes: under the target folder.
fn shot(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("viewer");
    std::fs::create_dir_all(&dir).expect("target/tmp/viewer");
    dir.join(name)
}

fn check(page: &Path, png: &Path, extra: &[&str]) -> Value {
    let mut args = vec!["tests/clients/viewer_check.js", s(page), s(png)];
    args.extend_from_slice(extra);
    client("node", &args)
}

fn fold(t: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    t.nfd().filter(|c| !unicode_normalization::char::is_combining_mark(*c)).collect::<String>().to_lowercase()
}

/// A node with an alias that no other node has as its label or an alias: (node id, alias).
fn unique_alias(graph: &Value) -> (String, String) {
    let nodes = graph["nodes"].as_array().expect("nodes");
    let names = |n: &Value| -> Vec<String> {
        let mut v = vec![fold(n["label"].as_str().unwrap_or_default())];
        v.extend(n["aliases"].as_array().into_iter().flatten().filter_map(Value::as_str).map(fold));
        v
    };
    for n in nodes {
        for alias in n["aliases"].as_array().into_iter().flatten().filter_map(Value::as_str) {
            let a = fold(alias);
            let shared = nodes.iter().filter(|m| m["id"] != n["id"]).any(|m| names(m).contains(&a));
            if !shared && a.chars().count() > 2 {
                return (n["id"].as_str().expect("id").to_string(), alias.to_string());
            }
        }
    }
    panic!("no node of the graph has an alias of its own");
}

/// The days a date of graph.json covers (a day, ISO week, month or year), as `YYYY-MM-DD` text.
fn days(d: &str) -> Option<(String, String)> {
    use chrono::{NaiveDate, Weekday};
    match d.len() {
        10 => Some((d.into(), d.into())),
        7 => Some((format!("{d}-01"), format!("{d}-31"))),
        4 => Some((format!("{d}-01-01"), format!("{d}-12-31"))),
        8 if d.as_bytes()[5] == b'W' => {
            let (y, w) = (d[..4].parse().ok()?, d[6..].parse().ok()?);
            let monday = NaiveDate::from_isoywd_opt(y, w, Weekday::Mon)?;
            let sunday = NaiveDate::from_isoywd_opt(y, w, Weekday::Sun)?;
            Some((monday.to_string(), sunday.to_string()))
        }
        _ => None,
    }
}

/// What the viewer should show with the date range `day` to `day`: every node but the calls
/// outside it, and the edges inside it (undated ones too) whose two ends are shown.
fn shown_on(graph: &Value, day: &str) -> (u64, u64) {
    let inside = |span: Option<(String, String)>| span.is_none_or(|(a, b)| *a <= *day && *day <= *b);
    let mut hidden = std::collections::BTreeSet::new();
    for n in graph["nodes"].as_array().expect("nodes") {
        if n["kind"] == "call" && !inside(n["date"].as_str().and_then(days)) {
            hidden.insert(n["id"].as_str().expect("id"));
        }
    }
    let nodes = graph["nodes"].as_array().expect("nodes").len() - hidden.len();
    let edges = graph["edges"]
        .as_array()
        .expect("edges")
        .iter()
        .filter(|e| {
            !hidden.contains(e["source"].as_str().expect("s")) && !hidden.contains(e["target"].as_str().expect("t"))
        })
        .filter(|e| {
            let span = if e["kind"] == "affiliation" {
                let first = e["first_seen"].as_str().and_then(days);
                let last = e["last_seen"].as_str().and_then(days).or(first.clone());
                first.zip(last).map(|(a, b)| (a.0, b.1))
            } else {
                e["date"].as_str().and_then(days)
            };
            inside(span)
        })
        .count();
    (nodes as u64, edges as u64)
}

#[test]
fn the_seeds_viewer_shows_counts_evidence_and_finds_aliases_in_a_browser() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (graph, page) = build_html("seeds/", dir.path());
    // `export --format html` writes the bytes `build --format html` wrote
    let exported = dir.path().join("exported.html");
    sb(&["export", "--graph", s(&dir.path().join("graph.json")), "--format", "html", "--out", s(&exported)]);
    assert!(std::fs::read(&page).expect("graph.html") == std::fs::read(&exported).expect("exported"));

    let edges = graph["edges"].as_array().expect("edges");
    let documents = &graph["graph"]["documents"];
    // a statement whose cue is in its sentence, so the panel marks it
    let (k, edge) = edges
        .iter()
        .enumerate()
        .find(|(_, e)| {
            e["kind"] == "statement"
                && e["evidence"].as_array().is_some_and(|v| {
                    !v.is_empty()
                        && v[0]["text"].as_str().unwrap_or_default().contains(e["cue"].as_str().unwrap_or("\0"))
                })
        })
        .expect("a statement with evidence");
    let (node, alias) = unique_alias(&graph);
    let query = alias.to_uppercase();
    let png = shot("seeds.png");
    let _ = std::fs::remove_file(&png);
    // a day with a call, for the date filter
    let day = graph["nodes"]
        .as_array()
        .expect("nodes")
        .iter()
        .filter_map(|n| n["date"].as_str())
        .find(|d| d.len() == 10)
        .expect("a call on a known day")
        .to_string();
    let r = check(
        &page,
        &png,
        &[
            "--edge",
            &format!("e{k}"),
            "--search",
            &query,
            "--accounts",
            "--uncheck",
            "statement",
            "--dates",
            &day,
            &day,
        ],
    );

    // no console error (the checker fails on one), no request but the file
    assert_eq!(r["requests"], serde_json::json!([]), "{r}");
    assert_eq!(r["nodes"].as_u64(), Some(graph["nodes"].as_array().expect("nodes").len() as u64), "{}", r["status"]);
    assert_eq!(r["edges"].as_u64(), Some(edges.len() as u64), "{}", r["status"]);
    assert!(r["interactive_ms"].as_f64().is_some_and(|t| t > 0.0), "{r}");

    // the clicked edge's evidence: every sentence, its document's outlet and date, the rule
    let e = &r["edge"];
    assert_eq!(e["selected"].as_str(), Some(format!("e{k}").as_str()), "the click selected the edge");
    let panel = e["panel"].as_str().expect("panel text");
    for v in edge["evidence"].as_array().expect("evidence") {
        let text = v["text"].as_str().expect("text");
        assert!(panel.contains(text), "the panel lacks the evidence sentence {text:?}:\n{panel}");
        assert!(panel.contains(v["rule"].as_str().expect("rule")));
        let doc = v["doc"].as_str().expect("doc");
        assert!(panel.contains(doc));
        for field in ["outlet", "published"] {
            if let Some(x) = documents[doc][field].as_str() {
                assert!(panel.contains(x), "the panel lacks the {field} {x:?} of {doc}");
            }
        }
    }
    let cue = edge["cue"].as_str().expect("cue");
    let marks: Vec<(&str, &str)> = e["marks"]
        .as_array()
        .expect("marks")
        .iter()
        .map(|m| (m[0].as_str().unwrap_or_default(), m[1].as_str().unwrap_or_default()))
        .collect();
    assert!(marks.iter().any(|&(class, text)| class == "cue" && (text == cue || text.contains(cue))), "{marks:?}");

    // search by an alias, in capitals: the node is found and Enter selects it
    let found = &r["search"];
    let ids: Vec<&str> =
        found["results"].as_array().expect("results").iter().filter_map(|x| x["id"].as_str()).collect();
    assert!(ids.contains(&node.as_str()), "searching {query:?} found {ids:?}, not {node}");
    assert_eq!(found["selected"].as_str(), Some(node.as_str()));
    let label =
        graph["nodes"].as_array().expect("nodes").iter().find(|n| n["id"] == node.as_str()).expect("node")["label"]
            .as_str()
            .expect("label");
    assert_eq!(found["title"].as_str(), Some(label), "the profile of the node found");

    // a call's accounts side by side, the disputed field marked
    assert_eq!(r["accounts"]["columns"].as_u64(), Some(2), "{}", r["accounts"]);
    assert_eq!(r["accounts"]["disputed_rows"], serde_json::json!(["status"]));

    // filters: a kind off hides its edges; a date range hides the calls and edges outside it
    let n_nodes = graph["nodes"].as_array().expect("nodes").len() as u64;
    let count = |v: &Value, what: &str| v[what].as_u64().expect("a count");
    let f = &r["filters"];
    let statements = edges.iter().filter(|e| e["kind"] == "statement").count() as u64;
    assert_eq!(
        (count(&f["unchecked"], "nodes"), count(&f["unchecked"], "edges")),
        (n_nodes, edges.len() as u64 - statements)
    );
    let (want_nodes, want_edges) = shown_on(&graph, &day);
    assert!(want_nodes < n_nodes && want_edges < edges.len() as u64, "the day hides something");
    assert_eq!((count(&f["dated"], "nodes"), count(&f["dated"], "edges")), (want_nodes, want_edges), "on {day}");
    assert_eq!((count(&f["cleared"], "nodes"), count(&f["cleared"], "edges")), (n_nodes, edges.len() as u64));

    let bytes = std::fs::read(&png).expect("the screenshot is written");
    assert!(bytes.starts_with(b"\x89PNG\r\n\x1a\n") && bytes.len() > 20_000, "a real picture");
}

/// Names and quotes made of script tags and comment openers stay text: the page loads without
/// an error and shows every node of the graph.
#[test]
fn a_quote_with_script_tags_cannot_break_the_page_in_a_browser() {
    let dir = tempfile::tempdir().expect("tempdir");
    let articles = dir.path().join("articles");
    std::fs::create_dir_all(&articles).expect("articles");
    let text = "Jane Roe spoke by phone with Ivan Petrov on Monday.\n\n\
        \"</script><script>window.broken = 1</script> <!-- <script> we keep talking,\" Defense Secretary Jane Roe told Ivan Petrov.\n";
    std::fs::write(articles.join("a<!--<script>.txt"), text).expect("article");
    let out = dir.path().join("out");
    let (graph, page) = build_html(s(&articles), &out);
    let json = serde_json::to_string(&graph).expect("json");
    assert!(json.contains("</script><script>"), "the quote reached graph.json");
    let r = check(&page, &shot("hostile.png"), &[]);
    assert_eq!(r["nodes"].as_u64(), Some(graph["nodes"].as_array().expect("nodes").len() as u64), "{r}");
    assert_eq!(r["edges"].as_u64(), Some(graph["edges"].as_array().expect("edges").len() as u64), "{r}");
    assert_eq!(r["requests"], serde_json::json!([]));
}

/// Two readouts of one call that name opposite initiators (the fixtures
/// `call_readouts_disputed_a`/`_b`): the call's profile in the page lays both accounts side by
/// side, the initiator row marked, each with its own sentence.
#[test]
fn a_disputed_call_shows_both_accounts_in_a_browser() {
    let dir = tempfile::tempdir().expect("tempdir");
    let articles = dir.path().join("articles");
    std::fs::create_dir_all(&articles).expect("articles");
    let fixtures = root().join("tests/fixtures/articles");
    let manifest: Value =
        serde_json::from_slice(&std::fs::read(fixtures.join("manifest.json")).expect("manifest")).expect("json");
    let mut docs = serde_json::Map::new();
    for name in ["call_readouts_disputed_a.txt", "call_readouts_disputed_b.txt"] {
        std::fs::copy(fixtures.join(name), articles.join(name)).expect("copy");
        docs.insert(name.into(), manifest["documents"][name].clone());
    }
    std::fs::write(articles.join("manifest.json"), serde_json::json!({ "documents": docs }).to_string())
        .expect("write");
    let (graph, page) = build_html(s(&articles), &dir.path().join("out"));
    let call = graph["nodes"].as_array().expect("nodes").iter().find(|n| n["kind"] == "call").expect("a call");
    let sentences: Vec<String> = call["accounts"]
        .as_array()
        .expect("accounts")
        .iter()
        .map(|a| a["evidence"][0]["text"].as_str().expect("sentence").to_string())
        .collect();
    assert_eq!(sentences.len(), 2);
    let r = check(&page, &shot("disputed.png"), &["--accounts"]);
    let a = &r["accounts"];
    assert_eq!(a["real"], serde_json::json!(true), "{r}");
    assert_eq!(a["columns"].as_u64(), Some(2), "{a}");
    assert_eq!(a["disputed_rows"], serde_json::json!(["initiator"]), "{a}");
    let text = a["text"].as_str().unwrap_or_default();
    assert!(sentences.iter().all(|s| text.contains(s.as_str())), "{text}");
}

/// The committed demo page is the export of the committed demo graph with today's viewer.
#[test]
fn committed_seeds_viewer_is_fresh() {
    let dir = tempfile::tempdir().expect("tempdir");
    let fresh = dir.path().join("graph.html");
    sb(&["export", "--graph", "graphs/seeds/graph.json", "--format", "html", "--out", s(&fresh)]);
    let committed = std::fs::read(root().join("graphs/seeds/graph.html")).unwrap_or_default();
    assert!(
        std::fs::read(&fresh).expect("exported") == committed,
        "graphs/seeds/graph.html is stale: run `cargo run --release -- export --graph graphs/seeds/graph.json \
         --format html --out graphs/seeds/graph.html`"
    );
}

/// A graph of 5,400 nodes (invented people in a ring of calls): the page opens on one
/// neighbourhood, still counting the whole graph, and a search for a name outside it shows that
/// name's neighbourhood.
#[test]
fn a_large_graph_opens_on_a_neighbourhood_and_search_moves_it() {
    use switchboard::facts::Evidence;
    use switchboard::graph::{Edge, EdgeKind, KnowledgeGraph, Node, NodeKind};
    let people = 1800;
    let mut g = KnowledgeGraph::default();
    let person = |i: usize| format!("person:p{i:04}");
    let mut ix = Vec::new();
    for i in 0..people {
        let mut n = Node::new(&person(i), NodeKind::Person, &format!("Agent Number{i:04}"));
        n.aliases = vec![format!("Number{i:04}"), format!("A.N. Number{i:04}")];
        ix.push(g.add_node(n));
    }
    for i in 0..people {
        for step in [1, 7] {
            let j = (i + step) % people;
            let mut c = Node::new(&format!("call:c{i:04}-{step}"), NodeKind::Call, &format!("call {i} {j}"));
            c.date = Some(format!("2024-{:02}-{:02}", 1 + i % 12, 1 + i % 28));
            c.status = Some("held".into());
            c.participants = vec![person(i), person(j)];
            let call = g.add_node(c);
            for (who, role) in [(i, "initiator"), (j, "participant")] {
                let mut e = Edge::new(EdgeKind::Contact);
                e.role = Some(role.into());
                e.date = g.graph[call].date.clone();
                let text = format!("Agent Number{i:04} phoned Agent Number{j:04}.");
                e.evidence = vec![Evidence {
                    doc: "synthetic.txt".into(),
                    sentence: i,
                    start: 0,
                    end: text.len(),
                    text: text.into(),
                    rule: "call.called".into(),
                }];
                g.graph.add_edge(ix[who], call, e);
            }
        }
    }
    let total = g.graph.node_count();
    assert!(total > 5000);
    let dir = tempfile::tempdir().expect("tempdir");
    let page = dir.path().join("large.html");
    std::fs::write(&page, switchboard::export::html::to_bytes(&g)).expect("page");
    // the busiest node is among the first people (ties go to the first); search one far from it
    let far = people / 2;
    let r = check(&page, &shot("large.png"), &["--search", &format!("number{far:04}")]);
    assert_eq!(r["nodes"].as_u64(), Some(total as u64), "{}", r["status"]);
    assert_eq!(r["edges"].as_u64(), Some(g.graph.edge_count() as u64));
    assert!(r["status"].as_str().is_some_and(|s| s.contains("showing")), "opens on a part: {}", r["status"]);
    let found = &r["search"];
    assert_eq!(found["selected"].as_str(), Some(person(far).as_str()), "{found}");
    let status = found["status"].as_str().expect("status");
    assert!(status.contains(&format!("neighbourhood of Agent Number{far:04}")), "{status}");
    let shown = found["shown"].as_u64().expect("shown");
    assert!(shown > 4 && shown < 100, "a neighbourhood, not the graph: {shown} nodes");
    // the edge clicked (the first) is brought into view with its evidence
    assert!(r["edge"]["panel"].as_str().expect("panel").contains("Agent Number0000 phoned Agent Number0001."));
}
