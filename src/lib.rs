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
//! use switchboard::{analyze_document, build_graph, input::Document, rules::Rules};
//!
//! let doc = Document {
//!     name: "a.txt".into(),
//!     text: "Defense Secretary Jane Doe spoke by telephone on Tuesday with Defense Minister \
//!            Ivan Petrov.\n\n\"We keep the lines open,\" Doe told reporters.\n".into(),
//!     meta: Default::default(),
//! };
//! let graph = build_graph(&[doc], Rules::builtin());
//! assert_eq!(graph.count(switchboard::graph::NodeKind::Call), 1);
//! let json = switchboard::export::json::to_string(&graph);
//! assert!(json.contains("person:jane-doe"));
//! ```

pub mod dates;
pub mod decode;
pub mod events;
pub mod export;
pub mod facts;
pub mod graph;
pub mod identity;
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

use facts::DocFacts;
use graph::KnowledgeGraph;
use input::Document;
use rules::Rules;

/// Extract the facts of one document. Pure: text and rules in, facts out; never fails.
pub fn analyze_document(doc: &Document, rules: &Rules) -> DocFacts {
    analyze_mapped(doc, &decode::SourceMap::identity(), rules)
}

/// [`analyze_document`] for a text decoded from other bytes (HTML stripped, bad UTF-8
/// replaced): `map` takes the evidence offsets back to the bytes that were read.
pub fn analyze_mapped(doc: &Document, map: &decode::SourceMap, rules: &Rules) -> DocFacts {
    let mut facts = analyze_text(doc, rules);
    if !map.is_identity() {
        facts.map_offsets(|pos| map.to_source(pos));
    }
    facts
}

fn analyze_text(doc: &Document, rules: &Rules) -> DocFacts {
    let text = doc.text.as_str();
    let seg = text::segment(text);
    let toks = mentions::tokens(text, &seg);
    let all = mentions::find_all(text, &seg, &toks, rules);
    let read = |found: &[mentions::Mention]| {
        let mut resolved = resolve::entities(text, found, rules);
        for e in &mut resolved.entities {
            e.tentative = !e.mentions.is_empty() && e.mentions.iter().all(|&m| found[m].tentative);
        }
        let input = events::Analysed {
            doc: &doc.name,
            text,
            seg: &seg,
            toks: &toks,
            mentions: found,
            published: doc.meta.published,
        };
        events::extract(input, resolved, rules)
    };
    if !all.iter().any(|m| m.tentative) {
        return read(&all);
    }
    // two readings: without the lone capitalised words, and with them as people (the merge
    // picks one, by the surnames other documents give in full: `graph::entity_keys`)
    let second = read(&all);
    let mut first = read(&mentions::without_tentative(all));
    if second.entities.iter().any(|e| e.tentative) {
        first.alt = Some(Box::new(second));
    }
    first
}

/// Extract every document with `rules` and merge the facts into one graph.
pub fn build_graph(docs: &[Document], rules: &Rules) -> KnowledgeGraph {
    let facts = extract_observed(docs, rules, &|_| {});
    let metas: BTreeMap<String, input::DocMeta> = docs.iter().map(|d| (d.name.clone(), d.meta.clone())).collect();
    graph_from_facts(facts, metas, rules)
}

/// Extract every document on all cores, calling `on_doc(text bytes)` from the worker threads as
/// each one is done. The facts come in the order of `docs`.
pub fn extract_observed(docs: &[Document], rules: &Rules, on_doc: &(dyn Fn(usize) + Sync)) -> Vec<DocFacts> {
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

/// What [`extract_sources`] gathered.
#[derive(Debug, Default)]
pub struct Extracted {
    /// The facts and metadata of every document read, in input order; the facts hold the
    /// entities, and the events are packed beside them ([`store::pack`]).
    pub docs: Vec<(DocFacts, input::DocMeta, store::Packed)>,
    /// Bytes of text read.
    pub bytes: usize,
}

/// How many articles go through extraction together: enough to keep every core busy, few
/// enough that memory holds a batch of texts, never the corpus.
const BATCH: usize = 2048;

/// Read and extract every source, streaming: articles are read and extracted a batch at a time
/// on all cores, and each text is dropped as soon as its facts are out. `on_doc(text bytes)` is
/// called from the worker threads as each document is done, `on_warning` in input order.
/// Documents that share a name are named by their paths (with a warning), as [`input::read`]
/// does. The result does not depend on the thread count.
pub fn extract_sources(
    sources: &[input::Source],
    rules: &Rules,
    on_doc: &(dyn Fn(usize) + Sync),
    on_warning: &mut dyn FnMut(input::Warning),
) -> Extracted {
    use rayon::prelude::*;
    type Done = (std::path::PathBuf, DocFacts, input::DocMeta, store::Packed, usize);
    /// One source's outcome: the document (or why it was skipped) and its read warnings.
    type Outcome = (Option<Result<Done, input::Warning>>, Vec<input::Warning>);
    // a document whose facts cannot be packed (postcard refuses them) is skipped with a warning
    let extract = |k: input::Keyed| -> Result<Done, input::Warning> {
        let mut f = analyze_mapped(&k.doc, &k.map, rules);
        f.compact();
        // the events wait packed for the merge, which needs every entity first
        let packed = store::pack(&mut f).map_err(|e| input::Warning::skipped(&k.key, format!("skipped: {e}")))?;
        let len = k.doc.text.len();
        on_doc(len);
        Ok((k.key, f, k.doc.meta, packed, len))
    };
    // a batch's results, in input order: its warnings first, then the document or why it was skipped
    let keep = |results: Vec<Outcome>, done: &mut Vec<Done>, on_warning: &mut dyn FnMut(input::Warning)| {
        for (doc, warnings) in results {
            warnings.into_iter().for_each(&mut *on_warning);
            match doc {
                Some(Ok(d)) => done.push(d),
                Some(Err(w)) => on_warning(w),
                None => {}
            }
        }
    };
    let mut done: Vec<Done> = Vec::new();
    let mut pending: Vec<&input::Source> = Vec::new();
    let flush =
        |pending: &mut Vec<&input::Source>, done: &mut Vec<Done>, on_warning: &mut dyn FnMut(input::Warning)| {
            let results: Vec<_> = pending
                .par_iter()
                .map(|s| {
                    let mut warnings = Vec::new();
                    let doc = s.read_article(&mut warnings).map(extract);
                    (doc, warnings)
                })
                .collect();
            pending.clear();
            keep(results, done, on_warning);
        };
    for s in sources {
        if s.is_article() {
            pending.push(s);
            if pending.len() == BATCH {
                flush(&mut pending, &mut done, on_warning);
            }
            continue;
        }
        flush(&mut pending, &mut done, on_warning);
        let stopped = s.corpus_lines(BATCH, |label, lines| {
            let results: Vec<_> = lines
                .par_iter()
                .map(|(number, line)| {
                    let (doc, warning) = input::parse_corpus_line(label, *number, line);
                    (doc.map(extract), warning.into_iter().collect())
                })
                .collect();
            keep(results, &mut done, on_warning);
        });
        stopped.into_iter().for_each(&mut *on_warning);
    }
    flush(&mut pending, &mut done, on_warning);
    let names: Vec<(&str, &std::path::Path)> =
        done.iter().map(|(key, f, ..)| (f.doc.as_str(), key.as_path())).collect();
    for (i, name, warning) in input::rename_shared(&names) {
        // the evidence to rename is packed: unpack, rename, pack again (rare: names that clash)
        let (key, f, _, packed, _) = &mut done[i];
        let renamed = store::unpack(f, packed).and_then(|()| {
            f.rename(&name);
            store::pack(f).map_err(|e| e.to_string())
        });
        match renamed {
            Ok(p) => *packed = p,
            // cannot happen (this process packed them); said rather than lost without a word
            Err(e) => on_warning(input::Warning::note(key.as_path(), format!("not renamed: {e}"))),
        }
        on_warning(warning);
    }
    let bytes = done.iter().map(|d| d.4).sum();
    Extracted { docs: done.into_iter().map(|(_, f, m, p, _)| (f, m, p)).collect(), bytes }
}

/// Facts in, graph out: merge per-document facts (in any order) and their metadata into one
/// graph. The same set of facts always gives the same graph, however it was gathered: from one
/// build, or from stored facts ([`store`]) plus new articles, or from several stored sets,
/// as long as `rules` are the rules the facts were extracted with.
pub fn graph_from_facts(
    facts: Vec<DocFacts>,
    metas: BTreeMap<String, input::DocMeta>,
    rules: &Rules,
) -> KnowledgeGraph {
    graph::build(facts, metas, rules)
}
