//! # Decode: from the bytes of an input to the text that is analysed
//!
//! Real corpora are dirty. [`decode`] turns the raw bytes of one article into text, or says why
//! it cannot:
//!
//! * a byte-order mark is dropped; UTF-16 (with its mark) is decoded;
//! * a NUL byte anywhere (without a UTF-16 mark) means a binary file: skipped;
//! * an empty article (nothing but white space) is skipped;
//! * invalid UTF-8 is decoded lossily (U+FFFD for each bad sequence), with a note;
//! * HTML (asked for by the caller, for `.html` files, or text that is clearly HTML: it starts
//!   with a doctype or an `<html>`, `<head>` or `<body>` tag) has its tags, comments, scripts,
//!   styles and head removed, its block tags turned into paragraph breaks and its character
//!   references decoded.
//!
//! The text analysed is then not the bytes of the file, so every change is recorded in a
//! [`SourceMap`]: [`SourceMap::to_source`] takes an offset in the decoded text back to the byte
//! offset in the input, and `analyze_document` uses it so that evidence offsets always point
//! into the original file. Decoding is one pass over the input, linear in its size.

/// How offsets in a decoded text map back to the input's bytes: a sorted list of points where
/// the two part (decoded offset, input offset); between points they advance together. Empty
/// for text that is the input unchanged.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SourceMap {
    points: Vec<(usize, usize)>,
}

impl SourceMap {
    /// The identity: the text is the input's bytes.
    pub fn identity() -> Self {
        SourceMap::default()
    }

    /// Is this the identity?
    pub fn is_identity(&self) -> bool {
        self.points.is_empty()
    }

    /// The input's byte offset of the decoded text's offset `pos`. An offset inside a replaced
    /// unit (an entity, a bad UTF-8 sequence) maps to that unit's start in the input; the end of
    /// a unit maps to its end.
    pub fn to_source(&self, pos: usize) -> usize {
        let i = self.points.partition_point(|&(d, _)| d <= pos);
        match i.checked_sub(1) {
            None => pos,
            Some(i) => {
                let (d, s) = self.points[i];
                s + (pos - d)
            }
        }
    }

    /// Record that decoded offset `decoded` is input offset `source` (kept only when the
    /// difference changes).
    fn mark(&mut self, decoded: usize, source: usize) {
        let same = match self.points.last() {
            Some(&(d, s)) => source as isize - decoded as isize == s as isize - d as isize,
            None => source == decoded,
        };
        if !same {
            if let Some(last) = self.points.last_mut().filter(|(d, _)| *d == decoded) {
                last.1 = source;
            } else {
                self.points.push((decoded, source));
            }
        }
    }
}

/// Text ready for analysis, with its way back to the input and what was done to it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    pub text: String,
    pub map: SourceMap,
    /// Things a user should hear about (lossy decoding); none for clean text or HTML.
    pub notes: Vec<String>,
}

/// Why an input holds no article.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Skip {
    /// NUL bytes: a binary file, not text.
    Binary,
    /// Nothing but white space (after removing markup, for HTML).
    Empty,
}

impl Skip {
    /// Why, in a few words.
    pub fn reason(self) -> &'static str {
        match self {
            Skip::Binary => "binary (NUL bytes), not text",
            Skip::Empty => "empty (no text)",
        }
    }
}

impl std::fmt::Display for Skip {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "skipped: {}", self.reason())
    }
}

/// Decode one article's bytes (see the module documentation). `html` says the caller knows the
/// input is HTML (a `.html` file); otherwise text that is clearly HTML is stripped too.
pub fn decode(bytes: Vec<u8>, html: bool) -> Result<Decoded, Skip> {
    let mut notes = Vec::new();
    let mut map = SourceMap::identity();
    let text: String = if let Some(utf16) = utf16(&bytes) {
        // offsets into UTF-16 input: each character is mapped back
        let mut text = String::with_capacity(bytes.len());
        let mut source = 2;
        for c in utf16 {
            map.mark(text.len(), source);
            let c = c.unwrap_or(char::REPLACEMENT_CHARACTER);
            text.push(c);
            source += c.len_utf16() * 2;
        }
        map.mark(text.len(), source);
        text
    } else {
        if memchr::memchr(0, &bytes).is_some() {
            return Err(Skip::Binary);
        }
        let bom = if bytes.starts_with(b"\xEF\xBB\xBF") { 3 } else { 0 };
        match String::from_utf8(bytes) {
            Ok(mut t) => {
                if bom > 0 {
                    t.drain(..bom);
                    map.mark(0, bom);
                }
                t
            }
            Err(e) => {
                let bytes = e.into_bytes();
                let (text, bad) = lossy(&bytes[bom..], bom, &mut map);
                notes.push(format!(
                    "not valid UTF-8: {bad} bad byte sequence(s) decoded as U+FFFD (evidence offsets still point into the file)"
                ));
                text
            }
        }
    };
    let (text, map) = if html || looks_like_html(&text) { strip_html(&text, &map) } else { (text, map) };
    if text.trim().is_empty() {
        return Err(Skip::Empty);
    }
    Ok(Decoded { text, map, notes })
}

/// Decode text already held as a string (a JSON Lines record's `text`): the same rules as
/// [`decode`] for empty text and HTML. A NUL written as `\u0000` in JSON is a character of the
/// text like any other (a file with NUL bytes is binary; a record that spells one out is not).
pub fn decode_str(text: String) -> Result<Decoded, Skip> {
    let (text, map) =
        if looks_like_html(&text) { strip_html(&text, &SourceMap::identity()) } else { (text, SourceMap::identity()) };
    if text.trim().is_empty() {
        return Err(Skip::Empty);
    }
    Ok(Decoded { text, map, notes: Vec::new() })
}

/// The characters of UTF-16 input with a byte-order mark (`None` without one).
fn utf16(bytes: &[u8]) -> Option<Vec<Result<char, std::char::DecodeUtf16Error>>> {
    let little = match bytes.get(..2) {
        Some([0xFF, 0xFE]) => true,
        Some([0xFE, 0xFF]) => false,
        _ => return None,
    };
    let units = bytes[2..].chunks(2).map(|c| match (c, little) {
        ([a, b], true) => u16::from_le_bytes([*a, *b]),
        ([a, b], false) => u16::from_be_bytes([*a, *b]),
        // an odd last byte
        _ => 0xFFFD,
    });
    Some(char::decode_utf16(units).collect())
}

/// Lossy UTF-8 with a map: each bad sequence becomes U+FFFD. `base` is the offset of `bytes` in
/// the input. Returns the text and the number of bad sequences.
fn lossy(bytes: &[u8], base: usize, map: &mut SourceMap) -> (String, usize) {
    let mut text = String::with_capacity(bytes.len() + 16);
    let mut bad = 0;
    map.mark(0, base);
    for chunk in bytes.utf8_chunks() {
        let at = base + (chunk.valid().as_ptr() as usize - bytes.as_ptr() as usize);
        map.mark(text.len(), at);
        text.push_str(chunk.valid());
        if !chunk.invalid().is_empty() {
            bad += 1;
            map.mark(text.len(), at + chunk.valid().len());
            text.push(char::REPLACEMENT_CHARACTER);
            map.mark(text.len(), at + chunk.valid().len() + chunk.invalid().len());
        }
    }
    (text, bad)
}

/// Is this text clearly HTML: does it start (after white space) with a doctype or an `<html>`,
/// `<head>` or `<body>` tag?
pub fn looks_like_html(text: &str) -> bool {
    let t = text.trim_start_matches(|c: char| c.is_whitespace() || c == '\u{feff}');
    let head = t.get(..t.len().min(16)).unwrap_or(t).to_ascii_lowercase();
    ["<!doctype html", "<html", "<head", "<body"].iter().any(|p| head.starts_with(p))
}

/// Elements whose content is not article text: dropped with their tags.
const DROPPED: &[&str] = &["script", "style", "head", "noscript", "template", "svg", "iframe", "object"];

/// Elements that break a paragraph (the tag becomes a blank line).
const BLOCKS: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "br",
    "dd",
    "div",
    "dl",
    "dt",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hr",
    "li",
    "main",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "table",
    "td",
    "th",
    "title",
    "tr",
    "ul",
];

/// Remove markup from HTML `text`, whose offsets map to the input by `map`; the stripped text
/// and its map to the input.
fn strip_html(text: &str, map: &SourceMap) -> (String, SourceMap) {
    let b = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    // stripped text to `text` (composed with `map` at the end); `i` walks `text`
    let mut out_map = SourceMap::identity();
    let mut i = 0;
    // once a `<` has found no `>` after it, no later one will: stay linear on "<<<<..."
    let mut no_close_after = usize::MAX;
    while i < b.len() {
        let Some(lt) = memchr::memchr2(b'<', b'&', &b[i..]).map(|k| i + k) else {
            push_text(&mut out, &text[i..]);
            break;
        };
        push_text(&mut out, &text[i..lt]);
        i = lt;
        if b[i] == b'&' {
            match entity(&text[i..]) {
                Some((c, len)) => {
                    out_map.mark(out.len(), i);
                    out.push(if c == '\u{a0}' { ' ' } else { c });
                    i += len;
                    out_map.mark(out.len(), i);
                }
                None => {
                    out.push('&');
                    i += 1;
                }
            }
            continue;
        }
        // a comment, a CDATA section, a doctype or processing instruction, or a tag
        let rest = &text[i..];
        let end = if rest.starts_with("<!--") {
            find(rest, "-->", 4).map(|k| i + k + 3).unwrap_or(b.len())
        } else if rest.starts_with("<![CDATA[") {
            find(rest, "]]>", 9).map(|k| i + k + 3).unwrap_or(b.len())
        } else if rest.len() > 1 && (b[i + 1].is_ascii_alphabetic() || matches!(b[i + 1], b'/' | b'!' | b'?')) {
            if i >= no_close_after {
                out.push('<');
                i += 1;
                continue;
            }
            match memchr::memchr(b'>', &b[i..]) {
                Some(k) => i + k + 1,
                None => {
                    no_close_after = i;
                    out.push('<');
                    i += 1;
                    continue;
                }
            }
        } else {
            out.push('<');
            i += 1;
            continue;
        };
        let tag = &text[i..end];
        let (name, closing) = tag_name(tag);
        let mut after = end;
        if !closing && DROPPED.contains(&name.as_str()) && !tag.ends_with("/>") {
            // everything up to the closing tag (or the end, when it never comes) goes
            after = find_ci(text, end, &format!("</{name}"))
                .map(|k| memchr::memchr(b'>', &b[k..]).map(|g| k + g + 1).unwrap_or(b.len()))
                .unwrap_or(b.len());
        }
        out_map.mark(out.len(), i);
        if BLOCKS.contains(&name.as_str()) {
            out.push_str("\n\n");
        }
        i = after;
        out_map.mark(out.len(), i);
    }
    (out, compose(out_map, map, text.len()))
}

/// Text between tags: line breaks in HTML source are spaces (only tags break paragraphs).
fn push_text(out: &mut String, s: &str) {
    out.extend(s.chars().map(|c| if c == '\n' || c == '\r' { ' ' } else { c }));
}

/// `outer` (stripped text to decoded input) followed by `inner` (decoded input to the input's
/// bytes): one map from stripped text to the input's bytes.
fn compose(outer: SourceMap, inner: &SourceMap, len: usize) -> SourceMap {
    if inner.is_identity() {
        return outer;
    }
    let mut out = SourceMap::identity();
    // the runs of outer: from (o, m) on, decoded offset m + (x - o), up to the next run
    let mut runs = vec![(0, 0)];
    runs.extend(outer.points.iter().copied());
    for (k, &(o, m)) in runs.iter().enumerate() {
        let next = runs.get(k + 1).map(|&(o2, _)| m + (o2 - o)).unwrap_or(len);
        out.mark(o, inner.to_source(m));
        // the inner points inside this run (a bad UTF-8 sequence in a paragraph)
        let first = inner.points.partition_point(|&(d, _)| d <= m);
        for &(d, s) in inner.points[first..].iter().take_while(|&&(d, _)| d < next) {
            out.mark(o + (d - m), s);
        }
    }
    out
}

/// `pat` in `s` at or after byte `from` (exact).
fn find(s: &str, pat: &str, from: usize) -> Option<usize> {
    memchr::memmem::find(&s.as_bytes()[from..], pat.as_bytes()).map(|k| from + k)
}

/// `pat` (ASCII lower case) in `s` at or after byte `from`, ignoring ASCII case.
fn find_ci(s: &str, from: usize, pat: &str) -> Option<usize> {
    let b = s.as_bytes();
    let p = pat.as_bytes();
    let mut at = from;
    while let Some(k) = memchr::memchr(b'<', &b[at..]).map(|k| at + k) {
        if b.len() - k >= p.len() && b[k..k + p.len()].eq_ignore_ascii_case(p) {
            return Some(k);
        }
        at = k + 1;
    }
    None
}

/// The lower-case element name of a tag (`<P class=x>` is `p`) and whether it closes.
fn tag_name(tag: &str) -> (String, bool) {
    let inner = tag.trim_start_matches('<');
    let (closing, inner) = match inner.strip_prefix('/') {
        Some(r) => (true, r),
        None => (false, inner),
    };
    let name: String =
        inner.chars().take_while(|c| c.is_ascii_alphanumeric()).take(16).map(|c| c.to_ascii_lowercase()).collect();
    (name, closing)
}

/// The character a reference at the start of `s` stands for (`&amp;`, `&#8220;`, `&#x201C;`),
/// and the reference's length. Unknown names are not references.
fn entity(s: &str) -> Option<(char, usize)> {
    let semi = s.as_bytes().iter().take(12).position(|&c| c == b';')?;
    let body = &s[1..semi];
    let c = if let Some(num) = body.strip_prefix('#') {
        let n = match num.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => num.parse().ok()?,
        };
        char::from_u32(n).filter(|&c| c != '\0')?
    } else {
        match body {
            "amp" => '&',
            "lt" => '<',
            "gt" => '>',
            "quot" => '"',
            "apos" => '\'',
            "nbsp" => '\u{a0}',
            "ldquo" => '\u{201c}',
            "rdquo" => '\u{201d}',
            "lsquo" => '\u{2018}',
            "rsquo" => '\u{2019}',
            "laquo" => '\u{ab}',
            "raquo" => '\u{bb}',
            "bdquo" => '\u{201e}',
            "mdash" => '\u{2014}',
            "ndash" => '\u{2013}',
            "hellip" => '\u{2026}',
            "shy" => '\u{ad}',
            "middot" => '\u{b7}',
            "bull" => '\u{2022}',
            "copy" => '\u{a9}',
            "reg" => '\u{ae}',
            "trade" => '\u{2122}',
            "euro" => '\u{20ac}',
            "pound" => '\u{a3}',
            "deg" => '\u{b0}',
            "sect" => '\u{a7}',
            "times" => '\u{d7}',
            "lsaquo" => '\u{2039}',
            "rsaquo" => '\u{203a}',
            "sbquo" => '\u{201a}',
            "ensp" | "emsp" | "thinsp" => ' ',
            _ => latin1_entity(body)?,
        }
    };
    Some((c, semi + 1))
}

/// Accented Latin letters by their HTML names (`eacute`, `Ouml`...).
fn latin1_entity(name: &str) -> Option<char> {
    let (base, accent) = name.split_at(name.char_indices().nth(1)?.0);
    let base = base.chars().next()?;
    let mark = match accent {
        "acute" => '\u{301}',
        "grave" => '\u{300}',
        "circ" => '\u{302}',
        "tilde" => '\u{303}',
        "uml" => '\u{308}',
        "ring" => '\u{30a}',
        "cedil" => '\u{327}',
        "caron" => '\u{30c}',
        _ => return None,
    };
    if !base.is_ascii_alphabetic() {
        return None;
    }
    use unicode_normalization::UnicodeNormalization;
    let composed: String = [base, mark].iter().collect::<String>().nfc().collect();
    let mut chars = composed.chars();
    match (chars.next(), chars.next()) {
        (Some(c), None) => Some(c),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every letter of the decoded text maps to the same letter in the input.
    fn letters_map_back(input: &[u8], d: &Decoded) {
        for (p, c) in d.text.char_indices().filter(|(_, c)| c.is_ascii_alphanumeric()) {
            let at = d.map.to_source(p);
            assert_eq!(input.get(at).copied(), Some(c as u8), "{c:?} at {p} maps to {at} in {:?}", input);
        }
    }

    fn ok(input: &[u8], html: bool) -> Decoded {
        let d = decode(input.to_vec(), html).expect("decodes");
        letters_map_back(input, &d);
        d
    }

    #[test]
    fn plain_utf8_is_the_input() {
        let d = ok("Jane Doe said “yes”.".as_bytes(), false);
        assert_eq!(d.text, "Jane Doe said “yes”.");
        assert!(d.map.is_identity() && d.notes.is_empty());
    }

    #[test]
    fn byte_order_mark_is_dropped_and_mapped() {
        let d = ok(b"\xEF\xBB\xBFJane called.", false);
        assert_eq!(d.text, "Jane called.");
        assert_eq!(d.map.to_source(0), 3);
        assert_eq!(d.map.to_source(d.text.len()), 15);
    }

    #[test]
    fn bad_utf8_is_replaced_with_a_note_and_offsets_into_the_file() {
        let input = b"Caf\xe9 owner Jos\xe9 called \xff\xfe Anna.";
        let d = ok(input, false);
        // as String::from_utf8_lossy: each byte that starts no sequence is one replacement
        assert_eq!(d.text, "Caf\u{fffd} owner Jos\u{fffd} called \u{fffd}\u{fffd} Anna.");
        assert_eq!(d.notes.len(), 1);
        assert!(d.notes[0].contains("4 bad byte sequence(s)"), "{:?}", d.notes);
        // the end of the text is the end of the file
        assert_eq!(d.map.to_source(d.text.len()), input.len());
    }

    #[test]
    fn utf16_with_a_mark_is_decoded() {
        let mut input = vec![0xFF, 0xFE];
        for u in "Anna Berg called.".encode_utf16() {
            input.extend(u.to_le_bytes());
        }
        let d = decode(input.clone(), false).unwrap();
        assert_eq!(d.text, "Anna Berg called.");
        // 'B' is the sixth character: bytes 2 + 5 * 2
        assert_eq!(d.map.to_source(5), 12);
        assert_eq!(d.map.to_source(d.text.len()), input.len());
    }

    #[test]
    fn binary_and_empty_inputs_are_skipped() {
        assert_eq!(decode(b"PK\x03\x04\x00\x00junk".to_vec(), false), Err(Skip::Binary));
        assert_eq!(decode(b"  \n\t \r\n".to_vec(), false), Err(Skip::Empty));
        assert_eq!(decode(Vec::new(), false), Err(Skip::Empty));
        assert_eq!(decode(b"<html><script>x()</script></html>".to_vec(), false), Err(Skip::Empty));
        assert_eq!(decode_str("a\0b".into()).map(|d| d.text), Ok("a\0b".to_string()));
        assert_eq!(decode_str(" \n ".into()), Err(Skip::Empty));
    }

    #[test]
    fn html_loses_markup_and_keeps_offsets() {
        let input = "<!DOCTYPE html><html><head><title>Site | News</title><style>p{}</style></head>\n<body><!-- ad --><h1>Talks</h1>\n<p>Minister <b>Anna Berg</b> said &ldquo;no&rdquo; to AT&amp;T.</p><script>var s = '<p>x</p>';</script><p>Second&nbsp;one.</p></body></html>";
        let d = ok(input.as_bytes(), false);
        let paragraphs: Vec<&str> = d.text.split("\n\n").map(str::trim).filter(|p| !p.is_empty()).collect();
        assert_eq!(paragraphs, ["Talks", "Minister Anna Berg said “no” to AT&T.", "Second one."]);
        // an entity's character maps to the entity's start, and its end to the entity's end
        let q = d.text.find('“').unwrap();
        assert_eq!(&input[d.map.to_source(q)..d.map.to_source(q + '“'.len_utf8())], "&ldquo;");
        let s = d.text.find("Minister").unwrap();
        let e = d.text.find("T.").unwrap() + 2;
        assert_eq!(
            &input[d.map.to_source(s)..d.map.to_source(e)],
            "Minister <b>Anna Berg</b> said &ldquo;no&rdquo; to AT&amp;T."
        );
    }

    #[test]
    fn html_is_recognised_by_its_start_or_by_the_caller() {
        assert!(looks_like_html("\n  <!doctype HTML><p>x"));
        assert!(looks_like_html("<HTML lang=en>"));
        assert!(!looks_like_html("The <b> tag is bold."));
        // a .txt that is not HTML keeps its angle brackets
        assert_eq!(ok(b"Scores: 3 < 5 and <b>", false).text, "Scores: 3 < 5 and <b>");
        assert_eq!(ok(b"Scores <b>up</b>", true).text, "Scores up");
    }

    #[test]
    fn broken_html_is_linear_and_keeps_its_text() {
        // a tag that never closes, a script that never ends, an unknown entity, a lone ampersand
        let d = ok(b"<p>Anna &bogus; & Berg <unclosed attr", true);
        assert_eq!(d.text.trim(), "Anna &bogus; & Berg <unclosed attr");
        let d = ok(b"<p>Anna called.</p><script>never ends", true);
        assert_eq!(d.text.trim(), "Anna called.");
        // many angle brackets with no closing one: each is text, in one pass
        let input = format!("<p>x{}", "<a".repeat(50_000));
        let d = ok(input.as_bytes(), true);
        assert_eq!(d.text.matches("<a").count(), 50_000);
    }

    #[test]
    fn html_that_is_also_bad_utf8_maps_through_both() {
        let input = b"<html><p>Jos\xe9 <i>Berg</i> called &amp; Anna said \xff yes.</p>";
        let d = ok(input, false);
        assert!(d.text.contains("Jos\u{fffd} Berg called & Anna said \u{fffd} yes."), "{:?}", d.text);
        let y = d.text.find("yes").unwrap();
        assert_eq!(&input[d.map.to_source(y)..d.map.to_source(y + 3)], b"yes");
    }

    #[test]
    fn entities() {
        assert_eq!(entity("&amp;x"), Some(('&', 5)));
        assert_eq!(entity("&#8220;"), Some(('\u{201c}', 7)));
        assert_eq!(entity("&#x201D;"), Some(('\u{201d}', 8)));
        assert_eq!(entity("&eacute;"), Some(('é', 8)));
        assert_eq!(entity("&Ouml;"), Some(('Ö', 6)));
        assert_eq!(entity("&#0;"), None);
        assert_eq!(entity("&#xD800;"), None);
        assert_eq!(entity("&nosuchname;"), None);
        assert_eq!(entity("& amp"), None);
    }
}
