//! Arbitrary bytes as a facts file: `store::Reader` must turn every problem into a `StoreError`,
//! never panic or allocate without bound. Facts it accepts are merged into a graph, which is
//! written as graph.json.
//!
//! Two shapes of input:
//!
//! * `P` then record payloads joined by `|REC|`: the target puts them in a well-formed file
//!   (header, LZ4 frame, each record's length and CRC, trailer), so the fuzzer reaches postcard
//!   decoding, the index checks (`store::check`) and `graph::build` on facts that decode but
//!   were never extracted;
//! * anything else: the bytes are the file, for the header, LZ4, CRC and trailer checks.
#![no_main]

use std::collections::BTreeMap;
use std::io::{Cursor, Write};
use std::path::Path;

use libfuzzer_sys::fuzz_target;
use switchboard::{export::json, graph_from_facts, rules::Rules, store};

/// A facts file holding `payloads` as its records, with the right lengths and checksums.
fn file_around(payloads: &[&[u8]]) -> Vec<u8> {
    let mut out = store::MAGIC.to_vec();
    out.extend_from_slice(&store::FORMAT_VERSION.to_le_bytes());
    out.push(store::VERSION.len() as u8);
    out.extend_from_slice(store::VERSION.as_bytes());
    out.extend_from_slice(&(payloads.len() as u64).to_le_bytes());
    let info = lz4_flex::frame::FrameInfo::new().block_mode(lz4_flex::frame::BlockMode::Linked);
    let mut z = lz4_flex::frame::FrameEncoder::with_frame_info(info, &mut out);
    for p in payloads {
        z.write_all(&(p.len() as u32).to_le_bytes()).unwrap();
        z.write_all(&crc32fast::hash(p).to_le_bytes()).unwrap();
        z.write_all(p).unwrap();
    }
    z.finish().unwrap();
    out.extend_from_slice(store::TRAILER);
    out
}

/// The positions of `sep` in `data`, not overlapping.
fn split<'a>(data: &'a [u8], sep: &[u8]) -> Vec<&'a [u8]> {
    let mut parts = Vec::new();
    let mut rest = data;
    while let Some(at) = rest.windows(sep.len()).position(|w| w == sep) {
        parts.push(&rest[..at]);
        rest = &rest[at + sep.len()..];
    }
    parts.push(rest);
    parts
}

fuzz_target!(|data: &[u8]| {
    let file = match data.split_first() {
        Some((b'P', payloads)) => file_around(&split(payloads, b"|REC|")),
        _ => data.to_vec(),
    };
    let Ok(reader) = store::Reader::new(Cursor::new(&file), Path::new("facts.bin"), Rules::builtin()) else { return };
    let mut facts = Vec::new();
    let mut metas = BTreeMap::new();
    for record in reader {
        match record {
            Ok((f, m)) => {
                metas.insert(f.doc.clone(), m);
                facts.push(f);
            }
            Err(_) => return,
        }
    }
    let g = graph_from_facts(facts, metas, Rules::builtin());
    let out = json::to_string(&g);
    json::from_slice(out.as_bytes()).expect("the graph of stored facts loads back");
});
