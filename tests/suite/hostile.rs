//! Exports cannot be broken out of (issue 6). Hostile strings (DOT, XML, Cypher and CSV syntax,
//! escapes, a backslash at the end, control characters, line and paragraph separators, very long
//! and non-ASCII text) sit in every string an export writes: ids, labels, aliases, titles, types,
//! countries, dates, statuses, initiators, participants, media, roles, quotes, cues, CAMEO codes,
//! document names and their outlet, title and URL, evidence text and rules. Each export is then
//! read by the consumer it is for, and what comes out must be the graph that went in:
//!
//! * DOT: Graphviz's own parse (`dot -Tjson`) has the same nodes and edges (no legend node taken
//!   over, none added), every id back after undoing the documented id escapes, and every label
//!   drawn as written (line breaks as lines, a tab as a space, what a picture cannot show as
//!   U+FFFD); the SVG Graphviz renders from it is well-formed XML (`xmllint`).
//! * GraphML and GEXF: `xmllint --noout`, then NetworkX (and igraph for GraphML, which must agree
//!   with NetworkX on every value) give the same nodes, edges and values, with U+FFFD only where
//!   XML 1.0 cannot hold a character.
//! * Cypher: Neo4j's linter accepts it; one statement per node and relationship; outside string
//!   literals there are only the writer's own tokens (no `DETACH DELETE`); every literal decodes to
//!   the value written.
//! * Neo4j CSV: Python's csv module (strict) and an RFC 4180 reader give back every field.
//! * graph.json (NetworkX), Cytoscape.js and JGF (schema-checked): every value exactly.
//!
//! Two graphs go through every check: one made here with every field hostile, and one built by the
//! binary from a JSON Lines corpus and article files whose ids, file names, metadata and quotes
//! are hostile. The names are made up.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::Arc;

use crate::{client, py};
use serde_json::{Value, json};
use switchboard::export::Format;
use switchboard::export::json as graph_json;
use switchboard::facts::Evidence;
use switchboard::graph::{Edge, EdgeKind, KnowledgeGraph, Node, NodeKind};
use switchboard::input::DocMeta;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn sb(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_switchboard")).args(args).current_dir(root()).output().expect("run switchboard")
}

/// The hostile strings: syntax of every format, escapes, control characters, separators, a very
/// long string (over Graphviz's 16,384-byte quoted string) and non-ASCII text.
fn hostile() -> Vec<String> {
    let mut v: Vec<String> = [
        "x\"]; a -> b; //",
        "</node>",
        "'}) DETACH DELETE n //",
        "';\nMATCH (m) DETACH DELETE m; //",
        "]]>",
        "<!--",
        "&amp;",
        "&#1; &lt; &#x41;",
        "\\\"",
        "a\\",
        "\\N \\l \\G \\\\ \\",
        "line\nbreak",
        "cr\rlf\r\nend",
        "tab\there",
        "\u{0}nul",
        "ls\u{2028}ps\u{2029}",
        "{",
        "}",
        "$param",
        "`tick` ``",
        "-- comment",
        "/* */",
        "\"\n}\n<node id=\"evil\"/>",
        ",\"a\",\r\n\"b\"",
        " padded ",
        "nel\u{85}bom\u{feff}nc\u{fffe}\u{ffff}",
        "Zoë Ångström-Łukasz, שלום עליכם, مرحبا, 😀👩\u{200d}👩\u{200d}👧",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    // every C0 control character and DEL
    v.push(format!("ctl{}end", (1u8..0x20).chain([0x7f]).map(char::from).collect::<String>()));
    // over Graphviz's 16,384 bytes in one run without an escape, then with escapes
    v.push(format!("{}{}", "Long name ".repeat(2000), "\"quoted\" \\ ".repeat(100)));
    v
}

/// A graph made here: every string field of every kind of node and edge, the ids and the
/// document names and metadata hostile.
fn crafted() -> KnowledgeGraph {
    let h = hostile();
    let n = h.len();
    let at = |i: usize| h[i % n].clone();
    let mut g = KnowledgeGraph::default();
    let docs: Vec<String> = (0..n).map(|i| format!("{} doc{i}", at(i))).collect();
    for (i, d) in docs.iter().enumerate() {
        let meta = DocMeta {
            published: chrono::NaiveDate::from_ymd_opt(2024, 1, 1 + (i % 28) as u32),
            outlet: Some(at(i + 1)),
            url: Some(format!("https://news.example/?q={}", at(i + 2))),
            title: Some(at(i + 3)),
        };
        g.documents.insert(d.clone(), meta);
    }
    let mut people = Vec::new();
    for i in 0..n {
        let mut p = Node::new(&format!("person:{}~{i}", at(i)), NodeKind::Person, &format!("{} ({i})", at(i)));
        p.aliases = vec![at(i + 1), at(i + 2)];
        p.titles = vec![at(i + 3), format!("Minister of {}", at(i + 4))];
        p.country = Some(at(i + 5));
        p.sources = vec![docs[i].clone(), docs[(i + 1) % n].clone()];
        people.push(g.add_node(p));
    }
    // the picture's legend nodes are named "legend:...": a node with such an id must stay apart
    let mut legend = Node::new("legend:person", NodeKind::Institution, "legend:person");
    legend.inst_type = Some(at(6));
    legend.country = Some(at(7));
    legend.aliases = vec![at(8)];
    legend.sources = vec![docs[0].clone()];
    let legend = g.add_node(legend);
    let plain = g.add_node(Node::new("institution:plain-ministry", NodeKind::Institution, "Plain Ministry"));
    // ids that differ only in a control character, a tab or a space
    for (i, id) in
        ["person:a\u{1}b", "person:ab", "person:a\tb", "person:a b", "person:a\r\nb", "person:a\nb"].iter().enumerate()
    {
        let mut p = Node::new(id, NodeKind::Person, &format!("Twin {i}"));
        p.sources = vec![docs[i].clone()];
        let p = g.add_node(p);
        g.graph.add_edge(p, plain, Edge::new(EdgeKind::Affiliation));
    }
    let mut call = Node::new(&format!("call:{}", at(0)), NodeKind::Call, &at(1));
    call.date = Some(at(2));
    call.status = Some(at(3));
    call.medium = Some(at(4));
    call.initiator = Some(g.graph[people[0]].id.clone());
    call.participants = vec![g.graph[people[0]].id.clone(), g.graph[people[1]].id.clone()];
    call.sources = docs.clone();
    let call = g.add_node(call);
    let mut undated = Node::new("call:undated", NodeKind::Call, "undated");
    undated.status = Some("held".into());
    undated.sources = vec![docs[1].clone()];
    let undated = g.add_node(undated);

    let kinds = [
        EdgeKind::Contact,
        EdgeKind::Refusal,
        EdgeKind::Statement,
        EdgeKind::Affiliation,
        EdgeKind::Succeeded,
        EdgeKind::PartOf,
    ];
    let edge = |i: usize, kind: EdgeKind| {
        let mut e = Edge::new(kind);
        e.role = Some(if kind == EdgeKind::Contact && i % 2 == 0 { "initiator".into() } else { at(i) });
        e.what = Some(at(i + 1));
        e.quote = Some(at(i + 2));
        e.direct = Some(i % 2 == 0);
        e.cue = Some(at(i + 3));
        e.target_role = Some(at(i + 4));
        e.title = Some(at(i + 5));
        e.cameo = Some(at(i + 6));
        e.plover = Some(at(i + 11));
        e.date = Some(at(i + 7));
        e.evidence = vec![
            Evidence {
                doc: Arc::from(docs[i % n].as_str()),
                sentence: i,
                start: i,
                end: i + 10,
                text: Arc::from(at(i + 8).as_str()),
                rule: Arc::from(at(i + 9).as_str()),
            },
            Evidence {
                doc: Arc::from(docs[(i + 1) % n].as_str()),
                sentence: i + 1,
                start: 0,
                end: 1,
                text: Arc::from(at(i + 10).as_str()),
                rule: Arc::from("call.verb"),
            },
        ];
        e
    };
    for i in 0..n {
        let kind = kinds[i % kinds.len()];
        let target = if kind == EdgeKind::Contact { call } else { people[(i + 1) % n] };
        g.graph.add_edge(people[i], target, edge(i, kind));
    }
    g.graph.add_edge(people[2], legend, edge(2, EdgeKind::Affiliation));
    g.graph.add_edge(legend, plain, edge(3, EdgeKind::PartOf));
    g.graph.add_edge(people[3], undated, edge(4, EdgeKind::Contact));
    g.graph.add_edge(people[4], people[4], edge(5, EdgeKind::Statement));
    g
}

/// Articles whose file names (anything but `/` and NUL) are hostile.
const FILE_NAMES: &[&str] = &[
    "x\"]; a -> b; .txt",
    "'}) DETACH DELETE n -- .txt",
    "]]> <!-- &amp; &#1; .txt",
    "tab\there.txt",
    "line\nbreak.txt",
    "cr\rname.txt",
    "ctl\u{1}\u{1f}\u{7f}.txt",
    "ls\u{2028}ps\u{2029}.txt",
    "{$param} `tick` ``.txt",
    "Zoë שלום 😀.txt",
];

/// A corpus for the real pipeline: a JSON Lines file whose ids, titles, outlets and URLs are the
/// hostile strings and whose quotes carry them, and article files with hostile names and a
/// manifest with hostile metadata.
fn write_corpus(dir: &Path) {
    std::fs::create_dir_all(dir.join("articles")).expect("mkdir");
    let mut lines = String::new();
    for (i, h) in hostile().iter().enumerate() {
        let text = format!(
            "Defense Minister Ottilie Varga spoke by phone with Foreign Minister Bram Quennell on Monday. \
             \"We discussed {h} at length,\" Varga told reporters. Quennell said {h} was settled."
        );
        let line = json!({
            "id": corpus_id(i, h),
            "text": text,
            "title": h,
            "outlet": h,
            "url": format!("https://news.example/{h}"),
            "published": format!("2024-03-{:02}", 1 + i % 28),
        });
        lines.push_str(&line.to_string());
        lines.push('\n');
    }
    std::fs::write(dir.join("corpus.jsonl"), lines).expect("write corpus");
    let mut manifest = serde_json::Map::new();
    for (i, name) in FILE_NAMES.iter().enumerate() {
        let text = format!(
            "Interior Minister Seán O'Dálaigh-Nuñez spoke by phone with Defense Minister Ottilie Varga on Tuesday. \
             \"Nothing about {name} was agreed,\" O'Dálaigh-Nuñez said. Varga refused a call from Foreign Minister \
             Bram Quennell.\n"
        );
        std::fs::write(dir.join("articles").join(name), text).expect("write article");
        let meta = json!({"outlet": name, "title": format!("T {name}"), "url": format!("https://news.example/{name}"),
            "published": format!("2024-05-{:02}", 10 + i)});
        manifest.insert(name.to_string(), meta);
    }
    let manifest = json!({ "documents": manifest });
    std::fs::write(dir.join("articles/manifest.json"), manifest.to_string()).expect("write manifest");
}

/// The id of the corpus line for hostile string `i` (unique, and no white space to trim at its ends).
fn corpus_id(i: usize, h: &str) -> String {
    format!("#{i} {h} #{i}")
}

/// A graph and one export of it.
struct Case {
    what: &'static str,
    g: KnowledgeGraph,
    /// The exported file (a folder for neo4j).
    file: PathBuf,
    _dir: tempfile::TempDir,
}

fn format_of(name: &str) -> Format {
    name.parse().expect("a format")
}

/// The crafted graph written as graph.json and exported with `switchboard export`, and the
/// hostile corpus built with `switchboard build`: both in `format`, drawings with every statement
/// and node.
fn cases(format: &str) -> Vec<Case> {
    let file_name = format_of(format).file_name();
    let dir = tempfile::tempdir().expect("tempdir");
    let json = dir.path().join("graph.json");
    std::fs::write(&json, graph_json::to_string(&crafted())).expect("write graph.json");
    let file = dir.path().join(file_name);
    if format != "json" {
        let o = sb(&[
            "export",
            "--graph",
            json.to_str().expect("utf-8"),
            "--format",
            format,
            "--statements",
            "--isolated",
            "--out",
            file.to_str().expect("utf-8"),
        ]);
        assert!(o.status.success(), "export {format}: {}", String::from_utf8_lossy(&o.stderr));
    }
    let g = graph_json::from_slice(&std::fs::read(&json).expect("read")).expect("the crafted graph loads");
    let crafted = Case { what: "crafted", g, file, _dir: dir };

    let dir = tempfile::tempdir().expect("tempdir");
    write_corpus(&dir.path().join("in"));
    let out = dir.path().join("out");
    let o = sb(&[
        "build",
        path(&dir.path().join("in/corpus.jsonl")),
        path(&dir.path().join("in/articles")),
        "--out",
        out.to_str().expect("utf-8"),
        "--format",
        format,
        "--statements",
        "--isolated",
        "--quiet",
    ]);
    assert!(o.status.success(), "build {format}: {}", String::from_utf8_lossy(&o.stderr));
    let g =
        graph_json::from_slice(&std::fs::read(out.join("graph.json")).expect("read")).expect("the built graph loads");
    let built = Case { what: "built", g, file: out.join(file_name), _dir: dir };
    vec![crafted, built]
}

fn path(p: &Path) -> &str {
    p.to_str().expect("utf-8 path")
}

fn xmllint(file: &Path) {
    let o = Command::new("xmllint").arg("--noout").arg(file).output().expect("xmllint (libxml2-utils) is required");
    assert!(o.status.success(), "{} is not well-formed XML: {}", file.display(), String::from_utf8_lossy(&o.stderr));
}

/// What XML 1.0 can hold of a text (docs/formats.md): the characters it forbids (C0 controls but
/// tab, line feed and carriage return; U+FFFE, U+FFFF) become U+FFFD.
fn xml(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '\t' | '\n' | '\r' => c,
            c if (c as u32) < 0x20 || c == '\u{fffe}' || c == '\u{ffff}' => '\u{fffd}',
            c => c,
        })
        .collect()
}

fn same(s: &str) -> String {
    s.to_string()
}

/// A JSON value with nulls and empty lists left out of objects (absent and empty are the same).
fn normalized(v: &Value) -> Value {
    match v {
        Value::Object(m) => Value::Object(
            m.iter()
                .filter(|(_, x)| !x.is_null() && x.as_array().is_none_or(|a| !a.is_empty()))
                .map(|(k, x)| (k.clone(), normalized(x)))
                .collect(),
        ),
        Value::Array(a) => Value::Array(a.iter().map(normalized).collect()),
        other => other.clone(),
    }
}

fn to_value<T: serde::Serialize>(x: &T) -> Value {
    normalized(&serde_json::to_value(x).expect("serialisable"))
}

fn with(mut v: Value, extra: &[(&str, Value)]) -> Value {
    let m = v.as_object_mut().expect("an object");
    for (k, x) in extra {
        m.insert(k.to_string(), x.clone());
    }
    v
}

/// The edges in graph.json order: id (`e0`, ...), source id, target id, edge.
fn edges(g: &KnowledgeGraph) -> Vec<(String, &str, &str, &Edge)> {
    g.graph
        .edge_indices()
        .enumerate()
        .map(|(i, e)| {
            let (a, b) = g.graph.edge_endpoints(e).expect("endpoints");
            (format!("e{i}"), g.graph[a].id.as_str(), g.graph[b].id.as_str(), &g.graph[e])
        })
        .collect()
}

/// Attributes that the flat formats (GraphML, GEXF, CSV) write as JSON text.
const JSON_TEXT: &[&str] = &["aliases", "titles", "sources", "participants", "evidence"];

/// A node as the flat formats write it: every attribute it has, lists as JSON text, each string
/// through `text` (the format's replacement rule).
fn flat_node(n: &Node, text: fn(&str) -> String) -> BTreeMap<String, Value> {
    let mut m = BTreeMap::new();
    let mut put = |k: &str, v: Option<String>| {
        if let Some(v) = v {
            m.insert(k.to_string(), Value::String(text(&v)));
        }
    };
    let list = |l: &[String]| (!l.is_empty()).then(|| serde_json::to_string(l).expect("json"));
    put("kind", Some(n.kind.as_str().to_string()));
    put("label", Some(n.label.clone()));
    put("aliases", list(&n.aliases));
    put("titles", list(&n.titles));
    put("type", n.inst_type.clone());
    put("country", n.country.clone());
    put("sources", list(&n.sources));
    put("date", n.date.clone());
    put("status", n.status.clone());
    put("initiator", n.initiator.clone());
    put("participants", list(&n.participants));
    put("medium", n.medium.clone());
    put("disputed", list(&n.disputed));
    put("accounts", (!n.accounts.is_empty()).then(|| serde_json::to_string(&n.accounts).expect("json")));
    m
}

/// An edge as the flat formats write it (`direct` a boolean).
fn flat_edge(e: &Edge, text: fn(&str) -> String) -> BTreeMap<String, Value> {
    let mut m = BTreeMap::new();
    let mut put = |k: &str, v: &Option<String>| {
        if let Some(v) = v {
            m.insert(k.to_string(), Value::String(text(v)));
        }
    };
    put("kind", &Some(e.kind.as_str().to_string()));
    put("role", &e.role);
    put("what", &e.what);
    put("quote", &e.quote);
    put("cue", &e.cue);
    put("target_role", &e.target_role);
    put("title", &e.title);
    put("cameo", &e.cameo);
    put("plover", &e.plover);
    put("date", &e.date);
    put("first_seen", &e.first_seen);
    put("last_seen", &e.last_seen);
    let evidence = (!e.evidence.is_empty()).then(|| serde_json::to_string(&e.evidence).expect("json"));
    put("evidence", &evidence);
    if let Some(d) = e.direct {
        m.insert("direct".into(), Value::Bool(d));
    }
    m
}

/// `actual` (a reader's attributes) equals `expected`; JSON text compared as the JSON it holds.
fn assert_flat(actual: &Value, expected: &BTreeMap<String, Value>, what: &str) {
    let actual = actual.as_object().unwrap_or_else(|| panic!("{what}: no attributes"));
    let keys: BTreeSet<&String> = actual.keys().collect();
    assert_eq!(keys, expected.keys().collect::<BTreeSet<_>>(), "{what}: attribute names");
    for (k, want) in expected {
        let got = &actual[k];
        if JSON_TEXT.contains(&k.as_str()) {
            let parse = |v: &Value| -> Value {
                serde_json::from_str(v.as_str().expect("JSON text")).unwrap_or_else(|e| panic!("{what}.{k}: {e}"))
            };
            assert_eq!(parse(got), parse(want), "{what}.{k}");
        } else {
            assert_eq!(got, want, "{what}.{k}");
        }
    }
}

/// The hostile strings really are in the graphs checked: not a test of nothing.
fn assert_hostile(case: &Case) {
    let g = &case.g;
    let everything = graph_json::to_string(g);
    for piece in ["DETACH DELETE", "</node>", "]]>", "x\\\"]; a -> b; //", "\\u0000", "\\u001f", "\u{2028}", "😀"] {
        assert!(everything.contains(piece), "{}: no {piece:?} in the graph", case.what);
    }
    assert!(g.nodes().any(|n| n.sources.iter().any(|s| s.contains("DETACH DELETE"))), "{}", case.what);
    let quotes: Vec<&str> = g.graph.edge_weights().filter_map(|e| e.quote.as_deref()).collect();
    assert!(quotes.iter().any(|q| q.contains("DETACH DELETE")), "{}", case.what);
    if case.what == "crafted" {
        // (extraction cuts sentences at text::MAX_SENTENCE_BYTES, so only a crafted graph has a
        // quote over Graphviz's 16 KB)
        assert!(quotes.iter().any(|q| q.len() > 16384));
        assert!(g.nodes().any(|n| n.id.contains('\u{1}')) && g.nodes().any(|n| n.label.contains("\"]; a -> b")));
    }
}

#[test]
fn the_pipeline_carries_hostile_names_into_the_graph_as_text() {
    let dir = tempfile::tempdir().expect("tempdir");
    write_corpus(&dir.path().join("in"));
    let out = dir.path().join("out");
    let inputs = [dir.path().join("in/corpus.jsonl"), dir.path().join("in/articles")];
    let o = sb(&["build", path(&inputs[0]), path(&inputs[1]), "--out", path(&out), "--quiet"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let g = graph_json::from_slice(&std::fs::read(out.join("graph.json")).expect("read")).expect("loads");
    for (i, h) in hostile().iter().enumerate() {
        let id = corpus_id(i, h);
        let meta = g.documents.get(&id).unwrap_or_else(|| panic!("document {id:?} missing"));
        assert_eq!((meta.title.as_deref(), meta.outlet.as_deref()), (Some(h.as_str()), Some(h.as_str())));
        assert_eq!(meta.url.as_deref(), Some(format!("https://news.example/{h}").as_str()));
    }
    for (i, name) in FILE_NAMES.iter().enumerate() {
        let meta = g.documents.get(*name).unwrap_or_else(|| panic!("document {name:?} missing"));
        assert_eq!(meta.outlet.as_deref(), Some(*name));
        assert_eq!(meta.published.map(|d| d.to_string()), Some(format!("2024-05-{:02}", 10 + i)));
    }
    let quotes: Vec<&str> = g.graph.edge_weights().filter_map(|e| e.quote.as_deref()).collect();
    // (quotes have their white space collapsed, U+2028 and U+2029 included)
    for piece in ["'}) DETACH DELETE n //", "</node>", "]]>", "a\\ ", "\u{0}nul", "`tick` ``"] {
        assert!(quotes.iter().any(|q| q.contains(piece)), "no quote holds {piece:?}");
    }
    let person = g.node("person:sean-o-dalaigh-nunez").expect("the person with an apostrophe");
    assert_eq!(person.label, "Seán O'Dálaigh-Nuñez");
    assert!(person.sources.iter().any(|s| s.contains("DETACH DELETE")));
    let docs: BTreeSet<&str> =
        g.graph.edge_weights().flat_map(|e| e.evidence.iter().map(|v| &*v.doc)).collect::<BTreeSet<_>>();
    assert!(docs.contains("x\"]; a -> b; .txt") && docs.iter().any(|d| d.contains('\u{0}')));
}

#[test]
fn graph_json_keeps_every_hostile_string_for_networkx() {
    // the writer and the loader: the same graph, value for value
    let g = crafted();
    let text = graph_json::to_string(&g);
    let back = graph_json::from_slice(text.as_bytes()).expect("reads back");
    assert_eq!(back.nodes().collect::<Vec<_>>(), g.nodes().collect::<Vec<_>>());
    assert_eq!(back.graph.edge_weights().collect::<Vec<_>>(), g.graph.edge_weights().collect::<Vec<_>>());
    assert_eq!(back.documents, g.documents);
    assert_eq!(graph_json::to_string(&back), text);
    for case in cases("json") {
        assert_hostile(&case);
        let g = &case.g;
        let r = py(&["json", path(&case.file)]);
        assert_eq!(r["nodes"].as_u64(), Some(g.graph.node_count() as u64), "{}", case.what);
        for n in g.nodes() {
            let mut want = to_value(n);
            want.as_object_mut().expect("object").remove("id");
            assert_eq!(normalized(&r["node_attrs"][&n.id]), want, "{}: node {:?}", case.what, n.id);
        }
        // NetworkX keys an edge by its ends and its `key` (the number among edges between them)
        let list = r["edge_list"].as_array().expect("edge list");
        assert_eq!(list.len(), g.graph.edge_count(), "{}", case.what);
        let got: BTreeMap<(&str, &str, u64), Value> = list
            .iter()
            .map(|x| {
                let end = |i: usize| x[i].as_str().expect("an id");
                ((end(0), end(1), x[2].as_u64().expect("a key")), normalized(&x[3]))
            })
            .collect();
        let mut keys: BTreeMap<(&str, &str), u64> = BTreeMap::new();
        for (_, a, b, e) in edges(g) {
            let key = keys.entry((a, b)).or_default();
            assert_eq!(got.get(&(a, b, *key)), Some(&to_value(e)), "{}: edge {a:?} -> {b:?} ({key})", case.what);
            *key += 1;
        }
        assert_eq!(r["graph_attrs"]["documents"], serde_json::to_value(&g.documents).expect("json"));
    }
}

#[test]
fn cytoscape_js_loads_every_hostile_string() {
    for case in cases("cytoscape") {
        assert_hostile(&case);
        let g = &case.g;
        let r = client("node", &["tests/clients/cytoscape_load.js", path(&case.file)]);
        assert_eq!(r["nodes"].as_u64(), Some(g.graph.node_count() as u64), "{}", case.what);
        assert_eq!(r["edges"].as_u64(), Some(g.graph.edge_count() as u64), "{}", case.what);
        for n in g.nodes() {
            assert_eq!(normalized(&r["node_data"][&n.id]), to_value(n), "{}: node {:?}", case.what, n.id);
        }
        for (id, a, b, e) in edges(g) {
            let want = with(to_value(e), &[("id", json!(id)), ("source", json!(a)), ("target", json!(b))]);
            assert_eq!(normalized(&r["edge_data"][&id]), want, "{}: edge {id}", case.what);
        }
    }
}

#[test]
fn jgf_keeps_every_hostile_string_and_stays_valid() {
    for case in cases("jgf") {
        assert_hostile(&case);
        let g = &case.g;
        let r = py(&["jgf", path(&case.file), "--dump"]);
        assert_eq!(r["valid"], Value::Bool(true));
        assert_eq!(r["nodes"].as_u64(), Some(g.graph.node_count() as u64), "{}", case.what);
        for n in g.nodes() {
            let mut meta = to_value(n);
            let m = meta.as_object_mut().expect("object");
            m.remove("id");
            m.remove("label");
            let want = json!({ "label": n.label, "metadata": meta });
            assert_eq!(normalized(&r["node_data"][&n.id]), want, "{}: node {:?}", case.what, n.id);
        }
        let list = r["edge_data"].as_array().expect("edges");
        assert_eq!(list.len(), g.graph.edge_count(), "{}", case.what);
        for ((id, a, b, e), got) in edges(g).into_iter().zip(list) {
            let kind = e.kind.as_str();
            let want = json!({"id": id, "source": a, "target": b, "relation": kind, "directed": true, "label": kind,
                "metadata": to_value(e)});
            assert_eq!(normalized(got), want, "{}: edge {id}", case.what);
        }
        assert_eq!(r["graph_metadata"]["documents"], serde_json::to_value(&g.documents).expect("json"));
    }
}

/// GraphML and GEXF: well-formed, and NetworkX (igraph too for GraphML, checked against NetworkX
/// value by value in check_formats.py) reads every node, edge and value, U+FFFD where XML cannot
/// hold a character.
fn xml_format_keeps_every_hostile_string(format: &str) {
    for case in cases(format) {
        assert_hostile(&case);
        let g = &case.g;
        xmllint(&case.file);
        let r = py(&[format, path(&case.file), "--dump"]);
        assert_eq!(r["nodes"].as_u64(), Some(g.graph.node_count() as u64), "{}", case.what);
        assert_eq!(r["edges"].as_u64(), Some(g.graph.edge_count() as u64), "{}", case.what);
        for n in g.nodes() {
            let got = &r["node_attrs"][xml(&n.id)];
            assert_flat(got, &flat_node(n, xml), &format!("{} {format} node {:?}", case.what, n.id));
        }
        for (id, a, b, e) in edges(g) {
            let got = &r["edge_data"][&id];
            assert_eq!((got[0].as_str(), got[1].as_str()), (Some(xml(a).as_str()), Some(xml(b).as_str())), "{id}");
            // the format's own edge id, which NetworkX adds to the attributes when it makes a
            // graph without parallel edges (else it is the key), and GEXF's label, the kind
            let mut attrs = got[2].clone();
            let m = attrs.as_object_mut().expect("attributes");
            if let Some(x) = m.remove("id") {
                assert_eq!(x, json!(id));
            }
            if format == "gexf" {
                assert_eq!(m.remove("label"), Some(json!(e.kind.as_str())));
            }
            assert_flat(&attrs, &flat_edge(e, xml), &format!("{} {format} edge {id}", case.what));
        }
    }
}

#[test]
fn graphml_keeps_every_hostile_string_in_networkx_and_igraph() {
    xml_format_keeps_every_hostile_string("graphml");
}

#[test]
fn gexf_keeps_every_hostile_string_in_networkx() {
    xml_format_keeps_every_hostile_string("gexf");
}

#[test]
fn neo4j_csv_fields_read_back_exactly() {
    for case in cases("neo4j") {
        assert_hostile(&case);
        let g = &case.g;
        let r = py(&["neo4j", path(&case.file)]);
        assert_eq!(r["nodes"].as_u64(), Some(g.graph.node_count() as u64), "{}", case.what);
        assert_eq!(r["edges"].as_u64(), Some(g.graph.edge_count() as u64), "{}", case.what);
        // every column of a row: the value written, or "" (Python's csv reads no value as "")
        let row = |got: &Value, columns: &[&str], mut want: BTreeMap<String, Value>, what: &str| {
            let mut got = got.as_object().unwrap_or_else(|| panic!("{what}: no row")).clone();
            for c in columns {
                let name = c.split(':').next().unwrap_or(c);
                let v = want.remove(name).map(|v| match v {
                    Value::Bool(b) => b.to_string(),
                    v => v.as_str().expect("text").to_string(),
                });
                let cell = got.remove(*c).unwrap_or_else(|| panic!("{what}: no column {c}"));
                let cell = cell.as_str().expect("a field");
                match v {
                    Some(v) if JSON_TEXT.contains(&name) => {
                        let parse = |s: &str| serde_json::from_str::<Value>(s).expect("JSON text");
                        assert_eq!(parse(cell), parse(&v), "{what}.{c}");
                    }
                    v => assert_eq!(cell, v.unwrap_or_default(), "{what}.{c}"),
                }
            }
            assert!(want.is_empty() && got.is_empty(), "{what}: columns left over: {want:?} {got:?}");
        };
        let node_columns = [
            "kind",
            "label",
            "aliases",
            "titles",
            "type",
            "country",
            "sources",
            "date",
            "status",
            "initiator",
            "participants",
            "medium",
            "disputed",
            "accounts",
        ];
        for n in g.nodes() {
            let got = &r["node_rows"][&n.id];
            assert_eq!(got["id:ID"].as_str(), Some(n.id.as_str()));
            let kind = match n.kind {
                NodeKind::Person => "Person",
                NodeKind::Institution => "Institution",
                NodeKind::Call => "Call",
            };
            assert_eq!(got[":LABEL"].as_str(), Some(format!("Switchboard;{kind}").as_str()));
            let mut rest = got.clone();
            let m = rest.as_object_mut().expect("row");
            m.remove("id:ID");
            m.remove(":LABEL");
            row(&rest, &node_columns, flat_node(n, same), &format!("{} node {:?}", case.what, n.id));
        }
        let edge_columns = [
            "kind",
            "role",
            "what",
            "quote",
            "direct:boolean",
            "cue",
            "target_role",
            "title",
            "cameo",
            "plover",
            "date",
            "first_seen",
            "last_seen",
            "evidence",
        ];
        for (id, a, b, e) in edges(g) {
            let got = &r["edge_rows"][&id];
            assert_eq!((got[":START_ID"].as_str(), got[":END_ID"].as_str()), (Some(a), Some(b)), "{id}");
            assert_eq!(got[":TYPE"].as_str(), Some(e.kind.as_str().to_uppercase().as_str()));
            let mut rest = got.clone();
            let m = rest.as_object_mut().expect("row");
            for c in [":START_ID", ":END_ID", ":TYPE", "id"] {
                m.remove(c);
            }
            row(&rest, &edge_columns, flat_edge(e, same), &format!("{} edge {id}", case.what));
        }
    }
}

/// The tokens the Cypher writer itself uses; anything else outside a string literal would be
/// code that came from a name.
const CYPHER_TOKENS: &[&str] = &[
    "CREATE",
    "CONSTRAINT",
    "switchboard_id",
    "IF",
    "NOT",
    "EXISTS",
    "FOR",
    "REQUIRE",
    "IS",
    "UNIQUE",
    "MERGE",
    "MATCH",
    "SET",
    "Switchboard",
    "Person",
    "Institution",
    "Call",
    "CONTACT",
    "REFUSAL",
    "STATEMENT",
    "AFFILIATION",
    "PART_OF",
    "SUCCEEDED",
    "n",
    "a",
    "b",
    "r",
    "id",
    "kind",
    "label",
    "aliases",
    "titles",
    "type",
    "country",
    "sources",
    "date",
    "status",
    "initiator",
    "participants",
    "medium",
    "disputed",
    "accounts",
    "role",
    "what",
    "quote",
    "direct",
    "cue",
    "target_role",
    "title",
    "cameo",
    "plover",
    "first_seen",
    "last_seen",
    "evidence",
    "true",
    "false",
    "(",
    ")",
    "{",
    "}",
    "[",
    "]",
    ":",
    ",",
    "=",
    "-",
    ">",
    ".",
    ";",
    "'?'",
];

/// The string literals of a node's statement, in order: its id, then its values in the order of
/// the `SET` (lists item by item).
fn node_literals(n: &Node) -> Vec<String> {
    let mut v = vec![n.id.clone(), n.kind.as_str().to_string(), n.label.clone()];
    v.extend(n.aliases.iter().cloned());
    v.extend(n.titles.iter().cloned());
    v.extend(n.inst_type.clone());
    v.extend(n.country.clone());
    v.extend(n.sources.iter().cloned());
    v.extend(n.date.clone());
    v.extend(n.status.clone());
    v.extend(n.initiator.clone());
    v.extend(n.participants.iter().cloned());
    v.extend(n.medium.clone());
    v
}

/// The string literals of a relationship's statement: both end ids, its id, then its values
/// (`direct` is a boolean, evidence JSON text).
fn edge_literals(id: &str, a: &str, b: &str, e: &Edge) -> Vec<String> {
    let mut v = vec![a.to_string(), b.to_string(), id.to_string(), e.kind.as_str().to_string()];
    for x in [&e.role, &e.what, &e.quote, &e.cue, &e.target_role, &e.title, &e.cameo, &e.plover, &e.date] {
        v.extend(x.clone());
    }
    if !e.evidence.is_empty() {
        v.push(serde_json::to_string(&e.evidence).expect("json"));
    }
    v
}

#[test]
fn cypher_keeps_hostile_strings_inside_string_literals() {
    for case in cases("cypher") {
        assert_hostile(&case);
        let g = &case.g;
        let r = client("node", &["tests/clients/cypher_lint.js", "--literals", path(&case.file)]);
        assert_eq!(r["errors"].as_u64(), Some(0));
        let statements = 1 + g.graph.node_count() + g.graph.edge_count();
        assert_eq!(r["statements"].as_u64(), Some(statements as u64), "{}", case.what);
        let tokens = r["statement_tokens"].as_array().expect("tokens");
        let strings = r["statement_strings"].as_array().expect("strings");
        assert_eq!((tokens.len(), strings.len()), (statements, statements), "{}", case.what);
        for t in tokens {
            let t: Vec<&str> = t.as_array().expect("list").iter().map(|x| x.as_str().expect("token")).collect();
            let foreign: Vec<&&str> = t.iter().filter(|x| !CYPHER_TOKENS.contains(x)).collect();
            assert!(foreign.is_empty(), "{}: {foreign:?} outside string literals in {t:?}", case.what);
            assert_eq!(t.last(), Some(&";"), "one statement, ended");
            assert_eq!(t.iter().filter(|x| **x == ";").count(), 1);
        }
        let literals = |i: usize| -> Vec<String> {
            strings[i].as_array().expect("list").iter().map(|x| x.as_str().expect("string").to_string()).collect()
        };
        for (i, n) in g.nodes().enumerate() {
            let t = &tokens[1 + i];
            assert_eq!(t[0].as_str(), Some("MERGE"), "{}: node {:?}", case.what, n.id);
            assert_eq!(literals(1 + i), node_literals(n), "{}: node {:?}", case.what, n.id);
        }
        for (i, (id, a, b, e)) in edges(g).into_iter().enumerate() {
            let k = 1 + g.graph.node_count() + i;
            let t: Vec<&str> = tokens[k].as_array().expect("list").iter().filter_map(|x| x.as_str()).collect();
            let kind = e.kind.as_str().to_uppercase();
            let head = ["MERGE", "(", "a", ")", "-", "[", "r", ":", kind.as_str()];
            assert!(t.windows(head.len()).any(|w| w == head), "{}: {id} is not one {kind}: {t:?}", case.what);
            let mut got = literals(k);
            let mut want = edge_literals(&id, a, b, e);
            // evidence is JSON text: compared as JSON
            if !e.evidence.is_empty() {
                let parse = |s: String| serde_json::from_str::<Value>(&s).expect("JSON text");
                assert_eq!(parse(got.pop().expect("evidence")), parse(want.pop().expect("evidence")), "{id}");
            }
            assert_eq!(got, want, "{}: edge {id}", case.what);
        }
    }
}

/// What Graphviz draws of a label (docs/formats.md): line feeds, CR LF and CR break lines, a tab
/// is a space, other control characters and U+FFFE, U+FFFF are U+FFFD; an empty line draws nothing.
fn drawn_lines(text: &str) -> Vec<String> {
    let text = text.replace("\r\n", "\n").replace('\r', "\n").replace('\t', " ");
    let text: String = text
        .chars()
        .map(|c| if c != '\n' && (c.is_control() || c == '\u{fffe}' || c == '\u{ffff}') { '\u{fffd}' } else { c })
        .collect();
    text.split('\n').filter(|l| !l.is_empty()).map(String::from).collect()
}

fn shorten(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        s.to_string()
    } else {
        format!("{}\u{2026}", s.chars().take(max).collect::<String>())
    }
}

/// A node's label in the picture: a person with the shortest title under the name, a call with
/// its medium, date and status.
fn picture_label(n: &Node) -> String {
    match n.kind {
        NodeKind::Person => match n.titles.iter().min_by_key(|t| t.len()) {
            Some(t) => format!("{}\n{}", n.label, shorten(t, 40)),
            None => n.label.clone(),
        },
        NodeKind::Institution => n.label.clone(),
        NodeKind::Call => {
            let medium = n.medium.as_deref().map(|m| format!("{m} call")).unwrap_or_else(|| "call".into());
            let date = n.date.as_deref().unwrap_or("date unknown");
            let status = match n.status.as_deref() {
                Some("held") | None => String::new(),
                Some(s) => format!("\n({s})"),
            };
            format!("{medium}\n{date}{status}")
        }
    }
}

/// An edge's label in the picture with every statement drawn.
fn picture_edge_label(e: &Edge) -> String {
    match e.kind {
        EdgeKind::Statement => format!("\u{201c}{}\u{201d}", shorten(e.quote.as_deref().unwrap_or(""), 60)),
        EdgeKind::Contact if e.role.as_deref() == Some("initiator") => "initiated".into(),
        EdgeKind::Refusal => format!("refused {}", e.what.as_deref().unwrap_or("contact")),
        EdgeKind::Succeeded => "succeeded".into(),
        _ => String::new(),
    }
}

/// A Graphviz node name back to the id it was written from, undoing the id escapes of
/// docs/formats.md: `\\`, `\n`, `\u{hex}` and `&amp;` (Graphviz itself turns `\"` into `"`).
fn id_of_name(name: &str) -> String {
    let mut out = String::new();
    let mut rest = name;
    while let Some(c) = rest.chars().next() {
        if let Some(r) = rest.strip_prefix("\\\\") {
            out.push('\\');
            rest = r;
        } else if let Some(r) = rest.strip_prefix("\\n") {
            out.push('\n');
            rest = r;
        } else if let Some(r) = rest.strip_prefix("\\u{") {
            let end = r.find('}').expect("a closed \\u{");
            out.push(char::from_u32(u32::from_str_radix(&r[..end], 16).expect("hex")).expect("a char"));
            rest = &r[end + 1..];
        } else if let Some(r) = rest.strip_prefix("&amp;") {
            out.push('&');
            rest = r;
        } else {
            assert_ne!(c, '\\', "a lone backslash in {name:?}");
            out.push(c);
            rest = &rest[c.len_utf8()..];
        }
    }
    out
}

/// The text lines Graphviz draws for an object (its label).
fn drawn_text(o: &Value) -> Vec<String> {
    o["_ldraw_"]
        .as_array()
        .map(|ops| {
            ops.iter().filter(|op| op["op"] == "T").filter_map(|op| op["text"].as_str().map(String::from)).collect()
        })
        .unwrap_or_default()
}

#[test]
fn graphviz_reads_hostile_names_as_labels() {
    for case in cases("dot") {
        assert_hostile(&case);
        let g = &case.g;
        let dot = std::fs::read(&case.file).expect("read dot");
        let run = |format: &str| {
            let mut child = Command::new("dot")
                .arg(format)
                .stdin(Stdio::piped())
                .stdout(Stdio::piped())
                .stderr(Stdio::piped())
                .spawn()
                .expect("Graphviz dot is required (scripts/install-clients installs it)");
            let mut stdin = child.stdin.take().expect("stdin");
            let input = dot.clone();
            let writer = std::thread::spawn(move || std::io::Write::write_all(&mut stdin, &input));
            let out = child.wait_with_output().expect("dot runs");
            assert!(out.status.success(), "dot {format}: {}", String::from_utf8_lossy(&out.stderr));
            writer.join().expect("writer").expect("write dot");
            out.stdout
        };
        let v: Value = serde_json::from_slice(&run("-Tjson")).expect("dot -Tjson gives JSON");
        let objects = v["objects"].as_array().expect("objects");
        // clusters carry "nodes" lists; plain nodes do not
        let gv_nodes: Vec<&Value> = objects.iter().filter(|o| o.get("nodes").is_none()).collect();
        let (legend, ours): (Vec<&Value>, Vec<&Value>) =
            gv_nodes.iter().partition(|o| o["name"].as_str().is_some_and(|n| n.starts_with("legend:")));
        assert_eq!(legend.len(), 5, "{}: the legend's five nodes, no more", case.what);
        assert_eq!(ours.len(), g.graph.node_count(), "{}: no node lost, merged or made up", case.what);
        // _gvid -> our id
        let mut by_gvid: BTreeMap<u64, String> = BTreeMap::new();
        for o in &ours {
            let id = id_of_name(o["name"].as_str().expect("name"));
            let n =
                g.node(&id).unwrap_or_else(|| panic!("{}: Graphviz read a node {id:?} we did not write", case.what));
            assert_eq!(drawn_text(o), drawn_lines(&picture_label(n)), "{}: label of {id:?}", case.what);
            by_gvid.insert(o["_gvid"].as_u64().expect("gvid"), id);
        }
        assert_eq!(by_gvid.values().collect::<BTreeSet<_>>().len(), g.graph.node_count(), "ids stay apart");
        // edges: endpoints and labels, the legend's four aside
        let mut drawn: Vec<(String, String, Vec<String>)> = Vec::new();
        let mut legend_edges = 0;
        for e in v["edges"].as_array().expect("edges") {
            let end = |k: &str| by_gvid.get(&e[k].as_u64().expect("end")).cloned();
            match (end("tail"), end("head")) {
                (Some(a), Some(b)) => drawn.push((a, b, drawn_text(e))),
                (None, None) => legend_edges += 1,
                _ => panic!("{}: an edge between a legend node and ours", case.what),
            }
        }
        assert_eq!(legend_edges, 4);
        let mut want: Vec<(String, String, Vec<String>)> = edges(g)
            .into_iter()
            .map(|(_, a, b, e)| (a.to_string(), b.to_string(), drawn_lines(&picture_edge_label(e))))
            .collect();
        drawn.sort();
        want.sort();
        assert_eq!(drawn, want, "{}: the edges Graphviz read", case.what);
        // an ordinary id is its own name
        if case.what == "crafted" {
            assert!(ours.iter().any(|o| o["name"] == "institution:plain-ministry"));
        }
        // and the SVG rendered from it is XML
        let dir = tempfile::tempdir().expect("tempdir");
        let svg = dir.path().join("g.svg");
        std::fs::write(&svg, run("-Tsvg")).expect("write svg");
        xmllint(&svg);
    }
}
