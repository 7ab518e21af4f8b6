//! The query commands on a graph built from `tests/fixtures/world/`, four short articles about
//! invented defense chiefs written for these tests: text answers against reviewed golden files
//! (`tests/fixtures/queries/`, regenerate with `UPDATE_GOLDEN=1 cargo test --test suite query` and
//! review the diff), JSON answers decoded into the library's answer structs, NetworkX agreeing on
//! shortest-path lengths, and the errors and exit codes users rely on.

use std::path::PathBuf;
use std::process::{Command, Output};
use std::sync::OnceLock;

use switchboard::query::{CallsAnswer, NeighborsAnswer, PathsAnswer, Profile};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn sb(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_switchboard")).args(args).current_dir(root()).output().expect("run switchboard")
}

/// The world graph, built once per test run.
fn world() -> &'static str {
    static GRAPH: OnceLock<String> = OnceLock::new();
    GRAPH.get_or_init(|| {
        let out = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("query-world");
        let o = sb(&["build", "tests/fixtures/world", "--out", out.to_str().expect("utf-8 path"), "-q"]);
        assert!(o.status.success(), "building the world graph: {}", String::from_utf8_lossy(&o.stderr));
        out.join("graph.json").to_str().expect("utf-8 path").to_string()
    })
}

/// A query on the world graph.
fn q(args: &[&str]) -> Output {
    let mut a = args.to_vec();
    a.extend_from_slice(&["--graph", world()]);
    sb(&a)
}

fn ok(args: &[&str]) -> String {
    let o = q(args);
    assert!(o.status.success(), "{args:?} failed ({:?}): {}", o.status.code(), String::from_utf8_lossy(&o.stderr));
    String::from_utf8(o.stdout).expect("utf-8")
}

fn json<T: serde::de::DeserializeOwned>(args: &[&str]) -> T {
    let mut a = args.to_vec();
    a.extend_from_slice(&["--format", "json"]);
    serde_json::from_str(&ok(&a)).expect("answer decodes into its struct")
}

/// Compare with a reviewed golden file, or write it when UPDATE_GOLDEN is set.
fn golden(name: &str, actual: &str) {
    let path = root().join("tests/fixtures/queries").join(format!("{name}.txt"));
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::create_dir_all(path.parent().expect("dir")).expect("mkdir");
        std::fs::write(&path, actual).expect("write golden");
        return;
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        expected == actual,
        "{name}: the answer changed; if intended, run UPDATE_GOLDEN=1 cargo test --test suite query and review.\n--- expected\n{expected}\n--- actual\n{actual}"
    );
}

#[test]
fn path_between_a_general_and_a_minister_is_explained_hop_by_hop() {
    let text = ok(&["path", "Thomas Whitcombe", "Andrei Kostrov"]);
    golden("path_whitcombe_kostrov", &text);
    let a: PathsAnswer = json(&["path", "Thomas Whitcombe", "Andrei Kostrov"]);
    assert_eq!((a.from.as_str(), a.to.as_str()), ("person:thomas-whitcombe", "person:andrei-kostrov"));
    let hops = &a.paths[0].hops;
    assert_eq!(hops.first().map(|h| h.from.as_str()), Some("person:thomas-whitcombe"));
    assert_eq!(hops.last().map(|h| h.to.as_str()), Some("person:andrei-kostrov"));
    for w in hops.windows(2) {
        assert_eq!(w[0].to, w[1].from, "hops chain");
    }
    assert!(hops.iter().all(|h| !h.sources.is_empty() && !h.text.is_empty()));
    // one line a hop, each naming its document and sentence
    assert_eq!(text.lines().count(), hops.len() + 1);
    assert!(text.lines().skip(1).all(|l| l.contains(".txt, sentence ")));
}

#[test]
fn shortest_path_lengths_agree_with_networkx() {
    let pairs = [
        ("Thomas Whitcombe", "Andrei Kostrov"),
        ("Harold Brennan", "Pavel Dronov"),
        ("Patrick Dunmore", "Sébastien Marchetti"),
        ("Irina Volkova", "Viktor Saltykov"),
        ("Wei Zhenhua", "Pavel Dronov"),
        ("Thomas Whitcombe", "Pentagon"),
    ];
    let mut ours = Vec::new();
    for (a, b) in pairs {
        let ans: PathsAnswer = json(&["path", a, b]);
        ours.push((ans.from.clone(), ans.to.clone(), ans.paths[0].hops.len()));
    }
    let script = r#"
import json, sys
import networkx as nx
data = json.load(open(sys.argv[1], encoding="utf-8"))
G = nx.node_link_graph(data, edges="edges").to_undirected(as_view=True)
for pair in json.loads(sys.argv[2]):
    print(nx.shortest_path_length(G, pair[0], pair[1]))
"#;
    let ids: Vec<(&String, &String)> = ours.iter().map(|(a, b, _)| (a, b)).collect();
    let out = Command::new("python3")
        .args(["-c", script, world(), &serde_json::to_string(&ids).expect("json")])
        .current_dir(root())
        .output()
        .expect("python3 with networkx is required (scripts/test installs it)");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let theirs: Vec<usize> =
        String::from_utf8_lossy(&out.stdout).lines().map(|l| l.trim().parse().expect("a length")).collect();
    let ours_len: Vec<usize> = ours.iter().map(|(_, _, n)| *n).collect();
    assert_eq!(ours_len, theirs, "pairs: {ours:?}");
}

/// The committed demo graph of `seeds/`: every pair of actors, ours against NetworkX's
/// all-pairs shortest path lengths (no names needed: the pairs come from the graph).
#[test]
fn every_shortest_path_on_the_seeds_graph_agrees_with_networkx() {
    let path = root().join("graphs/seeds/graph.json");
    let bytes = std::fs::read(&path).expect("graphs/seeds/graph.json is committed");
    let g = switchboard::export::json::from_slice(&bytes).expect("the demo graph loads");
    let actors: Vec<_> =
        g.graph.node_indices().filter(|&ix| g.graph[ix].kind != switchboard::graph::NodeKind::Call).collect();
    assert!(actors.len() > 20);
    let filter = switchboard::query::Filter::default();
    let mut ours: Vec<(String, String, Option<usize>)> = Vec::new();
    for (i, &a) in actors.iter().enumerate() {
        for &b in &actors[i + 1..] {
            let len = switchboard::query::shortest_path(&g, a, b, &filter).map(|p| p.len() - 1);
            ours.push((g.graph[a].id.clone(), g.graph[b].id.clone(), len));
        }
    }
    let script = r#"
import json, sys
import networkx as nx
data = json.load(open(sys.argv[1], encoding="utf-8"))
G = nx.node_link_graph(data, edges="edges").to_undirected(as_view=True)
lengths = dict(nx.all_pairs_shortest_path_length(G))
for line in sys.stdin:
    a, b = line.split()
    print(lengths[a].get(b, -1))
"#;
    let mut child = Command::new("python3")
        .args(["-c", script, path.to_str().expect("utf-8 path")])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("python3 with networkx is required (scripts/test installs it)");
    {
        use std::io::Write;
        let mut stdin = child.stdin.take().expect("stdin");
        for (a, b, _) in &ours {
            writeln!(stdin, "{a} {b}").expect("write pair");
        }
    }
    let out = child.wait_with_output().expect("python3 runs");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let theirs: Vec<Option<usize>> =
        String::from_utf8_lossy(&out.stdout).lines().map(|l| l.trim().parse::<usize>().ok()).collect();
    assert_eq!(theirs.len(), ours.len());
    let connected = ours.iter().filter(|(_, _, l)| l.is_some()).count();
    assert!(connected * 2 > ours.len(), "most actors of the demo graph are connected");
    for ((a, b, mine), theirs) in ours.iter().zip(&theirs) {
        assert_eq!(mine, theirs, "{a} to {b}");
    }
}

#[test]
fn all_paths_are_simple_short_first_and_bounded() {
    let a: PathsAnswer = json(&["path", "Harold Brennan", "Andrei Kostrov", "--all", "--max-hops", "3"]);
    assert!(a.paths.len() > 1);
    let lens: Vec<usize> = a.paths.iter().map(|p| p.hops.len()).collect();
    assert!(lens.windows(2).all(|w| w[0] <= w[1]) && lens.iter().all(|&l| l <= 3), "{lens:?}");
    let shortest: PathsAnswer = json(&["path", "Harold Brennan", "Andrei Kostrov"]);
    assert_eq!(lens[0], shortest.paths[0].hops.len());
    for p in &a.paths {
        let mut nodes: Vec<&String> = p.hops.iter().map(|h| &h.from).collect();
        nodes.push(&p.hops.last().expect("hop").to);
        let n = nodes.len();
        nodes.sort();
        nodes.dedup();
        assert_eq!(nodes.len(), n, "a path visits a node twice");
    }
}

#[test]
fn edge_kinds_dates_and_direction_limit_paths() {
    let by_call: PathsAnswer = json(&["path", "Harold Brennan", "Andrei Kostrov", "--via", "contact"]);
    assert!(by_call.paths[0].hops.iter().all(|h| h.kind.as_str() == "contact"));
    assert_eq!(by_call.paths[0].hops.len(), 2, "through their call");
    let o = q(&["path", "Thomas Whitcombe", "Andrei Kostrov", "--via", "refusal"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&o.stderr).contains("no path from Thomas Whitcombe to Andrei Kostrov (via refusal")
    );
    // the 2024 call is outside 2022
    let o = q(&["path", "Harold Brennan", "Andrei Kostrov", "--via", "contact", "--until", "2022-12-31"]);
    assert_eq!(o.status.code(), Some(1));
    // a refusal runs from the refuser to the requester
    assert!(q(&["path", "Viktor Saltykov", "Thomas Whitcombe", "--via", "refusal", "--directed"]).status.success());
    assert_eq!(
        q(&["path", "Thomas Whitcombe", "Viktor Saltykov", "--via", "refusal", "--directed"]).status.code(),
        Some(1)
    );
}

/// A planned and a denied call join nobody: path and neighbors pass through held calls only,
/// unless `--any-status` asks, and then the answer says the call's status.
#[test]
fn paths_and_neighbors_pass_only_through_held_calls() {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("query-status");
    std::fs::create_dir_all(dir.join("in")).expect("dir");
    std::fs::write(
        dir.join("in/a.txt"),
        "Planned call\n\nPrime Minister Vera Lind will speak by phone with President Tomas Halloran on Friday, \
         her office said.\n\nA spokesman denied that Halloran had spoken with Foreign Minister Ines Marsh.\n",
    )
    .expect("write");
    std::fs::write(dir.join("in/manifest.json"), r#"{"documents": {"a.txt": {"published": "2024-05-14"}}}"#)
        .expect("write");
    let out = dir.join("out");
    let o = sb(&["build", dir.join("in").to_str().expect("utf-8"), "--out", out.to_str().expect("utf-8"), "-q"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let graph = out.join("graph.json");
    let graph = graph.to_str().expect("utf-8");
    // the calls are there, with their status
    let calls = sb(&["calls", "--graph", graph]);
    let calls = String::from_utf8_lossy(&calls.stdout).to_string();
    assert!(calls.contains("planned") && calls.contains("denied"), "{calls}");
    // no path through them by default, and the message says why
    let o = sb(&["path", "Vera Lind", "Tomas Halloran", "--via", "contact", "--graph", graph]);
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("--any-status"), "{}", String::from_utf8_lossy(&o.stderr));
    let o = sb(&["neighbors", "Tomas Halloran", "--via", "contact", "--graph", graph]);
    assert_eq!(o.status.code(), Some(1), "{}", String::from_utf8_lossy(&o.stdout));
    // asked, the path goes through the planned call and says so
    let o = sb(&["path", "Vera Lind", "Tomas Halloran", "--via", "contact", "--any-status", "--graph", graph]);
    let text = String::from_utf8_lossy(&o.stdout).to_string();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(text.contains("took part in the planned call of 2024-05-17"), "{text}");
    let o = sb(&["neighbors", "Tomas Halloran", "--via", "contact", "--any-status", "--depth", "2", "--graph", graph]);
    let text = String::from_utf8_lossy(&o.stdout).to_string();
    assert!(text.contains("Vera Lind") && text.contains("Ines Marsh"), "{text}");
}

#[test]
fn names_resolve_whatever_the_case_accents_aliases_or_initials() {
    for (name, id) in [
        ("brennan", "person:harold-brennan"),
        ("HAROLD BRENNAN", "person:harold-brennan"),
        ("Andrey Kostrov", "person:andrei-kostrov"),
        ("A.V. Kostrov", "person:andrei-kostrov"),
        ("a. v. kostrov", "person:andrei-kostrov"),
        ("Sebastien Marchetti", "person:sebastien-marchetti"),
        ("Pat Dunmore", "person:patrick-dunmore"),
        ("the Pentagon", "institution:pentagon"),
        ("person:wei-zhenhua", "person:wei-zhenhua"),
    ] {
        let p: Profile = json(&["show", name]);
        assert_eq!(p.id, id, "{name}");
    }
}

#[test]
fn an_unknown_name_suggests_and_an_ambiguous_one_lists() {
    let o = q(&["show", "Harold Brenan"]);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("no person or institution is called \"Harold Brenan\"")
            && err.contains("did you mean Harold Brennan"),
        "{err}"
    );
    // two people called Roe
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(
        dir.path().join("a.txt"),
        "A\n\nDefense Minister Jane Roe spoke by phone with Foreign Minister John Roe.\n",
    )
    .expect("write");
    let out = dir.path().join("g");
    assert!(
        sb(&["build", dir.path().to_str().unwrap_or_default(), "--out", out.to_str().unwrap_or_default(), "-q"])
            .status
            .success()
    );
    let graph = out.join("graph.json");
    let o = sb(&["show", "Roe", "--graph", graph.to_str().unwrap_or_default()]);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("Jane Roe (person, Defense Minister)") && err.contains("John Roe (person, Foreign Minister)"),
        "{err}"
    );
}

#[test]
fn show_gives_a_profile_with_a_dated_call_timeline() {
    golden("show_brennan", &ok(&["show", "Harold Brennan"]));
    let p: Profile = json(&["show", "Harold Brennan"]);
    assert!(p.institutions.iter().any(|m| m.id == "institution:pentagon"));
    let dates: Vec<&String> = p.calls.iter().filter_map(|c| c.date.as_ref()).collect();
    assert!(dates.len() >= 4 && dates.windows(2).all(|w| w[0] <= w[1]), "{dates:?}");
    assert!(p.calls.iter().all(|c| c.participants.contains(&"Harold Brennan".to_string())));
    assert!(!p.said.is_empty() && !p.refused_by.is_empty());
    let wei: Profile = json(&["show", "Wei Zhenhua"]);
    assert!(wei.refused.iter().any(|r| r.other == "Harold Brennan"));
}

#[test]
fn calls_form_a_timeline_and_filter_by_actor_and_date() {
    golden("calls_brennan", &ok(&["calls", "--with", "Harold Brennan"]));
    let a: CallsAnswer = json(&["calls", "--between", "Harold Brennan", "Pavel Dronov", "--since", "2022-10-01"]);
    assert!(!a.calls.is_empty());
    for c in &a.calls {
        assert!(
            c.participants.contains(&"Harold Brennan".to_string())
                && c.participants.contains(&"Pavel Dronov".to_string())
        );
        assert!(c.date.as_deref().is_some_and(|d| d >= "2022-10"), "{c:?}");
    }
    let o = q(&["calls", "--with", "Patrick Dunmore"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("no calls found"));
}

#[test]
fn neighbors_ring_by_ring() {
    golden("neighbors_whitcombe", &ok(&["neighbors", "Thomas Whitcombe", "--depth", "2"]));
    let a: NeighborsAnswer = json(&["neighbors", "Thomas Whitcombe", "--depth", "2"]);
    assert_eq!(a.center, "person:thomas-whitcombe");
    assert!(
        a.neighbors.iter().any(|n| n.id == "person:viktor-saltykov"
            && n.distance == 1
            && n.via.iter().any(|k| k.as_str() == "refusal"))
    );
    assert!(a.neighbors.windows(2).all(|w| w[0].distance <= w[1].distance));
    assert!(a.neighbors.iter().all(|n| n.distance <= 2 && !n.via.is_empty()));
}

#[test]
fn path_and_neighbors_draw_as_dot_that_graphviz_reads() {
    let a: PathsAnswer = json(&["path", "Thomas Whitcombe", "Andrei Kostrov"]);
    let mut want: Vec<String> = a.paths[0].hops.iter().map(|h| h.from.clone()).collect();
    want.push(a.to.clone());
    want.sort();
    let dot = ok(&["path", "Thomas Whitcombe", "Andrei Kostrov", "--format", "dot"]);
    assert_eq!(crate::graphviz_nodes(&dot), want);
    assert!(dot.contains("penwidth=4"), "the path is drawn bold");
    let n: NeighborsAnswer = json(&["neighbors", "Thomas Whitcombe"]);
    let mut want: Vec<String> = n.neighbors.iter().map(|x| x.id.clone()).collect();
    want.push(n.center);
    want.sort();
    assert_eq!(crate::graphviz_nodes(&ok(&["neighbors", "Thomas Whitcombe", "--format", "dot"])), want);
}

#[test]
fn a_missing_corrupt_or_foreign_graph_is_a_clear_error() {
    let dir = tempfile::tempdir().expect("tempdir");
    let missing = dir.path().join("none.json");
    let o = sb(&["show", "brennan", "--graph", missing.to_str().unwrap_or_default()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("cannot read the graph"));
    let corrupt = dir.path().join("corrupt.json");
    std::fs::write(&corrupt, "{\"directed\": true,\n \"nodes\": [").expect("write");
    let o = sb(&["show", "brennan", "--graph", corrupt.to_str().unwrap_or_default()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&o.stderr).contains("not valid JSON at line 2"),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let foreign = dir.path().join("foreign.json");
    std::fs::write(&foreign, "{\"nodes\": [], \"links\": []}").expect("write");
    let o = sb(&["show", "brennan", "--graph", foreign.to_str().unwrap_or_default()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("not a switchboard graph"));
}

/// Two readouts of one call that name opposite initiators: `calls` and `show` say it is
/// disputed and print each side's account side by side, with its sentence; the JSON answer
/// carries the accounts.
#[test]
fn a_disputed_call_shows_each_sides_account() {
    let dir = tempfile::tempdir().expect("tempdir");
    let fixtures = root().join("tests/fixtures/articles");
    let manifest: serde_json::Value =
        serde_json::from_slice(&std::fs::read(fixtures.join("manifest.json")).expect("manifest")).expect("json");
    let mut docs = serde_json::Map::new();
    for name in ["call_readouts_disputed_a.txt", "call_readouts_disputed_b.txt"] {
        std::fs::copy(fixtures.join(name), dir.path().join(name)).expect("copy");
        docs.insert(name.into(), manifest["documents"][name].clone());
    }
    let m = serde_json::json!({ "documents": docs });
    std::fs::write(dir.path().join("manifest.json"), m.to_string()).expect("write");
    let out = dir.path().join("g");
    let o = sb(&["build", dir.path().to_str().expect("utf-8"), "--out", out.to_str().expect("utf-8"), "-q"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let graph = out.join("graph.json");
    let graph = graph.to_str().expect("utf-8");
    let o = sb(&["calls", "--with", "Ann Lowe", "--graph", graph]);
    let text = String::from_utf8_lossy(&o.stdout).to_string();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let lines: Vec<&str> = text.lines().collect();
    assert!(lines[0].contains("(disputed: initiator)") && !lines[0].contains("initiated by"), "{text}");
    let row = |name: &str| lines.iter().find(|l| l.split_whitespace().any(|w| w == name)).copied().unwrap_or("");
    // one column a source, in document order; the disputed row marked
    let initiators = row("initiator");
    assert!(initiators.trim_start().starts_with('*'), "{text}");
    let (brandt, lowe) = (initiators.find("Ivo Brandt"), initiators.find("Ann Lowe"));
    assert!(brandt.is_some() && lowe.is_some() && brandt < lowe, "{text}");
    assert!(row("account").contains("call_readouts_disputed_a.txt (Ruritania Wire)"), "{text}");
    assert!(
        text.contains("call_readouts_disputed_b.txt: Danish Defence Minister Ivo Brandt received a call"),
        "{text}"
    );
    // the profile's timeline shows the same
    let o = sb(&["show", "Ivo Brandt", "--graph", graph]);
    assert!(String::from_utf8_lossy(&o.stdout).contains("* initiator"), "{}", String::from_utf8_lossy(&o.stdout));
    // and the JSON answer has the accounts
    let o = sb(&["calls", "--with", "Ann Lowe", "--graph", graph, "--format", "json"]);
    let CallsAnswer { calls } = serde_json::from_slice(&o.stdout).expect("json");
    assert_eq!(calls.len(), 1);
    assert_eq!(calls[0].disputed, ["initiator"]);
    let claimed: Vec<Option<&str>> = calls[0].accounts.iter().map(|a| a.initiator.as_deref()).collect();
    assert_eq!(claimed, [Some("Ivo Brandt"), Some("Ann Lowe")]);
}
