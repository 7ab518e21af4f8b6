//! Arbitrary bytes as graph.json: `export::json::from_slice_as` in both load modes must return
//! `Err` or a graph, never panic. A graph that loads is written out again (graph.json, DOT and the
//! other text formats): it must load back and give the same graph.json bytes.
//!
//! `LoadMode::Query` cuts the edge list of a file of 4 MiB or more into pieces parsed on several
//! threads (when the file opens the way the writer opens it), and parses smaller files in one go.
//! The parse in pieces (`load_in_pieces`, built for fuzzing only) is also run on every input, on
//! two and three threads: when it gives an answer, it must be the answer of the parse in one go
//! (both errors, or the same graph).
#![no_main]

use libfuzzer_sys::fuzz_target;
use switchboard::export::{self, dot::DotOptions, json};

fuzz_target!(|data: &[u8]| {
    for threads in [2, 3] {
        let Some(pieces) = json::load_in_pieces(data, threads) else { continue };
        match (json::from_slice_as(data, json::LoadMode::Query), pieces) {
            (Ok(a), Ok(b)) => assert_eq!(json::to_string(&a), json::to_string(&b), "the parse in pieces differs"),
            (Err(_), Err(_)) => {}
            (a, b) => panic!("one parse loads, the other does not: in one go {:?}, in pieces {:?}", a.err(), b.err()),
        }
    }
    for mode in [json::LoadMode::Full, json::LoadMode::Query] {
        let Ok(g) = json::from_slice_as(data, mode) else { continue };
        let out = json::to_string(&g);
        let again = json::from_slice(out.as_bytes()).expect("a graph we wrote loads");
        assert_eq!(json::to_string(&again), out, "graph.json changed through a load");
        let _ = export::dot::to_string(&g, &DotOptions::default());
        let _ = export::dot::to_string(&g, &DotOptions { statements: true, isolated: true, ..Default::default() });
        if mode == json::LoadMode::Full {
            let _ = export::graphml::to_string(&g);
            let _ = export::gexf::to_string(&g);
            let _ = export::cytoscape::to_string(&g);
            let _ = export::jgf::to_string(&g);
            let _ = export::neo4j::csv_files(&g);
            let _ = export::neo4j::cypher(&g);
        }
    }
});
