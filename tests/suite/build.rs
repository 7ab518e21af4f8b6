//! The binary end to end: the committed demo graph is fresh, output is deterministic and
//! independent of input order, every evidence span points into its file, errors are clear.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use switchboard::export::json::GraphFile;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn switchboard(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_switchboard")).args(args).current_dir(root()).output().expect("run switchboard")
}

fn build(inputs: &[&str], out: &Path) -> Output {
    let mut args = vec!["build"];
    args.extend_from_slice(inputs);
    args.extend_from_slice(&["--out", out.to_str().unwrap_or_default()]);
    let o = switchboard(&args);
    assert!(o.status.success(), "build failed: {}", String::from_utf8_lossy(&o.stderr));
    o
}

#[test]
fn committed_seeds_graph_is_fresh() {
    let tmp = tempfile::tempdir().expect("tempdir");
    build(&["seeds/"], tmp.path());
    for f in ["graph.json", "graph.dot"] {
        let fresh = std::fs::read(tmp.path().join(f)).expect("built");
        let committed = std::fs::read(root().join("graphs/seeds").join(f)).unwrap_or_default();
        assert!(
            fresh == committed,
            "graphs/seeds/{f} is stale: run `cargo run --release -- build seeds/ --out graphs/seeds` \
             and `dot -Tsvg graphs/seeds/graph.dot -o graphs/seeds/graph.svg`"
        );
    }
    // the picture was rendered from this DOT: every node of it is in the SVG
    let svg =
        std::fs::read_to_string(root().join("graphs/seeds/graph.svg")).expect("graphs/seeds/graph.svg is committed");
    let (docs, _) = switchboard::input::read(&[root().join("seeds")]).expect("seeds");
    let g = switchboard::build_graph(&docs, switchboard::rules::Rules::builtin());
    for id in switchboard::export::dot::drawn_nodes(&g, &Default::default()) {
        // Graphviz writes "-" as "&#45;" in SVG titles
        let title = format!("<title>{}</title>", id.replace('-', "&#45;"));
        assert!(svg.contains(&title), "graph.svg lacks {id} (re-render it)");
    }
}

#[test]
fn output_is_byte_identical_whatever_the_input_order() {
    let mut files: Vec<String> = std::fs::read_dir(root().join("seeds"))
        .expect("seeds")
        .filter_map(|e| e.ok())
        .map(|e| format!("seeds/{}", e.file_name().to_string_lossy()))
        .filter(|n| n.ends_with(".txt"))
        .collect();
    files.sort();
    files.reverse();
    let (a, b) = (tempfile::tempdir().expect("tempdir"), tempfile::tempdir().expect("tempdir"));
    build(&["seeds/"], a.path());
    let refs: Vec<&str> = files.iter().map(String::as_str).collect();
    build(&refs, b.path());
    for f in ["graph.json", "graph.dot"] {
        assert_eq!(
            std::fs::read(a.path().join(f)).expect("a"),
            std::fs::read(b.path().join(f)).expect("b"),
            "{f} differs"
        );
    }
}

#[test]
fn every_evidence_span_is_the_text_of_its_file() {
    let tmp = tempfile::tempdir().expect("tempdir");
    build(&["seeds/"], tmp.path());
    let graph: GraphFile =
        serde_json::from_slice(&std::fs::read(tmp.path().join("graph.json")).expect("json")).expect("decodes");
    assert!(graph.directed && graph.multigraph);
    let mut checked = 0;
    for e in &graph.edges {
        if matches!(e.edge.kind.as_str(), "contact" | "refusal" | "statement") {
            assert!(!e.edge.evidence.is_empty(), "{} -> {} has no evidence", e.source, e.target);
        }
        for ev in &e.edge.evidence {
            let text = std::fs::read_to_string(root().join("seeds").join(&*ev.doc)).expect("evidence doc");
            assert_eq!(&text[ev.start..ev.end], &*ev.text, "evidence span of {} -> {}", e.source, e.target);
            assert!(graph.graph.documents.contains_key(&*ev.doc));
            checked += 1;
        }
    }
    assert!(checked > 50, "only {checked} evidence spans");
}

#[test]
fn stderr_reports_what_was_read_and_found() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let o = build(&["seeds/"], tmp.path());
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("read 8 documents"), "{err}");
    for word in ["persons", "institutions", "calls", "refusals", "statements", "warnings"] {
        assert!(err.contains(word), "stderr lacks {word}: {err}");
    }
    let quiet = switchboard(&["build", "seeds/", "--out", tmp.path().to_str().unwrap_or_default(), "--quiet"]);
    assert!(quiet.status.success() && quiet.stderr.is_empty());
}

#[test]
fn missing_input_is_an_error_naming_the_path() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let o = switchboard(&["build", "no/such/dir", "--out", tmp.path().to_str().unwrap_or_default()]);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("no/such/dir") && err.contains("no such file"), "{err}");
}

#[test]
fn a_folder_without_articles_is_an_error() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let empty = tempfile::tempdir().expect("tempdir");
    let o = switchboard(&[
        "build",
        empty.path().to_str().unwrap_or_default(),
        "--out",
        tmp.path().to_str().unwrap_or_default(),
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("no articles could be read"));
}

#[test]
fn a_bad_manifest_is_reported_and_the_articles_still_count() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(
        dir.path().join("a.txt"),
        "Headline\n\nDefense Secretary Jane Doe spoke by phone on Monday with Defense Minister Ivan Petrov.\n",
    )
    .expect("write");
    std::fs::write(dir.path().join("manifest.json"), "{\"documents\": {\"a.txt\": {\"published\": \"2024-06-26\",}}}")
        .expect("write");
    let out = tempfile::tempdir().expect("tempdir");
    let o = build(&[dir.path().to_str().unwrap_or_default()], out.path());
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("manifest.json") && err.contains("line 1"), "{err}");
    let graph: GraphFile =
        serde_json::from_slice(&std::fs::read(out.path().join("graph.json")).expect("json")).expect("decodes");
    assert_eq!(graph.nodes.iter().filter(|n| n.kind.as_str() == "call").count(), 1);
}

/// Odd text yields fewer facts, never a panic: unmatched and nested quotes, runs of capitals,
/// lone initials, control characters, non-Latin scripts, empty and one-character articles.
#[test]
fn odd_text_never_panics() {
    let cases: Vec<String> = vec![
        String::new(),
        "\"".into(),
        "\u{201c}\u{201d}\u{201c}".into(),
        "\"\"\"\"\" said he \"".into(),
        "A. B. C. D. E.".into(),
        "Mr. Mr. Mr. Gen. Brig. Gen.".into(),
        "The the The, the. the".into(),
        "US US US U.S. U.S.A. said said said".into(),
        "Secretary Secretary-General Minister of Defense of".into(),
        "He said. She said. It said. They said, he said, \u{201c}no\u{201d}".into(),
        "\u{0}\u{7}\u{1b}[31m red \u{feff} bom".into(),
        "Путин сказал. 習近平說。 مرحبا".into(),
        "Ministry of the of the of the Fund".into(),
        "called called called a a a Jane Roe called Jane Roe a \"".into(),
        "declined declined to to refused refused calls from from".into(),
        "since a call on since a call on May May 13 13".into(),
        "Jane Roe, , , said, \u{201c},\u{201d} told".into(),
        "\n\n\n \t \r\n".into(),
        "X".into(),
        (0..2000).map(|i| if i % 2 == 0 { "Jane " } else { "Roe, " }).collect(),
        "\"a\" ".repeat(500),
        "Defense Secretary Jane Roe spoke by phone on Tuesday with ".repeat(50),
    ];
    let docs: Vec<switchboard::input::Document> = cases
        .iter()
        .enumerate()
        .map(|(i, t)| switchboard::input::Document {
            name: format!("{i}.txt"),
            text: t.clone(),
            meta: Default::default(),
        })
        .collect();
    let g = switchboard::build_graph(&docs, switchboard::rules::Rules::builtin());
    // and the outputs stay well-formed
    let json = switchboard::export::json::to_string(&g);
    let _: GraphFile = serde_json::from_str(&json).expect("JSON decodes");
    assert!(switchboard::export::dot::to_string(&g, &Default::default()).starts_with("digraph"));
}

fn doc(name: &str, published: &str, text: &str) -> switchboard::input::Document {
    let meta =
        switchboard::input::DocMeta { published: switchboard::dates::parse_iso(published), ..Default::default() };
    switchboard::input::Document { name: name.into(), text: text.into(), meta }
}

/// A report dated only to the month must not join two calls of that month into one.
#[test]
fn a_month_only_report_never_bridges_two_calls() {
    let docs = vec![
        doc(
            "a.txt",
            "2024-05-04",
            "Defense Minister Ivan Petrov spoke by phone with Defense Secretary Jane Roe on May 3.",
        ),
        doc(
            "b.txt",
            "2024-05-21",
            "Defense Minister Ivan Petrov spoke by phone with Defense Secretary Jane Roe on May 20.",
        ),
        doc(
            "c.txt",
            "2024-06-02",
            "Defense Minister Ivan Petrov spoke by phone with Defense Secretary Jane Roe in May.",
        ),
        doc(
            "d.txt",
            "2024-05-22",
            "Defense Minister Ivan Petrov and Defense Secretary Jane Roe spoke by phone on Monday.",
        ),
    ];
    let g = switchboard::build_graph(&docs, switchboard::rules::Rules::builtin());
    let mut calls: Vec<(Option<String>, Vec<String>)> =
        g.nodes().filter(|n| n.kind.as_str() == "call").map(|n| (n.date.clone(), n.sources.clone())).collect();
    calls.sort();
    assert_eq!(
        calls,
        vec![
            (Some("2024-05".into()), vec!["c.txt".into()]),
            (Some("2024-05-03".into()), vec!["a.txt".into()]),
            (Some("2024-05-20".into()), vec!["b.txt".into(), "d.txt".into()]),
        ]
    );
}

/// Two folders may hold files of the same name: both are read, under names that keep them
/// apart, and the graph does not depend on the order the folders are given in.
#[test]
fn same_file_names_in_two_folders_are_both_read_in_any_order() {
    let (x, y) = (tempfile::tempdir().expect("tempdir"), tempfile::tempdir().expect("tempdir"));
    std::fs::write(
        x.path().join("n.txt"),
        "A\n\nDefense Minister Ivan Petrov spoke by phone with Defense Secretary Jane Roe.\n",
    )
    .expect("write");
    std::fs::write(
        y.path().join("n.txt"),
        "B\n\nForeign Minister Oleg Sidorov spoke by phone with Foreign Secretary Mary Major.\n",
    )
    .expect("write");
    let (xs, ys) = (x.path().to_str().unwrap_or_default(), y.path().to_str().unwrap_or_default());
    let (a, b) = (tempfile::tempdir().expect("tempdir"), tempfile::tempdir().expect("tempdir"));
    build(&[xs, ys], a.path());
    build(&[ys, xs], b.path());
    let ja = std::fs::read(a.path().join("graph.json")).expect("a");
    assert_eq!(ja, std::fs::read(b.path().join("graph.json")).expect("b"));
    let graph: GraphFile = serde_json::from_slice(&ja).expect("decodes");
    assert_eq!(graph.graph.documents.len(), 2);
    assert_eq!(graph.nodes.iter().filter(|n| n.kind.as_str() == "call").count(), 2);
}

/// A document renamed by its path keeps a name of its own even when that path is another
/// input's name (here a corpus `id`): no document is lost.
#[test]
fn a_renamed_document_never_takes_another_ones_name() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let d = tmp.path().join("d");
    std::fs::create_dir(&d).expect("mkdir");
    std::fs::write(
        d.join("a.txt"),
        "A\n\nDefense Minister Ivan Petrov spoke by phone with Defense Secretary Jane Roe.\n",
    )
    .expect("write");
    let corpus = tmp.path().join("c.jsonl");
    let lines = [
        serde_json::json!({"id": "a.txt", "text": "B\n\nForeign Minister Oleg Sidorov spoke by phone with Foreign Secretary Mary Major.\n"}),
        serde_json::json!({"id": d.join("a.txt").to_string_lossy().replace('\\', "/"), "text": "C\n\nPrime Minister Anna Berg spoke by phone with President Tomas Lind.\n"}),
    ];
    std::fs::write(&corpus, lines.iter().map(|l| format!("{l}\n")).collect::<String>()).expect("write");
    let out = tmp.path().join("out");
    build(&[d.to_str().unwrap_or_default(), corpus.to_str().unwrap_or_default()], &out);
    let graph: GraphFile =
        serde_json::from_slice(&std::fs::read(out.join("graph.json")).expect("graph")).expect("json");
    assert_eq!(graph.graph.documents.len(), 3, "{:?}", graph.graph.documents.keys().collect::<Vec<_>>());
    assert_eq!(graph.nodes.iter().filter(|n| n.kind.as_str() == "call").count(), 3);
}

/// A file and its gzipped copy share the manifest entry of the plain name; one file reached
/// through a folder and by its own path is read once, under the same name in any order.
#[test]
fn manifest_entries_and_files_named_twice_do_not_depend_on_order() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let d = tmp.path().join("d");
    std::fs::create_dir_all(d.join("sub")).expect("mkdir");
    let text = "A\n\nDefense Minister Ivan Petrov spoke by phone with Defense Secretary Jane Roe on Tuesday.\n";
    std::fs::write(d.join("a.txt"), text).expect("write");
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    std::io::Write::write_all(&mut gz, text.as_bytes()).expect("gzip");
    std::fs::write(d.join("a.txt.gz"), gz.finish().expect("gzip")).expect("write");
    std::fs::write(d.join("manifest.json"), r#"{"documents": {"a.txt": {"published": "2024-01-04"}}}"#).expect("write");
    std::fs::write(
        d.join("sub/b.txt"),
        "B\n\nForeign Minister Oleg Sidorov spoke by phone with Foreign Secretary Mary Major.\n",
    )
    .expect("write");
    let (ds, bs) = (d.to_str().unwrap_or_default().to_string(), d.join("sub/b.txt").to_string_lossy().to_string());
    let (x, y) = (tmp.path().join("x"), tmp.path().join("y"));
    build(&[&ds, &bs], &x);
    build(&[&bs, &ds], &y);
    let jx = std::fs::read(x.join("graph.json")).expect("x");
    assert_eq!(jx, std::fs::read(y.join("graph.json")).expect("y"), "argument order changed the graph");
    let graph: GraphFile = serde_json::from_slice(&jx).expect("json");
    let docs = &graph.graph.documents;
    assert_eq!(docs.len(), 3, "{:?}", docs.keys().collect::<Vec<_>>());
    let dated = docs.values().filter(|m| m.published.map(|p| p.to_string()).as_deref() == Some("2024-01-04")).count();
    assert_eq!(dated, 2, "a.txt and a.txt.gz both take the manifest date: {docs:?}");
}

/// The world articles as JSON Lines, with their manifest's metadata.
fn world_jsonl() -> String {
    let dir = root().join("tests/fixtures/world");
    let manifest: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("manifest.json")).expect("manifest")).expect("json");
    let mut out = String::new();
    for (name, meta) in manifest["documents"].as_object().expect("documents") {
        let text = std::fs::read_to_string(dir.join(name)).expect("article");
        let mut rec = meta.clone();
        rec["id"] = name.clone().into();
        rec["text"] = text.into();
        out.push_str(&serde_json::to_string(&rec).expect("json"));
        out.push('\n');
    }
    out
}

#[test]
fn a_jsonl_corpus_gzipped_or_on_stdin_gives_the_graph_of_its_files() {
    use std::io::Write;
    let tmp = tempfile::tempdir().expect("tempdir");
    let from_files = tmp.path().join("files");
    assert!(build(&["tests/fixtures/world"], &from_files).status.success());
    let expected = std::fs::read(from_files.join("graph.json")).expect("graph");

    let jsonl = tmp.path().join("world.jsonl");
    std::fs::write(&jsonl, world_jsonl()).expect("write");
    let gz = tmp.path().join("world.jsonl.gz");
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    enc.write_all(world_jsonl().as_bytes()).expect("gzip");
    std::fs::write(&gz, enc.finish().expect("gzip")).expect("write");
    for input in [&jsonl, &gz] {
        let out = tmp.path().join(format!("out-{}", input.file_name().expect("name").to_string_lossy()));
        let o = build(&[input.to_str().expect("utf-8")], &out);
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        assert!(std::fs::read(out.join("graph.json")).expect("graph") == expected, "{}", input.display());
    }
    // standard input, with two bad lines that are reported and skipped
    let out = tmp.path().join("stdin");
    let mut child = Command::new(env!("CARGO_BIN_EXE_switchboard"))
        .args(["build", "-", "--out", out.to_str().expect("utf-8"), "-q"])
        .stdin(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("run");
    let input = format!("not json\n{}{{\"text\": \"no id\"}}\n", world_jsonl());
    child.stdin.take().expect("stdin").write_all(input.as_bytes()).expect("write stdin");
    let o = child.wait_with_output().expect("wait");
    assert!(o.status.success());
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("<stdin>: line 1: skipped: not an article"), "{err}");
    assert!(err.contains("line 6: skipped") && err.contains("missing field `id`"), "{err}");
    assert!(std::fs::read(out.join("graph.json")).expect("graph") == expected);
}

#[test]
fn facts_into_a_pipe_closed_early_exits_quietly_with_success() {
    use std::io::{BufRead, BufReader};
    // 130 KB of facts: more than a pipe holds, so the writer meets the closed pipe
    let mut child = Command::new(env!("CARGO_BIN_EXE_switchboard"))
        .args(["facts", "seeds", "tests/fixtures"])
        .current_dir(root())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("run");
    let mut first = String::new();
    BufReader::new(child.stdout.take().expect("stdout")).read_line(&mut first).expect("read");
    assert!(first.starts_with("== "), "{first}");
    let o = child.wait_with_output().expect("wait");
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(0), "{err}");
    assert!(!err.contains("panicked") && !err.contains("error"), "{err}");
}

/// Invented articles with a statement, refusal and call of each event-code family.
const CODED: [(&str, &str); 2] = [
    (
        "words.txt",
        "Ministers trade words\n\n\
         Ruritanian Foreign Minister Jane Roe warned Bordurian Foreign Minister Ivan Petrov against any escalation.\n\n\
         Petrov accused Roe of stalling the negotiations.\n\n\
         Roe and Petrov will speak by phone next week, the ministry said.\n\n\
         Petrov declined Roe's requests for talks.\n\n\
         Petrov said the line remained open.\n",
    ),
    (
        "calls.txt",
        "Calls\n\n\
         Ruritanian Defence Minister Oleg Sokol and Bordurian Defence Minister Anna Berg held a video call on Monday.\n\n\
         Ruritanian Trade Minister Mark Stone denied that he had spoken by phone with Bordurian Trade Minister Lena Vogel.\n",
    ),
];

#[test]
fn event_codes_reach_graph_json_and_survive_merge_and_export() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let articles = tmp.path().join("articles");
    std::fs::create_dir(&articles).expect("mkdir");
    for (name, text) in CODED {
        std::fs::write(articles.join(name), text).expect("write article");
    }
    let out = tmp.path().join("out");
    build(&[articles.to_str().unwrap_or_default()], &out);
    let bytes = std::fs::read(out.join("graph.json")).expect("graph.json");
    let g: GraphFile = serde_json::from_slice(&bytes).expect("graph json");
    let node = |id: &str| g.nodes.iter().find(|n| n.id == id).expect("node");
    // (kind, cue or what or the call's status and medium) -> the codes, over every edge of that kind
    let mut codes: std::collections::BTreeMap<String, std::collections::BTreeSet<String>> = Default::default();
    for r in &g.edges {
        let e = &r.edge;
        let what = match e.kind.as_str() {
            "statement" => e.cue.clone().unwrap_or_default(),
            "refusal" => e.what.clone().unwrap_or_default(),
            "contact" => {
                let call = node(&r.target);
                format!("{}/{}", call.medium.as_deref().unwrap_or("none"), call.status.as_deref().unwrap_or(""))
            }
            _ => continue,
        };
        let code = format!("{} {}", e.cameo.as_deref().unwrap_or("-"), e.plover.as_deref().unwrap_or("-"));
        codes.entry(format!("{} {what}", e.kind.as_str())).or_default().insert(code);
    }
    let got: Vec<(String, Vec<String>)> = codes.into_iter().map(|(k, v)| (k, v.into_iter().collect())).collect();
    let want: Vec<(String, Vec<String>)> = [
        ("contact phone/denied", "- -"),
        ("contact phone/planned", "036 AGREE"),
        ("contact video/held", "040 CONSULT/video"),
        ("refusal talks", "125 REJECT/meet"),
        ("statement accused", "112 ACCUSE"),
        ("statement denied", "016 -"),
        ("statement said", "010 -"),
        ("statement warned", "130 THREATEN"),
    ]
    .iter()
    .map(|(k, v)| (k.to_string(), vec![v.to_string()]))
    .collect();
    assert_eq!(got, want);

    // merge (from facts.bin) codes again by the same table; export reads graph.json back and
    // writes it again: both give the same bytes, plover included
    let merged = tmp.path().join("merged");
    let o = switchboard(&["merge", out.to_str().unwrap_or_default(), "--out", merged.to_str().unwrap_or_default()]);
    assert!(o.status.success(), "merge failed: {}", String::from_utf8_lossy(&o.stderr));
    assert_eq!(std::fs::read(merged.join("graph.json")).expect("merged graph.json"), bytes);
    let again = tmp.path().join("again.json");
    let graph = out.join("graph.json");
    let o = switchboard(&[
        "export",
        "--graph",
        graph.to_str().unwrap_or_default(),
        "-f",
        "json",
        "-o",
        again.to_str().unwrap_or_default(),
    ]);
    assert!(o.status.success(), "export failed: {}", String::from_utf8_lossy(&o.stderr));
    assert_eq!(std::fs::read(&again).expect("exported graph.json"), bytes);
}
