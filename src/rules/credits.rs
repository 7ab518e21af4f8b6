//! # Credits: the credit-line lists of `credit_lines.txt`, made quick to test
//!
//! [`Rules::is_credit_line`](super::Rules::is_credit_line) runs for every sentence of every
//! document, and nearly every sentence is news. Asked as written, it searched each sentence once
//! per "contains" phrase and tried every "starts" line. [`Credits`] is derived from those two
//! lists when the rules are built and answers the same:
//!
//! * the phrases' common start (`contribut` for the built-in list) is searched once; a phrase
//!   occurs in a sentence exactly where it follows one of the places that start occurs;
//! * the first bytes the "starts" lines can begin with (with and without a leading `(`) rule out
//!   most sentences before any line is tried.

use memchr::memmem;

/// Derived from `credit_lines` and `credit_phrases` of [`Rules`](super::Rules).
#[derive(Debug)]
pub struct Credits {
    /// The longest start every phrase shares (`None` when they share none, or there are none).
    common: Option<memmem::Finder<'static>>,
    /// Can a "starts" line written with a leading `(` / without one begin with this byte? All
    /// `true` when some line is empty (an empty line starts every sentence).
    first_paren: [bool; 256],
    first_bare: [bool; 256],
}

impl Default for Credits {
    fn default() -> Self {
        Credits { common: None, first_paren: [true; 256], first_bare: [true; 256] }
    }
}

impl Credits {
    pub fn new(lines: &[String], phrases: &[String]) -> Self {
        let common = phrases.split_first().map(|(first, rest)| {
            let mut n = first.len();
            for p in rest {
                n = n.min(first.bytes().zip(p.bytes()).take_while(|(a, b)| a == b).count());
            }
            first.as_bytes()[..n].to_vec()
        });
        let common = common.filter(|c| !c.is_empty()).map(|c| memmem::Finder::new(&c).into_owned());
        let (mut first_paren, mut first_bare) = ([false; 256], [false; 256]);
        for p in lines {
            match p.as_bytes().first() {
                Some(&b) if p.starts_with('(') => first_paren[b as usize] = true,
                Some(&b) => first_bare[b as usize] = true,
                None => return Credits { common, ..Credits::default() },
            }
        }
        Credits { common, first_paren, first_bare }
    }

    /// Does some phrase of `phrases` occur in `s`? (`phrases`: the list this was made from.)
    pub fn contains_phrase(&self, phrases: &[String], s: &str) -> bool {
        let Some(common) = &self.common else {
            return phrases.iter().any(|p| s.contains(p.as_str()));
        };
        let b = s.as_bytes();
        let mut from = 0;
        while let Some(k) = common.find(&b[from..]) {
            let at = &b[from + k..];
            if phrases.iter().any(|p| at.starts_with(p.as_bytes())) {
                return true;
            }
            from += k + 1;
        }
        false
    }

    /// Can some "starts" line begin `s` (with its leading `(`s: `bare` is `s` without them)?
    /// False only when none can.
    pub fn may_start(&self, s: &str, bare: &str) -> bool {
        s.as_bytes().first().is_some_and(|&c| self.first_paren[c as usize])
            || bare.as_bytes().first().is_some_and(|&c| self.first_bare[c as usize])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn phrases_are_found_where_contains_finds_them() {
        let phrases = strings(&["contributed to this report", "contributed reporting", "contributing"]);
        let c = Credits::new(&[], &phrases);
        assert!(c.common.is_some());
        for s in [
            "Jane Roe contributed to this report.",
            "contributed reporting",
            "He contributed, contributed to this story, contributing",
            "contribute",
            "contributcontributed reporting",
            "",
            "nothing here",
        ] {
            assert_eq!(c.contains_phrase(&phrases, s), phrases.iter().any(|p| s.contains(p.as_str())), "{s}");
        }
        // no common start, or an empty phrase: every phrase is searched
        let mixed = strings(&["abc", "xyz"]);
        let c = Credits::new(&[], &mixed);
        assert!(c.common.is_none());
        assert!(c.contains_phrase(&mixed, "..xyz") && !c.contains_phrase(&mixed, "ab"));
        let empty = strings(&["", "abc"]);
        assert!(Credits::new(&[], &empty).contains_phrase(&empty, "q"));
    }

    #[test]
    fn first_bytes_of_the_starts_lines() {
        let c = Credits::new(&strings(&["By", "(AP Photo", "FILE -"]), &[]);
        assert!(c.may_start("By JANE ROE", "By JANE ROE"));
        assert!(c.may_start("(AP Photo/Jane Roe)", "AP Photo/Jane Roe)"));
        assert!(c.may_start("(FILE - x", "FILE - x"));
        assert!(!c.may_start("The talks", "The talks") && !c.may_start("", ""));
        // a leading "(" can begin "(AP Photo"; without such a line it is looked through
        assert!(c.may_start("(The talks", "The talks"));
        let c = Credits::new(&strings(&["By"]), &[]);
        assert!(!c.may_start("(The talks", "The talks") && c.may_start("(By x", "By x"));
        // an empty line starts anything
        let c = Credits::new(&strings(&["", "By"]), &[]);
        assert!(c.may_start("The talks", "The talks"));
    }

    #[test]
    fn the_builtin_lists_share_a_start() {
        let r = super::super::Rules::builtin();
        assert!(r.credits.common.is_some());
    }
}
