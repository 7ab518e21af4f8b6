//! # Input: the only reader of article files and manifests
//!
//! `read` takes files and directories (read recursively, in byte order of their paths). In a
//! directory it reads articles, that is `.txt`, `.text` and HTML (`.html`, `.htm`, `.xhtml`)
//! files and files without an extension, and says how many other files it left (README.md,
//! .json, ...); a file named on the command line is read whatever its name. It skips hidden
//! files, turns bytes into text with [`crate::decode`] (binary and empty files skipped, bad UTF-8
//! replaced, HTML stripped, each with a warning where something was lost), and
//! joins each article with its entry in a `manifest.json` beside it:
//! `{"documents": {"<file>": {"published": "YYYY-MM-DD", "outlet", "url", "title"}}}`.
//! A document's name is its path relative to the directory given (its file name when a file is
//! given); evidence names documents this way. Without a manifest date, a date line in the first
//! lines of the text ("2024-06-26 | 00:44") is the publication date.
//!
//! JSON Lines corpora (`.jsonl`, `.ndjson`) named on the command line, or `-` for standard input,
//! hold one article a line: `{"id", "text", "published", "outlet", "url", "title"}`, only `id`
//! (the document's name) and `text` required; a bad line is a warning with its number and
//! column, and the other lines still count. Any file
//! ending in `.gz` is gunzipped as it is read (`a.txt.gz` is the article `a.txt`).

use std::collections::BTreeMap;
use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::decode::{self, SourceMap};

/// What a manifest (or the text) says about a document.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocMeta {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub published: Option<NaiveDate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub outlet: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
}

/// One article.
#[derive(Debug, Clone)]
pub struct Document {
    pub name: String,
    pub text: String,
    pub meta: DocMeta,
}

/// A problem with one input that did not stop the run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Warning {
    pub path: PathBuf,
    pub message: String,
    /// Was an input (a file, a corpus line) left out because of it?
    pub skipped: bool,
}

impl Warning {
    /// An input left out, and why.
    pub fn skipped(path: impl Into<PathBuf>, message: impl Into<String>) -> Self {
        Warning { path: path.into(), message: message.into(), skipped: true }
    }

    /// Something done to an input that was read all the same.
    pub fn note(path: impl Into<PathBuf>, message: impl Into<String>) -> Self {
        Warning { path: path.into(), message: message.into(), skipped: false }
    }
}

impl std::fmt::Display for Warning {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.path.display(), self.message)
    }
}

#[derive(Debug, thiserror::Error)]
pub enum InputError {
    #[error("{0}: no such file or directory")]
    Missing(PathBuf),
    #[error("{path}: {source}")]
    Io { path: PathBuf, source: std::io::Error },
}

/// A manifest as first read: each entry is checked on its own, so one bad entry costs only
/// itself.
#[derive(Debug, Deserialize)]
struct RawManifest<'a> {
    #[serde(default, borrow)]
    documents: BTreeMap<String, &'a serde_json::value::RawValue>,
}

#[derive(Debug, Clone, Deserialize)]
struct ManifestEntry {
    #[serde(default)]
    published: Option<String>,
    #[serde(default)]
    outlet: Option<String>,
    #[serde(default)]
    url: Option<String>,
    #[serde(default)]
    title: Option<String>,
}

/// One line of a JSON Lines corpus: only `id` and `text` are required.
#[derive(Debug, Deserialize)]
struct CorpusLine {
    id: serde_json::Value,
    text: String,
    /// the same metadata as a manifest entry
    #[serde(flatten)]
    meta: ManifestEntry,
}

impl ManifestEntry {
    /// The metadata of an article with this entry (or none): a date that is not YYYY-MM-DD is
    /// reported through `bad_date` and ignored, and without a date the text's date line counts.
    fn doc_meta(entry: Option<&ManifestEntry>, text: &str, bad_date: impl FnOnce()) -> DocMeta {
        let mut meta = DocMeta::default();
        if let Some(e) = entry {
            meta.published = e.published.as_deref().and_then(crate::dates::parse_iso);
            if e.published.is_some() && meta.published.is_none() {
                bad_date();
            }
            meta.outlet = e.outlet.clone();
            meta.url = e.url.clone();
            meta.title = e.title.clone();
        }
        if meta.published.is_none() {
            meta.published = crate::dates::dateline(text);
        }
        meta
    }
}

/// A gzipped file's name without `.gz` ("a.txt.gz" is the article "a.txt").
fn strip_gz(name: &str) -> &str {
    match name.len().checked_sub(3) {
        Some(i) if name.is_char_boundary(i) && name[i..].eq_ignore_ascii_case(".gz") && i > 0 => &name[..i],
        _ => name,
    }
}

/// Is this path a JSON Lines corpus (`.jsonl`, `.ndjson`, optionally gzipped)?
pub fn is_corpus(path: &Path) -> bool {
    let n = path.file_name().map(|n| n.to_string_lossy().to_ascii_lowercase()).unwrap_or_default();
    let n = n.strip_suffix(".gz").unwrap_or(&n);
    n.ends_with(".jsonl") || n.ends_with(".ndjson")
}

fn is_gz(path: &Path) -> bool {
    path.extension().is_some_and(|e| e.eq_ignore_ascii_case("gz"))
}

/// Read a file, gunzipping it when its name ends in `.gz`.
fn read_bytes(path: &Path) -> std::io::Result<Vec<u8>> {
    let raw = fs::read(path)?;
    if is_gz(path) {
        let mut out = Vec::new();
        flate2::read::MultiGzDecoder::new(&raw[..]).read_to_end(&mut out)?;
        return Ok(out);
    }
    Ok(raw)
}

/// Something to read, found before anything is read: an article file (with its name and its
/// manifest entry), a JSON Lines corpus, or standard input.
#[derive(Debug, Clone)]
pub struct Source {
    kind: SourceKind,
}

#[derive(Debug, Clone)]
enum SourceKind {
    Article { path: PathBuf, name: String, entry: Option<ManifestEntry> },
    Corpus(PathBuf),
    Stdin,
}

/// A document read from a source, with the key that tells two documents of one name apart
/// (the file's path; a corpus line's path and line number) and the map from its text back to
/// the bytes read (HTML stripped, bad UTF-8 replaced: see [`crate::decode`]).
#[derive(Debug)]
pub struct Keyed {
    pub key: PathBuf,
    pub doc: Document,
    pub map: SourceMap,
}

impl Source {
    /// Bytes of text to read, when known before reading: none for standard input and for
    /// gzipped files.
    pub fn size(&self) -> Option<u64> {
        match &self.kind {
            SourceKind::Article { path, .. } | SourceKind::Corpus(path) if !is_gz(path) => {
                fs::metadata(path).ok().map(|m| m.len())
            }
            _ => None,
        }
    }

    /// Is this one article file (not a corpus or standard input)?
    pub fn is_article(&self) -> bool {
        matches!(self.kind, SourceKind::Article { .. })
    }

    /// Read an article file: `None` (with a warning) when it cannot be read; `None` and no
    /// warning for a corpus, which [`Source::corpus_lines`] reads.
    pub fn read_article(&self, warnings: &mut Vec<Warning>) -> Option<Keyed> {
        let SourceKind::Article { path, name, entry } = &self.kind else { return None };
        read_doc(path, name.clone(), entry.as_ref(), warnings).map(|(doc, map)| Keyed { key: path.clone(), doc, map })
    }

    /// Stream a corpus (or standard input) in batches of up to `batch` lines: `f` gets each
    /// batch as (line number, line) pairs, to parse with [`parse_corpus_line`]. Nothing for an
    /// article file. A corpus that cannot be opened, or whose reading fails part way (a damaged
    /// `.gz`), is a warning: the lines read until then still count.
    pub fn corpus_lines(&self, batch: usize, mut f: impl FnMut(&Path, Vec<(usize, Vec<u8>)>)) -> Option<Warning> {
        use std::io::BufRead;
        let (label, reader): (PathBuf, Box<dyn std::io::Read>) = match &self.kind {
            SourceKind::Article { .. } => return None,
            SourceKind::Stdin => (PathBuf::from("<stdin>"), Box::new(std::io::stdin().lock())),
            SourceKind::Corpus(path) => {
                let file = match fs::File::open(path) {
                    Ok(file) => file,
                    Err(e) => return Some(Warning::skipped(path, format!("skipped: cannot read it: {e}"))),
                };
                let r: Box<dyn std::io::Read> = if is_gz(path) {
                    Box::new(flate2::read::MultiGzDecoder::new(std::io::BufReader::new(file)))
                } else {
                    Box::new(file)
                };
                (path.clone(), r)
            }
        };
        let mut reader = std::io::BufReader::with_capacity(1 << 20, reader);
        let mut lines = Vec::with_capacity(batch);
        let mut stopped = None;
        for number in 1.. {
            let mut line = Vec::new();
            match reader.read_until(b'\n', &mut line) {
                Ok(0) => break,
                Ok(_) => {}
                Err(e) => {
                    // a line cut by the error is not an article: it and the rest are lost
                    stopped = Some(Warning::skipped(
                        &label,
                        format!("line {number}: stopped reading: {e}; the {} line(s) before it count", number - 1),
                    ));
                    break;
                }
            }
            lines.push((number, line));
            if lines.len() == batch {
                f(&label, std::mem::take(&mut lines));
            }
        }
        if !lines.is_empty() {
            f(&label, lines);
        }
        stopped
    }
}

/// Find what `paths` name, without reading any article: article files, directories
/// (recursively), JSON Lines corpora (`.jsonl`, one article a line), gzipped files of any of
/// these, and `-` for a JSON Lines corpus on standard input. The same file named twice is
/// listed once.
pub fn plan(paths: &[PathBuf]) -> Result<(Vec<Source>, Vec<Warning>), InputError> {
    let mut sources = Vec::new();
    let mut warnings = Vec::new();
    for p in paths {
        if p.as_os_str() == "-" {
            sources.push(Source { kind: SourceKind::Stdin });
            continue;
        }
        if !p.exists() {
            return Err(InputError::Missing(p.clone()));
        }
        if p.is_dir() {
            if let Err(source) = fs::read_dir(p) {
                return Err(InputError::Io { path: p.clone(), source });
            }
            let mut found = Walk::default();
            walk(p, "", &mut found);
            let Walk { mut files, dirs, mut others, warnings: walked, .. } = found;
            warnings.extend(walked);
            // (in order already, unless a name is not UTF-8)
            if !files.is_sorted_by(|a, b| a.0 <= b.0) {
                files.sort_by(|a, b| a.0.cmp(&b.0));
            }
            others.sort();
            if !others.is_empty() {
                let names: Vec<String> = others.iter().take(3).map(|o| o.display().to_string()).collect();
                let more = if others.len() > 3 { format!(" and {} more", others.len() - 3) } else { String::new() };
                warnings.push(Warning::note(
                    p,
                    format!(
                        "left {} file(s) that are not articles (.txt, .text, .html, no extension, or these gzipped; name a .jsonl corpus on the command line): {}{more}",
                        others.len(),
                        names.join(", ")
                    ),
                ));
            }
            // each folder's manifest, read when its first article comes
            let mut manifests: Vec<Option<BTreeMap<String, ManifestEntry>>> = vec![None; dirs.len()];
            for (f, rel, d) in files {
                let manifest = manifests[d].get_or_insert_with(|| read_manifest(&dirs[d], &mut warnings));
                let local = f.file_name().map(|n| strip_gz(&n.to_string_lossy()).to_string()).unwrap_or_default();
                // (a.txt and a.txt.gz share the entry of a.txt)
                let entry = manifest.get(&local).cloned();
                let name = strip_gz(&rel).to_string();
                sources.push(Source { kind: SourceKind::Article { path: f, name, entry } });
            }
        } else if is_corpus(p) {
            sources.push(Source { kind: SourceKind::Corpus(p.clone()) });
        } else if p.file_name().is_some_and(|n| n == "manifest.json") {
            // a manifest named on the command line is read with its articles, not as one
            continue;
        } else {
            let dir = p.parent().map(Path::to_path_buf).unwrap_or_default();
            let m = read_manifest(&dir, &mut warnings);
            let name = p.file_name().map(|n| strip_gz(&n.to_string_lossy()).to_string()).unwrap_or_default();
            let entry = m.get(&name).cloned();
            sources.push(Source { kind: SourceKind::Article { path: p.clone(), name, entry } });
        }
    }
    // the same file named twice is read once, under the smaller of its names (a folder and a
    // file in it name it differently), whatever the order of the arguments. (One argument alone
    // never gives a file twice: a walk enters each folder once.)
    if paths.len() < 2 {
        return Ok((sources, warnings));
    }
    fn key(s: &Source) -> &Path {
        match &s.kind {
            SourceKind::Article { path, .. } | SourceKind::Corpus(path) => path,
            SourceKind::Stdin => Path::new("-"),
        }
    }
    fn name(s: &Source) -> &str {
        match &s.kind {
            SourceKind::Article { name, .. } => name,
            _ => "",
        }
    }
    let mut best: rustc_hash::FxHashMap<&Path, (&str, usize)> = rustc_hash::FxHashMap::default();
    for (i, s) in sources.iter().enumerate() {
        let (k, n) = (key(s), name(s));
        match best.get(&k) {
            Some((b, _)) if *b <= n => {}
            _ => {
                best.insert(k, (n, i));
            }
        }
    }
    let mut keep = vec![false; sources.len()];
    best.values().for_each(|(_, i)| keep[*i] = true);
    drop(best);
    let sources = sources.into_iter().zip(keep).filter(|(_, k)| *k).map(|(s, _)| s).collect();
    Ok((sources, warnings))
}

/// Parse line `number` of a corpus (`source` names it in warnings): the article if the line
/// holds one, and a warning if something is wrong with it (a line that is no article, or a
/// date that is ignored). Blank lines give neither.
pub fn parse_corpus_line(source: &Path, number: usize, line: &[u8]) -> (Option<Keyed>, Option<Warning>) {
    let line = line.strip_suffix(b"\n").unwrap_or(line);
    let line = line.strip_suffix(b"\r").unwrap_or(line);
    if line.iter().all(u8::is_ascii_whitespace) {
        return (None, None);
    }
    let skip = |message: String| Warning::skipped(source, format!("line {number}: skipped: {message}"));
    let note = |message: String| Warning::note(source, format!("line {number}: {message}"));
    // a line that is not UTF-8 is read lossily (JSON must be UTF-8; one bad byte should not
    // cost the article)
    let (line, lossy) = match std::str::from_utf8(line) {
        Ok(s) => (std::borrow::Cow::Borrowed(s), false),
        Err(_) => (String::from_utf8_lossy(line), true),
    };
    let rec: CorpusLine = match serde_json::from_str(&line) {
        Ok(r) => r,
        Err(e) => {
            return (
                None,
                Some(skip(format!(
                    "not an article: column {}: {}; need {{\"id\", \"text\"}}",
                    e.column(),
                    json_message(&e)
                ))),
            );
        }
    };
    let name = match &rec.id {
        serde_json::Value::String(s) if !s.trim().is_empty() => s.trim().to_string(),
        serde_json::Value::Number(n) => n.to_string(),
        _ => return (None, Some(skip("\"id\" must be a non-empty string or a number".into()))),
    };
    let decoded = match decode::decode_str(rec.text) {
        Ok(d) => d,
        Err(why) => return (None, Some(skip(format!("{name}: {}", why.reason())))),
    };
    let mut warning = lossy.then(|| note("not valid UTF-8; decoded with replacement characters".into()));
    let meta = ManifestEntry::doc_meta(Some(&rec.meta), &decoded.text, || {
        warning = Some(note("\"published\" is not YYYY-MM-DD; ignored".into()))
    });
    // each line is its own source, so two corpora may both hold an "a1"
    let doc = Keyed {
        key: source.join(format!("#{number}")),
        doc: Document { name, text: decoded.text, meta },
        map: decoded.map,
    };
    (Some(doc), warning)
}

/// Names that several documents share: each such document is named by its key (path) instead,
/// so none is lost and the order of the inputs does not matter. Returns (index, new name) pairs
/// and a warning for each.
/// A new name is never one that another document has (a path can be some other input's name,
/// or a corpus `id`): it then gets `~2`, `~3`, ... so that every document keeps a name of its own.
pub fn rename_shared(names: &[(&str, &Path)]) -> Vec<(usize, String, Warning)> {
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for (name, _) in names {
        *counts.entry(name).or_default() += 1;
    }
    let mut order: Vec<usize> = (0..names.len()).filter(|&i| counts[names[i].0] > 1).collect();
    order.sort_by(|&a, &b| (names[a].0, names[a].1).cmp(&(names[b].0, names[b].1)));
    // the names that stay, then each new one as it is given
    let mut taken: std::collections::BTreeSet<String> =
        names.iter().filter(|(n, _)| counts[n] == 1).map(|(n, _)| n.to_string()).collect();
    order
        .into_iter()
        .map(|i| {
            let (name, key) = names[i];
            let path = key.to_string_lossy().replace('\\', "/");
            let mut full = path.clone();
            let mut n = 1;
            while taken.contains(&full) {
                n += 1;
                full = format!("{path}~{n}");
            }
            taken.insert(full.clone());
            let w = Warning::note(key, format!("another input is also named {name}; this one is named {full}"));
            (i, full, w)
        })
        .collect()
}

/// Read every article under `paths` (see [`plan`]) into memory. Documents come back sorted by
/// name. `switchboard build` streams instead (see [`crate::extract_sources`]).
pub fn read(paths: &[PathBuf]) -> Result<(Vec<Document>, Vec<Warning>), InputError> {
    let (docs, warnings) = read_mapped(paths)?;
    Ok((docs.into_iter().map(|(d, _)| d).collect(), warnings))
}

/// A document and the map from its text back to the bytes of its file.
pub type Mapped = (Document, SourceMap);

/// [`read`], with each document's map back to the bytes of its file (for evidence offsets:
/// [`crate::analyze_mapped`]).
pub fn read_mapped(paths: &[PathBuf]) -> Result<(Vec<Mapped>, Vec<Warning>), InputError> {
    let (sources, mut warnings) = plan(paths)?;
    let mut docs: Vec<Keyed> = Vec::new();
    for s in &sources {
        docs.extend(s.read_article(&mut warnings));
        let stopped = s.corpus_lines(4096, |label, lines| {
            for (number, line) in lines {
                let (doc, warning) = parse_corpus_line(label, number, &line);
                docs.extend(doc);
                warnings.extend(warning);
            }
        });
        warnings.extend(stopped);
    }
    let names: Vec<(&str, &Path)> = docs.iter().map(|k| (k.doc.name.as_str(), k.key.as_path())).collect();
    let renames = rename_shared(&names);
    for (i, name, w) in renames {
        docs[i].doc.name = name;
        warnings.push(w);
    }
    let mut docs: Vec<Mapped> = docs.into_iter().map(|k| (k.doc, k.map)).collect();
    docs.sort_by(|a, b| a.0.name.cmp(&b.0.name));
    Ok((docs, warnings))
}

/// Is this file name an article's? `.txt`, `.text`, no extension, or an HTML page (`.html`,
/// `.htm`, `.xhtml`).
fn is_article(name: &str) -> bool {
    let name = strip_gz(name);
    match name.rsplit_once('.') {
        None => true,
        Some((stem, ext)) => {
            stem.is_empty() || ["txt", "text", "html", "htm", "xhtml"].iter().any(|e| ext.eq_ignore_ascii_case(e))
        }
    }
}

/// Is this file an HTML page by its name (`.html`, `.htm`, `.xhtml`, optionally gzipped)?
fn is_html(path: &Path) -> bool {
    let n = path.file_name().map(|n| n.to_string_lossy().to_ascii_lowercase()).unwrap_or_default();
    let n = strip_gz(&n);
    n.ends_with(".html") || n.ends_with(".htm") || n.ends_with(".xhtml")
}

/// A JSON error's message without serde_json's " at line L column C" (given apart).
fn json_message(e: &serde_json::Error) -> String {
    let s = e.to_string();
    match s.rfind(" at line ") {
        Some(i) if s[i..].contains(" column ") => s[..i].to_string(),
        _ => s,
    }
}

/// What a walk over a folder found: article files, other files, and folders it could not read
/// (with a warning each; the walk goes on).
#[derive(Default)]
struct Walk {
    /// Articles: path, name relative to the folder walked (`/` between its parts), index of its
    /// folder in `dirs`.
    files: Vec<(PathBuf, String, usize)>,
    /// The folders articles were found in.
    dirs: Vec<PathBuf>,
    others: Vec<PathBuf>,
    warnings: Vec<Warning>,
    /// Folders entered, by their real path: a link back up the tree is not followed twice.
    seen: std::collections::BTreeSet<PathBuf>,
}

/// Walk `dir`, whose name relative to the folder the walk started from is `rel` (empty for that
/// folder).
fn walk(dir: &Path, rel: &str, w: &mut Walk) {
    let real = fs::canonicalize(dir).unwrap_or_else(|_| dir.to_path_buf());
    if !w.seen.insert(real) {
        w.warnings.push(Warning::note(dir, "skipped: a link to a folder already read"));
        return;
    }
    let entries = match fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) => {
            w.warnings.push(Warning::skipped(dir, format!("skipped: cannot read the folder: {e}")));
            return;
        }
    };
    let mut listed = Vec::new();
    for entry in entries {
        match entry {
            // the folder's listing says which entries are folders (no call per file), except
            // for links, which are followed
            Ok(e) => listed.push((
                e.file_name().to_string_lossy().to_string(),
                e.path(),
                e.file_type().ok().filter(|t| !t.is_symlink()).map(|t| t.is_dir()),
            )),
            Err(e) => w.warnings.push(Warning::skipped(dir, format!("skipped an entry: cannot read the folder: {e}"))),
        }
    }
    // in byte order, so that which of two links to one folder is read does not depend on the
    // file system
    listed.sort();
    let mut here = None;
    for (name, path, is_dir) in listed {
        if name.starts_with('.') {
            continue;
        }
        let rel_name =
            || if rel.is_empty() { name.replace('\\', "/") } else { format!("{rel}/{}", name.replace('\\', "/")) };
        if is_dir.unwrap_or_else(|| path.is_dir()) {
            walk(&path, &rel_name(), w);
            continue;
        }
        if is_article(&name) {
            let d = *here.get_or_insert_with(|| {
                w.dirs.push(dir.to_path_buf());
                w.dirs.len() - 1
            });
            w.files.push((path, rel_name(), d));
        } else if name != "manifest.json" {
            w.others.push(path);
        }
    }
}

fn read_manifest(dir: &Path, warnings: &mut Vec<Warning>) -> BTreeMap<String, ManifestEntry> {
    let path = dir.join("manifest.json");
    let Ok(bytes) = fs::read(&path) else {
        return BTreeMap::new();
    };
    let text = String::from_utf8_lossy(&bytes);
    let raw = match serde_json::from_str::<RawManifest>(&text) {
        Ok(m) => m,
        Err(e) => {
            warnings.push(Warning::note(
                path,
                format!("manifest ignored: line {}, column {}: {}", e.line(), e.column(), json_message(&e)),
            ));
            return BTreeMap::new();
        }
    };
    // the entries parsed on all cores (a corpus's manifest can list a million), then kept in order
    use rayon::prelude::*;
    let parsed: Vec<(String, &serde_json::value::RawValue, serde_json::Result<ManifestEntry>)> = raw
        .documents
        .into_iter()
        .collect::<Vec<_>>()
        .into_par_iter()
        .map(|(name, value)| {
            let entry = serde_json::from_str::<ManifestEntry>(value.get());
            (name, value, entry)
        })
        .collect();
    let mut entries = Vec::with_capacity(parsed.len());
    for (name, value, entry) in parsed {
        match entry {
            Ok(entry) => entries.push((name, entry)),
            Err(e) => {
                // the entry's place in the file: its offset, then the error's place in it
                let at = value.get().as_ptr() as usize - text.as_ptr() as usize;
                let before = &text[..at];
                let line0 = before.matches('\n').count() + 1;
                let col0 = at - before.rfind('\n').map(|i| i + 1).unwrap_or(0) + 1;
                let (line, column) = if e.line() <= 1 {
                    (line0, col0 + e.column().saturating_sub(1))
                } else {
                    (line0 + e.line() - 1, e.column())
                };
                warnings.push(Warning::note(
                    &path,
                    format!("entry {name:?} ignored: line {line}, column {column}: {}", json_message(&e)),
                ));
            }
        }
    }
    // (in name order already: a sorted build)
    entries.into_iter().collect()
}

fn read_doc(
    path: &Path,
    name: String,
    entry: Option<&ManifestEntry>,
    warnings: &mut Vec<Warning>,
) -> Option<(Document, SourceMap)> {
    let bytes = match read_bytes(path) {
        Ok(b) => b,
        Err(e) => {
            warnings.push(Warning::skipped(path, format!("skipped: cannot read it: {e}")));
            return None;
        }
    };
    let decoded = match decode::decode(bytes, is_html(path)) {
        Ok(d) => d,
        Err(why) => {
            warnings.push(Warning::skipped(path, why.to_string()));
            return None;
        }
    };
    warnings.extend(decoded.notes.into_iter().map(|n| Warning::note(path, n)));
    let meta = ManifestEntry::doc_meta(entry, &decoded.text, || {
        warnings.push(Warning::note(path, "manifest date is not YYYY-MM-DD; ignored"))
    });
    Some((Document { name, text: decoded.text, meta }, decoded.map))
}

#[cfg(test)]
mod tests {
    use super::is_article;

    #[test]
    fn articles_are_text_files() {
        for yes in ["a.txt", "B.TXT", "story.text", "20240626-call", ".hidden", "a.txt.gz", "b.TXT.GZ"] {
            assert!(is_article(yes), "{yes}");
        }
        for yes in ["page.html", "b.HTM", "c.xhtml.gz"] {
            assert!(is_article(yes), "{yes}");
        }
        for no in ["README.md", "x.expect", "manifest.json", "corpus.jsonl", "c.jsonl.gz", "d.pdf"] {
            assert!(!is_article(no), "{no}");
        }
        assert!(super::is_corpus(std::path::Path::new("dir/c.jsonl.gz")));
        assert!(super::is_corpus(std::path::Path::new("c.NDJSON")));
        assert!(!super::is_corpus(std::path::Path::new("c.json")));
    }
}
