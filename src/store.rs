//! # The facts file: every document's facts beside `graph.json`, for `--update` and `merge`
//!
//! A graph cannot be extended from `graph.json` alone: merging across documents (a lone surname
//! joins the one full name it can be, reports of one call become one call node) needs the facts
//! of every document. [`crate::graph::build`] is a deterministic function of the *set* of
//! per-document facts (it sorts them by document name first), so `build` also writes those facts
//! (`facts.bin`, [`FILE_NAME`]), and a graph of old and new documents is rebuilt from the stored
//! facts of the old ones plus the extracted facts of the new ones, without reading the old
//! articles again. It is byte-identical to one build over all of them.
//!
//! The file (all integers little-endian; the full description is in `docs/facts-file.md`):
//!
//! ```text
//! header   "SWBFACTS"  u32 format version  u8 n + n bytes switchboard version  u64 record count
//! records  LZ4 frames of 256 records each:
//!          u32 payload length  u32 CRC-32 of the payload  payload
//! payload  postcard of (DocMeta fields, DocFacts)
//! trailer  "FACTSEND"
//! ```
//!
//! Records are sorted by document name. [`write_to`] encodes and compresses the frames of a group
//! on all cores and writes them in order through the caller's writer (a `BufWriter` for a file);
//! [`Reader`] reads records one at a time (decoding a batch on all cores), so memory holds the
//! facts, never the file.
//!
//! The payload is [postcard](https://docs.rs/postcard): a compact, non-self-describing serde
//! format whose 1.x wire format is specified and stable. Indices and lengths are varints, so the
//! many small `usize`s of the facts take one byte each (bincode 1's default encoding takes eight),
//! and it depends on little beyond serde. Being non-self-describing, it cannot skip fields: a
//! change to any type inside `DocFacts` changes the layout, and the unit test `layout_is_pinned`
//! fails until [`FORMAT_VERSION`] is bumped. A file of another format or another switchboard
//! version is refused (its facts came from other rules), never guessed at.
//!
//! The facts repeat their evidence sentences, so postcard alone is larger than the articles
//! (22 MB for 10,000 synthetic articles of 16 MB). LZ4 ([lz4_flex](https://docs.rs/lz4_flex), pure
//! Rust, its safe decoder) brings that to 5 MB at about 600 MB/s a core; deflate (flate2, already a
//! dependency) compresses about as well at less than half the speed.
//!
//! Reading never panics on a bad file: a wrong magic, another version, a file cut short, a
//! damaged record (CRC, LZ4), a payload that does not decode, records out of name order, or facts
//! whose entity or country indices point nowhere are each a [`StoreError`] that names the file
//! and says to rebuild it.

use std::collections::BTreeMap;
use std::fmt;
use std::fs::File;
use std::io::{self, BufReader, Read, Write};
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::facts::DocFacts;
use crate::graph::KnowledgeGraph;
use crate::input::DocMeta;
use crate::rules::Rules;

/// The name of the facts file in an output folder, beside `graph.json`.
pub const FILE_NAME: &str = "facts.bin";
/// The first eight bytes of every facts file.
pub const MAGIC: &[u8; 8] = b"SWBFACTS";
/// The last eight bytes of every facts file, after the compressed records: a file cut short
/// anywhere lacks them.
pub const TRAILER: &[u8; 8] = b"FACTSEND";
/// The layout of the records. Bump it whenever a type inside `DocFacts` changes (the test
/// `layout_is_pinned` says when).
pub const FORMAT_VERSION: u32 = 3;
/// The switchboard version written into the header: facts of another version were extracted
/// by other rules, so they are refused.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

/// Why a facts file could not be found, read or written.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("{} has no facts file ({FILE_NAME}); rebuild it with this version: switchboard build ARTICLES --out {}", dir.display(), dir.display())]
    Missing { dir: PathBuf },
    #[error("{} is neither a graph folder nor a graph.json", .0.display())]
    NoGraph(PathBuf),
    #[error("cannot read {}: {source}", path.display())]
    Read { path: PathBuf, source: io::Error },
    #[error("cannot write {}: {source}", path.display())]
    Write { path: PathBuf, source: io::Error },
    #[error("{} is not a switchboard facts file", path.display())]
    NotFacts { path: PathBuf },
    #[error(
        "{} was written by switchboard {version} (facts format {format}); this is switchboard {VERSION} (facts format {FORMAT_VERSION}): rebuild it with this version",
        path.display()
    )]
    Version { path: PathBuf, format: u32, version: String },
    #[error("{} is truncated ({detail}); rebuild it", path.display())]
    Truncated { path: PathBuf, detail: String },
    #[error("{} is damaged: {detail}; rebuild it", path.display())]
    Damaged { path: PathBuf, detail: String },
}

/// The facts and metadata of a set of documents, one entry per document name: what a graph is
/// built from.
#[derive(Debug, Clone, Default)]
pub struct FactSet {
    docs: BTreeMap<String, (DocFacts, DocMeta)>,
    /// The events of documents added with [`FactSet::insert_packed`]: their `DocFacts` hold the
    /// entities only until the graph is built.
    packed: BTreeMap<String, Packed>,
}

/// A document's events (calls, refusals, statements, affiliations, successions, parts), packed:
/// postcard, as in a facts file record, then LZ4. A large build holds each document's events
/// this way (a quarter of their size) while it holds every document's entities, and unpacks them
/// only once the entities are merged and freed, so the two are never all in memory at once.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Packed(Vec<u8>);

/// The events of a document, in `DocFacts`' field order (postcard writes a struct as its fields
/// one after another, so these bytes are the middle of the document's record).
type Events = (
    Vec<crate::facts::DocCall>,
    Vec<crate::facts::DocRefusal>,
    Vec<crate::facts::DocStatement>,
    Vec<crate::facts::DocAffiliation>,
    Vec<crate::facts::DocSuccession>,
    Vec<crate::facts::DocPartOf>,
);

/// Move a document's events out into a [`Packed`], leaving its entities.
/// (On an error the document is left as it was.)
pub fn pack(f: &mut DocFacts) -> io::Result<Packed> {
    let events = (&f.calls, &f.refusals, &f.statements, &f.affiliations, &f.successions, &f.part_of);
    let bytes = postcard::to_allocvec(&events)
        .map_err(|e| io::Error::other(format!("cannot encode the facts of {}: {e}", f.doc)))?;
    (f.calls, f.refusals, f.statements, f.affiliations, f.successions, f.part_of) = Default::default();
    Ok(Packed(lz4_flex::compress_prepend_size(&bytes)))
}

/// The packed events of a set's documents, unpacked one document at a time as the merge asks
/// for them (see [`crate::graph::EventSource`]).
struct PackedEvents(BTreeMap<String, Packed>);

impl PackedEvents {
    fn unpack_into(f: &mut DocFacts, p: &Packed) {
        // packed by this process from facts it holds: they decode, or memory is corrupt
        if let Err(e) = unpack(f, p) {
            panic!("{e}");
        }
    }
}

impl crate::graph::EventSource for PackedEvents {
    fn take_each<R: Send>(
        &mut self,
        heads: Vec<DocFacts>,
        each: &(dyn Fn(usize, DocFacts) -> R + Sync),
        fold: &mut (dyn FnMut(R) + Send),
    ) {
        // the packed events are in name order, as the heads are: each head takes its own, if any
        let mut packed = std::mem::take(&mut self.0).into_iter().peekable();
        let items = heads.into_iter().enumerate().map(|(i, head)| {
            while packed.next_if(|(name, _)| *name < head.doc).is_some() {}
            let p = packed.next_if(|(name, _)| *name == head.doc).map(|(_, p)| p);
            (i, head, p)
        });
        crate::graph::in_chunks(
            items,
            |(i, mut head, p)| {
                if let Some(p) = p {
                    Self::unpack_into(&mut head, &p);
                }
                each(i, head)
            },
            fold,
        )
    }
}

/// Put packed events back into their document.
pub fn unpack(f: &mut DocFacts, p: &Packed) -> Result<(), String> {
    let bytes = p.raw()?;
    let (calls, refusals, statements, affiliations, successions, part_of): Events =
        postcard::from_bytes(&bytes).map_err(|e| format!("packed facts of {} do not decode ({e})", f.doc))?;
    (f.calls, f.refusals, f.statements, f.affiliations, f.successions, f.part_of) =
        (calls, refusals, statements, affiliations, successions, part_of);
    f.share_strings();
    Ok(())
}

impl Packed {
    /// The postcard bytes of the events.
    fn raw(&self) -> Result<Vec<u8>, String> {
        let mut out = Vec::new();
        self.raw_into(&mut out)?;
        Ok(out)
    }

    /// The postcard bytes of the events, added at the end of `out`.
    fn raw_into(&self, out: &mut Vec<u8>) -> Result<(), String> {
        let bad = |e: lz4_flex::block::DecompressError| format!("packed facts do not decompress ({e})");
        let (size, block) = lz4_flex::block::uncompressed_size(&self.0).map_err(bad)?;
        let at = out.len();
        out.resize(at + size, 0);
        let n = lz4_flex::block::decompress_into(block, &mut out[at..]).map_err(bad)?;
        if n != size {
            return Err(format!("packed facts decompress to {n} bytes, not {size}"));
        }
        Ok(())
    }
}

impl FromIterator<(DocFacts, DocMeta)> for FactSet {
    fn from_iter<I: IntoIterator<Item = (DocFacts, DocMeta)>>(iter: I) -> Self {
        let mut set = FactSet::default();
        for (f, m) in iter {
            set.insert(f, m);
        }
        set
    }
}

impl FactSet {
    /// Add a document; one of the same name is replaced and returned.
    pub fn insert(&mut self, facts: DocFacts, meta: DocMeta) -> Option<(DocFacts, DocMeta)> {
        self.packed.remove(&facts.doc);
        self.docs.insert(facts.doc.clone(), (facts, meta))
    }

    /// Add a document whose events are packed ([`pack`]): `facts` holds its entities. [`FactSet::get`]
    /// and [`FactSet::iter`] show such a document without its events; writing the set and
    /// building its graph include them.
    pub fn insert_packed(&mut self, facts: DocFacts, meta: DocMeta, events: Packed) {
        self.packed.insert(facts.doc.clone(), events);
        self.docs.insert(facts.doc.clone(), (facts, meta));
    }

    /// A set of documents whose events are packed, as [`FactSet::insert_packed`] one after
    /// another (built at once: a build gives a hundred thousand documents, in name order).
    pub fn from_packed(docs: Vec<(DocFacts, DocMeta, Packed)>) -> FactSet {
        let mut packed = Vec::with_capacity(docs.len());
        let mut heads = Vec::with_capacity(docs.len());
        for (f, m, p) in docs {
            packed.push((f.doc.clone(), p));
            heads.push((f.doc.clone(), (f, m)));
        }
        // (of two of one name, the later is kept, as by insert_packed)
        FactSet { docs: heads.into_iter().collect(), packed: packed.into_iter().collect() }
    }

    pub fn get(&self, name: &str) -> Option<(&DocFacts, &DocMeta)> {
        self.docs.get(name).map(|(f, m)| (f, m))
    }

    pub fn contains(&self, name: &str) -> bool {
        self.docs.contains_key(name)
    }

    pub fn len(&self) -> usize {
        self.docs.len()
    }

    pub fn is_empty(&self) -> bool {
        self.docs.is_empty()
    }

    /// The documents in name order.
    pub fn iter(&self) -> impl ExactSizeIterator<Item = (&DocFacts, &DocMeta)> {
        self.docs.values().map(|(f, m)| (f, m))
    }

    /// Read a whole facts file (its facts checked against `rules`, see [`Reader::new`]).
    pub fn read(path: &Path, rules: &Rules) -> Result<FactSet, StoreError> {
        Reader::open(path, rules)?.collect()
    }

    /// Write the facts file at `path` (through a temporary file renamed into place, so a reader
    /// never sees half a file and a failed write leaves the old one).
    pub fn write(&self, path: &Path) -> Result<(), StoreError> {
        let docs: Vec<(&DocFacts, &DocMeta, Option<&Packed>)> =
            self.docs.iter().map(|(name, (f, m))| (f, m, self.packed.get(name))).collect();
        write_parts(path, &docs)
    }

    /// Write the facts file at `path` (as [`FactSet::write`]) and build the graph of the set (as
    /// [`FactSet::into_graph`]), side by side: the file is written from the documents while the
    /// first stage of the merge ([`crate::graph::entity_keys`]) reads them, and the rest of the
    /// merge, which uses them up, waits for the file. The graph and the seconds the file took; if
    /// the file cannot be written, its error (and no graph).
    pub fn write_and_graph(
        self,
        path: &Path,
        rules: &Rules,
        hooks: &crate::graph::BuildHooks,
    ) -> Result<(KnowledgeGraph, f64), StoreError> {
        let (facts, metas, packed) = self.into_parts();
        let (written, keys) = std::thread::scope(|s| {
            let writer = s.spawn(|| {
                let t = std::time::Instant::now();
                let docs: Vec<(&DocFacts, &DocMeta, Option<&Packed>)> =
                    facts.iter().zip(metas.values()).map(|(f, m)| (f, m, packed.get(&f.doc))).collect();
                write_parts(path, &docs).map(|()| t.elapsed().as_secs_f64())
            });
            let keys = crate::graph::entity_keys(&facts, rules);
            // (a panic while writing is a bug: passed on as it is)
            (writer.join().unwrap_or_else(|e| std::panic::resume_unwind(e)), keys)
        });
        let secs = written?;
        Ok((crate::graph::build_from_keys(facts, keys, PackedEvents(packed), metas, rules, hooks), secs))
    }

    /// The graph of these documents (the same as one build over their articles). Packed events
    /// are unpacked one document at a time, once the entities are merged and freed.
    pub fn into_graph(self, rules: &Rules) -> KnowledgeGraph {
        let (facts, metas, packed) = self.into_parts();
        crate::graph::build_staged(facts, PackedEvents(packed), metas, rules)
    }

    /// The facts (in name order), the metadata by name and the packed events by name.
    fn into_parts(self) -> (Vec<DocFacts>, BTreeMap<String, DocMeta>, BTreeMap<String, Packed>) {
        let FactSet { docs, packed } = self;
        let mut metas = BTreeMap::new();
        let mut facts = Vec::with_capacity(docs.len());
        for (name, (f, m)) in docs {
            facts.push(f);
            metas.insert(name, m);
        }
        (facts, metas, packed)
    }
}

/// Write a facts file of these documents, in this order (through a temporary file renamed into
/// place, so a reader never sees half a file and a failed write leaves the old one).
fn write_parts(path: &Path, docs: &[(&DocFacts, &DocMeta, Option<&Packed>)]) -> Result<(), StoreError> {
    crate::export::write_atomic_with(path, |w| {
        write_records(w, docs.len(), |i, buf| {
            let (f, m, packed) = docs[i];
            match packed {
                None => encode_into(f, m, buf),
                Some(p) => encode_packed_into(f, m, p, buf),
            }
        })
    })
    .map_err(|source| StoreError::Write { path: path.to_path_buf(), source })
}

/// The facts file of a graph: `arg` is an output folder, its `graph.json` (or any file in it),
/// or the facts file itself.
pub fn locate(arg: &Path) -> Result<PathBuf, StoreError> {
    let (dir, file) = if arg.is_dir() {
        (arg.to_path_buf(), arg.join(FILE_NAME))
    } else if arg.is_file() {
        if arg.file_name().is_some_and(|n| n == FILE_NAME) {
            return Ok(arg.to_path_buf());
        }
        let dir = arg.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
        (dir.to_path_buf(), dir.join(FILE_NAME))
    } else {
        return Err(StoreError::NoGraph(arg.to_path_buf()));
    };
    if file.is_file() { Ok(file) } else { Err(StoreError::Missing { dir }) }
}

/// What `build --update` made: the stored documents with the new ones added.
#[derive(Debug)]
pub struct Updated {
    pub set: FactSet,
    /// Stored documents kept.
    pub kept: usize,
    /// Stored documents replaced by a new one of the same name.
    pub replaced: Vec<String>,
}

/// Add `new` documents to the stored ones `old` reads. A new document replaces a stored one of
/// the same name.
pub fn update<R: Read>(old: Reader<R>, new: FactSet) -> Result<Updated, StoreError> {
    let mut set = new;
    let (mut kept, mut replaced) = (0, Vec::new());
    for rec in old {
        let (f, m) = rec?;
        if set.contains(&f.doc) {
            replaced.push(f.doc);
        } else {
            set.insert(f, m);
            kept += 1;
        }
    }
    Ok(Updated { set, kept, replaced })
}

/// What `merge` made: the union of the inputs' documents.
#[derive(Debug)]
pub struct Merged {
    pub set: FactSet,
    /// Documents found in more than one input with the same facts (kept once).
    pub same: usize,
    /// Documents found in more than one input with different facts: the later input's are kept.
    pub conflicts: Vec<Conflict>,
}

/// A document two inputs of `merge` hold with different facts or metadata.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Conflict {
    pub doc: String,
    /// The facts file whose version was dropped, and the one whose version was kept.
    pub dropped: PathBuf,
    pub kept: PathBuf,
}

impl fmt::Display for Conflict {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} differs in {} and {}; keeping the one from {}",
            self.doc,
            self.dropped.display(),
            self.kept.display(),
            self.kept.display()
        )
    }
}

/// The union of several facts files (paths as [`locate`] returns them), in order: a document in
/// more than one keeps one copy when the copies are identical, else the later file's.
pub fn merge(files: &[PathBuf], rules: &Rules) -> Result<Merged, StoreError> {
    let mut set = FactSet::default();
    let mut from: BTreeMap<String, usize> = BTreeMap::new();
    let (mut same, mut conflicts) = (0, Vec::new());
    for (i, path) in files.iter().enumerate() {
        // (a file names each document once: the reader refuses records out of name order)
        for rec in Reader::open(path, rules)? {
            let (f, m) = rec?;
            if let Some((pf, pm)) = set.get(&f.doc) {
                let earlier = from[&f.doc];
                if matches!((encode(pf, pm), encode(&f, &m)), (Ok(a), Ok(b)) if a == b) {
                    same += 1;
                    continue;
                }
                conflicts.push(Conflict { doc: f.doc.clone(), dropped: files[earlier].clone(), kept: path.clone() });
            }
            from.insert(f.doc.clone(), i);
            set.insert(f, m);
        }
    }
    Ok(Merged { set, same, conflicts })
}

/// `DocMeta` as the payload holds it: every field in place (`DocMeta`'s serde attributes leave
/// empty fields out, which only a self-describing format can read back).
#[derive(Serialize)]
struct MetaOut<'a> {
    published: Option<NaiveDate>,
    outlet: Option<&'a str>,
    url: Option<&'a str>,
    title: Option<&'a str>,
}

#[derive(Deserialize)]
struct MetaIn {
    published: Option<NaiveDate>,
    outlet: Option<String>,
    url: Option<String>,
    title: Option<String>,
}

fn meta_out(m: &DocMeta) -> MetaOut<'_> {
    MetaOut { published: m.published, outlet: m.outlet.as_deref(), url: m.url.as_deref(), title: m.title.as_deref() }
}

/// The payload of one record.
fn encode(facts: &DocFacts, meta: &DocMeta) -> io::Result<Vec<u8>> {
    encode_into(facts, meta, Vec::new())
}

/// [`encode`] into `buf` (cleared first), to reuse its allocation.
fn encode_into(facts: &DocFacts, meta: &DocMeta, mut buf: Vec<u8>) -> io::Result<Vec<u8>> {
    buf.clear();
    postcard::to_extend(&(meta_out(meta), facts), buf)
        .map_err(|e| io::Error::other(format!("cannot encode the facts of {}: {e}", facts.doc)))
}

/// [`encode_into`] for a document whose events are packed: the same bytes, put together from the
/// record's parts (postcard writes a tuple or struct as its fields one after another).
fn encode_packed_into(facts: &DocFacts, meta: &DocMeta, events: &Packed, mut buf: Vec<u8>) -> io::Result<Vec<u8>> {
    let fail = |e: String| io::Error::other(format!("cannot encode the facts of {}: {e}", facts.doc));
    buf.clear();
    let buf = postcard::to_extend(&(meta_out(meta), &facts.doc, &facts.published, &facts.entities), buf)
        .map_err(|e| fail(e.to_string()))?;
    let mut buf = buf;
    events.raw_into(&mut buf).map_err(fail)?;
    postcard::to_extend(&(&facts.sentences, &facts.alt), buf).map_err(|e| fail(e.to_string()))
}

/// Records per LZ4 frame. Frames are compressed independently, so a file is written on all cores
/// (the frames of a group at once); the number is fixed, so the bytes do not depend on the cores.
const FRAME_RECORDS: usize = 256;
/// Records decoded at once on all cores while reading.
const READ_BATCH: usize = 512;

/// Write a whole facts file (header and records, in the iterator's order) to `w`.
pub fn write_to<'a, W: Write>(
    w: &mut W,
    docs: impl ExactSizeIterator<Item = (&'a DocFacts, &'a DocMeta)>,
) -> io::Result<()> {
    let docs: Vec<(&DocFacts, &DocMeta)> = docs.collect();
    write_records(w, docs.len(), |i, buf| encode_into(docs[i].0, docs[i].1, buf))
}

/// Write a facts file of `n` records, record `i`'s payload made by `encode(i, buffer to reuse)`.
fn write_records<W: Write>(
    w: &mut W,
    n: usize,
    encode: impl Fn(usize, Vec<u8>) -> io::Result<Vec<u8>> + Sync,
) -> io::Result<()> {
    use rayon::prelude::*;
    w.write_all(MAGIC)?;
    w.write_all(&FORMAT_VERSION.to_le_bytes())?;
    w.write_all(&[VERSION.len() as u8])?;
    w.write_all(VERSION.as_bytes())?;
    w.write_all(&(n as u64).to_le_bytes())?;
    // a group of frames at a time: memory holds one group's compressed bytes, not the file's
    let group = FRAME_RECORDS * 4 * rayon::current_num_threads().max(1);
    for start in (0..n).step_by(group) {
        let end = (start + group).min(n);
        let frames: Vec<io::Result<Vec<u8>>> = (start..end)
            .step_by(FRAME_RECORDS)
            .collect::<Vec<_>>()
            .into_par_iter()
            .map(|from| frame((from..(from + FRAME_RECORDS).min(end)).map(|i| (i, &encode))))
            .collect();
        for f in frames {
            w.write_all(&f?)?;
        }
    }
    w.write_all(TRAILER)?;
    w.flush()
}

/// One LZ4 frame holding these records, each framed as length, CRC-32, payload.
fn frame<'a, E>(records: impl Iterator<Item = (usize, &'a E)>) -> io::Result<Vec<u8>>
where
    E: Fn(usize, Vec<u8>) -> io::Result<Vec<u8>> + 'a,
{
    let mut z = lz4_flex::frame::FrameEncoder::with_frame_info(frame_info(), Vec::new());
    let mut buf = Vec::new();
    for (i, encode) in records {
        buf = encode(i, buf)?;
        let len = u32::try_from(buf.len())
            .map_err(|_| io::Error::other(format!("record {i} of the facts takes more than 4 GiB")))?;
        z.write_all(&len.to_le_bytes())?;
        z.write_all(&crc32fast::hash(&buf).to_le_bytes())?;
        z.write_all(&buf)?;
    }
    z.finish().map_err(io::Error::other)
}

fn frame_info() -> lz4_flex::frame::FrameInfo {
    lz4_flex::frame::FrameInfo::new().block_mode(lz4_flex::frame::BlockMode::Linked)
}

/// Reads a facts file one record at a time: an iterator of `(DocFacts, DocMeta)`. The header is
/// checked when it is opened.
pub struct Reader<R: Read> {
    /// The compressed stream: a decoder of the current LZ4 frame over the rest of the file.
    r: lz4_flex::frame::FrameDecoder<Rest<R>>,
    path: PathBuf,
    count: u64,
    /// Records read from the stream (decoded or waiting in `ready`).
    read: u64,
    /// Decoded records (or the error that stopped reading), in order.
    ready: std::collections::VecDeque<Result<(DocFacts, DocMeta), StoreError>>,
    /// Records handed out, and the last one's document name (names must rise strictly).
    given: u64,
    last: Option<String>,
    finished: bool,
    countries: usize,
}

impl Reader<BufReader<File>> {
    /// Open a facts file and check its header.
    pub fn open(path: &Path, rules: &Rules) -> Result<Self, StoreError> {
        let file = File::open(path).map_err(|source| match source.kind() {
            io::ErrorKind::NotFound => StoreError::Missing {
                dir: path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new(".")).to_path_buf(),
            },
            _ => StoreError::Read { path: path.to_path_buf(), source },
        })?;
        Reader::new(BufReader::with_capacity(1 << 20, file), path, rules)
    }
}

impl<R: Read> Reader<R> {
    /// Read the header from `r`; `path` names the file in errors. The facts are checked against
    /// `rules` (every country index must be one of theirs).
    pub fn new(mut r: R, path: &Path, rules: &Rules) -> Result<Self, StoreError> {
        let path = path.to_path_buf();
        let mut magic = [0u8; 8];
        match read_full(&mut r, &mut magic) {
            Ok(n) if n == magic.len() && &magic == MAGIC => {}
            Ok(_) => return Err(StoreError::NotFacts { path }),
            Err(source) => return Err(StoreError::Read { path, source }),
        }
        let header = |r: &mut R, n: usize| -> Result<Vec<u8>, StoreError> {
            let mut b = vec![0u8; n];
            match read_full(r, &mut b) {
                Ok(got) if got == n => Ok(b),
                Ok(_) => Err(StoreError::Truncated { path: path.clone(), detail: "the header is cut short".into() }),
                Err(source) => Err(StoreError::Read { path: path.clone(), source }),
            }
        };
        let format = u32::from_le_bytes(header(&mut r, 4)?.try_into().unwrap_or_default());
        let n = header(&mut r, 1)?[0] as usize;
        let version = String::from_utf8_lossy(&header(&mut r, n)?).to_string();
        if format != FORMAT_VERSION || version != VERSION {
            return Err(StoreError::Version { path, format, version });
        }
        let count = u64::from_le_bytes(header(&mut r, 8)?.try_into().unwrap_or_default());
        let countries = rules.countries.len();
        let r = lz4_flex::frame::FrameDecoder::new(Rest(Some(r)));
        Ok(Reader {
            r,
            path,
            count,
            read: 0,
            ready: Default::default(),
            given: 0,
            last: None,
            finished: false,
            countries,
        })
    }

    /// How many documents the file holds.
    pub fn len(&self) -> u64 {
        self.count
    }

    pub fn is_empty(&self) -> bool {
        self.count == 0
    }

    fn damaged(&self, detail: String) -> StoreError {
        StoreError::Damaged { path: self.path.clone(), detail }
    }

    /// "record 3 of 10" (the one being read), or "the end" once every record is read.
    fn place(&self) -> String {
        if self.read < self.count { format!("record {} of {}", self.read + 1, self.count) } else { "the end".into() }
    }

    fn truncated(&self) -> StoreError {
        StoreError::Truncated { path: self.path.clone(), detail: format!("{} is cut short", self.place()) }
    }

    /// After the last record: the compressed stream ends, then the trailer, then the file.
    fn end(&mut self) -> Result<(), StoreError> {
        let follow = |r: &Self| r.damaged(format!("bytes follow the last of its {} records", r.count));
        // one read: the last frame's end mark (a second would take the trailer for a frame)
        let mut one = [0u8; 1];
        let last = if self.count == 0 { Ok(0) } else { read_once(&mut self.r, &mut one) };
        match last {
            Ok(0) => {}
            Ok(_) => return Err(follow(self)),
            Err(e) => return Err(self.io_error(e)),
        }
        let mut end = [0u8; TRAILER.len() + 1];
        let got = read_full(self.r.get_mut(), &mut end)
            .map_err(|source| StoreError::Read { path: self.path.clone(), source })?;
        if got < TRAILER.len() {
            return Err(self.truncated());
        }
        if &end[..TRAILER.len()] != TRAILER {
            return Err(self.damaged("its end marker is wrong".into()));
        }
        if got > TRAILER.len() {
            return Err(follow(self));
        }
        Ok(())
    }

    /// An error of the file or of its compressed stream, as the reader should hear it.
    fn io_error(&self, e: io::Error) -> StoreError {
        match e.kind() {
            io::ErrorKind::UnexpectedEof => self.truncated(),
            io::ErrorKind::InvalidData | io::ErrorKind::InvalidInput | io::ErrorKind::Other => {
                self.damaged(format!("{}: the compressed stream is damaged ({e})", self.place()))
            }
            _ => StoreError::Read { path: self.path.clone(), source: e },
        }
    }

    /// The payload of the next record, its checksum checked.
    fn raw(&mut self) -> Result<Vec<u8>, StoreError> {
        let mut head = [0u8; 8];
        let got = self.read_stream(&mut head).map_err(|e| self.io_error(e))?;
        if got < head.len() {
            return Err(self.truncated());
        }
        let len = u32::from_le_bytes([head[0], head[1], head[2], head[3]]) as usize;
        let crc = u32::from_le_bytes([head[4], head[5], head[6], head[7]]);
        // grown as the bytes come, so a damaged length cannot make us allocate more than the
        // file holds
        let mut payload = Vec::new();
        while payload.len() < len {
            let at = payload.len();
            payload.resize(at + (len - at).min(1 << 16), 0);
            let got = self.read_stream(&mut payload[at..]).map_err(|e| self.io_error(e))?;
            if at + got < payload.len() {
                return Err(self.truncated());
            }
        }
        if crc32fast::hash(&payload) != crc {
            return Err(self.damaged(format!("{} fails its checksum", self.place())));
        }
        Ok(payload)
    }

    /// Read from the compressed stream until `buf` is full or the stream ends; how many bytes were
    /// read. The decoder reads nothing once at the end of each frame, so the stream ends at the
    /// second empty read in a row. Each frame gets a decoder of its own: lz4_flex's decoder
    /// assumes that every frame it reads has the block size and mode of its first, and a damaged
    /// file need not keep to that (a reused decoder panicked in debug builds).
    fn read_stream(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let (mut n, mut empty) = (0, 0);
        while n < buf.len() && empty < 2 {
            match read_once(&mut self.r, &mut buf[n..])? {
                0 => {
                    empty += 1;
                    let rest = self.r.get_mut().0.take();
                    self.r = lz4_flex::frame::FrameDecoder::new(Rest(rest));
                }
                k => {
                    n += k;
                    empty = 0;
                }
            }
        }
        Ok(n)
    }

    /// Read the next batch of records and decode them on all cores into `ready`.
    fn fill(&mut self) {
        use rayon::prelude::*;
        let first = self.read;
        let mut payloads = Vec::new();
        let mut failure = None;
        while payloads.len() < READ_BATCH && self.read < self.count {
            match self.raw() {
                Ok(p) => {
                    payloads.push(p);
                    self.read += 1;
                }
                Err(e) => {
                    failure = Some(e);
                    break;
                }
            }
        }
        let (count, countries) = (self.count, self.countries);
        let decoded: Vec<Result<(DocFacts, DocMeta), String>> = payloads
            .par_iter()
            .enumerate()
            .map(|(i, p)| decode(p, countries).map_err(|e| format!("record {} of {count} {e}", first + i as u64 + 1)))
            .collect();
        let path = &self.path;
        self.ready.extend(
            decoded.into_iter().map(|r| r.map_err(|detail| StoreError::Damaged { path: path.clone(), detail })),
        );
        self.ready.extend(failure.map(Err));
    }
}

/// One record's payload: the metadata and facts, whose indices are checked.
fn decode(payload: &[u8], countries: usize) -> Result<(DocFacts, DocMeta), String> {
    let ((meta, mut facts), rest): ((MetaIn, DocFacts), &[u8]) =
        postcard::take_from_bytes(payload).map_err(|e| format!("does not decode ({e})"))?;
    if !rest.is_empty() {
        return Err(format!("has {} bytes too many", rest.len()));
    }
    check(&facts, countries).map_err(|e| format!("({}): {e}", facts.doc))?;
    facts.share_strings();
    let meta = DocMeta { published: meta.published, outlet: meta.outlet, url: meta.url, title: meta.title };
    Ok((facts, meta))
}

impl<R: Read> Iterator for Reader<R> {
    type Item = Result<(DocFacts, DocMeta), StoreError>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if self.finished {
                return None;
            }
            if let Some(mut rec) = self.ready.pop_front() {
                self.given += 1;
                if let Ok((f, _)) = &rec {
                    if self.last.as_ref().is_some_and(|l| f.doc <= *l) {
                        let which = format!("record {} of {}", self.given, self.count);
                        rec = Err(self.damaged(format!("{which} ({}) is out of name order or stored twice", f.doc)));
                    } else {
                        self.last = Some(f.doc.clone());
                    }
                }
                if rec.is_err() {
                    self.finished = true;
                    self.ready.clear();
                }
                return Some(rec);
            }
            if self.read == self.count {
                self.finished = true;
                return self.end().err().map(Err);
            }
            self.fill();
        }
    }
}

/// The file under the LZ4 decoder; taken out (`None`) when the next frame gets a new decoder.
struct Rest<R>(Option<R>);

impl<R: Read> Read for Rest<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        match &mut self.0 {
            Some(r) => r.read(buf),
            None => Ok(0),
        }
    }
}

/// One `read`, retried when interrupted.
fn read_once(r: &mut impl Read, buf: &mut [u8]) -> io::Result<usize> {
    loop {
        match r.read(buf) {
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            other => return other,
        }
    }
}

/// Read until `buf` is full or the input ends (at the second empty read in a row); how many bytes
/// were read.
fn read_full(r: &mut impl Read, buf: &mut [u8]) -> io::Result<usize> {
    let (mut n, mut empty) = (0, 0);
    while n < buf.len() && empty < 2 {
        match read_once(r, &mut buf[n..])? {
            0 => empty += 1,
            k => {
                n += k;
                empty = 0;
            }
        }
    }
    Ok(n)
}

/// Every index in the facts points at something: entities of the document, countries of the
/// rules. `graph::build` indexes with them, so a file that decodes but breaks this is refused
/// here rather than crashing there.
fn check(f: &DocFacts, countries: usize) -> Result<(), String> {
    let n = f.entities.len();
    let entity = |i: usize, what: &str| -> Result<(), String> {
        if i < n { Ok(()) } else { Err(format!("{what} is entity {i}, but there are {n}")) }
    };
    for e in &f.entities {
        for c in e.nationality.iter().chain(e.country.iter()) {
            if *c >= countries {
                return Err(format!("{} has country {c}, but the rules have {countries}", e.label));
            }
        }
    }
    for c in &f.calls {
        for &p in &c.participants {
            entity(p, "a call participant")?;
        }
        if let Some(i) = c.initiator {
            entity(i, "a call initiator")?;
        }
        for &p in c.evidence.iter().flat_map(|(_, named)| named) {
            entity(p, "a person named in call evidence")?;
        }
    }
    for r in &f.refusals {
        entity(r.refuser, "a refuser")?;
        entity(r.requester, "a requester")?;
    }
    for s in &f.statements {
        entity(s.speaker, "a speaker")?;
        if let Some(t) = s.target {
            entity(t, "a statement target")?;
        }
    }
    for a in &f.affiliations {
        entity(a.person, "an affiliated person")?;
        entity(a.institution, "an affiliation's institution")?;
    }
    for p in &f.part_of {
        entity(p.part, "a part")?;
        entity(p.country, "a part's country")?;
    }
    for s in &f.successions {
        entity(s.successor, "a successor")?;
        entity(s.predecessor, "a predecessor")?;
    }
    match &f.alt {
        Some(a) if a.alt.is_some() => Err("a second reading has a second reading".into()),
        Some(a) => check(a, countries).map_err(|e| format!("second reading: {e}")),
        None => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::input::Document;

    /// Facts of a few fixture articles, with metadata of every shape.
    fn sample() -> FactSet {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/world");
        let (docs, _) = crate::input::read(&[dir]).expect("world fixtures");
        let rules = crate::rules::Rules::builtin();
        let mut set: FactSet = docs.iter().map(|d| (crate::analyze_document(d, rules), d.meta.clone())).collect();
        let bare = Document { name: "bare.txt".into(), text: String::new(), meta: DocMeta::default() };
        set.insert(crate::analyze_document(&bare, rules), bare.meta.clone());
        set
    }

    fn bytes(set: &FactSet) -> Vec<u8> {
        let mut out = Vec::new();
        write_to(&mut out, set.iter()).expect("write to memory");
        out
    }

    /// The same set with every document's events packed.
    fn packed(set: &FactSet) -> FactSet {
        let mut out = FactSet::default();
        for (f, m) in set.iter() {
            let mut head = f.clone();
            let events = pack(&mut head).expect("packs");
            assert!(head.calls.is_empty() && head.statements.is_empty() && head.part_of.is_empty());
            out.insert_packed(head, m.clone(), events);
        }
        out
    }

    /// Packed events come back equal; a record put together from a packed document is the same
    /// bytes; a set of packed documents writes the same file and builds the same graph.
    #[test]
    fn packed_events_change_nothing() {
        let set = sample();
        let p = packed(&set);
        for ((f, m), (head, _)) in set.iter().zip(p.iter()) {
            let events = &p.packed[&f.doc];
            let mut back = head.clone();
            unpack(&mut back, events).expect("unpacks");
            assert_eq!(format!("{back:?}"), format!("{f:?}"), "{}", f.doc);
            let whole = encode(f, m).expect("encodes");
            assert_eq!(encode_packed_into(head, m, events, Vec::new()).expect("encodes"), whole, "{}", f.doc);
        }
        let dir = tempfile::tempdir().expect("tempdir");
        let (a, b) = (dir.path().join("a.bin"), dir.path().join("b.bin"));
        set.write(&a).expect("writes");
        p.write(&b).expect("writes");
        assert_eq!(std::fs::read(&a).expect("a"), std::fs::read(&b).expect("b"));
        let json = |s: FactSet| crate::export::json::to_string(&s.into_graph(Rules::builtin()));
        assert_eq!(json(p), json(set));
        assert!(unpack(&mut DocFacts::default(), &Packed(vec![9, 0, 0, 0, 1])).is_err(), "damage is an error");
    }

    /// A set made at once from packed documents (a later one of a name replacing the earlier)
    /// is the set made one by one; writing it beside the merge gives the file and the graph of
    /// writing it, then merging.
    #[test]
    fn packed_sets_made_at_once_and_written_beside_the_merge_are_the_same() {
        let set = sample();
        let one_by_one = packed(&set);
        let mut docs: Vec<(DocFacts, DocMeta, Packed)> = Vec::new();
        for (f, m) in set.iter() {
            let mut head = f.clone();
            let events = pack(&mut head).expect("packs");
            docs.push((head, m.clone(), events));
        }
        // the first document again, at the start: the later copy (the one in order) is kept
        let (mut early, m, _) = docs[0].clone();
        let early_events = pack(&mut early).expect("packs");
        early.entities.clear();
        docs.insert(0, (early, m, early_events));
        let at_once = FactSet::from_packed(docs);
        assert_eq!(at_once.len(), set.len());
        assert_eq!(bytes(&at_once), bytes(&one_by_one));

        let dir = tempfile::tempdir().expect("tempdir");
        let (a, b) = (dir.path().join("a.bin"), dir.path().join("b.bin"));
        one_by_one.write(&a).expect("writes");
        let graph = crate::export::json::to_string(&one_by_one.into_graph(Rules::builtin()));
        let (beside, _) = at_once.write_and_graph(&b, Rules::builtin(), &Default::default()).expect("writes");
        assert_eq!(std::fs::read(&a).expect("a"), std::fs::read(&b).expect("b"));
        assert_eq!(crate::export::json::to_string(&beside), graph);
        // a facts file that cannot be written is an error, and no graph
        let err = sample()
            .write_and_graph(&dir.path().join("missing/dir/facts.bin"), Rules::builtin(), &Default::default())
            .expect_err("no such folder");
        assert!(matches!(err, StoreError::Write { .. }), "{err}");
    }

    fn read_bytes(b: &[u8]) -> Result<FactSet, StoreError> {
        let mut set = FactSet::default();
        for rec in Reader::new(b, Path::new("t/facts.bin"), Rules::builtin())? {
            let (f, m) = rec?;
            set.insert(f, m);
        }
        Ok(set)
    }

    fn err(b: &[u8]) -> String {
        read_bytes(b).map(|_| ()).expect_err("must be refused").to_string()
    }

    #[test]
    fn round_trip_gives_the_same_facts_and_graph() {
        let set = sample();
        assert!(set.iter().any(|(f, _)| !f.calls.is_empty() && !f.statements.is_empty()));
        let b = bytes(&set);
        let back = read_bytes(&b).expect("reads back");
        assert_eq!(back.len(), set.len());
        // the same bytes again: nothing lost or changed (postcard is deterministic)
        assert_eq!(bytes(&back), b);
        for ((f, m), (g, n)) in set.iter().zip(back.iter()) {
            assert_eq!(m, n);
            assert_eq!(f.dump(), g.dump());
        }
        let json = |s: FactSet| crate::export::json::to_string(&s.into_graph(Rules::builtin()));
        assert_eq!(json(back), json(set));
    }

    #[test]
    fn every_fixture_round_trips() {
        // every target role and every kind of fact the fixtures produce
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/articles");
        let (docs, _) = crate::input::read(&[dir]).expect("fixtures");
        let rules = crate::rules::Rules::builtin();
        let set: FactSet = docs.iter().map(|d| (crate::analyze_document(d, rules), d.meta.clone())).collect();
        let roles: std::collections::BTreeSet<&str> =
            set.iter().flat_map(|(f, _)| f.statements.iter().map(|s| s.target_role)).collect();
        assert!(roles.len() >= 3, "{roles:?}");
        let b = bytes(&set);
        assert_eq!(bytes(&read_bytes(&b).expect("reads back")), b);
    }

    #[test]
    fn file_round_trip_and_locate() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let path = tmp.path().join(FILE_NAME);
        let set = sample();
        set.write(&path).expect("writes");
        assert_eq!(std::fs::read(&path).expect("file"), bytes(&set));
        assert_eq!(FactSet::read(&path, Rules::builtin()).expect("reads").len(), set.len());
        assert_eq!(locate(tmp.path()).expect("folder"), path);
        std::fs::write(tmp.path().join("graph.json"), "{}").expect("graph");
        assert_eq!(locate(&tmp.path().join("graph.json")).expect("graph.json"), path);
        assert_eq!(locate(&path).expect("itself"), path);
        // no temporary file left behind
        assert_eq!(std::fs::read_dir(tmp.path()).expect("dir").count(), 2);
        let empty = tempfile::tempdir().expect("tempdir");
        let e = locate(empty.path()).expect_err("no facts").to_string();
        assert!(e.contains("has no facts file") && e.contains("rebuild it with this version"), "{e}");
        let e = locate(&empty.path().join("nothing")).expect_err("no graph").to_string();
        assert!(e.contains("neither a graph folder nor a graph.json"), "{e}");
        let e = Reader::open(&empty.path().join(FILE_NAME), Rules::builtin()).err().expect("missing").to_string();
        assert!(e.contains("has no facts file"), "{e}");
    }

    #[test]
    fn bad_magic_is_refused() {
        let mut b = bytes(&sample());
        b[0] = b'X';
        assert_eq!(err(&b), "t/facts.bin is not a switchboard facts file");
        assert_eq!(err(b"{\"nodes\": []}"), "t/facts.bin is not a switchboard facts file");
        assert_eq!(err(b""), "t/facts.bin is not a switchboard facts file");
    }

    #[test]
    fn another_version_is_refused() {
        let set = sample();
        let mut b = bytes(&set);
        b[8..12].copy_from_slice(&(FORMAT_VERSION + 1).to_le_bytes());
        let e = err(&b);
        assert!(e.contains(&format!("facts format {}", FORMAT_VERSION + 1)), "{e}");
        assert!(e.ends_with("rebuild it with this version"), "{e}");
        // the same format written by another switchboard
        let mut b = bytes(&set);
        let at = 13 + VERSION.len();
        let mut other = b[..12].to_vec();
        other.push(5);
        other.extend_from_slice(b"9.9.9");
        other.extend_from_slice(&b.split_off(at));
        let e = err(&other);
        assert!(e.contains("written by switchboard 9.9.9") && e.contains(VERSION), "{e}");
    }

    /// A facts file around hand-made content: the header with `count`, `body` compressed, the
    /// trailer.
    fn file_with(count: u64, body: &[u8]) -> Vec<u8> {
        let mut out = MAGIC.to_vec();
        out.extend_from_slice(&FORMAT_VERSION.to_le_bytes());
        out.push(VERSION.len() as u8);
        out.extend_from_slice(VERSION.as_bytes());
        out.extend_from_slice(&count.to_le_bytes());
        let mut z = lz4_flex::frame::FrameEncoder::with_frame_info(frame_info(), &mut out);
        z.write_all(body).expect("compress");
        z.finish().expect("compress");
        out.extend_from_slice(TRAILER);
        out
    }

    /// One record's bytes: length, checksum, payload.
    fn framed(payload: &[u8]) -> Vec<u8> {
        let mut out = (payload.len() as u32).to_le_bytes().to_vec();
        out.extend_from_slice(&crc32fast::hash(payload).to_le_bytes());
        out.extend_from_slice(payload);
        out
    }

    /// The records of `set`, framed, as the compressed stream holds them.
    fn body(set: &FactSet) -> Vec<u8> {
        set.iter().flat_map(|(f, m)| framed(&encode(f, m).expect("encode"))).collect()
    }

    #[test]
    fn hand_made_files_read_like_written_ones() {
        let set = sample();
        assert_eq!(file_with(set.len() as u64, &body(&set)), bytes(&set));
    }

    #[test]
    fn truncated_files_are_refused_wherever_they_end() {
        let b = bytes(&sample());
        let header = 12 + 1 + VERSION.len() + 8;
        for cut in [0, 5, 9, 12, 14, header - 1, header, header + 3, header + 20, b.len() / 2, b.len() - 9, b.len() - 8]
            .into_iter()
            .chain(b.len() - 7..b.len())
        {
            let e = err(&b[..cut]);
            let want = if cut < 8 { "is not a switchboard facts file" } else { "is truncated" };
            assert!(e.contains(want), "cut at {cut} of {}: {e}", b.len());
        }
        // records missing before an intact end: the count in the header tells (the trailer
        // stands where the next frame should)
        let set = sample();
        let first: FactSet = set.iter().take(2).map(|(f, m)| (f.clone(), m.clone())).collect();
        let e = err(&file_with(set.len() as u64, &body(&first)));
        assert!(e.starts_with("t/facts.bin is damaged: record 3 of 5: the compressed stream is damaged"), "{e}");
        // a record cut short inside the stream
        let mut cut = body(&set);
        cut.truncate(cut.len() - 10);
        let e = err(&file_with(set.len() as u64, &cut));
        assert!(e.starts_with("t/facts.bin is damaged: record 5 of 5: the compressed stream is damaged"), "{e}");
    }

    #[test]
    fn damaged_records_are_refused() {
        let set = sample();
        let n = set.len() as u64;
        // a flipped byte in the first payload
        let mut d = body(&set);
        d[8 + 3] ^= 0x55;
        assert!(err(&file_with(n, &d)).contains("record 1 of 5 fails its checksum"), "{}", err(&file_with(n, &d)));
        // a flipped byte in the compressed stream
        let mut d = bytes(&set);
        let mid = d.len() / 2;
        d[mid] ^= 0xff;
        assert!(err(&d).contains("is damaged"), "{}", err(&d));
        // bytes after the last record, inside the stream and after the trailer
        let mut d = body(&set);
        d.push(0);
        assert!(err(&file_with(n, &d)).contains("bytes follow the last of its 5 records"));
        let mut d = bytes(&set);
        d.push(0);
        assert!(err(&d).contains("bytes follow the last of its 5 records"), "{}", err(&d));
        // a wrong trailer
        let mut d = bytes(&set);
        let at = d.len() - 1;
        d[at] = b'?';
        assert!(err(&d).contains("its end marker is wrong"), "{}", err(&d));
        // a payload that decodes to nothing sensible, with a valid checksum
        let d = file_with(1, &framed(&[0xff; 16]));
        assert!(err(&d).contains("record 1 of 1 does not decode"), "{}", err(&d));
        // the same document twice, and documents out of order
        let (f, m) = set.iter().next().expect("a document");
        let twice = [framed(&encode(f, m).expect("encode")), framed(&encode(f, m).expect("encode"))].concat();
        let e = err(&file_with(2, &twice));
        assert!(e.contains(&format!("record 2 of 2 ({}) is out of name order or stored twice", f.doc)), "{e}");
        let (g, n) = set.iter().nth(1).expect("a second document");
        let swapped = [framed(&encode(g, n).expect("encode")), framed(&encode(f, m).expect("encode"))].concat();
        assert!(err(&file_with(2, &swapped)).contains("is out of name order"));
        // a payload with bytes after the facts
        let (f, m) = set.iter().next().expect("a document");
        let mut long = encode(f, m).expect("encode");
        long.extend_from_slice(&[0, 0]);
        assert!(err(&file_with(1, &framed(&long))).contains("record 1 of 1 has 2 bytes too many"));
        // facts that decode but point at an entity that is not there
        let (f, m) = set.iter().find(|(f, _)| !f.calls.is_empty()).expect("a call");
        let mut bad = f.clone();
        bad.calls[0].participants.insert(bad.entities.len() + 7);
        let one: FactSet = [(bad, m.clone())].into_iter().collect();
        let e = err(&bytes(&one));
        assert!(e.contains("a call participant is entity"), "{e}");
        // a country the rules do not have
        let mut bad = f.clone();
        bad.entities[0].nationality = Some(100_000);
        let one: FactSet = [(bad, m.clone())].into_iter().collect();
        assert!(err(&bytes(&one)).contains("but the rules have"));
        // an unknown target role (postcard keeps no message of its own errors: the record "does
        // not decode")
        let (f, m) = set.iter().find(|(f, _)| !f.statements.is_empty()).expect("a statement");
        let mut odd = f.clone();
        odd.statements[0].target_role = "audience";
        let mut payload = encode(&odd, m).expect("encode");
        let at = payload.windows(8).position(|w| w == b"audience").expect("role in payload");
        payload[at..at + 8].copy_from_slice(b"audiencX");
        assert!(err(&file_with(1, &framed(&payload))).contains("record 1 of 1 does not decode"));
        let e = crate::facts::target_role::deserialize(&mut serde_json::Deserializer::from_str("\"audiencX\""))
            .expect_err("unknown role")
            .to_string();
        assert!(e.contains("unknown target role \"audiencX\""), "{e}");
        assert_eq!(
            crate::facts::target_role::deserialize(&mut serde_json::Deserializer::from_str("\"subject\"")).ok(),
            Some("subject")
        );
    }

    #[test]
    fn many_frames_round_trip_and_a_lost_frame_is_an_error() {
        let base = sample();
        let mut set = FactSet::default();
        for k in 0..(2 * FRAME_RECORDS + 17) {
            let (f, m) = base.iter().nth(k % base.len()).expect("a document");
            let mut f = f.clone();
            f.doc = format!("{k:04}-{}", f.doc);
            set.insert(f, m.clone());
        }
        let b = bytes(&set);
        let back = read_bytes(&b).expect("reads back");
        assert_eq!(back.len(), set.len());
        assert!(bytes(&back) == b);
        // the same bytes whatever the number of threads
        let one = rayon::ThreadPoolBuilder::new().num_threads(1).build().expect("pool").install(|| bytes(&set));
        assert!(one == b, "the file depends on the number of threads");
        // drop the second frame (LZ4 frames start with 04 22 4d 18)
        let magic = [0x04, 0x22, 0x4d, 0x18];
        let starts: Vec<usize> = b.windows(4).enumerate().filter(|(_, w)| *w == magic).map(|(i, _)| i).collect();
        assert_eq!(starts.len(), 3, "{starts:?}");
        let mut d = b[..starts[1]].to_vec();
        d.extend_from_slice(&b[starts[2]..]);
        // (the third frame's records are read as the second's, then the count runs past the end)
        let e = err(&d);
        assert!(e.contains(&format!("record {} of {}", FRAME_RECORDS + 17 + 1, set.len())), "{e}");
    }

    /// Frames whose block size or mode differ from the first frame's (ours never do; a damaged or
    /// hand-made file may) read like any other: each frame is decoded on its own. lz4_flex's
    /// decoder, reused across frames, asserted that every frame has the first one's block size
    /// (a panic in debug builds; found by the `facts_bin` fuzz target).
    #[test]
    fn frames_of_other_block_sizes_and_modes_read_never_a_panic() {
        use lz4_flex::frame::{BlockMode, BlockSize, FrameInfo};
        let set = sample();
        let records: Vec<Vec<u8>> = set.iter().map(|(f, m)| framed(&encode(f, m).expect("encode"))).collect();
        let infos = [
            FrameInfo::new().block_size(BlockSize::Max4MB).block_mode(BlockMode::Linked),
            frame_info(),
            FrameInfo::new().block_size(BlockSize::Max256KB).block_mode(BlockMode::Independent),
            FrameInfo::new().block_size(BlockSize::Max64KB).block_mode(BlockMode::Independent),
            FrameInfo::new().block_size(BlockSize::Max1MB).block_mode(BlockMode::Linked),
        ];
        assert_eq!(records.len(), infos.len());
        let mut out = bytes(&FactSet::default());
        out.truncate(out.len() - TRAILER.len());
        let at = out.len() - 8;
        out[at..].copy_from_slice(&(records.len() as u64).to_le_bytes());
        for (record, info) in records.iter().zip(infos) {
            let mut z = lz4_flex::frame::FrameEncoder::with_frame_info(info, &mut out);
            z.write_all(record).expect("compress");
            z.finish().expect("compress");
        }
        out.extend_from_slice(TRAILER);
        let back = read_bytes(&out).expect("every frame reads");
        assert_eq!(bytes(&back), bytes(&set));
    }

    #[test]
    fn a_flipped_byte_anywhere_is_an_error_never_a_panic_or_other_facts() {
        let set = sample();
        let b = bytes(&set);
        let mut refused = 0;
        for i in 0..b.len() {
            for flip in [0x01, 0x80, 0xff] {
                let mut d = b.clone();
                d[i] ^= flip;
                match read_bytes(&d) {
                    Err(_) => refused += 1,
                    // a flip LZ4 does not see (a match copying the same bytes from elsewhere)
                    // must give the very same facts
                    Ok(back) => assert_eq!(bytes(&back), b, "byte {i} flipped by {flip:#x} changed the facts"),
                }
            }
        }
        assert!(refused > b.len() * 3 * 9 / 10, "{refused} of {} refused", b.len() * 3);
    }

    #[test]
    fn a_huge_length_is_an_error_not_an_allocation() {
        let mut d = u32::MAX.to_le_bytes().to_vec();
        d.extend_from_slice(&0u32.to_le_bytes());
        d.extend_from_slice(&[1, 2, 3]);
        let e = err(&file_with(5, &d));
        assert!(e.starts_with("t/facts.bin is damaged: record 1 of 5: the compressed stream is damaged"), "{e}");
        // and without the trailer behind: cut short
        let mut f = file_with(5, &d);
        f.truncate(f.len() - TRAILER.len());
        assert_eq!(err(&f), "t/facts.bin is truncated (record 1 of 5 is cut short); rebuild it");
    }

    #[test]
    fn update_replaces_and_merge_keeps_the_later_copy() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let set = sample();
        let (a, b) = (tmp.path().join("a.bin"), tmp.path().join("b.bin"));
        set.write(&a).expect("a");
        // b: the first document with other metadata, and the last one unchanged
        let mut changed = FactSet::default();
        let (f0, m0) = set.iter().next().expect("first");
        let mut m = m0.clone();
        m.outlet = Some("Other Wire".into());
        changed.insert(f0.clone(), m);
        let (fl, ml) = set.iter().last().expect("last");
        changed.insert(fl.clone(), ml.clone());
        changed.write(&b).expect("b");

        let up = update(Reader::open(&a, Rules::builtin()).expect("open"), changed.clone()).expect("update");
        assert_eq!(up.set.len(), set.len());
        assert_eq!(up.kept, set.len() - 2);
        assert_eq!(up.replaced, vec![f0.doc.clone(), fl.doc.clone()]);
        assert_eq!(up.set.get(&f0.doc).expect("kept").1.outlet.as_deref(), Some("Other Wire"));

        let m = merge(&[a.clone(), b.clone()], Rules::builtin()).expect("merge");
        assert_eq!(m.set.len(), set.len());
        assert_eq!(m.same, 1);
        assert_eq!(m.conflicts, vec![Conflict { doc: f0.doc.clone(), dropped: a.clone(), kept: b.clone() }]);
        assert_eq!(m.set.get(&f0.doc).expect("kept").1.outlet.as_deref(), Some("Other Wire"));
        let m = merge(&[b.clone(), a.clone()], Rules::builtin()).expect("merge");
        assert_eq!(m.set.get(&f0.doc).expect("kept").1, m0);
    }

    /// The bytes of one record holding every type once. When this fails (or stops compiling), the
    /// layout of `DocFacts` or of a type inside it changed: bump `FORMAT_VERSION`, then update
    /// the expected bytes.
    #[test]
    fn layout_is_pinned() {
        use crate::dates::PartialDate;
        use crate::facts::*;
        use crate::resolve::{Entity, EntityKind, InstType};
        let ev = |rule: &str| Evidence {
            doc: "a".into(),
            sentence: 1,
            start: 2,
            end: 3,
            text: "t".into(),
            rule: rule.into(),
        };
        let person = Entity {
            kind: EntityKind::Person,
            label: "Jo Roe".into(),
            surfaces: ["Roe".to_string()].into(),
            written: Default::default(),
            titles: ["Gen.".to_string()].into(),
            nationality: Some(1),
            surname: "roe".into(),
            family: Some("jo".into()),
            initial: Some('J'),
            first_word_surname: None,
            inst_type: None,
            country: None,
            topic: None,
            mentions: vec![0, 2],
            tentative: false,
        };
        let mut inst = Entity::new_institution("Wire".into(), InstType::Named("outlet".into()), Some(2));
        inst.topic = Some("defense".into());
        let facts = DocFacts {
            doc: "a".into(),
            published: NaiveDate::from_ymd_opt(2024, 6, 26),
            entities: vec![person, inst, Entity::new_institution("X".into(), InstType::Capital, None)],
            calls: vec![DocCall {
                participants: [0, 1].into(),
                date: Some(PartialDate { year: 2024, month: Some(6), day: None, week: None }),
                initiator: Some(0),
                status: CallStatus::Planned,
                medium: Some("video".into()),
                evidence: vec![(ev("c"), vec![0])],
            }],
            refusals: vec![DocRefusal {
                refuser: 1,
                requester: 0,
                what: "call".into(),
                date: Some(PartialDate { year: 2024, month: Some(6), day: Some(3), week: None }),
                evidence: vec![ev("r")],
            }],
            statements: vec![DocStatement {
                speaker: 0,
                target: Some(1),
                target_role: "audience",
                quote: "q".into(),
                direct: true,
                cue: "said".into(),
                evidence: ev("s"),
            }],
            affiliations: vec![DocAffiliation { person: 0, institution: 1, title: None, evidence: ev("a") }],
            successions: vec![DocSuccession { successor: 0, predecessor: 0, date: None, evidence: ev("u") }],
            part_of: vec![DocPartOf { part: 1, country: 2, evidence: ev("p") }],
            sentences: 4,
            alt: None,
        };
        let meta = DocMeta {
            published: NaiveDate::from_ymd_opt(2024, 6, 27),
            outlet: None,
            url: Some("u".into()),
            title: Some("T".into()),
        };
        let hex: String = encode(&facts, &meta).expect("encode").iter().map(|b| format!("{b:02x}")).collect();
        assert_eq!(FORMAT_VERSION, 3, "update the expected bytes below with the version");
        let expected = concat!(
            "010a323032342d30362d3237000101750101540161010a323032342d30362d32360300064a6f20526f650103526f6500",
            "010447656e2e010103726f6501026a6f01014a0000000002000200010457697265010457697265000000000000000100",
            "066f75746c657401020107646566656e73650000010158010158000000000000000104000000000102000101d01f0106",
            "00000100010105766964656f0101610102030174016301000101000463616c6c01d01f01060103000101610102030174",
            "0172010001010861756469656e6365017101047361696401610102030174017301000100016101020301740161010000",
            "000161010203017401750101020161010203017401700400",
        );
        assert_eq!(hex, expected, "the record layout changed: bump FORMAT_VERSION");
    }
}
