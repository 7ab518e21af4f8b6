//! The command line as a user meets it: answers written into a pipe that closes early, and a
//! build with the user's own rule folder (`build --rules DIR`).

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn sb(args: &[&str], dir: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_switchboard")).args(args).current_dir(dir).output().expect("run switchboard")
}

/// Run switchboard with stdout into a pipe, read one line and close the pipe: the exit code and
/// stderr.
fn first_line_then_close(args: &[&str]) -> (String, Option<i32>, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_switchboard"))
        .args(args)
        .current_dir(root())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run");
    let mut first = String::new();
    BufReader::new(child.stdout.take().expect("stdout")).read_line(&mut first).expect("read");
    let o = child.wait_with_output().expect("wait");
    (first, o.status.code(), String::from_utf8_lossy(&o.stderr).into_owned())
}

#[test]
fn every_command_into_a_pipe_closed_early_exits_quietly_with_success() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = dir.path().join("g");
    let o = sb(&["build", "tests/fixtures/articles", "--out", out.to_str().expect("utf-8"), "--quiet"], &root());
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let graph = out.join("graph.json");
    let graph = graph.to_str().expect("utf-8");
    assert!(std::fs::metadata(graph).expect("graph").len() > 200_000, "the graph is larger than a pipe holds");
    // one minister who called 400 others: answers about her are longer than a pipe holds
    let articles = dir.path().join("hub");
    std::fs::create_dir_all(&articles).expect("mkdir");
    let syllables = ["bor", "kal", "dun", "mer", "tav", "lin", "rok", "sel", "vam", "zet"];
    for i in 0..400 {
        let (a, b) = (syllables[i % 10], syllables[i / 10 % 10]);
        let c = ["", "ad", "ex", "um"][i / 100];
        let surname = format!("{}{}{b}{c}", a[..1].to_uppercase(), &a[1..]);
        std::fs::write(
            articles.join(format!("{i:03}.txt")),
            format!(
                "Ruritanian Foreign Minister Ann Lowe spoke by phone with Bordurian Defence Minister Ivo {surname} \
                 on Monday.\n"
            ),
        )
        .expect("write");
    }
    let hub = dir.path().join("h");
    let o = sb(&["build", "hub", "--out", "h", "--quiet"], dir.path());
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let hub = hub.join("graph.json");
    let hub = hub.to_str().expect("utf-8");
    let calls = sb(&["calls", "--graph", hub, "--format", "json"], &root());
    assert!(calls.stdout.len() > 65_536, "{} bytes of calls", calls.stdout.len());
    // each writes more than a pipe holds (64 KiB), so the writer meets the closed pipe
    for (args, first) in [
        (vec!["export", "--graph", graph, "--format", "json", "--out", "-"], "{"),
        (vec!["export", "--graph", graph, "--format", "graphml", "--out", "-"], "<?xml"),
        (vec!["export", "--graph", graph, "--format", "dot", "--out", "-"], "digraph"),
        (vec!["calls", "--graph", hub, "--format", "json"], "{"),
        (vec!["neighbors", "--graph", hub, "--format", "json", "--depth", "2", "Lowe"], "{"),
        (vec!["show", "--graph", hub, "--format", "json", "Ann Lowe"], "{"),
    ] {
        let (line, code, err) = first_line_then_close(&args);
        assert!(line.starts_with(first), "{args:?}: {line}");
        assert_eq!(code, Some(0), "{args:?}: {err}");
        assert!(!err.contains("panicked") && !err.contains("error"), "{args:?}: {err}");
    }
}

/// An article whose call is worded as no built-in rule words one.
const ARTICLE: &str = "Ruritanian Defence Minister Ann Lowe conferred via satellite with Borduria's Foreign \
                       Minister Ivo Brandt on Monday, the ministry said.\n";

fn calls_of(graph: &Path) -> Vec<String> {
    let g: serde_json::Value = serde_json::from_slice(&std::fs::read(graph).expect("graph")).expect("json");
    g["nodes"]
        .as_array()
        .expect("nodes")
        .iter()
        .filter(|n| n["kind"] == "call")
        .map(|n| n["id"].as_str().expect("id").to_string())
        .collect()
}

#[test]
fn a_rule_folder_extends_the_built_in_rules() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    std::fs::create_dir_all(d.join("articles")).expect("mkdir");
    std::fs::write(d.join("articles/lowe.txt"), ARTICLE).expect("write");
    std::fs::create_dir_all(d.join("rules")).expect("mkdir");
    std::fs::write(d.join("rules/call_words.tsv"), "# a medium of our own\n[verb]\nconferred via satellite\n")
        .expect("write");

    let o = sb(&["build", "articles", "--out", "plain", "--quiet"], d);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert_eq!(calls_of(&d.join("plain/graph.json")), Vec::<String>::new(), "the built-in rules see no call");

    let o = sb(&["build", "articles", "--rules", "rules", "--out", "ours", "--quiet"], d);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert_eq!(calls_of(&d.join("ours/graph.json")), ["call:undated-ann-lowe-ivo-brandt"]);
}

#[test]
fn a_rule_folder_can_replace_a_built_in_file() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    std::fs::create_dir_all(d.join("articles")).expect("mkdir");
    std::fs::write(
        d.join("articles/lowe.txt"),
        "Ruritanian Defence Minister Ann Lowe spoke by phone with Borduria's Foreign Minister Ivo Brandt on Monday.\n",
    )
    .expect("write");
    std::fs::create_dir_all(d.join("rules")).expect("mkdir");
    // our call words only: "spoke by phone" is no longer one
    std::fs::write(d.join("rules/call_words.tsv"), "#replace\n[verb]\nconferred via satellite\n").expect("write");
    let o = sb(&["build", "articles", "--out", "plain", "--quiet"], d);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert_eq!(calls_of(&d.join("plain/graph.json")).len(), 1);
    let o = sb(&["build", "articles", "--rules", "rules", "--out", "ours", "--quiet"], d);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert_eq!(calls_of(&d.join("ours/graph.json")), Vec::<String>::new());
}

#[test]
fn a_bad_rule_folder_fails_before_reading_naming_the_file_and_line() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    std::fs::create_dir_all(d.join("articles")).expect("mkdir");
    std::fs::write(d.join("articles/lowe.txt"), ARTICLE).expect("write");
    std::fs::create_dir_all(d.join("bad")).expect("mkdir");
    std::fs::write(d.join("bad/call_words.tsv"), "# one typo\n[verbs]\nconferred via satellite\n").expect("write");
    std::fs::create_dir_all(d.join("stray")).expect("mkdir");
    std::fs::write(d.join("stray/call-words.tsv"), "[verb]\nconferred\n").expect("write");
    for (folder, says) in [
        ("bad", "bad/call_words.tsv:2: unknown section [verbs]"),
        ("stray", "stray/call-words.tsv: unknown rule file"),
        ("missing", "rule folder missing: cannot read missing"),
    ] {
        let o = sb(&["build", "articles", "--rules", folder, "--out", "out"], d);
        let err = String::from_utf8_lossy(&o.stderr);
        assert_eq!(o.status.code(), Some(2), "{folder}: {err}");
        assert!(err.contains(says), "{folder}: {err}");
        assert_eq!(err.lines().count(), 1, "{folder}: one line: {err}");
        assert!(!d.join("out").exists(), "{folder}: nothing written");
    }
}
