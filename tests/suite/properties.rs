//! Property tests (proptest): odd text never crashes extraction, the order of the inputs never
//! changes the graph, and graph.json loading refuses bad bytes with an error, never a panic.
//!
//! Texts are either fully arbitrary Unicode or put together from news-like pieces (capitalised
//! names, titles, quotes of every shape, speech, call and refusal verbs, dates, newlines), so that
//! the deep paths of the extractor (people, statements, calls, refusals, merging) are reached.
//! The fuzz targets in `fuzz/` do the same at length; these run in every `cargo test` with
//! proptest's default number of cases.

use std::collections::BTreeMap;

use proptest::prelude::*;
use proptest::sample::select;
use switchboard::export::json::{self, LoadMode};
use switchboard::graph::{EdgeKind, KnowledgeGraph};
use switchboard::input::{DocMeta, Document};
use switchboard::{analyze_document, build_graph, dates, rules::Rules};

/// Pieces of news copy: every kind of word the rules look for, and the punctuation around them.
const PIECES: &[&str] = &[
    // names (invented) and capitalised words
    "Elaine",
    "Marlow",
    "Oleg",
    "Kesterev",
    "Anatoly Vereshkin",
    "Nadia Orlen",
    "Paul Whitby",
    "Li Wenhao",
    "Jean-Luc Ferrand",
    "O'Dowd",
    "al-Rashidi",
    "von Brandt",
    "J. R.",
    "Mr.",
    "Ms.",
    "Dr.",
    "Sir",
    "Washington",
    "Moscow",
    "Kyiv",
    "Beijing",
    "Monday",
    // titles and roles
    "Defense Minister",
    "Defence Secretary",
    "Defense Secretary",
    "Foreign Minister",
    "Secretary of State",
    "Prime Minister",
    "President",
    "Gen.",
    "Col.",
    "Adm.",
    "Maj. Gen.",
    "spokesman",
    "spokeswoman",
    "press secretary",
    "the chairman of the Joint Chiefs of Staff",
    "chief of the General Staff",
    "the minister",
    "his counterpart",
    "her Russian counterpart",
    "US",
    "U.S.",
    "Russian",
    "Chinese",
    "French",
    "Ukrainian",
    // institutions
    "the Pentagon",
    "the Russian Defense Ministry",
    "Russia's Defense Ministry",
    "the Ministry of Foreign Affairs of Ukraine",
    "NATO",
    "the Kremlin",
    "the ministry",
    "the State Department",
    // verbs and cues
    "said",
    "says",
    "told reporters",
    "told",
    "added",
    "saying",
    "according to",
    "said in a statement",
    "spoke by phone with",
    "spoke by telephone with",
    "spoke with",
    "held a call with",
    "held a video call with",
    "talked to",
    "called",
    "phoned",
    "requested the call",
    "initiated the call",
    "the call",
    "a phone call",
    "a conversation",
    "declined",
    "declined to",
    "declined a request from",
    "refused to take calls from",
    "did not respond to",
    "rejected",
    "was due to speak with",
    "replaced",
    "succeeded",
    "took over from",
    "and",
    "with",
    "from",
    "by",
    "who",
    "that",
    "the",
    "a",
    "his",
    "her",
    "he",
    "she",
    "they",
    "it",
    // dates
    "on Tuesday",
    "on Friday",
    "on May 13",
    "March 2, 2024",
    "2024-06-26",
    "Dec. 30",
    "13 May",
    "last week",
    "since February",
    "in October",
    "last month",
    // quotes of every shape, punctuation and breaks
    "\"",
    "“",
    "”",
    "«",
    "»",
    "„",
    "‘",
    "’",
    "'",
    ",",
    ".",
    ";",
    ":",
    "—",
    "-",
    "(",
    ")",
    "'s",
    "?",
    "!",
    "\n",
    "\n\n",
    "\r\n",
    "\t",
];

/// One word of news-like text: mostly a piece, sometimes a made-up capitalised word, a number
/// or any character at all.
fn word() -> impl Strategy<Value = String> {
    prop_oneof![
        8 => select(PIECES).prop_map(str::to_string),
        2 => ("[A-Z]", "[a-z]{1,9}").prop_map(|(a, b)| a + &b),
        1 => (0u32..3000).prop_map(|n| n.to_string()),
        1 => any::<char>().prop_map(String::from),
    ]
}

/// News-like text: words joined by spaces (or nothing, so punctuation sticks to words).
fn news_text() -> impl Strategy<Value = String> {
    prop::collection::vec((word(), prop::bool::weighted(0.8)), 0..120).prop_map(|words| {
        let mut text = String::new();
        for (w, space) in words {
            text.push_str(&w);
            if space {
                text.push(' ');
            }
        }
        text
    })
}

/// Any Unicode at all: every code point, controls and newlines included.
fn any_text() -> impl Strategy<Value = String> {
    prop::collection::vec(any::<char>(), 0..300).prop_map(String::from_iter)
}

/// A publication date or none, so dates are resolved both ways.
fn published() -> impl Strategy<Value = Option<chrono::NaiveDate>> {
    prop::option::of(
        (0i64..3000).prop_map(|d| dates::parse_iso("2020-01-01").expect("date") + chrono::Days::new(d as u64)),
    )
}

fn doc(name: &str, text: String, published: Option<chrono::NaiveDate>) -> Document {
    Document { name: name.into(), text, meta: DocMeta { published, ..Default::default() } }
}

/// What every graph must satisfy: each evidence span is the text of its document, every
/// contact, refusal and statement edge has evidence, and graph.json loads back (both modes) and
/// writes the same bytes again.
fn check_graph(g: &KnowledgeGraph, texts: &BTreeMap<String, String>) -> Result<(), TestCaseError> {
    for e in g.graph.edge_weights() {
        if matches!(e.kind, EdgeKind::Contact | EdgeKind::Refusal | EdgeKind::Statement) {
            prop_assert!(!e.evidence.is_empty(), "{:?} edge without evidence", e.kind);
        }
        for ev in &e.evidence {
            let text = texts.get(&*ev.doc).expect("evidence names a document");
            prop_assert_eq!(text.get(ev.start..ev.end), Some(&*ev.text), "evidence span {}..{}", ev.start, ev.end);
        }
    }
    let out = json::to_string(g);
    let back = json::from_slice(out.as_bytes()).map_err(|e| TestCaseError::fail(format!("reload: {e}")))?;
    prop_assert_eq!(json::to_string(&back), out.clone(), "graph.json changed through a load");
    let query = json::from_slice_as(out.as_bytes(), LoadMode::Query)
        .map_err(|e| TestCaseError::fail(format!("reload for queries: {e}")))?;
    prop_assert_eq!(query.graph.node_count(), g.graph.node_count());
    prop_assert_eq!(query.graph.edge_count(), g.graph.edge_count());
    Ok(())
}

/// A graph.json to damage: two small news-like articles, built once.
fn small_graph_json() -> &'static [u8] {
    static JSON: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    JSON.get_or_init(|| {
        let a = "Defense Secretary Elaine Marlow spoke by phone on Tuesday with Russian Defense Minister \
                 Oleg Kesterev.\n\n\u{201c}We keep the lines open,\u{201d} Marlow told reporters.\n";
        let b = "Gen. Anatoly Vereshkin declined to take calls from Marlow, the Pentagon said.\n";
        let published = dates::parse_iso("2024-06-26");
        json::to_string(&build_graph(
            &[doc("a.txt", a.into(), published), doc("b.txt", b.into(), None)],
            Rules::builtin(),
        ))
    })
    .as_bytes()
}

/// Load `bytes` as graph.json in both modes: an error or a graph, never a panic; a graph that
/// loads writes graph.json that loads back to the same bytes.
fn load_any(bytes: &[u8]) -> Result<(), TestCaseError> {
    for mode in [LoadMode::Full, LoadMode::Query] {
        if let Ok(g) = json::from_slice_as(bytes, mode) {
            let out = json::to_string(&g);
            let back = json::from_slice(out.as_bytes()).map_err(|e| TestCaseError::fail(format!("reload: {e}")))?;
            prop_assert_eq!(json::to_string(&back), out, "graph.json changed through a load");
        }
    }
    Ok(())
}

proptest! {
    /// Fully arbitrary Unicode: extraction returns facts (whatever they are), and every sentence
    /// and evidence span lies on the text's character boundaries.
    #[test]
    fn extraction_of_any_unicode_never_panics(text in any_text(), published in published()) {
        let d = doc("any.txt", text, published);
        let seg = switchboard::text::segment(&d.text);
        for s in &seg.sentences {
            prop_assert!(s.start <= s.end && s.end <= d.text.len());
            prop_assert!(d.text.is_char_boundary(s.start) && d.text.is_char_boundary(s.end));
        }
        let facts = analyze_document(&d, Rules::builtin());
        prop_assert_eq!(&facts.doc, "any.txt");
        let _ = facts.dump();
        let texts = BTreeMap::from([(d.name.clone(), d.text.clone())]);
        check_graph(&build_graph(&[d], Rules::builtin()), &texts)?;
    }

    /// News-like text reaches people, calls, refusals and statements; none of it panics, and the
    /// graph keeps its promises.
    #[test]
    fn extraction_of_news_like_text_never_panics(text in news_text(), published in published()) {
        let d = doc("news.txt", text, published);
        let facts = analyze_document(&d, Rules::builtin());
        let dump = facts.dump();
        // the same text gives the same facts (no hidden state between runs)
        prop_assert_eq!(analyze_document(&d, Rules::builtin()).dump(), dump);
        let texts = BTreeMap::from([(d.name.clone(), d.text.clone())]);
        check_graph(&build_graph(&[d], Rules::builtin()), &texts)?;
    }

    /// The graph depends on the set of documents, never on their order: the same documents in
    /// two orders give byte-identical graph.json.
    #[test]
    fn input_order_never_changes_the_graph(
        docs in prop::collection::vec((news_text(), published()), 1..5)
            .prop_flat_map(|docs| {
                let docs: Vec<Document> = docs
                    .into_iter()
                    .enumerate()
                    .map(|(i, (text, published))| doc(&format!("d{i}.txt"), text, published))
                    .collect();
                (Just(docs.clone()), Just(docs).prop_shuffle())
            })
    ) {
        let (ordered, shuffled) = docs;
        let a = json::to_string(&build_graph(&ordered, Rules::builtin()));
        let g = build_graph(&shuffled, Rules::builtin());
        prop_assert!(a == json::to_string(&g), "graph.json differs between two orders of the same documents");
        let texts = ordered.iter().map(|d| (d.name.clone(), d.text.clone())).collect();
        check_graph(&g, &texts)?;
    }

    /// Arbitrary bytes as graph.json: an error or a graph, never a panic, in both load modes.
    #[test]
    fn graph_json_of_any_bytes_never_panics(bytes in prop::collection::vec(any::<u8>(), 0..2000)) {
        load_any(&bytes)?;
    }

    /// A real graph.json with a few bytes changed, inserted or removed (so most of it is still
    /// JSON of the right shape): an error or a graph, never a panic, in both load modes.
    #[test]
    fn damaged_graph_json_never_panics(
        edits in prop::collection::vec((any::<prop::sample::Index>(), 0u8..3, any::<u8>()), 1..6)
    ) {
        let mut bytes = small_graph_json().to_vec();
        for (at, how, byte) in edits {
            let i = at.index(bytes.len() + 1);
            match how {
                0 if i < bytes.len() => bytes[i] = byte,
                1 => bytes.insert(i, byte),
                _ if i < bytes.len() => {
                    bytes.remove(i);
                }
                _ => bytes.push(byte),
            }
        }
        load_any(&bytes)?;
    }
}

/// The generators reach what they are for: news-like text yields people, calls, refusals and
/// statements, and the damaged graph.json starts from a graph that loads. Guards the properties
/// above against passing on texts that never reach the extractor's rules.
#[test]
fn news_like_pieces_reach_every_kind_of_fact() {
    use proptest::strategy::ValueTree;
    use proptest::test_runner::TestRunner;
    let mut runner = TestRunner::deterministic();
    let (mut entities, mut calls, mut refusals, mut statements) = (0, 0, 0, 0);
    for _ in 0..200 {
        let text = news_text().new_tree(&mut runner).expect("a text").current();
        let f = analyze_document(&doc("n.txt", text, dates::parse_iso("2024-06-26")), Rules::builtin());
        entities += f.entities.len();
        calls += f.calls.len();
        refusals += f.refusals.len();
        statements += f.statements.len();
    }
    assert!(
        entities > 0 && calls > 0 && refusals > 0 && statements > 0,
        "entities {entities}, calls {calls}, refusals {refusals}, statements {statements}"
    );
    assert!(json::from_slice(small_graph_json()).is_ok());
}
