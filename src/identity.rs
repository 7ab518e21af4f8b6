//! Whether two mentions name the same person: the one place that decides it.
//!
//! A person's name is reduced to a [`PersonKey`]: the folded surname, the family of the given
//! name (spellings and nicknames of one name, from `name_variants.tsv`: "Andrey" and "Andrei",
//! "Pat" and "Patrick"), the first initial, the families of the middle names, and for family
//! names written first ("Chen Li") the first word. Every stage compares keys, never spellings:
//!
//! - `mentions` finds lone surnames of people already named ([`surname_key`]);
//! - `resolve` groups one document's mentions by [`PersonKey`] (given family, then initial, then
//!   lone surname; a middle name joins the full name, [`middle_keys`]);
//! - `graph` merges the documents' people by the same keys ([`surname_key`], [`middle_keys`]);
//! - `query` finds a person by another spelling or an initial ([`given_fits`]).
//!
//! [`same_person`] states the rule those stages apply, and the table test below holds its cases.

use crate::mentions::{NAME_PARTICLES, is_initials};
use crate::normalize::fold;
use crate::rules::Rules;

/// What identifies a person's name.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct PersonKey {
    /// the folded surname ("doe")
    pub surname: String,
    /// the family of the given name ("patrick" for Pat), when a given name is written
    pub given: Option<String>,
    /// the first initial, of the given name or of initials ("A.R. Doe": 'a')
    pub initial: Option<char>,
    /// the families of the middle names of a name of three words or more ("Mohammad Ishaq Tarin": ishaq)
    pub middles: Vec<String>,
    /// for a family name written first ("Chen Li"): the folded first word
    pub first_word_surname: Option<String>,
}

/// The key of the name written as `words` (titles already taken off).
pub fn person_key<S: AsRef<str>>(words: &[S], rules: &Rules) -> PersonKey {
    let w: Vec<&str> = words.iter().map(AsRef::as_ref).collect();
    let Some(last) = w.last() else { return PersonKey::default() };
    let surname_only = w[..w.len() - 1].iter().all(|x| is_particle(x));
    let mut key = PersonKey { surname: surname_key(last, rules), ..Default::default() };
    if w.len() >= 2 && !surname_only {
        if is_initials(w[0]) {
            key.initial = initial_of(w[0]);
        } else {
            key.given = Some(given_key(w[0], rules));
            key.initial = initial_of(w[0]);
            if w.len() == 2 && rules.east_asian.contains(w[0]) {
                key.first_word_surname = Some(fold(w[0]));
            }
        }
        key.middles = middle_keys(&w, rules);
    }
    key
}

/// The key of a surname: folded (case, accents, curly apostrophes), without an article joined
/// by a hyphen (`[surname-article]` of lexicon.tsv: El-Hadi, al-Hadi and Hadi are one key), its
/// ending written one way for all its transliterations (`[surname-ending]`: Zelensky, Zelenskyy
/// and Zelenskiy are one key).
pub fn surname_key(surname: &str, rules: &Rules) -> String {
    folded_surname_key(&fold(surname), rules).into_owned()
}

/// [`surname_key`] of an already folded surname: borrowed when neither list changes it.
pub fn folded_surname_key<'s>(folded: &'s str, rules: &Rules) -> std::borrow::Cow<'s, str> {
    canonical_ending(without_article(folded, rules), rules)
}

/// A folded surname without the article joined to it by a hyphen ("el-hadi": "hadi"), when what
/// is left is a word of three letters or more.
fn without_article<'s>(folded: &'s str, rules: &Rules) -> &'s str {
    rules
        .lexicon
        .surname_articles
        .iter()
        .find_map(|a| folded.strip_prefix(a.as_str()))
        .filter(|rest| rest.chars().count() >= 3 && rest.chars().all(char::is_alphabetic))
        .unwrap_or(folded)
}

/// An already folded surname with its ending written the canonical way (see [`surname_key`]):
/// borrowed when no ending of the list fits.
pub fn canonical_ending<'s>(folded: &'s str, rules: &Rules) -> std::borrow::Cow<'s, str> {
    // (longest first: the list is sorted so)
    let fits = |(end, _): &&(String, String)| folded.len() >= end.len() + 4 && folded.ends_with(end.as_str());
    match rules.lexicon.surname_endings.iter().find(fits) {
        Some((end, canonical)) => format!("{}{canonical}", &folded[..folded.len() - end.len()]).into(),
        None => folded.into(),
    }
}

/// The key of a given name: its family's canonical spelling.
pub fn given_key(given: &str, rules: &Rules) -> String {
    rules.given_family(given)
}

/// The first initial of a word, folded ("B." and "Bill": 'b').
pub fn initial_of(word: &str) -> Option<char> {
    fold(word).chars().next()
}

/// Is `w` a particle of a surname ("al", "von", "bin")?
pub fn is_particle(w: &str) -> bool {
    NAME_PARTICLES.contains(&w.to_lowercase().as_str())
}

/// The families of the middle names of a full name of three words or more, particles aside
/// ("Mohammad Ishaq Tarin": ["ishaq"]; "Ursula von der Leyen": none).
pub fn middle_keys<S: AsRef<str>>(words: &[S], rules: &Rules) -> Vec<String> {
    let core: Vec<&str> = words.iter().map(AsRef::as_ref).filter(|w| !is_particle(w)).collect();
    if core.len() < 3 {
        return Vec::new();
    }
    core[1..core.len() - 1].iter().map(|w| rules.given_family(w)).collect()
}

/// Does the given name (or initial) `asked` fit the given name `given` of a person of the same
/// surname? An initial fits a name it starts ("a" and "andrei"); a name fits another of its
/// family ("andrey" and "andrei", "pat" and "patrick"). Both are folded.
pub fn given_fits(asked: &str, given: &str, rules: &Rules) -> bool {
    if asked.chars().count() == 1 {
        given.starts_with(asked)
    } else {
        given.chars().count() > 1 && rules.given_family(given) == rules.given_family(asked)
    }
}

/// Whether two names can be one person, on their keys alone (within a document, the stages add
/// context: the nearest person of the surname, one candidate only).
/// - the surnames must match, or one name's family name written first match the other's surname;
/// - two given names must be of one family, or one must be the other's middle name;
/// - an initial must start the other's given name;
/// - a lone surname fits every person of that surname.
pub fn same_person(a: &PersonKey, b: &PersonKey) -> bool {
    let surname = |x: &PersonKey, y: &PersonKey| {
        x.surname == y.surname || x.first_word_surname.as_ref().is_some_and(|f| *f == y.surname)
    };
    if !(surname(a, b) || surname(b, a)) {
        return false;
    }
    match (&a.given, &b.given) {
        (Some(x), Some(y)) => x == y || a.middles.contains(y) || b.middles.contains(x),
        (None, Some(_)) | (Some(_), None) => match (a.initial, b.initial) {
            (Some(x), Some(y)) => x == y,
            _ => true,
        },
        (None, None) => match (a.initial, b.initial) {
            (Some(x), Some(y)) => x == y,
            _ => true,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// name a, name b, the same person?
    const CASES: &[(&str, &str, bool)] = &[
        ("Jane Doe", "Jane Doe", true),
        ("Jane Doe", "Doe", true),
        ("Doe", "Doe", true),
        ("Jane Doe", "John Doe", false),
        ("Jane Doe", "Jane Roe", false),
        ("Jane Doe", "J. Doe", true),
        ("Jane Doe", "K. Doe", false),
        ("J. Doe", "J. Doe", true),
        ("J. Doe", "K. Doe", false),
        ("A.R. Doe", "Andrei Doe", true),
        ("A. R. Doe", "Andrei Doe", true),
        ("Andrey Doe", "Andrei Doe", true),
        ("Pat Doe", "Patrick Doe", true),
        ("Oleksandr Doe", "Alexander Doe", true),
        ("Tony Doe", "Anthony Doe", true),
        ("Bill Doe", "William Doe", true),
        ("Bill Doe", "B. Doe", true),
        ("Sergey Doe", "Sergei Doe", true),
        ("Mohammad Ishaq Tarin", "Ishaq Tarin", true),
        ("Mohammad Ishaq Tarin", "Mohammad Tarin", true),
        ("Mohammad Ishaq Tarin", "Yusuf Tarin", false),
        ("Ursula von der Leyen", "von der Leyen", true),
        ("Ursula von der Leyen", "Ursula Leyen", true),
        ("Ursula von der Leyen", "Karl von der Leyen", false),
        ("Dóe", "Doe", true),
        // transliterations of one surname ([surname-ending])
        ("Ivan Sokolsky", "Ivan Sokolskyy", true),
        ("Ivan Sokolskiy", "Sokolsky", true),
        ("Anil Mistry", "Anil Mistri", true),
        ("Ivan Sokolsky", "Ivan Sokolska", false),
        ("Jo Ray", "Jo Rai", false),
        ("Aram Sarkisyan", "Aram Sarkisian", true),
        ("Jo Ryan", "Jo Rian", false),
        ("Jane DOE", "jane doe", true),
        ("Jane O’Doe", "Jane O'Doe", true),
        ("Chen Li", "Chen", true),
        ("Chen Li", "Li", true),
        ("Chen Li", "Chen Wu", false),
        ("Jane Doe", "Jane Doe-Roe", false),
        // an article joined to the surname ([surname-article])
        ("Karim El-Hadi", "Hadi", true),
        ("Karim El-Hadi", "Karim al-Hadi", true),
        ("Karim El-Hadi", "Karim Elhadi", false),
        ("Nour Al-Bakr", "Nour Bakri", false),
        ("Jane As-Doe", "Jane Doe", true),
        ("Jane Doe", "Jane Ad-Do", false),
    ];

    #[test]
    fn the_table_of_same_and_different_people() {
        let rules = Rules::builtin();
        let key = |s: &str| person_key(&s.split(' ').collect::<Vec<_>>(), rules);
        let mut wrong = Vec::new();
        for &(a, b, same) in CASES {
            let (ka, kb) = (key(a), key(b));
            if same_person(&ka, &kb) != same || same_person(&kb, &ka) != same {
                wrong.push(format!("{a} / {b}: expected {same}\n  {ka:?}\n  {kb:?}"));
            }
        }
        assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    }

    #[test]
    fn keys_of_names() {
        let rules = Rules::builtin();
        let k = person_key(&["Pat", "Doe"], rules);
        assert_eq!((k.surname.as_str(), k.given.as_deref(), k.initial), ("doe", Some("patrick"), Some('p')));
        let k = person_key(&["A.R.", "Doe"], rules);
        assert_eq!((k.given, k.initial), (None, Some('a')));
        assert_eq!(person_key(&["al", "Doe"], rules).given, None, "particles are no given name");
        assert_eq!(middle_keys(&["Mohammad", "Ishaq", "Tarin"], rules), ["ishaq"]);
        assert!(middle_keys(&["Ursula", "von", "der", "Leyen"], rules).is_empty());
        assert!(given_fits("a", "andrei", rules) && given_fits("andrey", "andrei", rules));
        assert!(!given_fits("b", "andrei", rules) && !given_fits("boris", "andrei", rules));
    }
}
