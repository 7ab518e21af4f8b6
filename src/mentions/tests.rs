//! Unit tests of the mention finder.

use crate::input::Document;
use crate::rules::Rules;

/// The `person:` and `institution:` lines of the fact dump of `text`.
fn entities(text: &str) -> Vec<String> {
    let doc = Document { name: "t.txt".into(), text: text.into(), meta: Default::default() };
    let dump = crate::analyze_document(&doc, Rules::builtin()).dump();
    dump.lines().filter(|l| l.starts_with("person:") || l.starts_with("institution:")).map(String::from).collect()
}

/// Any white space between the words of a title or a name reads as one space (the spans
/// looked up are borrowed from the text only when they hold single spaces).
#[test]
fn white_space_inside_names_and_titles_reads_as_a_space() {
    let text = "Talks\n\nUS Defense Secretary Jane Roe spoke by telephone with Russian Defense Minister Ivan \
                Petrov of the Russian Defense Ministry.\n";
    let plain = entities(text);
    assert!(plain.iter().any(|l| l.contains("Defense Minister")), "{plain:?}");
    for sep in ["  ", "\t", "\u{b}", "\u{c}", "\u{a0}", "\u{2009}", "\u{3000}", "\u{85}"] {
        let odd = text
            .replace("Defense Minister", &format!("Defense{sep}Minister"))
            .replace("Jane Roe", &format!("Jane{sep}Roe"));
        assert_eq!(entities(&odd), plain, "separator {sep:?}");
    }
}

/// The marks of [`super::Finder::starts`] leave a rule off only at tokens where the rule
/// finds nothing: tried at every token of the seed and fixture articles and of invented text.
#[test]
fn a_rule_finds_nothing_where_its_mark_is_off() {
    use super::{Finder, first_word, mark};
    let root = env!("CARGO_MANIFEST_DIR");
    let mut texts = vec![
        "\u{c9}LISE Durand-Roe and al-Fakir met el-Zed of the Armed Forces of Ukraine. He, she, it and They \
         left the United States for Abu Dhabi; iPhone makers and the new Defence Ministry of the \
         Republic of Kazakhstan agreed. Its chief spokesman, Brig. Gen. A. B. Roe, and US Defense \
         Secretary Jane Roe said the ministry's own deputy foreign minister \u{d6}mer Roe spoke."
            .to_string(),
    ];
    for dir in ["seeds", "tests/fixtures/articles"] {
        let mut paths: Vec<_> = std::fs::read_dir(format!("{root}/{dir}"))
            .expect("read the articles")
            .map(|e| e.expect("an entry").path())
            .filter(|p| p.extension().is_some_and(|x| x == "txt"))
            .collect();
        paths.sort();
        texts.extend(paths.iter().map(|p| std::fs::read_to_string(p).expect("an article")));
    }
    assert!(texts.len() > 20);
    let rules = Rules::builtin();
    let (mut on, mut off) = ([0usize; 5], [0usize; 5]);
    for text in &texts {
        let seg = crate::text::segment(text);
        let toks = super::tokens(text, &seg);
        let mut f = Finder::new(text, &seg, rules);
        for (si, ts) in toks.per_sentence.iter().enumerate() {
            f.first_word = first_word(ts);
            f.mark_tokens(ts);
            for i in 0..ts.len() {
                let m = f.marks[i];
                let bits = [mark::GAZETTEER, mark::PATTERN, mark::PERSON, mark::PLACE, mark::PRONOUN];
                for (r, bit) in bits.into_iter().enumerate() {
                    if m & bit != 0 {
                        on[r] += 1;
                        continue;
                    }
                    off[r] += 1;
                    let n = f.out.len();
                    let found = match r {
                        0 => f.gazetteer_at(si, ts, i),
                        1 => f.pattern_at(si, ts, i),
                        2 => f.person_at(si, ts, i),
                        3 => f.place_at(si, ts, i),
                        _ => f.pronoun_at(si, ts, i),
                    };
                    let w = ts[i].text(text);
                    assert!(
                        found.is_none() && f.out.len() == n,
                        "rule {r} at {w:?} in {:?}",
                        &text[seg.sentences[si].start..seg.sentences[si].end]
                    );
                }
            }
            // (the mentions so far, as the rules see them in a document)
            f.sentence(si, ts);
        }
    }
    assert!(on.iter().all(|&n| n > 10) && off.iter().all(|&n| n > 1000), "{on:?} {off:?}");
}

#[test]
fn titles_ranks_and_institution_prefixes_are_not_names() {
    let e = entities("Pentagon press secretary Brig. Gen. Jane Roe spoke. Air Force Major General John Doe agreed.");
    assert!(e.contains(&"person: Jane Roe [Brig. Gen.; Pentagon press secretary]".to_string()), "{e:?}");
    assert!(e.contains(&"person: John Doe [Air Force Major General]".to_string()), "{e:?}");
}

#[test]
fn given_names_initials_and_surnames_resolve_to_one_person() {
    let e = entities("Anna Roe arrived. A.B. Roe then spoke, and Roe's aides left.");
    assert_eq!(e.iter().filter(|l| l.starts_with("person:")).count(), 1, "{e:?}");
}

#[test]
fn surnames_that_are_titles_or_pronouns() {
    let e = entities("Defense Minister David King met Foreign Minister Ming He. \u{201c}Yes,\u{201d} He told Reuters.");
    assert!(e.iter().any(|l| l.starts_with("person: David King")), "{e:?}");
    assert!(e.iter().any(|l| l.starts_with("person: Ming He")), "{e:?}");
}

#[test]
fn places_days_and_parties_are_not_people() {
    let e = entities("In San Marino, Liberation Day drew crowds. Christian Democrats met near the Taiwan Strait.");
    assert!(!e.iter().any(|l| l.starts_with("person:")), "{e:?}");
}

#[test]
fn organisations_before_a_cue_are_not_people() {
    let e = entities("Amnesty International said the trial was unfair. Human Rights Watch said the same.");
    assert!(!e.iter().any(|l| l.starts_with("person:")), "{e:?}");
}

#[test]
fn a_rank_word_in_a_company_name_is_no_rank() {
    let e = entities("General Motors chief Mary Barra met the minister.");
    assert!(
        e.contains(&"person: Mary Barra [General Motors chief]".to_string())
            || e.iter().any(|l| l.starts_with("person: Mary Barra")),
        "{e:?}"
    );
    assert!(!e.iter().any(|l| l.starts_with("person: Motors")), "{e:?}");
}

#[test]
fn a_given_name_that_is_also_a_country() {
    let e = entities("Foreign Minister Israel Katz refused the request.");
    assert!(e.iter().any(|l| l.starts_with("person: Israel Katz")), "{e:?}");
}

#[test]
fn ministries_by_pattern_and_anaphor() {
    let e = entities(
        "Moscow's defense ministry said so. Later the ministry added more. The Ministry of Foreign Affairs of Ukraine agreed.",
    );
    assert!(e.iter().any(|l| l.starts_with("institution: Russian Defense Ministry")), "{e:?}");
    assert!(e.iter().any(|l| l.starts_with("institution: Ukrainian Foreign Ministry")), "{e:?}");
}

/// The gender each person mention's titles, apposition and given name tell, by the words of
/// the name as written.
fn genders(text: &str) -> Vec<(String, Option<crate::rules::Gender>)> {
    let rules = Rules::builtin();
    let seg = crate::text::segment(text);
    let toks = super::tokens(text, &seg);
    super::find(text, &seg, &toks, rules)
        .iter()
        .filter(|m| m.is_person())
        .map(|m| (text[m.span.clone()].to_string(), m.gender.gender()))
        .collect()
}

#[test]
fn titles_appositions_and_given_names_tell_a_gender() {
    use crate::rules::Gender::{Female, Male};
    let got = genders(
        "Talks\n\nMs. Ferri met Sir Otto Brandt, Queen Ilse and Mr Varga. Giulia Ferri thanked Dr. Lind. \
         Sam Lind, a spokeswoman for the ministry, left. Defense Minister Andrea Costa stayed. \
         Prime Minister Giulia Ferri met Mr. Anna Weiss.",
    );
    let want = [
        ("Ferri", Some(Female)),
        ("Otto Brandt", Some(Male)),
        ("Ilse", Some(Female)),
        ("Varga", Some(Male)),
        ("Giulia Ferri", Some(Female)),
        // an honorific of no gender, a name given to both
        ("Lind", None),
        // the apposition: a role word of one gender
        ("Sam Lind", Some(Female)),
        ("Andrea Costa", None),
        ("Giulia Ferri", Some(Female)),
        // a title and a name that disagree tell nothing
        ("Anna Weiss", None),
    ];
    let want: Vec<(String, Option<crate::rules::Gender>)> = want.iter().map(|(n, g)| (n.to_string(), *g)).collect();
    assert_eq!(got, want);
}

/// Lower-case words before a role make a title only when they can modify it ("trade adviser");
/// a preposition or a pronoun before it ("from her counterpart", "with opposition leader") is
/// no part of the title.
#[test]
fn prepositions_and_pronouns_before_a_role_are_no_title() {
    let got = entities(
        "Talks\n\nThe minister declined a request from her counterpart Jane Roe. He ruled out talks with \
         opposition leader John Doe. White House trade adviser Jim Poe spoke. She asked to meet \
         party leader Ann Loe.\n",
    );
    let line = |name: &str| got.iter().find(|l| l.contains(name)).cloned().unwrap_or_default();
    assert_eq!(line("Jane Roe"), "person: Jane Roe []", "{got:?}");
    assert_eq!(line("John Doe"), "person: John Doe [opposition leader]", "{got:?}");
    assert!(line("Jim Poe").contains("trade adviser"), "{got:?}");
    assert_eq!(line("Ann Loe"), "person: Ann Loe [party leader]", "{got:?}");
}

/// An initial written without its dot ("S Roe", "Jane Q Roe") is an initial; "A" before a
/// capital at the start of a sentence is the article.
#[test]
fn initials_without_a_dot_stay_in_the_name() {
    let got = entities(
        "Talks\n\nForeign Minister S Kaur spoke to US Secretary of State Jane Q Roe on Monday. A Pentagon \
         spokesman said so.\n",
    );
    assert!(got.iter().any(|l| l.starts_with("person: S. Kaur [")), "{got:?}");
    assert!(got.iter().any(|l| l.starts_with("person: Jane Q. Roe [")), "{got:?}");
    assert!(!got.iter().any(|l| l.contains("A Pentagon") || l.contains("A. Pentagon")), "{got:?}");
}
