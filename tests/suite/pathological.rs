//! Pathological text stays linear (issue 6): an article with no sentence boundary, a hundred
//! thousand quotation marks, capitalised words by the ten thousand, one sentence dense with cues.
//!
//! Each test reads an article of a few hundred kilobytes whose work grew with the square of its
//! length before (a look-back over every mention, entity or statement of the document, a scan of
//! the whole sentence at every token, a fact quoting everything before it) and checks what comes
//! out: the bounds that keep the work linear ([`MAX_SENTENCE_BYTES`], [`MAX_FACTS_PER_SENTENCE`],
//! [`MAX_QUOTED_PER_SENTENCE`]) hold, and the lookups that replaced the scans find what the scans
//! found. Nothing is timed here: `scripts/bench-pathological` measures the growth (see
//! docs/performance.md, "Pathological inputs"), and a quadratic path that came back would make
//! these tests crawl. Every name is made up.

use switchboard::events::{MAX_FACTS_PER_SENTENCE, MAX_QUOTED_PER_SENTENCE};
use switchboard::facts::DocFacts;
use switchboard::input::Document;
use switchboard::resolve::EntityKind;
use switchboard::rules::Rules;
use switchboard::text::{self, MAX_SENTENCE_BYTES};

fn analyze(text: &str) -> DocFacts {
    let doc = Document { name: "p.txt".into(), text: text.into(), meta: Default::default() };
    switchboard::analyze_document(&doc, Rules::builtin())
}

/// A distinct made-up capitalised word for every `i` (Kakaka, Lokaka...).
fn word(mut i: usize) -> String {
    const SYL: [&str; 16] =
        ["ka", "lo", "mi", "ra", "ve", "tu", "no", "si", "be", "da", "fe", "gu", "ho", "ji", "pa", "zo"];
    let mut w = String::new();
    for _ in 0..3 {
        w.push_str(SYL[i % 16]);
        i /= 16;
    }
    if i > 0 {
        w.push_str(&SYL[i % 16].repeat(1 + i / 16));
    }
    let mut c = w.chars();
    c.next().map(|f| f.to_uppercase().chain(c).collect()).unwrap_or_default()
}

/// `n` units joined by spaces, after a headline.
fn article(n: usize, unit: impl Fn(usize) -> String) -> String {
    let body: Vec<String> = (0..n).map(unit).collect();
    format!("Headline\n\n{}\n", body.join(" "))
}

/// The sentences of `text` stay within the bound, are cut at white space when there is some, and
/// lose nothing but the white space between them.
fn check_sentences(text: &str) -> usize {
    let seg = text::segment(text);
    let mut words = String::new();
    for s in &seg.sentences {
        assert!(s.end - s.start <= MAX_SENTENCE_BYTES, "a sentence of {} bytes", s.end - s.start);
        assert!(text.is_char_boundary(s.start) && text.is_char_boundary(s.end));
        words.push_str(&text[s.start..s.end]);
    }
    let all: String = text.split_whitespace().collect();
    assert_eq!(words.split_whitespace().collect::<String>(), all, "the sentences lost or doubled text");
    seg.sentences.len()
}

/// The facts of each sentence stay within the bounds.
fn check_facts(f: &DocFacts, text: &str) {
    let seg = text::segment(text);
    let mut statements = vec![0; f.sentences];
    let mut quoted = vec![0; f.sentences];
    for s in &f.statements {
        statements[s.evidence.sentence] += 1;
        quoted[s.evidence.sentence] += s.quote.len();
    }
    for (si, s) in seg.sentences.iter().enumerate() {
        assert!(statements[si] <= MAX_FACTS_PER_SENTENCE, "{} statements in sentence {si}", statements[si]);
        assert!(quoted[si] <= MAX_QUOTED_PER_SENTENCE * (s.end - s.start), "sentence {si} quoted {}", quoted[si]);
    }
    let mut reports = vec![0; f.sentences];
    for c in &f.calls {
        assert!(c.participants.len() <= MAX_FACTS_PER_SENTENCE * c.evidence.len().max(1));
        for (e, _) in &c.evidence {
            reports[e.sentence] += 1;
        }
    }
    // a clause may add one report after the sentence reached the bound
    assert!(reports.iter().all(|&n| n <= MAX_FACTS_PER_SENTENCE + 1), "{:?}", reports.iter().max());
}

#[test]
fn prose_with_no_full_stop_is_cut_into_bounded_sentences() {
    // 200 KB of news prose without a full stop or a line break (one sentence before): calls, then
    // refusals (a sentence that refuses a call reports none), and statements throughout
    let text = article(2_000, |i| {
        let (a, b, c, d) = (word(4 * i), word(4 * i + 1), word(4 * i + 2), word(4 * i + 3));
        match (i % 2, i < 1_000) {
            (0, true) => format!("the defence minister {a} {b} spoke by phone with his counterpart {c} {d} and"),
            (0, false) => format!("Minister {a} {b} declined a request for a call from Minister {c} {d} and"),
            _ => format!("Minister {a} {b} told reporters that the ministry would not comment and"),
        }
    });
    let n = check_sentences(&text);
    assert!(n >= text.len() / MAX_SENTENCE_BYTES && n <= 2 * text.len() / MAX_SENTENCE_BYTES + 1, "{n} sentences");
    let f = analyze(&text);
    check_facts(&f, &text);
    // the names are found (a cut between two pieces may split one), and each piece reports its
    // calls, refusals and statements
    let people = f.entities.iter().filter(|e| e.kind == EntityKind::Person).count();
    assert!(people <= 3_000 && people + n >= 3_000, "{people} people, {n} sentences");
    assert!(
        f.calls.len() >= n / 4 && f.refusals.len() >= n / 4,
        "{} calls, {} refusals",
        f.calls.len(),
        f.refusals.len()
    );
    assert!(f.statements.len() >= n, "{} statements", f.statements.len());
}

#[test]
fn one_word_of_a_quarter_megabyte_is_cut_on_char_boundaries() {
    for w in ["a".repeat(250_000), "\u{e9}".repeat(100_000), format!("Minister A{}", "\u{442}".repeat(100_000))] {
        let text = format!("Headline\n\n{w}\n");
        let n = check_sentences(&text);
        assert!(n >= w.len() / MAX_SENTENCE_BYTES, "{n} sentences");
        assert!(analyze(&text).entities.is_empty());
    }
}

#[test]
fn a_hundred_thousand_quotation_marks() {
    // straight quotes alternate: 50,000 quotations
    let straight = article(100_000, |_| "\"".into());
    assert_eq!(text::segment(&straight).quotes.len(), 50_000);
    // curly opening quotes restart, guillemets wait for their closer: one quotation to the end
    for open in ["\u{201c}word", "\u{ab}mot", "\u{201e}Wort"] {
        let text = article(50_000, |_| open.into());
        assert_eq!(text::segment(&text).quotes.len(), 1, "{open}");
        check_sentences(&text);
        assert!(analyze(&text).statements.is_empty());
    }
    // closing quotes alone open nothing
    let closing = article(50_000, |_| "word\u{201d}".into());
    assert!(text::segment(&closing).quotes.is_empty());
    // quoted words with speakers, all in one sentence: bounded statements
    let said = article(5_000, |i| format!("\"We agree,\" said {} {},", word(2 * i), word(2 * i + 1)));
    let f = analyze(&said);
    check_facts(&f, &said);
    assert!(!f.statements.is_empty());
}

#[test]
fn quotes_in_a_range_are_the_quotes_that_overlap_it() {
    let text = article(20_000, |i| if i % 3 == 0 { format!("\"{}", word(i)) } else { word(i) });
    let seg = text::segment(&text);
    assert!(seg.quotes.len() > 3_000);
    for start in (0..text.len()).step_by(997) {
        let range = start..start + 1 + start % 200;
        let brute: Vec<_> =
            seg.quotes.iter().filter(|q| q.open.start < range.end && q.close.end > range.start).collect();
        assert_eq!(seg.quotes_in(range.clone()).collect::<Vec<_>>(), brute, "{range:?}");
    }
}

#[test]
fn capitalised_words_by_the_ten_thousand() {
    // no title, no known given name, no cue: no one
    for text in [
        article(40_000, word),
        article(40_000, |i| word(i).to_uppercase()),
        article(40_000, |i| format!("{}.", char::from(b'A' + (i % 26) as u8))),
        format!("Headline\n\nMinister {}\n", (0..40_000).map(word).collect::<Vec<_>>().join(" ")),
    ] {
        check_sentences(&text);
        let f = analyze(&text);
        assert!(f.entities.iter().all(|e| e.kind != EntityKind::Person), "{:?}", f.entities.first());
    }
    // a title before every two words: every one of them a person with that title
    let titled = article(10_000, |i| format!("Minister {} {}", word(2 * i), word(2 * i + 1)));
    let f = analyze(&titled);
    let people: Vec<_> = f.entities.iter().filter(|e| e.kind == EntityKind::Person).collect();
    // (a cut between two pieces of the one long sentence may split a name)
    assert!(people.len() <= 10_000 && people.len() + f.sentences >= 10_000, "{} people", people.len());
    assert!(people.iter().all(|e| e.titles.iter().any(|t| t == "Minister")));
}

#[test]
fn lone_surnames_join_the_person_named_last_among_thousands() {
    // 2,000 people share a surname; each is named, then called by the surname alone twice
    let text = article(2_000, |i| format!("Minister {} Kaloma spoke. Kaloma agreed. Then Kaloma left.", word(i)));
    let f = analyze(&text);
    let people: Vec<_> = f.entities.iter().filter(|e| e.kind == EntityKind::Person).collect();
    assert_eq!(people.len(), 2_000);
    assert!(people.iter().all(|e| e.mentions.len() == 3), "{:?}", people.iter().map(|e| e.mentions.len()).max());
}

#[test]
fn middle_names_join_across_documents_among_thousands() {
    // one article names 3,000 people by three names, another by the last two: each of the second
    // is the one person of the first with that middle name and surname (the merge compared every
    // person with every holder of a middle name)
    let n = 3_000;
    let full = article(n, |i| format!("Minister {} {} {} spoke.", word(3 * i), word(3 * i + 1), word(3 * i + 2)));
    let short = article(n, |i| format!("Minister {} {} agreed.", word(3 * i + 1), word(3 * i + 2)));
    let doc = |name: &str, text: String| Document { name: name.into(), text, meta: Default::default() };
    let g = switchboard::build_graph(&[doc("a.txt", full), doc("b.txt", short)], Rules::builtin());
    assert_eq!(g.count(switchboard::graph::NodeKind::Person), n);
}

#[test]
fn role_references_and_anaphors_among_thousands() {
    // "the minister" is the minister named last; "the ministry" the ministry named last
    let text = article(1_500, |i| {
        format!(
            "Minister {a} {b} met the {c} Ministry of Defence. The minister said the ministry agreed.",
            a = word(2 * i),
            b = word(2 * i + 1),
            c = ["Kalovian", "Loravian"][i % 2]
        )
    });
    let f = analyze(&text);
    let people = f.entities.iter().filter(|e| e.kind == EntityKind::Person).count();
    assert_eq!(people, 1_500);
    // every statement has its own minister as speaker: the one named in its sentence
    assert_eq!(f.statements.len(), 1_500);
    let mut speakers: Vec<usize> = f.statements.iter().map(|s| s.speaker).collect();
    speakers.sort_unstable();
    speakers.dedup();
    assert_eq!(speakers.len(), 1_500);
}

#[test]
fn a_sentence_dense_with_cues_calls_and_refusals_gives_bounded_facts() {
    let said = article(5_000, |i| format!("{} {} said,", word(2 * i), word(2 * i + 1)));
    let names = ["Anna", "Paul", "Maria", "Peter"];
    let calls = article(3_000, |i| {
        format!("{} {} spoke by phone with {} {} and", names[i % 4], word(2 * i), names[(i + 1) % 4], word(2 * i + 1))
    });
    let refusals = article(3_000, |i| {
        format!("{} {} declined a request for a call from {} {} and", names[i % 4], word(2 * i), names[i % 3], word(i))
    });
    let apposed = article(3_000, |i| format!("{} {}, a spokesman for the ministry, said", names[i % 4], word(i)));
    for text in [said, calls, refusals, apposed] {
        check_sentences(&text);
        let f = analyze(&text);
        check_facts(&f, &text);
    }
}

#[test]
fn many_calls_and_sentences_in_one_document() {
    // 3,000 calls between different pairs, one a sentence, and pronouns between them
    let names = ["Anna", "Paul", "Maria", "Peter"];
    let text = article(3_000, |i| {
        format!(
            "{} {} spoke by phone with {} {} on Tuesday. He said it went well.",
            names[i % 4],
            word(2 * i),
            names[(i + 1) % 4],
            word(2 * i + 1)
        )
    });
    let f = analyze(&text);
    assert_eq!(f.calls.len(), 3_000);
    assert!(f.calls.iter().all(|c| c.participants.len() == 2));
    assert_eq!(f.statements.len(), 3_000);
}

#[test]
fn punctuation_brackets_and_semicolons() {
    let punctuation = article(1, |_| ",.;:!?-\u{2014}()\"'".chars().cycle().take(100_000).collect());
    let brackets = format!("Headline\n\n{}word{}\n", "(".repeat(100_000), ")".repeat(100_000));
    // a call in every clause, a hundred thousand clauses
    let clauses = article(20_000, |i| format!("{} spoke by phone with {};", word(2 * i), word(2 * i + 1)));
    for text in [punctuation, brackets, clauses] {
        check_sentences(&text);
        let f = analyze(&text);
        check_facts(&f, &text);
    }
}
