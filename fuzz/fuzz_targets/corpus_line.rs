//! Arbitrary bytes as one line of a JSON Lines corpus: `input::parse_corpus_line` gives an
//! article, a warning, both or neither, never a panic. An article it gives is extracted.
#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;
use switchboard::{analyze_document, input, rules::Rules};

fuzz_target!(|data: &[u8]| {
    let (doc, warning) = input::parse_corpus_line(Path::new("fuzz.jsonl"), 7, data);
    if let Some(w) = &warning {
        assert!(w.message.starts_with("line 7: "), "warning without its line: {w}");
    }
    if let Some(k) = doc {
        assert!(!k.doc.name.trim().is_empty(), "an article with an empty name");
        let _ = analyze_document(&k.doc, Rules::builtin());
    }
});
