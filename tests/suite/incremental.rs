//! Incremental builds: `build --update DIR` and `merge` give, byte for byte, the graph.json,
//! graph.dot and facts.bin of one build over all the articles; a new article replaces a stored
//! one of its name; a missing, foreign, stale or damaged facts file is a clear error (exit 2).
//!
//! The corpus is the invented world of `tests/fixtures/world/` plus two articles written here
//! that name people only by title and surname ("Gen. Saltykov") and report a call of another
//! article, so shards depend on each other; and, when python3 and `../shared/bench` are present, a
//! synthetic corpus from `gen_corpus.py`.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use switchboard::export::json::GraphFile;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_switchboard")).args(args).current_dir(root()).output().expect("run switchboard")
}

fn ok(args: &[&str]) -> Output {
    let o = run(args);
    assert!(o.status.success(), "switchboard {} failed: {}", args.join(" "), String::from_utf8_lossy(&o.stderr));
    o
}

/// An error run: exit code 2 and its one-line message.
fn fails(args: &[&str]) -> String {
    let o = run(args);
    assert_eq!(o.status.code(), Some(2), "switchboard {} should fail", args.join(" "));
    let err = String::from_utf8_lossy(&o.stderr).to_string();
    assert!(err.starts_with("switchboard: error: ") && err.trim_end().lines().count() == 1, "{err}");
    err
}

fn s(p: &Path) -> &str {
    p.to_str().expect("utf-8 path")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).to_string()
}

/// An article: its file name, publication date and text.
#[derive(Clone)]
struct Article {
    name: String,
    published: String,
    text: String,
}

/// The four articles of `tests/fixtures/world/`, with their manifest dates.
fn world() -> Vec<Article> {
    let dir = root().join("tests/fixtures/world");
    let manifest: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.join("manifest.json")).expect("manifest")).expect("manifest json");
    let mut out: Vec<Article> = manifest["documents"]
        .as_object()
        .expect("documents")
        .iter()
        .map(|(name, m)| Article {
            name: name.clone(),
            published: m["published"].as_str().expect("published").into(),
            text: std::fs::read_to_string(dir.join(name)).expect("article"),
        })
        .collect();
    out.sort_by(|a, b| a.name.cmp(&b.name));
    assert_eq!(out.len(), 4);
    out
}

/// Two more articles about the same world: one names both generals only by title and surname,
/// one reports the call of `01_...` again.
fn more() -> Vec<Article> {
    vec![
        Article {
            name: "05_saltykov_again.txt".into(),
            published: "2022-03-29".into(),
            text: "Russian general again refuses calls from US counterpart\n\n\
                   Gen. Saltykov has again refused to take phone calls from Gen. Whitcombe, a US defense \
                   official said on Monday.\n\n\"We keep trying,\" Gen. Whitcombe said.\n"
                .into(),
        },
        Article {
            name: "06_may_call_readout.txt".into(),
            published: "2022-05-14".into(),
            text: "Pentagon releases readout of defense chiefs' call\n\n\
                   Secretary Brennan and Minister Dronov spoke by phone on May 13 for about an hour, the \
                   Pentagon said in a readout released on Saturday.\n\n\
                   Brennan called for an immediate ceasefire, according to the readout.\n"
                .into(),
        },
    ]
}

/// Write `articles` and their manifest.json into a new folder `dir`.
fn lay_out(dir: &Path, articles: &[&Article]) -> PathBuf {
    std::fs::create_dir_all(dir).expect("mkdir");
    let mut docs = serde_json::Map::new();
    for a in articles {
        std::fs::write(dir.join(&a.name), &a.text).expect("write article");
        docs.insert(a.name.clone(), serde_json::json!({"published": a.published, "outlet": "Test Wire"}));
    }
    let manifest = serde_json::json!({ "documents": docs });
    std::fs::write(dir.join("manifest.json"), serde_json::to_vec_pretty(&manifest).expect("json")).expect("manifest");
    dir.to_path_buf()
}

/// The files of a build that must be byte-identical.
const OUTPUTS: [&str; 3] = ["graph.json", "graph.dot", "facts.bin"];

fn assert_same(got: &Path, want: &Path) {
    for f in OUTPUTS {
        let (g, w) = (std::fs::read(got.join(f)).expect("got"), std::fs::read(want.join(f)).expect("want"));
        assert!(
            g == w,
            "{f} differs: {} ({} bytes) vs one build in {} ({} bytes)",
            got.display(),
            g.len(),
            want.display(),
            w.len()
        );
    }
}

fn graph(dir: &Path) -> GraphFile {
    serde_json::from_slice(&std::fs::read(dir.join("graph.json")).expect("graph.json")).expect("decodes")
}

/// Labels of the person nodes, and the sources of the node with `label`.
fn sources_of(g: &GraphFile, label: &str) -> Vec<String> {
    g.nodes.iter().find(|n| n.label == label).map(|n| n.sources.clone()).unwrap_or_default()
}

/// The world split in two: shard 1 holds 01 and 02 (where the generals' full names are), shard 2
/// the rest (where 05 names them by surname only and 06 reports 01's call again).
struct World {
    tmp: tempfile::TempDir,
    shard1: PathBuf,
    shard2: PathBuf,
    all: PathBuf,
}

fn split_world() -> World {
    let tmp = tempfile::tempdir().expect("tempdir");
    let articles: Vec<Article> = world().into_iter().chain(more()).collect();
    let refs: Vec<&Article> = articles.iter().collect();
    let shard1 = lay_out(&tmp.path().join("shard1"), &refs[..2]);
    let shard2 = lay_out(&tmp.path().join("shard2"), &refs[2..]);
    let all = lay_out(&tmp.path().join("all"), &refs);
    World { tmp, shard1, shard2, all }
}

impl World {
    fn out(&self, name: &str) -> PathBuf {
        self.tmp.path().join(name)
    }

    /// One build over every article, into `one/`.
    fn one_build(&self) -> PathBuf {
        let one = self.out("one");
        ok(&["build", s(&self.all), "--out", s(&one), "--quiet"]);
        one
    }
}

#[test]
fn update_gives_the_graph_of_one_build_without_reading_the_old_articles() {
    let w = split_world();
    let one = w.one_build();
    let g1 = w.out("g");
    ok(&["build", s(&w.shard1), "--out", s(&g1)]);
    // the old articles are gone: --update can only use the stored facts
    std::fs::remove_dir_all(&w.shard1).expect("rm shard1");
    let o = ok(&["build", s(&w.shard2), "--update", s(&g1)]);
    let err = stderr(&o);
    assert!(err.contains("read 4 documents") && err.contains("kept 2 from") && err.contains("(0 replaced)"), "{err}");
    assert!(!err.contains("switchboard: warning"), "{err}");
    assert_same(&g1, &one);
}

#[test]
fn update_into_another_folder_leaves_the_old_one_as_it_was() {
    let w = split_world();
    let one = w.one_build();
    let (g1, g2) = (w.out("g1"), w.out("g2"));
    ok(&["build", s(&w.shard1), "--out", s(&g1), "--quiet"]);
    let before: Vec<Vec<u8>> = OUTPUTS.iter().map(|f| std::fs::read(g1.join(f)).expect("g1")).collect();
    // the updated folder named by its graph.json works too
    ok(&["build", s(&w.shard2), "--update", s(&g1.join("graph.json")), "--out", s(&g2), "--quiet"]);
    assert_same(&g2, &one);
    let after: Vec<Vec<u8>> = OUTPUTS.iter().map(|f| std::fs::read(g1.join(f)).expect("g1")).collect();
    assert!(before == after, "the updated folder changed although --out named another");
}

#[test]
fn merge_gives_the_graph_of_one_build_and_merges_compose() {
    let w = split_world();
    let one = w.one_build();
    let (a, b, m) = (w.out("a"), w.out("b"), w.out("m"));
    ok(&["build", s(&w.shard1), "--out", s(&a), "--quiet"]);
    ok(&["build", s(&w.shard2), "--out", s(&b), "--quiet"]);
    let o = ok(&["merge", s(&a), s(&b.join("graph.json")), "--out", s(&m)]);
    assert!(stderr(&o).contains("merged 2 graphs: 6 documents (0 in more than one"), "{}", stderr(&o));
    assert_same(&m, &one);
    // the order of the inputs does not matter
    let m2 = w.out("m2");
    ok(&["merge", s(&b), s(&a), "--out", s(&m2), "--quiet"]);
    assert_same(&m2, &one);

    // three shards, merged two at a time: a merge's folder is a graph folder like any other
    let arts: Vec<Article> = world().into_iter().chain(more()).collect();
    let (s1, s2, s3) = (
        lay_out(&w.out("s1"), &[&arts[0], &arts[4]]),
        lay_out(&w.out("s2"), &[&arts[1], &arts[2]]),
        lay_out(&w.out("s3"), &[&arts[3], &arts[5]]),
    );
    let (b1, b2, b3, m12, m123) = (w.out("b1"), w.out("b2"), w.out("b3"), w.out("m12"), w.out("m123"));
    for (src, dst) in [(&s1, &b1), (&s2, &b2), (&s3, &b3)] {
        ok(&["build", s(src), "--out", s(dst), "--quiet"]);
    }
    ok(&["merge", s(&b1), s(&b2), "--out", s(&m12), "--quiet"]);
    ok(&["merge", s(&m12), s(&b3), "--out", s(&m123), "--quiet"]);
    assert_same(&m123, &one);
    // and a merge of a graph with itself is that graph
    let self_merge = w.out("self");
    let o = ok(&["merge", s(&one), s(&one), "--out", s(&self_merge)]);
    assert!(stderr(&o).contains("6 documents (6 in more than one, 0 of them differing)"), "{}", stderr(&o));
    assert!(!stderr(&o).contains("switchboard: warning"), "{}", stderr(&o));
    assert_same(&self_merge, &one);
}

#[test]
fn merge_writes_the_formats_asked_for() {
    let w = split_world();
    let (a, b, m) = (w.out("a"), w.out("b"), w.out("m"));
    ok(&["build", s(&w.shard1), "--out", s(&a), "--quiet"]);
    ok(&["build", s(&w.shard2), "--out", s(&b), "--quiet"]);
    ok(&["merge", s(&a), s(&b), "--out", s(&m), "--format", "graphml,cytoscape", "--quiet"]);
    let mut files: Vec<String> =
        std::fs::read_dir(&m).expect("m").map(|e| e.expect("entry").file_name().to_string_lossy().into()).collect();
    files.sort();
    assert_eq!(files, ["facts.bin", "graph.cyjs", "graph.graphml", "graph.json"]);
}

#[test]
fn an_update_names_the_outputs_it_left_stale() {
    let w = split_world();
    let g = w.out("g");
    ok(&["build", s(&w.shard1), "--out", s(&g), "--format", "json,dot,graphml", "--quiet"]);
    let o = ok(&["build", s(&w.shard2), "--update", s(&g)]);
    let warning = format!(
        "switchboard: warning: {} shows the graph before this update (add --format graphml to rewrite it)",
        g.join("graph.graphml").display()
    );
    assert!(stderr(&o).contains(&warning), "{}", stderr(&o));
    let o = ok(&["build", s(&w.shard2), "--update", s(&g), "--format", "dot,graphml"]);
    assert!(!stderr(&o).contains("before this update"), "{}", stderr(&o));
}

/// The update really merges across the shards: shard 2 alone cannot know who "Gen. Saltykov" is,
/// nor that 06 reports 01's call; with shard 1's stored facts it does.
#[test]
fn surnames_and_calls_resolve_across_shards() {
    let w = split_world();
    let (alone, g) = (w.out("alone"), w.out("g"));
    ok(&["build", s(&w.shard2), "--out", s(&alone), "--quiet"]);
    ok(&["build", s(&w.shard1), "--out", s(&g), "--quiet"]);
    ok(&["build", s(&w.shard2), "--update", s(&g), "--quiet"]);

    let alone = graph(&alone);
    assert_eq!(sources_of(&alone, "Saltykov"), ["05_saltykov_again.txt"], "shard 2 alone keeps the surname");
    assert!(sources_of(&alone, "Viktor Saltykov").is_empty());
    // 03 names the press secretary by his bare surname ("..., Dunmore said"): alone, no one
    assert!(alone.nodes.iter().all(|n| !n.label.contains("Dunmore")));

    let g = graph(&g);
    assert_eq!(sources_of(&g, "Viktor Saltykov"), ["02_saltykov_refuses_whitcombe.txt", "05_saltykov_again.txt"]);
    assert_eq!(sources_of(&g, "Thomas Whitcombe"), ["02_saltykov_refuses_whitcombe.txt", "05_saltykov_again.txt"]);
    assert!(g.nodes.iter().all(|n| n.label != "Saltykov" && n.label != "Whitcombe"));
    // with 01's "Patrick Dunmore" stored, 03's second reading is taken: his statement there
    assert!(sources_of(&g, "Patrick Dunmore").contains(&"03_brennan_dronov_october_calls.txt".to_string()));
    assert!(g.nodes.iter().all(|n| n.label != "Dunmore"));
    // 05's refusal joins the full names
    assert!(g.edges.iter().any(|e| e.source == "person:viktor-saltykov"
        && e.target == "person:thomas-whitcombe"
        && e.edge.kind.as_str() == "refusal"
        && e.edge.evidence.iter().any(|ev| &*ev.doc == "05_saltykov_again.txt")));
    // 06 reports the call of 01: one call node with both sources
    let may: Vec<_> =
        g.nodes.iter().filter(|n| n.kind.as_str() == "call" && n.id.starts_with("call:2022-05-13")).collect();
    assert_eq!(may.len(), 1, "{:?}", may.iter().map(|n| &n.id).collect::<Vec<_>>());
    assert_eq!(may[0].sources, ["01_brennan_dronov_may_call.txt", "06_may_call_readout.txt"]);
}

/// An update that replaces many documents names ten of them, then counts the rest.
#[test]
fn many_replacements_are_summarised() {
    let w = split_world();
    let articles: Vec<Article> = (0..13)
        .map(|i| Article {
            name: format!("r{i:02}.txt"),
            published: "2024-05-02".into(),
            text: format!(
                "Defense Minister Ivan Kolyada{i} spoke by phone with Defense Secretary Ann Fielder{i} on Monday.\n"
            ),
        })
        .collect();
    let refs: Vec<&Article> = articles.iter().collect();
    let dir = lay_out(&w.out("many"), &refs);
    let g = w.out("many-graph");
    ok(&["build", s(&dir), "--out", s(&g), "--quiet"]);
    let before = std::fs::read(g.join("graph.json")).expect("graph.json");
    let err = stderr(&ok(&["build", s(&dir), "--update", s(&g)]));
    assert_eq!(err.matches("replaces the document of that name").count(), 10, "{err}");
    assert!(err.contains(&format!("and 3 more documents replace those of their names in {}", g.display())), "{err}");
    assert_eq!(std::fs::read(g.join("graph.json")).expect("graph.json"), before, "the same articles again");
}

#[test]
fn a_new_article_replaces_the_stored_one_of_its_name() {
    let w = split_world();
    let arts = world();
    let mut edited = arts[1].clone();
    edited.text = "Russian military chief refuses calls from top US general\n\n\
                   Russia's chief of the General Staff, Gen. Viktor Saltykov, has refused to take phone calls \
                   from Gen. Thomas Whitcombe, the chairman of the Joint Chiefs of Staff, two US officials said.\n"
        .into();
    let edit = lay_out(&w.out("edit"), &[&edited]);
    let want_dir = lay_out(&w.out("want"), &[&arts[0], &edited]);
    let want = w.out("want-graph");
    ok(&["build", s(&want_dir), "--out", s(&want), "--quiet"]);

    let g = w.out("g");
    ok(&["build", s(&w.shard1), "--out", s(&g), "--quiet"]);
    let o = ok(&["build", s(&edit), "--update", s(&g)]);
    let err = stderr(&o);
    let warning = format!(
        "switchboard: warning: 02_saltykov_refuses_whitcombe.txt replaces the document of that name in {}",
        g.display()
    );
    assert_eq!(err.matches("replaces the document").count(), 1, "{err}");
    assert!(err.contains(&warning), "{err}");
    assert!(err.contains("kept 1 from") && err.contains("(1 replaced)"), "{err}");
    assert_same(&g, &want);
}

#[test]
fn merge_keeps_the_later_copy_of_a_document_that_differs() {
    let w = split_world();
    let arts = world();
    let mut edited = arts[1].clone();
    edited.text = edited.text.replace("according to two US officials", "a US official said");
    assert_ne!(edited.text, arts[1].text);
    let (a_dir, b_dir) =
        (lay_out(&w.out("a-src"), &[&arts[0], &arts[1]]), lay_out(&w.out("b-src"), &[&edited, &arts[2]]));
    let (a, b) = (w.out("a"), w.out("b"));
    ok(&["build", s(&a_dir), "--out", s(&a), "--quiet"]);
    ok(&["build", s(&b_dir), "--out", s(&b), "--quiet"]);

    for (order, kept) in [([&a, &b], &edited), ([&b, &a], &arts[1])] {
        let want_dir = lay_out(&w.out(&format!("want-{}", kept.text.len())), &[&arts[0], kept, &arts[2]]);
        let want = w.out(&format!("want-graph-{}", kept.text.len()));
        ok(&["build", s(&want_dir), "--out", s(&want), "--quiet"]);
        let m = w.out(&format!("m-{}", kept.text.len()));
        let o = ok(&["merge", s(order[0]), s(order[1]), "--out", s(&m)]);
        let err = stderr(&o);
        let warning = format!(
            "switchboard: warning: 02_saltykov_refuses_whitcombe.txt differs in {} and {}; keeping the one from {}",
            order[0].join("facts.bin").display(),
            order[1].join("facts.bin").display(),
            order[1].join("facts.bin").display()
        );
        assert!(err.contains(&warning), "{err}");
        assert!(err.contains("3 documents (1 in more than one, 1 of them differing)"), "{err}");
        assert_same(&m, &want);
    }
}

#[test]
fn a_graph_folder_without_facts_is_an_error_that_says_to_rebuild() {
    let w = split_world();
    let old = w.out("old");
    std::fs::create_dir_all(&old).expect("mkdir");
    std::fs::write(old.join("graph.json"), b"{}").expect("graph.json");
    let out = w.out("out");
    let err = fails(&["build", s(&w.shard2), "--update", s(&old), "--out", s(&out)]);
    assert!(
        err.contains(&format!("{} has no facts file (facts.bin); rebuild it with this version", old.display())),
        "{err}"
    );
    assert!(!out.exists(), "nothing is written on an error");
    let err = fails(&["merge", s(&w.shard1), s(&old), "--out", s(&out)]);
    assert!(err.contains("has no facts file"), "{err}");
    let err = fails(&["build", s(&w.shard2), "--update", s(&w.out("nowhere"))]);
    assert!(err.contains("nowhere is neither a graph folder nor a graph.json"), "{err}");
    let err = fails(&["merge", s(&w.out("nowhere")), "--out", s(&out)]);
    assert!(err.contains("nowhere is neither a graph folder nor a graph.json"), "{err}");
    // build needs an output folder: --out, or --update's
    let o = run(&["build", s(&w.shard2)]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("--out"), "{}", stderr(&o));
}

#[test]
fn a_facts_file_of_another_version_or_damaged_is_refused() {
    let w = split_world();
    let g = w.out("g");
    ok(&["build", s(&w.shard1), "--out", s(&g), "--quiet"]);
    let facts = g.join("facts.bin");
    let good = std::fs::read(&facts).expect("facts.bin");
    let version = env!("CARGO_PKG_VERSION");

    // another format version
    let mut other = good.clone();
    other[8..12].copy_from_slice(&99u32.to_le_bytes());
    std::fs::write(&facts, &other).expect("write");
    let err = fails(&["build", s(&w.shard2), "--update", s(&g)]);
    assert!(
        err.contains(&format!(
            "{} was written by switchboard {version} (facts format 99); this is switchboard {version} (facts format {}): rebuild it with this version",
            facts.display(),
            switchboard::store::FORMAT_VERSION
        )),
        "{err}"
    );
    // another switchboard version
    let mut other = good[..12].to_vec();
    other.push(6);
    other.extend_from_slice(b"0.0.1x");
    other.extend_from_slice(&good[13 + version.len()..]);
    std::fs::write(&facts, &other).expect("write");
    let err = fails(&["merge", s(&g), "--out", s(&w.out("m"))]);
    assert!(err.contains("was written by switchboard 0.0.1x") && err.contains("rebuild it with this version"), "{err}");
    // not a facts file at all
    std::fs::write(&facts, b"{\"nodes\": []}").expect("write");
    let err = fails(&["build", s(&w.shard2), "--update", s(&g)]);
    assert!(err.contains(&format!("{} is not a switchboard facts file", facts.display())), "{err}");
    // cut short
    std::fs::write(&facts, &good[..good.len() / 2]).expect("write");
    let err = fails(&["build", s(&w.shard2), "--update", s(&g)]);
    assert!(err.contains(&format!("{} is truncated", facts.display())) && err.contains("rebuild it"), "{err}");
    // the folder was left as it was
    assert_eq!(std::fs::read(&facts).expect("facts"), good[..good.len() / 2]);
}

/// A synthetic corpus (`../shared/bench/gen_corpus.py`), its articles dealt alternately into two
/// shards, so the same people and the same calls turn up in both.
#[test]
fn synthetic_shards_update_and_merge_like_one_build() {
    let script = root().join("../shared/bench/gen_corpus.py");
    let tmp = tempfile::tempdir().expect("tempdir");
    let all = tmp.path().join("all");
    let made = script.is_file()
        && Command::new("python3")
            .arg(&script)
            .arg(&all)
            .args(["--articles", "300"])
            .output()
            .is_ok_and(|o| o.status.success());
    if !made {
        eprintln!("skipped: python3 and ../shared/bench/gen_corpus.py are needed for the synthetic corpus");
        return;
    }
    let manifest: serde_json::Value =
        serde_json::from_slice(&std::fs::read(all.join("manifest.json")).expect("manifest")).expect("json");
    let mut names: Vec<String> = manifest["documents"].as_object().expect("documents").keys().cloned().collect();
    names.sort();
    assert_eq!(names.len(), 300);
    let mut shard_of: BTreeMap<String, usize> = BTreeMap::new();
    for (k, shard) in ["shard1", "shard2"].iter().enumerate() {
        let dir = tmp.path().join(shard);
        std::fs::create_dir_all(&dir).expect("mkdir");
        let mut docs = serde_json::Map::new();
        for n in names.iter().skip(k).step_by(2) {
            std::fs::copy(all.join(n), dir.join(n)).expect("copy");
            docs.insert(n.clone(), manifest["documents"][n].clone());
            shard_of.insert(n.clone(), k);
        }
        let m = serde_json::json!({ "documents": docs });
        std::fs::write(dir.join("manifest.json"), serde_json::to_vec(&m).expect("json")).expect("manifest");
    }
    let p = |n: &str| tmp.path().join(n);
    ok(&["build", s(&all), "--out", s(&p("one")), "--quiet"]);
    ok(&["build", s(&p("shard1")), "--out", s(&p("a")), "--quiet"]);
    ok(&["build", s(&p("shard2")), "--out", s(&p("b")), "--quiet"]);
    ok(&["merge", s(&p("a")), s(&p("b")), "--out", s(&p("m")), "--quiet"]);
    assert_same(&p("m"), &p("one"));
    ok(&["build", s(&p("shard2")), "--update", s(&p("a")), "--quiet"]);
    assert_same(&p("a"), &p("one"));

    // the shards really met: people named in articles of both (the generator reports each call
    // once, so the world test above covers calls)
    let g = graph(&p("one"));
    let both = g
        .nodes
        .iter()
        .filter(|n| n.kind.as_str() == "person")
        .filter(|n| {
            n.sources.iter().filter_map(|d| shard_of.get(d)).collect::<std::collections::BTreeSet<_>>().len() == 2
        })
        .count();
    assert!(both > 10, "only {both} persons span both shards");
}
