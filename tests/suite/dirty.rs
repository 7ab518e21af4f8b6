//! Dirty input, end to end: one file per case in `tests/dirty/`, each with the message it must
//! give and the exit code; bad command lines; a build killed mid-way leaves every output either
//! as it was or complete.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use switchboard::export::json::GraphFile;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn switchboard(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_switchboard")).args(args).current_dir(root()).output().expect("run switchboard")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// The warning lines of a run, without the `switchboard: warning: ` prefix.
fn warnings(o: &Output) -> BTreeSet<String> {
    stderr(o).lines().filter_map(|l| l.strip_prefix("switchboard: warning: ")).map(String::from).collect()
}

fn graph(dir: &Path) -> GraphFile {
    serde_json::from_slice(&std::fs::read(dir.join("graph.json")).expect("graph.json written")).expect("graph.json")
}

/// The documents cited by the graph's evidence.
fn cited(g: &GraphFile) -> BTreeSet<String> {
    g.edges.iter().flat_map(|e| e.edge.evidence.iter().map(|ev| ev.doc.to_string())).collect()
}

fn labels(g: &GraphFile) -> BTreeSet<String> {
    g.nodes.iter().map(|n| n.label.clone()).collect()
}

#[test]
fn every_bad_file_is_reported_with_its_reason_and_the_rest_is_built() {
    let out = tempfile::tempdir().expect("tempdir");
    let o = switchboard(&["build", "tests/dirty/files", "--out", out.path().to_str().unwrap_or_default()]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let expected: BTreeSet<String> = [
        "tests/dirty/files/bad-utf8.txt: not valid UTF-8: 3 bad byte sequence(s) decoded as U+FFFD (evidence offsets still point into the file)",
        "tests/dirty/files/binary.txt: skipped: binary (NUL bytes), not text",
        "tests/dirty/files/blank.txt: skipped: empty (no text)",
        "tests/dirty/files/corrupt.txt.gz: skipped: cannot read it: incomplete deflate stream",
        "tests/dirty/files/dangling.txt: skipped: cannot read it: No such file or directory (os error 2)",
        "tests/dirty/files/empty.txt: skipped: empty (no text)",
    ]
    .into_iter()
    .map(String::from)
    .collect();
    assert_eq!(warnings(&o), expected);
    assert!(stderr(&o).contains("read 7 documents"), "{}", stderr(&o));
    assert!(stderr(&o).contains(", skipped 5;"), "{}", stderr(&o));
    let g = graph(out.path());
    let docs: BTreeSet<String> = g.graph.documents.keys().cloned().collect();
    let read: BTreeSet<String> = [
        "bad-utf8.txt",
        "bom.txt",
        "good.txt",
        "html-named-txt.txt",
        "scraped.html",
        "unclosed-quotes.txt",
        "utf16.txt",
    ]
    .into_iter()
    .map(String::from)
    .collect();
    assert_eq!(docs, read);
    // each readable file gives its call (the decoded text is analysed like any other)
    assert_eq!(cited(&g), read);
    // nothing from the page's head, styles, scripts or comments became a fact
    let names = labels(&g);
    for hidden in ["Lars Dahl", "Eva Lind", "Otto Kern", "Hugo Brandt", "Ida Moss"] {
        assert!(!names.contains(hidden), "{hidden} came from markup: {names:?}");
    }
    assert!(names.contains("Anna Berg") && names.contains("Piet Olsen") && names.contains("Karl Weiss"), "{names:?}");
}

#[test]
fn evidence_in_decoded_files_points_into_the_original_bytes() {
    let out = tempfile::tempdir().expect("tempdir");
    let o = switchboard(&["build", "tests/dirty/files", "--out", out.path().to_str().unwrap_or_default()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let g = graph(out.path());
    let mut checked = 0;
    for ev in g.edges.iter().flat_map(|e| e.edge.evidence.iter()) {
        let file = std::fs::read(root().join("tests/dirty/files").join(&*ev.doc)).expect("file");
        let span = &file[ev.start..ev.end];
        // the span holds the sentence's words, as bytes of the file: the first and last words
        // of the evidence (markup and entities may sit between them); UTF-16 holds each
        // character in two bytes
        let words: Vec<&str> =
            ev.text.split(|c: char| !c.is_alphanumeric()).filter(|w| w.len() > 2 && w.is_ascii()).collect();
        let (first, last) = (words[0], words[words.len() - 1]);
        let (first, last): (Vec<u8>, Vec<u8>) = if &*ev.doc == "utf16.txt" {
            (
                first.encode_utf16().flat_map(u16::to_le_bytes).collect(),
                last.encode_utf16().flat_map(u16::to_le_bytes).collect(),
            )
        } else {
            (first.as_bytes().to_vec(), last.as_bytes().to_vec())
        };
        // (where the text has it, give or take an entity: `&ldquo;` is seven bytes)
        let at = span.windows(first.len()).position(|w| w == first.as_slice());
        let in_text = ev.text.find(words[0]).unwrap_or(0);
        assert!(at.is_some_and(|at| at <= in_text + 8), "{}: {:?} does not start with {:?}", ev.doc, span, ev.text);
        assert!(
            span.windows(last.len()).any(|w| w == last.as_slice()),
            "{}: {:?} lacks the last word of {:?}",
            ev.doc,
            span,
            ev.text
        );
        checked += 1;
    }
    assert!(checked >= 7, "{checked}");
}

#[test]
fn strict_writes_the_graph_and_exits_3() {
    let out = tempfile::tempdir().expect("tempdir");
    let o = switchboard(&["build", "tests/dirty/files", "--out", out.path().to_str().unwrap_or_default(), "--strict"]);
    assert_eq!(o.status.code(), Some(3), "{}", stderr(&o));
    assert!(stderr(&o).contains("--strict: 6 input problem(s) (5 skipped)"), "{}", stderr(&o));
    assert_eq!(graph(out.path()).graph.documents.len(), 7);
    // clean input passes --strict
    let clean = tempfile::tempdir().expect("tempdir");
    let o = switchboard(&[
        "build",
        "tests/dirty/files/good.txt",
        "--out",
        clean.path().to_str().unwrap_or_default(),
        "--strict",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
}

#[test]
fn nothing_readable_is_an_error_and_writes_nothing() {
    let out = tempfile::tempdir().expect("tempdir");
    let o = switchboard(&[
        "build",
        "tests/dirty/files/binary.txt",
        "tests/dirty/files/empty.txt",
        "--out",
        out.path().to_str().unwrap_or_default(),
    ]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    let errors: Vec<&str> = err.lines().filter(|l| l.starts_with("switchboard: error:")).collect();
    assert_eq!(
        errors,
        [
            "switchboard: error: no articles could be read from tests/dirty/files/binary.txt, tests/dirty/files/empty.txt (2 input(s) skipped, see the warnings above); nothing written"
        ]
    );
    assert!(!out.path().join("graph.json").exists());
}

#[test]
fn a_corpus_keeps_its_good_records_and_names_each_bad_line() {
    let out = tempfile::tempdir().expect("tempdir");
    let o = switchboard(&["build", "tests/dirty/corpus.jsonl", "--out", out.path().to_str().unwrap_or_default()]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let c = "tests/dirty/corpus.jsonl";
    let expected: BTreeSet<String> = [
        format!(
            "{c}: line 2: skipped: not an article: column 44: EOF while parsing a string; need {{\"id\", \"text\"}}"
        ),
        format!("{c}: line 3: skipped: not an article: column 17: missing field `text`; need {{\"id\", \"text\"}}"),
        format!("{c}: line 4: skipped: not an article: column 2: expected ident; need {{\"id\", \"text\"}}"),
        format!("{c}: line 5: skipped: \"id\" must be a non-empty string or a number"),
        format!("{c}: line 7: skipped: blank: empty (no text)"),
        format!("{c}: line 8: \"published\" is not YYYY-MM-DD; ignored"),
        format!("{c}: line 9: not valid UTF-8; decoded with replacement characters"),
    ]
    .into_iter()
    .collect();
    assert_eq!(warnings(&o), expected);
    let g = graph(out.path());
    let docs: BTreeSet<&str> = g.graph.documents.keys().map(String::as_str).collect();
    // a NUL spelt out in JSON is a character of the text, not a sign of a binary file
    assert_eq!(docs, BTreeSet::from(["bad-date", "html", "latin1", "nul", "ok-1"]));
    // the HTML record was stripped: its call is there, no tag became a name
    assert!(labels(&g).contains("Ida Moss"), "{:?}", labels(&g));
    assert!(labels(&g).iter().all(|l| !l.contains('<')), "{:?}", labels(&g));
}

#[test]
fn manifests_report_line_and_column_and_keep_what_they_can() {
    let out = tempfile::tempdir().expect("tempdir");
    let o = switchboard(&["build", "tests/dirty/bad-entry", "--out", out.path().to_str().unwrap_or_default()]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(
        warnings(&o),
        BTreeSet::from([
            "tests/dirty/bad-entry/manifest.json: entry \"b.txt\" ignored: line 4, column 35: invalid type: integer `20240507`, expected a string".to_string()
        ])
    );
    let g = graph(out.path());
    // the good entry still gives its article's date and outlet; the bad one's article is read
    let a = &g.graph.documents["a.txt"];
    assert_eq!(a.published.map(|d| d.to_string()).as_deref(), Some("2024-05-06"));
    assert_eq!(a.outlet.as_deref(), Some("Wire"));
    assert!(g.graph.documents.contains_key("b.txt"));

    let out = tempfile::tempdir().expect("tempdir");
    let o = switchboard(&["build", "tests/dirty/bad-manifest", "--out", out.path().to_str().unwrap_or_default()]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(
        warnings(&o),
        BTreeSet::from([
            "tests/dirty/bad-manifest/manifest.json: manifest ignored: line 1, column 52: key must be a string"
                .to_string()
        ])
    );
    assert!(graph(out.path()).graph.documents.contains_key("a.txt"));
}

#[test]
fn a_malformed_graph_is_named_with_line_and_column() {
    let dir = tempfile::tempdir().expect("tempdir");
    let bad = dir.path().join("graph.json");
    std::fs::write(&bad, "{\"nodes\": [\n  {\"id\": \"p:a\",\n  \"kind\": 7}\n").expect("write");
    let o = switchboard(&["path", "a", "b", "--graph", bad.to_str().unwrap_or_default()]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.starts_with(&format!("switchboard: error: {}: not valid JSON at line 3, column", bad.display())),
        "{err}"
    );
}

#[test]
fn bad_command_lines_are_one_line_and_exit_2() {
    let out = tempfile::tempdir().expect("tempdir");
    let o_dir = out.path().to_str().unwrap_or_default();
    // an unknown format
    let o = switchboard(&["build", "tests/dirty/files/good.txt", "--out", o_dir, "--format", "pdf"]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(stderr(&o).lines().count(), 1, "{}", stderr(&o));
    assert!(stderr(&o).starts_with("switchboard: error: invalid value 'pdf' for '--format"), "{}", stderr(&o));
    assert!(stderr(&o).contains("choose from json, dot"), "{}", stderr(&o));
    // a missing input
    let o = switchboard(&["build", "tests/dirty/no-such-file.txt", "--out", o_dir]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(stderr(&o), "switchboard: error: tests/dirty/no-such-file.txt: no such file or directory\n");
    // an output folder that cannot be made (under a file): said before any article is read
    let file = out.path().join("plain-file");
    std::fs::write(&file, "x").expect("write");
    let under = file.join("graphs");
    let o = switchboard(&["build", "tests/dirty/files", "--out", under.to_str().unwrap_or_default()]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(stderr(&o).lines().count(), 1, "{}", stderr(&o));
    assert!(stderr(&o).starts_with(&format!("switchboard: error: cannot create output folder {}", under.display())));
    // a missing argument
    let o = switchboard(&["path", "a"]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(stderr(&o).lines().count(), 1, "{}", stderr(&o));
    assert!(stderr(&o).contains("<TO>"), "{}", stderr(&o));
}

/// A corpus of `n` made-up articles, large enough that writing its graph takes a while.
fn corpus(dir: &Path, n: usize, salt: &str) {
    std::fs::create_dir_all(dir).expect("dir");
    let first = ["Anna", "Piet", "Karl", "Ida", "Lena", "Omar", "Rita", "Tomas", "Vera", "Yuri"];
    let last = ["Berg", "Olsen", "Weiss", "Moss", "Dahl", "Kern", "Lind", "Brandt", "Hale", "Stone"];
    for i in 0..n {
        let a = format!("{} {}{}", first[i % 10], last[(i / 10) % 10], salt);
        let b = format!("{} {}", first[(i + 3) % 10], last[(i / 7) % 10]);
        let text = format!(
            "Defense Minister {a} spoke by phone with General {b} on Monday, the ministry said.\n\n\
             \"We discussed the border,\" {a} told reporters. Foreign Minister {b} declined to \
             take a call from Ambassador {a} on March {}, 2024.\n",
            1 + i % 28
        );
        std::fs::write(dir.join(format!("a{i:05}.txt")), text).expect("article");
    }
}

#[test]
fn a_build_killed_at_any_moment_leaves_each_output_old_or_complete() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let (old_in, new_in) = (tmp.path().join("old"), tmp.path().join("new"));
    corpus(&old_in, 20, "");
    corpus(&new_in, 1500, "sen");
    let reference = tmp.path().join("reference");
    let out = tmp.path().join("out");
    let files = ["facts.bin", "graph.json", "graph.dot"];
    let run = |input: &Path, dir: &Path| {
        Command::new(env!("CARGO_BIN_EXE_switchboard"))
            .args(["build", input.to_str().unwrap_or_default(), "--out", dir.to_str().unwrap_or_default(), "-q"])
            .spawn()
            .expect("spawn")
    };
    // the two states each file may be in: the old build's, the new one's
    assert!(run(&old_in, &out).wait().expect("old build").success());
    let old: Vec<Vec<u8>> = files.iter().map(|f| std::fs::read(out.join(f)).expect("old")).collect();
    let t = std::time::Instant::now();
    assert!(run(&new_in, &reference).wait().expect("reference build").success());
    let full = t.elapsed();
    let new: Vec<Vec<u8>> = files.iter().map(|f| std::fs::read(reference.join(f)).expect("new")).collect();
    assert!(old.iter().zip(&new).all(|(o, n)| o != n));
    let check = |when: &str| {
        for (i, f) in files.iter().enumerate() {
            let now = std::fs::read(out.join(f)).expect("an output is never missing");
            assert!(now == old[i] || now == new[i], "{f} is neither the old nor the new one after a kill {when}");
        }
    };
    // killed at spread-out moments, and the moment a temporary output appears (mid-write)
    let mut states = BTreeSet::new();
    for k in 0..8u32 {
        // each kill starts from the old outputs
        assert!(run(&old_in, &out).wait().expect("old build").success());
        let mut child = run(&new_in, &out);
        if k < 6 {
            std::thread::sleep(full * k / 6);
        } else {
            // poll for the first temporary file of an atomic write
            let deadline = std::time::Instant::now() + full * 4;
            while std::time::Instant::now() < deadline {
                let writing = std::fs::read_dir(&out)
                    .map(|d| d.flatten().any(|e| e.file_name().to_string_lossy().contains(".tmp-")))
                    .unwrap_or(false);
                if writing || child.try_wait().ok().flatten().is_some() {
                    break;
                }
            }
        }
        let _ = child.kill();
        let _ = child.wait();
        check(&format!("at step {k}"));
        states.insert(
            files
                .iter()
                .enumerate()
                .map(|(i, f)| std::fs::read(out.join(f)).ok() == Some(new[i].clone()))
                .collect::<Vec<_>>(),
        );
    }
    // a later build cleans up the temporaries of the killed ones and completes
    assert!(run(&new_in, &out).wait().expect("build").success());
    check("and a rebuild");
    let leftovers: Vec<String> = std::fs::read_dir(&out)
        .expect("out")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains(".tmp-"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
    // the kills did land before the end at least once (some file still old)
    assert!(states.iter().any(|s| s.iter().any(|new| !new)), "{states:?}");
}

#[test]
fn a_flood_of_bad_lines_names_the_first_and_counts_the_rest() {
    let dir = tempfile::tempdir().expect("tempdir");
    let corpus = dir.path().join("c.jsonl");
    let mut text =
        String::from("{\"id\": \"good\", \"text\": \"General Piet Olsen spoke by phone with Anna Berg.\"}\n");
    for i in 0..50 {
        text.push_str(&format!("{{\"id\": \"bad{i}\"}}\n"));
    }
    std::fs::write(&corpus, text).expect("write");
    let out = dir.path().join("out");
    let o = switchboard(&[
        "build",
        corpus.to_str().unwrap_or_default(),
        "--out",
        out.to_str().unwrap_or_default(),
        "--strict",
    ]);
    assert_eq!(o.status.code(), Some(3), "{}", stderr(&o));
    let w = warnings(&o);
    assert_eq!(w.iter().filter(|l| l.contains("missing field `text`")).count(), 20, "{w:?}");
    assert!(w.contains(&format!("{}: 30 more warning(s) not shown", corpus.display())), "{w:?}");
    assert!(stderr(&o).contains("--strict: 50 input problem(s) (50 skipped)"), "{}", stderr(&o));
    assert_eq!(graph(&out).graph.documents.len(), 1);
}

#[test]
fn a_damaged_gzip_corpus_keeps_the_lines_before_the_damage() {
    use std::io::Write;
    let dir = tempfile::tempdir().expect("tempdir");
    let mut lines = String::new();
    for i in 0..400 {
        lines.push_str(&format!(
            "{{\"id\": \"a{i}\", \"text\": \"Defense Minister Anna Berg spoke by phone with General Piet Olsen on day {i}, officials said in a statement that ran long enough to fill the stream.\"}}\n"
        ));
    }
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    gz.write_all(lines.as_bytes()).expect("gzip");
    let bytes = gz.finish().expect("gzip");
    let corpus = dir.path().join("c.jsonl.gz");
    // cut in the middle: a download that stopped
    std::fs::write(&corpus, &bytes[..bytes.len() / 2]).expect("write");
    let out = dir.path().join("out");
    let o = switchboard(&["build", corpus.to_str().unwrap_or_default(), "--out", out.to_str().unwrap_or_default()]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let w = warnings(&o);
    let stopped: Vec<&String> = w.iter().filter(|l| l.contains("stopped reading")).collect();
    assert_eq!(stopped.len(), 1, "{w:?}");
    let n = graph(&out).graph.documents.len();
    assert!(n > 10 && n < 400, "{n} documents");
    // the warning says where the damage is and how many lines came before it: those are read
    // (a line cut by the damage is not)
    assert_eq!(w.len(), 1, "{w:?}");
    assert!(stopped[0].contains(&format!("line {}: stopped reading: ", n + 1)), "{w:?}");
    assert!(stopped[0].ends_with(&format!("the {n} line(s) before it count")), "{w:?}");
}

#[test]
fn a_link_back_up_the_tree_is_read_once() {
    let dir = tempfile::tempdir().expect("tempdir");
    let sub = dir.path().join("articles/sub");
    std::fs::create_dir_all(&sub).expect("dir");
    std::fs::copy(root().join("tests/dirty/files/good.txt"), sub.join("good.txt")).expect("copy");
    std::os::unix::fs::symlink("..", sub.join("up")).expect("symlink");
    let out = dir.path().join("out");
    let articles = dir.path().join("articles");
    let o = switchboard(&["build", articles.to_str().unwrap_or_default(), "--out", out.to_str().unwrap_or_default()]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(
        warnings(&o),
        BTreeSet::from([format!("{}: skipped: a link to a folder already read", sub.join("up").display())])
    );
    assert_eq!(graph(&out).graph.documents.keys().collect::<Vec<_>>(), ["sub/good.txt"]);
}
