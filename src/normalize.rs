//! # Normalisation of names for comparison and ids
//!
//! `fold` is the one comparison key for names: Unicode compatibility decomposition, accents
//! dropped, lower case, curly apostrophes made straight. `slug` turns a label into the readable
//! part of a node id (`Jane Roe` -> `jane-roe`).

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// Fold case, accents and apostrophe styles.
pub fn fold(s: &str) -> String {
    // ASCII has no decompositions, combining marks or curly apostrophes (and most names are
    // ASCII: this runs for every node's slug and every institution's key)
    if s.is_ascii() {
        return s.to_ascii_lowercase();
    }
    fold_unicode(s)
}

/// [`fold`] of any text, character by character.
fn fold_unicode(s: &str) -> String {
    s.nfkd()
        .filter(|c| !is_combining_mark(*c))
        .map(|c| if c == '\u{2019}' || c == '\u{2018}' { '\'' } else { c })
        .flat_map(char::to_lowercase)
        .collect()
}

/// A readable id fragment: folded, ASCII letters and digits, runs of anything else as one `-`.
pub fn slug(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut dash = false;
    for c in fold(s).chars() {
        if c.is_ascii_alphanumeric() {
            if dash && !out.is_empty() {
                out.push('-');
            }
            dash = false;
            out.push(c);
        } else if c.is_alphanumeric() {
            // non-Latin letters stay as they are: ids must not collapse distinct names
            if dash && !out.is_empty() {
                out.push('-');
            }
            dash = false;
            out.push(c);
        } else {
            dash = true;
        }
    }
    if out.is_empty() { "x".to_string() } else { out }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fold_drops_accents_case_and_curly_apostrophes() {
        assert_eq!(fold("Erdoğan"), "erdogan");
        assert_eq!(fold("SÉBASTIEN"), "sebastien");
        assert_eq!(fold("O\u{2019}Brien"), "o'brien");
    }

    #[test]
    fn the_ascii_shortcut_folds_as_the_full_rules_do() {
        let all: String = (0u8..128).map(char::from).collect();
        assert_eq!(fold(&all), fold_unicode(&all));
        for s in ["Jane Q. Roe", "NATO's HQ", "O'Brien-SMITH 42", ""] {
            assert_eq!(fold(s), fold_unicode(s), "{s}");
        }
    }

    #[test]
    fn slug_is_readable_and_stable() {
        assert_eq!(slug("Jane Q. Roe"), "jane-q-roe");
        assert_eq!(slug("Frank-Walter Steinmeier"), "frank-walter-steinmeier");
        assert_eq!(slug("The Washington Post"), "the-washington-post");
        assert_eq!(slug("Москва"), "москва");
        assert_eq!(slug("\"]"), "x");
    }
}
