//! # Text: paragraphs, quotations, sentences and tokens, all as byte spans of the original
//!
//! Nothing here copies or rewrites the article: every unit is a `start..end` byte range into the
//! text exactly as it was read, so evidence offsets point into the original file.
//!
//! * Paragraphs are lines; a line that starts with a lower-case letter continues the one before
//!   (hard-wrapped copy), blank lines separate.
//! * Quotations are found per paragraph: curly and guillemet quotes pair by shape, straight double
//!   quotes by alternation; an opening quote left unclosed runs to the paragraph's end (news style
//!   for a quote that continues in the next paragraph).
//! * Sentences end at `.`, `!`, `?` (after any closing quote or bracket) before white space and a
//!   capital, digit, quote or bullet; never inside a quotation, never after a title abbreviation or
//!   an initial.
//! * Tokens are words (letters, digits, inner hyphens and apostrophes; `'s` split off as a
//!   possessive flag), dotted abbreviations (`U.S.`, `A.R.`) and single punctuation characters.

use std::ops::Range;

/// A sentence of a document: its index in the document and its byte span.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sentence {
    pub index: usize,
    pub start: usize,
    pub end: usize,
    /// Index of the paragraph the sentence belongs to.
    pub paragraph: usize,
}

/// A quotation: `open` and `close` are the spans of the quote marks (close is empty when the
/// quote runs to the paragraph's end); the words quoted are `open.end..close.start`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Quote {
    pub open: Range<usize>,
    pub close: Range<usize>,
}

impl Quote {
    pub fn inner(&self) -> Range<usize> {
        self.open.end..self.close.start
    }
    pub fn contains(&self, pos: usize) -> bool {
        pos >= self.open.end && pos < self.close.start
    }
}

/// The segmented text of one document.
#[derive(Debug, Clone, Default)]
pub struct Segmented {
    pub paragraphs: Vec<Range<usize>>,
    pub quotes: Vec<Quote>,
    pub sentences: Vec<Sentence>,
}

impl Segmented {
    /// Is byte `pos` inside a quotation?
    pub fn in_quote(&self, pos: usize) -> bool {
        self.quote_at(pos).is_some()
    }

    pub fn quote_at(&self, pos: usize) -> Option<&Quote> {
        // quotes are sorted by start; find the last one starting at or before pos
        let i = self.quotes.partition_point(|q| q.open.end <= pos);
        i.checked_sub(1).map(|i| &self.quotes[i]).filter(|q| q.contains(pos))
    }

    /// The quotations that lie (at least partly) within `range`.
    pub fn quotes_in(&self, range: Range<usize>) -> impl Iterator<Item = &Quote> {
        // quotes never overlap and come in text order, so their ends are sorted too: start at the
        // first that ends after `range` starts (not at the document's first quote)
        let first = self.quotes.partition_point(|q| q.close.end <= range.start);
        self.quotes[first..].iter().take_while(move |q| q.open.start < range.end)
    }
}

/// Split a document into paragraphs, quotations and sentences.
pub fn segment(text: &str) -> Segmented {
    let paragraphs = paragraphs(text);
    let mut quotes = Vec::new();
    for p in &paragraphs {
        find_quotes(text, p.clone(), &mut quotes);
    }
    let mut sentences = Vec::new();
    for (pi, p) in paragraphs.iter().enumerate() {
        split_sentences(text, p.clone(), pi, &quotes, &mut sentences);
    }
    for (i, s) in sentences.iter_mut().enumerate() {
        s.index = i;
    }
    Segmented { paragraphs, quotes, sentences }
}

fn paragraphs(text: &str) -> Vec<Range<usize>> {
    let wrapped = hard_wrapped(text);
    let mut out: Vec<Range<usize>> = Vec::new();
    let mut joinable = false;
    for line in lines(text) {
        let trimmed = trim_span(text, line);
        if trimmed.is_empty() {
            joinable = false;
            continue;
        }
        let first = text[trimmed.clone()].chars().next().unwrap_or(' ');
        let past_headline = out.len() > 1;
        match out.last_mut() {
            // a wrapped line goes on: it starts in lower case, or the copy is hard-wrapped (there
            // only blank lines end paragraphs)
            Some(last) if joinable && (first.is_lowercase() || (wrapped && past_headline)) => last.end = trimmed.end,
            _ => out.push(trimmed),
        }
        joinable = true;
    }
    out
}

/// Does a line end a sentence (full stop, quote, colon...)?
fn ends_sentence(line: &str) -> bool {
    line.trim_end()
        .chars()
        .last()
        .is_some_and(|c| matches!(c, '.' | '!' | '?' | '"' | '\u{201d}' | '\u{2019}' | ':' | ')' | ';'))
}

/// Copy broken into lines of similar width mid-sentence ("wrapped at 70 columns"): most long
/// lines end without a full stop and none is much longer than the others.
fn hard_wrapped(text: &str) -> bool {
    // the long lines (40 chars or more) and those of them that end no sentence
    let (mut long, mut open) = (0, 0);
    for l in lines(text).map(|l| text[l].trim_end()) {
        // (fewer than 40 bytes are fewer than 40 chars: not counted; more than 400 bytes are more
        // than 100 chars: too wide, the copy is not wrapped)
        if l.len() < 40 {
            continue;
        }
        if l.len() > 400 {
            return false;
        }
        let chars = l.chars().count();
        if chars < 40 {
            continue;
        }
        if chars > 100 {
            return false;
        }
        long += 1;
        open += usize::from(!ends_sentence(l));
    }
    long >= 6 && open * 2 >= long
}

/// The lines of `text` as byte spans, each with its '\n' (as `str::split_inclusive` has them).
fn lines(text: &str) -> impl Iterator<Item = Range<usize>> + '_ {
    let b = text.as_bytes();
    let mut pos = 0;
    std::iter::from_fn(move || {
        if pos >= b.len() {
            return None;
        }
        let start = pos;
        pos = memchr::memchr(b'\n', &b[pos..]).map_or(b.len(), |k| pos + k + 1);
        Some(start..pos)
    })
}

/// Trim white space (including no-break spaces) from both ends of a span.
pub fn trim_span(text: &str, r: Range<usize>) -> Range<usize> {
    let s = &text[r.clone()];
    let lead = s.len() - s.trim_start().len();
    let trail = s.len() - s.trim_end().len();
    if lead == s.len() {
        return r.start..r.start;
    }
    r.start + lead..r.end - trail
}

fn find_quotes(text: &str, para: Range<usize>, out: &mut Vec<Quote>) {
    let mut open: OpenQuote = None;
    let p = &text[para.clone()];
    // only quote marks change anything: '"', and the marks beyond ASCII, whose UTF-8 starts with
    // 0xc2 (guillemets) or 0xe2 (curly quotes); both are lead bytes, so each hit starts a char
    let mut from = 0;
    while let Some(skip) = memchr::memchr3(b'"', 0xc2, 0xe2, &p.as_bytes()[from..]) {
        let off = from + skip;
        let c = p[off..].chars().next().unwrap_or(' ');
        from = off + c.len_utf8();
        let at = para.start + off;
        let span = at..at + c.len_utf8();
        quote_mark(c, span, &mut open, out);
    }
    close_at_end(open, para, out);
}

/// The quote open so far in a paragraph: where its mark is, and which mark.
type OpenQuote = Option<(Range<usize>, char)>;

/// Read one character of a paragraph (at `span`) for quotations: curly and guillemet quotes pair
/// by shape, straight quotes alternate.
fn quote_mark(c: char, span: Range<usize>, open: &mut OpenQuote, out: &mut Vec<Quote>) {
    match (c, &*open) {
        ('\u{201c}' | '\u{201e}' | '\u{ab}', None) => *open = Some((span, c)),
        ('"', None) => *open = Some((span, c)),
        ('\u{201d}', Some((o, oc))) if *oc != '"' && *oc != '\u{ab}' => {
            out.push(Quote { open: o.clone(), close: span });
            *open = None;
        }
        ('\u{bb}', Some((o, '\u{ab}'))) => {
            out.push(Quote { open: o.clone(), close: span });
            *open = None;
        }
        ('"', Some((o, '"'))) => {
            out.push(Quote { open: o.clone(), close: span });
            *open = None;
        }
        // a curly opener inside an open quote: the first was never closed; restart
        ('\u{201c}', Some(_)) => *open = Some((span, c)),
        _ => {}
    }
}

/// A quote still open at the end of its paragraph runs to the paragraph's end, unless nothing
/// follows it.
fn close_at_end(open: OpenQuote, para: Range<usize>, out: &mut Vec<Quote>) {
    if let Some((o, _)) = open {
        if o.end < para.end {
            out.push(Quote { open: o, close: para.end..para.end });
        }
    }
}

const ABBREVIATIONS: &[&str] = &[
    "Gen", "Brig", "Lt", "Col", "Maj", "Capt", "Adm", "Sgt", "Cpl", "Mr", "Mrs", "Ms", "Dr", "St", "Sen", "Rep", "Gov",
    "Jr", "Sr", "No", "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec", "vs", "Inc",
    "Ltd", "Co", "Corp", "Prof", "Rev", "Hon", "Lieut", "Cmdr", "Fr", "Mt", "approx",
];

fn is_closer(c: char) -> bool {
    matches!(c, '"' | '\u{201d}' | '\u{2019}' | '\'' | ')' | ']' | '\u{bb}')
}

/// The longest sentence, in bytes: a longer stretch with no sentence end ("a 50 MB article with no
/// full stop") is cut into pieces of at most this length, at the last white space that fits (or
/// inside a word of that length). Every later stage works a sentence at a time, and each fact
/// quotes its sentence as evidence, so this bounds the work and the output per fact. The longest
/// sentence of the test corpora is 333 bytes; news prose stays far below this.
pub const MAX_SENTENCE_BYTES: usize = 4096;

fn split_sentences(text: &str, para: Range<usize>, pi: usize, quotes: &[Quote], out: &mut Vec<Sentence>) {
    let p = &text[para.clone()];
    let b = p.as_bytes();
    let mut start = para.start;
    // the char at byte offset `off` of the paragraph (`off` is a char boundary before its end)
    let char_at = |off: usize| p[off..].chars().next().unwrap_or(' ');
    let mut qi = quotes.partition_point(|q| q.close.end <= para.start);
    // byte offsets of chars, walked forward only (never a Vec of every char: a 200 MB one-line
    // paragraph would need 3.2 GB for it)
    let mut k = 0;
    // where the next '!' is at or after `k` (once `k` has passed it, found again)
    let mut bang = None;
    while k < b.len() {
        // the candidates are ASCII or '\u{2026}' (e2 80 a6): skip every other byte quickly
        // ('!' is searched apart, as memchr takes three bytes at most)
        if bang.is_none_or(|at| at < k) {
            bang = Some(memchr::memchr(b'!', &b[k..]).map_or(usize::MAX, |x| k + x));
        }
        let next = memchr::memchr3(b'.', b'?', 0xe2, &b[k..]).map_or(usize::MAX, |x| k + x);
        let at = next.min(bang.unwrap_or(usize::MAX));
        if at == usize::MAX {
            break;
        }
        k = at;
        let c = char_at(k);
        let clen = c.len_utf8();
        if !matches!(c, '.' | '!' | '?' | '\u{2026}') {
            k += clen;
            continue;
        }
        let off = k;
        let at = para.start + off;
        // step over closing quotes and brackets
        let mut j = k + clen;
        while j < b.len() && is_closer(char_at(j)) {
            j += char_at(j).len_utf8();
        }
        let end = if j < b.len() { para.start + j } else { para.end };
        // the next non-space character must start a sentence
        let mut n = j;
        while n < b.len() && char_at(n).is_whitespace() {
            n += char_at(n).len_utf8();
        }
        if n == j || n >= b.len() {
            k = j.max(k + clen);
            continue;
        }
        let next = char_at(n);
        let starts = next.is_uppercase()
            || next.is_ascii_digit()
            || matches!(next, '"' | '\u{201c}' | '\u{2018}' | '\u{ab}' | '\u{2022}' | '-' | '\u{2014}' | '(');
        if !starts {
            k = j;
            continue;
        }
        // inside a quotation whose closing mark is not right here: no boundary
        while qi < quotes.len() && quotes[qi].close.end <= at {
            qi += 1;
        }
        let inside = quotes[qi..].iter().take(2).any(|q| q.contains(at) && q.close.start >= end);
        if inside {
            k = j;
            continue;
        }
        // an initial stands before a name, never before a quotation ("he wrote on X. "...")
        let quote_next = matches!(next, '"' | '\u{201c}' | '\u{2018}');
        if c == '.' && is_abbreviation_before(p, off) && !(quote_next && is_single_letter_before(p, off)) {
            k = j;
            continue;
        }
        push_sentence(text, start..end, pi, out);
        start = end;
        k = j;
    }
    push_sentence(text, start..para.end, pi, out);
}

/// Push the sentence `span` (trimmed; nothing when empty), cut into pieces of at most
/// [`MAX_SENTENCE_BYTES`].
fn push_sentence(text: &str, span: Range<usize>, pi: usize, out: &mut Vec<Sentence>) {
    let mut span = trim_span(text, span);
    while span.end - span.start > MAX_SENTENCE_BYTES {
        let mut cut = span.start + MAX_SENTENCE_BYTES;
        while !text.is_char_boundary(cut) {
            cut -= 1;
        }
        // the last white space that fits, else inside the (very long) word
        if let Some((i, _)) = text[span.start..cut].char_indices().rev().find(|(i, c)| *i > 0 && c.is_whitespace()) {
            cut = span.start + i;
        }
        let piece = trim_span(text, span.start..cut);
        if !piece.is_empty() {
            out.push(Sentence { index: 0, start: piece.start, end: piece.end, paragraph: pi });
        }
        span = trim_span(text, cut..span.end);
    }
    if !span.is_empty() {
        out.push(Sentence { index: 0, start: span.start, end: span.end, paragraph: pi });
    }
}

/// Is the word before the period at `off` a single letter ("X.")?
fn is_single_letter_before(p: &str, off: usize) -> bool {
    let mut it = p[..off].chars().rev();
    matches!((it.next(), it.next()), (Some(a), b) if a.is_alphabetic() && b.is_none_or(|b| !b.is_alphanumeric()))
}

/// Does the word before the period at `off` (in `p`) make it an abbreviation, not a full stop?
pub(crate) fn is_abbreviation_before(p: &str, off: usize) -> bool {
    let before = &p[..off];
    let word_start = before
        .char_indices()
        .rev()
        .find(|(_, c)| !c.is_alphanumeric() && *c != '.')
        .map(|(i, c)| i + c.len_utf8())
        .unwrap_or(0);
    let word = &before[word_start..];
    if word.is_empty() {
        return false;
    }
    let mut cs = word.chars();
    let first = cs.next().unwrap_or(' ');
    // an initial ("A." in "A. R. Smith") or a dotted abbreviation ("U.S", "A.R")
    if first.is_uppercase() && cs.clone().next().is_none() {
        return true;
    }
    if word.contains('.') && word.chars().filter(|c| c.is_alphabetic()).count() <= 4 {
        return true;
    }
    ABBREVIATIONS.contains(&word)
}

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokKind {
    Word,
    /// Dotted capitals: `U.S.`, `A.R.`
    Abbrev,
    Punct,
}

/// A token: its span, kind, and whether an `'s` followed it (`end` excludes the `'s`,
/// `full_end` includes it).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Tok {
    pub start: usize,
    pub end: usize,
    pub full_end: usize,
    pub kind: TokKind,
    pub possessive: bool,
}

impl Tok {
    pub fn text<'a>(&self, text: &'a str) -> &'a str {
        &text[self.start..self.end]
    }
}

/// Tokenize `text[range]`.
pub fn tokenize(text: &str, range: Range<usize>) -> Vec<Tok> {
    let s = &text[range.clone()];
    let base = range.start;
    let mut out = Vec::with_capacity(s.len() / 5);
    let b = s.as_bytes();
    let mut i = 0;
    while i < b.len() {
        // ASCII (most bytes) by a table, the rest decoded
        let x = b[i];
        let (c, clen) = match BYTE_CLASS[x as usize] {
            SPACE => {
                i += 1;
                continue;
            }
            ALNUM => (x as char, 1),
            WIDE => {
                let c = char_at(s, i);
                if c.is_whitespace() {
                    i += c.len_utf8();
                    continue;
                }
                if !c.is_alphanumeric() {
                    let e = base + i + c.len_utf8();
                    out.push(Tok { start: base + i, end: e, full_end: e, kind: TokKind::Punct, possessive: false });
                    i += c.len_utf8();
                    continue;
                }
                (c, c.len_utf8())
            }
            _ => {
                out.push(Tok {
                    start: base + i,
                    end: base + i + 1,
                    full_end: base + i + 1,
                    kind: TokKind::Punct,
                    possessive: false,
                });
                i += 1;
                continue;
            }
        };
        // a word starts at `i` with the letter or digit `c`
        // dotted abbreviation: X.Y. (single letters and dots)
        if b.get(i + clen) == Some(&b'.') && c.is_uppercase() {
            if let Some(end) = dotted_end(s, i + clen) {
                out.push(Tok {
                    start: base + i,
                    end: base + end,
                    full_end: base + end,
                    kind: TokKind::Abbrev,
                    possessive: false,
                });
                i = end;
                continue;
            }
        }
        let end = word_end(s, i + clen);
        let (wend, poss) = match possessive_stem(&b[i..end]) {
            Some(stem) => (i + stem, true),
            None => (end, false),
        };
        out.push(Tok {
            start: base + i,
            end: base + wend,
            full_end: base + end,
            kind: TokKind::Word,
            possessive: poss,
        });
        i = end;
    }
    out
}

/// [`BYTE_CLASS`] of white space (as [`char::is_whitespace`] has it).
const SPACE: u8 = 1;
/// [`BYTE_CLASS`] of ASCII letters and digits.
const ALNUM: u8 = 2;
/// [`BYTE_CLASS`] of the bytes beyond ASCII (a char to decode).
const WIDE: u8 = 3;
/// [`BYTE_CLASS`] of the other ASCII bytes (punctuation, controls).
const PUNCT: u8 = 0;
/// What each byte is to the tokenizer: [`SPACE`], [`ALNUM`], [`WIDE`] or [`PUNCT`].
const BYTE_CLASS: [u8; 256] = {
    let mut t = [PUNCT; 256];
    let mut k = 0;
    while k < 256 {
        let c = k as u8;
        t[k] = if c >= 0x80 {
            WIDE
        } else if c == b' ' || (c >= 0x09 && c <= 0x0d) {
            SPACE
        } else if c.is_ascii_alphanumeric() {
            ALNUM
        } else {
            PUNCT
        };
        k += 1;
    }
    t
};

/// The char at byte `i` of `s` (a char boundary before the end).
fn char_at(s: &str, i: usize) -> char {
    let b = s.as_bytes()[i];
    if b < 0x80 { b as char } else { s[i..].chars().next().unwrap_or(' ') }
}

/// Is the char at byte `i` of `s` a letter or digit (false at the end)?
fn alphanumeric_at(s: &str, i: usize) -> bool {
    match s.as_bytes().get(i) {
        Some(&b) if b < 0x80 => b.is_ascii_alphanumeric(),
        Some(_) => char_at(s, i).is_alphanumeric(),
        None => false,
    }
}

/// Where a dotted abbreviation ("U.S.", "A.R.") ends (after its last dot), given that its first
/// capital ends at `dot`, a '.': None when no second single capital and dot follow.
fn dotted_end(s: &str, dot: usize) -> Option<usize> {
    let mut j = dot;
    let mut letters = 1;
    loop {
        // after a dot: another single capital followed by a dot?
        let mut rc = s[j + 1..].chars();
        match (rc.next(), rc.next()) {
            (Some(l), Some('.')) if l.is_uppercase() => {
                j += 1 + l.len_utf8();
                letters += 1;
            }
            _ => break,
        }
    }
    (letters >= 2).then_some(j + 1)
}

/// Where the word whose first char ends at byte `from` of `s` ends: letters, digits and marks,
/// and an inner hyphen or apostrophe when a letter or digit follows.
fn word_end(s: &str, from: usize) -> usize {
    let b = s.as_bytes();
    let mut end = from;
    loop {
        // (the common case first: a run of ASCII letters and digits)
        while end < b.len() && BYTE_CLASS[b[end] as usize] == ALNUM {
            end += 1;
        }
        let Some(&x) = b.get(end) else { break };
        if x < 0x80 {
            if matches!(x, b'-' | b'\'') && alphanumeric_at(s, end + 1) {
                end += 1;
                continue;
            }
            break;
        }
        let d = char_at(s, end);
        let next = end + d.len_utf8();
        if d.is_alphanumeric() || is_mark(d) || (d == '\u{2019}' && alphanumeric_at(s, next)) {
            end = next;
            continue;
        }
        break;
    }
    end
}

/// The length of the stem of a word (its UTF-8) that ends in a possessive `'s` (or
/// `\u{2019}s`) after at least two chars: "Smith's" -> 5; None for "Smith", "A's".
fn possessive_stem(word: &[u8]) -> Option<usize> {
    let stem = match word {
        [stem @ .., b'\'', b's'] => stem,
        [stem @ .., 0xe2, 0x80, 0x99, b's'] => stem,
        _ => return None,
    };
    // two chars or more: a second byte that starts a char (no UTF-8 continuation byte)
    stem.iter().filter(|&&x| (x as i8) >= -0x40).nth(1).is_some().then_some(stem.len())
}

fn is_mark(c: char) -> bool {
    // combining marks (decomposed accents) stay inside words
    ('\u{300}'..='\u{36f}').contains(&c)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sentences(text: &str) -> Vec<&str> {
        segment(text).sentences.iter().map(|s| &text[s.start..s.end]).collect()
    }

    /// The quote finder that [`find_quotes`] replaced: every character goes through
    /// [`quote_mark`], where `find_quotes` jumps to the bytes that can start a quote mark.
    fn find_quotes_by_chars(text: &str, para: Range<usize>, out: &mut Vec<Quote>) {
        let mut open: OpenQuote = None;
        for (off, c) in text[para.clone()].char_indices() {
            let at = para.start + off;
            quote_mark(c, at..at + c.len_utf8(), &mut open, out);
        }
        close_at_end(open, para, out);
    }

    /// The char-by-char tokenizer that [`tokenize`] replaced (with ASCII shortcuts).
    fn tokenize_by_chars(text: &str, range: Range<usize>) -> Vec<Tok> {
        let s = &text[range.clone()];
        let mut out = Vec::with_capacity(s.len() / 5);
        let b = s.as_bytes();
        let mut it = s.char_indices().peekable();
        while let Some((i, c)) = it.next() {
            if c.is_whitespace() {
                continue;
            }
            if c.is_alphanumeric() {
                // dotted abbreviation: X.Y. (single letters and dots)
                if c.is_uppercase() {
                    let mut j = i + c.len_utf8();
                    let mut letters = 1;
                    let mut ok = j < b.len() && b[j] == b'.';
                    while ok {
                        // after a dot: another single capital followed by a dot?
                        let rest = &s[j + 1..];
                        let mut rc = rest.chars();
                        match (rc.next(), rc.next()) {
                            (Some(l), Some('.')) if l.is_uppercase() => {
                                j += 1 + l.len_utf8();
                                letters += 1;
                            }
                            _ => ok = false,
                        }
                    }
                    if letters >= 2 {
                        let end = j + 1; // include the final dot
                        out.push(Tok {
                            start: range.start + i,
                            end: range.start + end,
                            full_end: range.start + end,
                            kind: TokKind::Abbrev,
                            possessive: false,
                        });
                        while it.peek().is_some_and(|(k, _)| *k < end) {
                            it.next();
                        }
                        continue;
                    }
                }
                let mut end = i + c.len_utf8();
                loop {
                    match it.peek() {
                        Some(&(k, d)) if d.is_alphanumeric() || is_mark(d) => {
                            end = k + d.len_utf8();
                            it.next();
                        }
                        Some(&(k, d)) if matches!(d, '-' | '\'' | '\u{2019}') => {
                            // inner hyphen/apostrophe only when a letter follows
                            let after = s[k + d.len_utf8()..].chars().next();
                            if after.is_some_and(|a| a.is_alphanumeric()) {
                                it.next();
                                end = k + d.len_utf8();
                            } else {
                                break;
                            }
                        }
                        _ => break,
                    }
                }
                let word = &s[i..end];
                let (wend, poss) =
                    if let Some(stem) = word.strip_suffix("'s").or_else(|| word.strip_suffix("\u{2019}s")) {
                        if stem.chars().count() >= 2 { (i + stem.len(), true) } else { (end, false) }
                    } else {
                        (end, false)
                    };
                out.push(Tok {
                    start: range.start + i,
                    end: range.start + wend,
                    full_end: range.start + end,
                    kind: TokKind::Word,
                    possessive: poss,
                });
                continue;
            }
            let e = range.start + i + c.len_utf8();
            out.push(Tok { start: range.start + i, end: e, full_end: e, kind: TokKind::Punct, possessive: false });
        }
        out
    }

    /// The test that [`hard_wrapped`] replaced (it counts each line's chars once, in one pass).
    fn hard_wrapped_by_lists(text: &str) -> bool {
        let lines: Vec<&str> = text.lines().map(str::trim_end).filter(|l| l.chars().count() >= 40).collect();
        if lines.len() < 6 {
            return false;
        }
        let open = lines.iter().filter(|l| !ends_sentence(l)).count();
        let widest = lines.iter().map(|l| l.chars().count()).max().unwrap_or(0);
        open * 2 >= lines.len() && widest <= 100
    }

    proptest::proptest! {
        #[test]
        fn hard_wrapped_reads_as_before(
            lines in proptest::collection::vec((0usize..120, proptest::sample::select(vec![
                "", ".", "\u{e9}", "\u{e9}.", " ", "\u{201d}", ":", "x"
            ])), 0..14)
        ) {
            let t: String = lines.iter().map(|(n, end)| format!("{}{}\n", "a".repeat(*n), end)).collect();
            proptest::prop_assert_eq!(hard_wrapped(&t), hard_wrapped_by_lists(&t));
        }

        /// The byte-level tokenizer and quote finder read any text as the char-by-char ones did.
        #[test]
        fn byte_shortcuts_read_as_the_char_by_char_reading(
            pieces in proptest::collection::vec(proptest::sample::select(vec![
                "a", "Z", "7", " ", "  ", "\t", "\n", "\u{b}", "\u{a0}", "\u{2009}", ".", ",", "-", "'", "'s",
                "\u{2019}", "\u{2019}s", "\"", "\u{201c}", "\u{201d}", "\u{201e}", "\u{ab}", "\u{bb}", "\u{2018}",
                "\u{e9}", "\u{c9}", "\u{301}", "\u{416}", "\u{4e2d}", "\u{2014}", "\u{2026}", "U.S.", "A.", "B",
                "Doe", "al-", "\u{1d400}", "(", "/",
            ]), 0..40)
        ) {
            let t: String = pieces.concat();
            proptest::prop_assert_eq!(tokenize(&t, 0..t.len()), tokenize_by_chars(&t, 0..t.len()));
            let (mut fast, mut slow) = (Vec::new(), Vec::new());
            find_quotes(&t, 0..t.len(), &mut fast);
            find_quotes_by_chars(&t, 0..t.len(), &mut slow);
            proptest::prop_assert_eq!(fast, slow);
        }
    }

    #[test]
    fn byte_classes_are_those_of_the_chars() {
        for x in 0..=255u8 {
            let want = match x {
                0x80.. => WIDE,
                _ if (x as char).is_whitespace() => SPACE,
                _ if (x as char).is_alphanumeric() => ALNUM,
                _ => PUNCT,
            };
            assert_eq!(BYTE_CLASS[x as usize], want, "{x:#x}");
        }
    }

    #[test]
    fn word_pieces_end_where_the_tokenizer_needs() {
        // an inner hyphen or apostrophe only before a letter or digit; marks stay inside
        let s = "al-Doe's Caf\u{e9}e\u{301} x- y'. Jo\u{2019}s";
        assert_eq!(&s[..word_end(s, 1)], "al-Doe's");
        assert_eq!(&s[9..word_end(s, 10)], "Caf\u{e9}e\u{301}");
        assert_eq!(&s[18..word_end(s, 19)], "x");
        assert_eq!(&s[21..word_end(s, 22)], "y");
        assert_eq!(&s[25..word_end(s, 26)], "Jo\u{2019}s");
        assert!(alphanumeric_at(s, 0) && !alphanumeric_at(s, 2) && !alphanumeric_at(s, s.len()));
        assert_eq!(char_at(s, 12), '\u{e9}');
        // the possessive stem: two chars or more before the 's
        assert_eq!(possessive_stem(b"Doe's"), Some(3));
        assert_eq!(possessive_stem("Jo\u{2019}s".as_bytes()), Some(2));
        assert_eq!(possessive_stem("\u{e9}'s".as_bytes()), None);
        assert_eq!(possessive_stem(b"A's"), None);
        assert_eq!(possessive_stem(b"Does"), None);
        // dotted abbreviations: the first capital ends at `dot`
        assert_eq!(dotted_end("U.S. and", 1), Some(4));
        assert_eq!(dotted_end("A.B.C.", 1), Some(6));
        assert_eq!(dotted_end("A. Doe", 1), None);
        assert_eq!(dotted_end("\u{c9}.\u{c9}.", 2), Some(6));
    }

    #[test]
    fn lines_are_those_of_split_inclusive() {
        for t in ["", "a", "\n", "a\n", "a\nb", "a\n\nb\n", "\n\n", "x\r\ny\u{e9}\n z"] {
            let spans: Vec<&str> = lines(t).map(|l| &t[l]).collect();
            assert_eq!(spans, t.split_inclusive('\n').collect::<Vec<_>>(), "{t:?}");
        }
    }

    #[test]
    fn splits_after_full_stops_not_titles_or_initials() {
        let t = "Brig. Gen. Jane Roe spoke. A.B. Smith agreed. Mr. Doe did not.";
        assert_eq!(sentences(t), vec!["Brig. Gen. Jane Roe spoke.", "A.B. Smith agreed.", "Mr. Doe did not."]);
    }

    #[test]
    fn keeps_multi_sentence_quote_together() {
        let t = "\"We are ready. They are not,\" he said. Then he left.";
        assert_eq!(sentences(t), vec!["\"We are ready. They are not,\" he said.", "Then he left."]);
    }

    #[test]
    fn ends_sentence_after_closing_quote() {
        let t = "\u{201c}Nothing else was discussed.\u{201d} The talks ended.";
        assert_eq!(sentences(t), vec!["\u{201c}Nothing else was discussed.\u{201d}", "The talks ended."]);
    }

    #[test]
    fn lines_are_paragraphs_but_wrapped_lines_join() {
        let t = "Headline here\nFirst line of a\nwrapped sentence. Next one.\n\nNew paragraph.";
        let seg = segment(t);
        assert_eq!(seg.paragraphs.len(), 3);
        assert_eq!(
            sentences(t),
            vec!["Headline here", "First line of a\nwrapped sentence.", "Next one.", "New paragraph."]
        );
    }

    #[test]
    fn hard_wrapped_copy_joins_lines_that_do_not_end_a_sentence() {
        let t = "Headline\n\nThe defence secretary spoke to his Ukrainian counterpart, Rustem\nUmerov, by phone on Thursday evening, the Ministry of Defence said.\nThe pair last spoke by phone on 14 March, shortly before a meeting of\nthe contact group, which the UK now chairs with Germany and others.\n\nBritain has pledged more money for air defence this year and has\npromised to keep its support for Kyiv going for as long as it takes,\nministers said on Friday after a meeting in London with allies.\n";
        let seg = segment(t);
        assert_eq!(seg.paragraphs.len(), 3);
        assert!(sentences(t).iter().any(|s| s.contains("Rustem\nUmerov, by phone")));
        // one-paragraph-a-line copy is not wrapped: a headline stays apart
        let u = "Ministers hold talks, discuss the war\nThe ministers of both countries spoke in a phone call on Friday evening.\n";
        assert_eq!(segment(u).paragraphs.len(), 2);
    }

    #[test]
    fn unclosed_quote_runs_to_paragraph_end() {
        let t = "He said \"this goes on\nNext paragraph.";
        let seg = segment(t);
        assert_eq!(seg.quotes.len(), 1);
        assert_eq!(&t[seg.quotes[0].inner()], "this goes on");
    }

    #[test]
    fn tokens_split_possessives_and_keep_abbreviations() {
        let t = "Moscow\u{2019}s U.S. A.R. Smith's well-known";
        let toks: Vec<(&str, bool)> = tokenize(t, 0..t.len()).iter().map(|k| (k.text(t), k.possessive)).collect();
        assert_eq!(
            toks,
            vec![("Moscow", true), ("U.S.", false), ("A.R.", false), ("Smith", true), ("well-known", false)]
        );
    }

    #[test]
    fn a_sentence_longer_than_the_bound_is_cut_at_white_space() {
        // 6,000 words and no full stop: pieces of at most MAX_SENTENCE_BYTES, each ending at a
        // word's end; then a short sentence after a real full stop
        let words: Vec<String> = (0..6_000).map(|i| format!("w{i}")).collect();
        let t = format!("{}. Then it ended.", words.join(" "));
        let got = sentences(&t);
        assert!(got.len() > t.len() / MAX_SENTENCE_BYTES, "{} pieces", got.len());
        assert!(got.iter().all(|s| s.len() <= MAX_SENTENCE_BYTES));
        assert_eq!(got.iter().map(|s| s.split(' ').count()).sum::<usize>(), 6_000 + 3);
        assert_eq!(got.last(), Some(&"Then it ended."));
        // no white space at all: cut inside the word, on char boundaries
        let t = "\u{e9}".repeat(3 * MAX_SENTENCE_BYTES);
        let got = sentences(&t);
        assert_eq!(got.concat(), t);
        assert!(got.iter().all(|s| s.len() <= MAX_SENTENCE_BYTES) && got.len() >= 6);
    }

    #[test]
    fn an_ellipsis_ends_a_sentence_as_a_full_stop_does() {
        let t = "He paused\u{2026} Then he left. \u{2014}Or did he? \u{201c}Yes.\u{201d} Caf\u{e9} n\u{b0}1 closed.";
        assert_eq!(
            sentences(t),
            vec![
                "He paused\u{2026}",
                "Then he left.",
                "\u{2014}Or did he?",
                "\u{201c}Yes.\u{201d}",
                "Caf\u{e9} n\u{b0}1 closed."
            ]
        );
    }

    #[test]
    fn quotes_in_a_range_are_those_that_overlap_it() {
        let t = "\"A\" b \u{201c}c d\u{201d} e \u{ab}f\u{bb} g \"h i j\"\nk \u{201c}l m\n\"n\" o";
        let seg = segment(t);
        assert_eq!(seg.quotes.len(), 6);
        for a in 0..t.len() {
            for b in a..=t.len() {
                let brute: Vec<&Quote> = seg.quotes.iter().filter(|q| q.open.start < b && q.close.end > a).collect();
                assert_eq!(seg.quotes_in(a..b).collect::<Vec<_>>(), brute, "{a}..{b}");
            }
        }
    }

    #[test]
    fn offsets_point_into_the_original() {
        let t = "\u{a0}Caf\u{e9} owner said. Fine.";
        for s in segment(t).sentences {
            assert!(t.is_char_boundary(s.start) && t.is_char_boundary(s.end));
        }
    }
}
