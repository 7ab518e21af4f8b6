//! # switchboard: who contacted whom, from news articles
//!
//! switchboard reads news articles and builds a knowledge graph of **people**, **institutions**
//! and **calls** (nodes) joined by **contacts**, **refusals**, **statements**, affiliations and
//! successions (edges). Every fact carries evidence: the document, the sentence, the byte span in
//! the original file and the rule that fired. Extraction is offline, rule-based and
//! deterministic.
//!
//! The pipeline, one module a stage:
//!
//! ```text
//! input ─► text (sentences, quotes, tokens) ─► mentions ─► resolve (entities per document)
//!       ─► events (calls, refusals, statements) ─► graph (merge across documents) ─► export
//! ```
//!
//! ```
//! use switchboard::{analyze_document, build_graph, input::Document};
//!
//! let doc = Document {
//!     name: "a.txt".into(),
//!     text: "Defense Secretary Jane Doe spoke by telephone on Tuesday with Defense Minister \
//!            Ivan Petrov.\n\n\"We keep the lines open,\" Doe told reporters.\n".into(),
//!     meta: Default::default(),
//! };
//! let graph = build_graph(&[doc]);
//! assert_eq!(graph.count(switchboard::graph::NodeKind::Call), 1);
//! let json = switchboard::export::json::to_string(&graph);
//! assert!(json.contains("person:jane-doe"));
//! ```

pub mod dates;
pub mod events;
pub mod export;
pub mod graph;
pub mod input;
pub mod mentions;
pub mod normalize;
pub mod query;
pub mod report;
pub mod resolve;
pub mod rules;
pub mod store;
pub mod text;
pub mod vecset;

use std::collections::BTreeMap;

use events::DocFacts;
use graph::KnowledgeGraph;
use input::Document;
use rules::Rules;

/// Extract the facts of one document. Pure: text and rules in, facts out; never fails.
pub fn analyze_document(doc: &Document, rules: &Rules) -> DocFacts {
    let text = doc.text.as_str();
    let seg = text::segment(text);
    let toks = mentions::tokens(text, &seg);
    let found = mentions::find(text, &seg, &toks, rules);
    let resolved = resolve::entities(text, &found, rules);
    let input = events::Analysed {
        doc: &doc.name,
        text,
        seg: &seg,
        toks: &toks,
        mentions: &found,
        published: doc.meta.published,
    };
    events::extract(input, resolved, rules)
}

/// Extract every document and merge the facts into one graph.
pub fn build_graph(docs: &[Document]) -> KnowledgeGraph {
    build_graph_timed(docs).0
}

/// [`build_graph`], also returning how long extraction and merging took.
pub fn build_graph_timed(docs: &[Document]) -> (KnowledgeGraph, std::time::Duration, std::time::Duration) {
    build_graph_observed(docs, &|_| {})
}

/// [`build_graph_timed`], calling `on_doc(text bytes)` from the worker threads as each document
/// is extracted (for progress reports).
pub fn build_graph_observed(
    docs: &[Document],
    on_doc: &(dyn Fn(usize) + Sync),
) -> (KnowledgeGraph, std::time::Duration, std::time::Duration) {
    let t0 = std::time::Instant::now();
    let facts = extract_observed(docs, on_doc);
    let extracted = t0.elapsed();
    let t1 = std::time::Instant::now();
    let metas: BTreeMap<String, input::DocMeta> = docs.iter().map(|d| (d.name.clone(), d.meta.clone())).collect();
    let g = graph_from_facts(facts, metas);
    (g, extracted, t1.elapsed())
}

/// Extract every document on all cores, calling `on_doc(text bytes)` from the worker threads as
/// each one is done. The facts come in the order of `docs`.
pub fn extract_observed(docs: &[Document], on_doc: &(dyn Fn(usize) + Sync)) -> Vec<DocFacts> {
    let rules = Rules::builtin();
    // documents are independent: extract them on all cores (the order of `facts` is the order
    // of `docs`, so the output does not depend on the thread count)
    use rayon::prelude::*;
    docs.par_iter()
        .map(|d| {
            let mut f = analyze_document(d, rules);
            f.compact();
            on_doc(d.text.len());
            f
        })
        .collect()
}

/// Facts in, graph out: merge per-document facts (in any order) and their metadata into one
/// graph. The same set of facts always gives the same graph, however it was gathered: from one
/// build, or from stored facts ([`store`]) plus new articles, or from several stored sets.
pub fn graph_from_facts(facts: Vec<DocFacts>, metas: BTreeMap<String, input::DocMeta>) -> KnowledgeGraph {
    graph::build(facts, metas, Rules::builtin())
}
