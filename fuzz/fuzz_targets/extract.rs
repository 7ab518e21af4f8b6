//! Arbitrary bytes as article text, through the whole pipeline: lossy UTF-8, segmentation and
//! tokens, `analyze_document`, the facts file written and read back, the merge into a graph,
//! and graph.json, DOT and the other text formats written to memory.
//!
//! A NUL byte splits the input into up to three documents, so the merge sees documents that
//! share names and calls. Besides "no panic", it checks what the design promises:
//!
//! * every evidence span is the text of its document (`text == original[start..end]`);
//! * facts survive the facts file unchanged (written with `store::write_to`, read with
//!   `store::Reader`), and packed events survive `store::pack` / `store::unpack`;
//! * graph.json loads back (both modes), and loading and writing it again gives the same bytes.
#![no_main]

use std::collections::BTreeMap;
use std::io::Cursor;
use std::path::Path;

use libfuzzer_sys::fuzz_target;
use switchboard::export::{self, dot::DotOptions, json};
use switchboard::input::{DocMeta, Document};
use switchboard::{analyze_document, dates, graph_from_facts, rules::Rules, store, text};

fuzz_target!(|data: &[u8]| {
    let whole = String::from_utf8_lossy(data);
    let rules = Rules::builtin();

    // the tokenizer over the whole text, not only over the sentences the segmenter finds
    let seg = text::segment(&whole);
    for s in &seg.sentences {
        assert!(s.start <= s.end && s.end <= whole.len() && whole.is_char_boundary(s.start));
    }
    let _ = text::tokenize(&whole, 0..whole.len());

    let mut texts = BTreeMap::new();
    let mut facts = Vec::new();
    let mut metas = BTreeMap::new();
    for (i, part) in whole.split('\0').take(3).enumerate() {
        let name = format!("doc{i}.txt");
        // a dateline when the text has one; else a date for every other document, so date
        // expressions are resolved both with and without a publication date
        let published =
            dates::dateline(part).or_else(|| (i % 2 == 0).then(|| dates::parse_iso("2024-05-17")).flatten());
        let meta = DocMeta { published, ..Default::default() };
        let doc = Document { name: name.clone(), text: part.to_string(), meta: meta.clone() };
        let mut f = analyze_document(&doc, rules);
        f.compact();

        let before = f.dump();
        let packed = store::pack(&mut f).expect("facts pack");
        store::unpack(&mut f, &packed).expect("packed facts unpack");
        assert_eq!(f.dump(), before, "pack/unpack changed the facts");

        texts.insert(name.clone(), part.to_string());
        metas.insert(name, meta);
        facts.push(f);
    }

    // the facts file, in memory (records sorted by name: doc0, doc1, doc2)
    let mut bin = Vec::new();
    store::write_to(&mut bin, facts.iter().zip(metas.values())).expect("facts write");
    let back: Vec<_> = store::Reader::new(Cursor::new(&bin), Path::new("facts.bin"), rules)
        .expect("facts header reads back")
        .collect::<Result<_, _>>()
        .expect("facts read back");
    assert_eq!(back.len(), facts.len());
    for ((f, m), (g, n)) in back.iter().zip(facts.iter().zip(metas.values())) {
        assert_eq!(f.dump(), g.dump(), "facts changed through facts.bin");
        assert_eq!(m, n);
    }

    let g = graph_from_facts(facts, metas, rules);
    for e in g.graph.edge_weights() {
        for ev in &e.evidence {
            let text = texts.get(&*ev.doc).expect("evidence names a document");
            assert_eq!(text.get(ev.start..ev.end), Some(&*ev.text), "evidence is not the text of its span");
        }
    }

    let out = json::to_string(&g);
    let loaded = json::from_slice(out.as_bytes()).expect("graph.json we wrote loads");
    assert_eq!(json::to_string(&loaded), out, "graph.json changed through a load");
    json::from_slice_as(out.as_bytes(), json::LoadMode::Query).expect("graph.json we wrote loads for queries");

    let _ = export::dot::to_string(&g, &DotOptions::default());
    let _ = export::dot::to_string(&g, &DotOptions { statements: true, isolated: true, ..Default::default() });
    let _ = export::graphml::to_string(&g);
    let _ = export::gexf::to_string(&g);
    let _ = export::cytoscape::to_string(&g);
    let _ = export::jgf::to_string(&g);
    let _ = export::neo4j::csv_files(&g);
    let _ = export::neo4j::cypher(&g);
    // the html page is graph.json and the layout around constant text: the layout is what can fail
    let _ = export::layout::layout(&g);
});
