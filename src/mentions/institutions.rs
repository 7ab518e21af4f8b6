//! Institutions and places: the gazetteer, patterns ("Russia's Defense Ministry", "Ministry of
//! Defence"), organisation names, countries and capitals.

use super::*;
use rustc_hash::FxHashSet as HashSet;

impl<'a> Finder<'a> {
    /// A name from the gazetteer at token i (only where [`mark::GAZETTEER`] is: a word that begins
    /// some entry, with a capital or "the").
    pub(super) fn gazetteer_at(&mut self, si: usize, ts: &[Tok], i: usize) -> Option<usize> {
        let starts_the = self.is_the(i);
        let max = (i + self.rules.gazetteer_max_words + 2).min(ts.len());
        // the longest match wins ("Washington Post" over "Washington"): walk the spans from i
        // while they begin some name, keeping the last that is one
        let mut best: Option<(usize, usize, GazetteerAlias)> = None;
        for j in i + 1..=max {
            let here = if j == i + 1 { self.info[i] } else { self.rules.words.get(&self.slice(ts, i, j)) };
            if !here.has(WordInfo::GAZETTEER_PREFIX) {
                break;
            }
            if ts[j - 1].kind == TokKind::Punct && ts[j - 1].end - ts[j - 1].start == 1 && self.t(&ts[j - 1]) != "." {
                continue;
            }
            if let Some(hit) = here.gazetteer {
                // "the X" only for contextual aliases or names that include "The"
                let entry = &self.rules.institutions[hit.entry];
                let start_tok =
                    if starts_the && !hit.contextual && !entry.canonical.starts_with("The ") { i + 1 } else { i };
                if start_tok < j {
                    best = Some((start_tok, j, hit));
                }
            }
        }
        let (start_tok, j, hit) = best?;
        let entry = &self.rules.institutions[hit.entry];
        let kind = MentionKind::Institution {
            label: entry.canonical.clone(),
            country: entry.country.as_ref().and_then(|c| self.rules.country_names.get(c).copied()),
            topic: None,
            anaphoric: false,
            contextual: hit.contextual,
        };
        self.push(kind, si, ts, start_tok..j, start_tok);
        Some(j)
    }

    /// Country modifier at i: an adjective ("Russian"), or a possessive country or capital
    /// ("Russia's", "Moscow's"). Returns (country, next token).
    pub(super) fn country_modifier(&self, ts: &[Tok], i: usize) -> Option<(usize, usize)> {
        let tok = ts.get(i)?;
        let w = self.t(tok);
        let info = self.info[i];
        if tok.possessive {
            if let Some(c) = info.country_name().or_else(|| info.capital()) {
                return Some((c, i + 1));
            }
        }
        // multi-word country names as modifiers ("United States", "South Korean")
        if i + 1 < ts.len() && info.has(WordInfo::COUNTRY_PAIR_FIRST) {
            let two = format!("{} {}", w, self.t(&ts[i + 1]));
            if let Some(&c) = self.rules.country_adjectives.get(&two) {
                return Some((c, i + 2));
            }
            if ts[i + 1].possessive {
                if let Some(&c) = self.rules.country_names.get(&two) {
                    return Some((c, i + 2));
                }
            }
        }
        info.adjective().map(|c| (c, i + 1))
    }

    /// An institution by pattern at token i (only where [`mark::PATTERN`] is: every pattern below
    /// starts with "the", "new", "own", a capital, a country modifier or a topic).
    // (Long, kept whole: the patterns are tried in order on one token and the first that matches
    // wins, so each depends on the ones before it failing; split into functions, every one would
    // repeat the leading "the"/country parsing. Each pattern is a commented block below.)
    pub(super) fn pattern_at(&mut self, si: usize, ts: &[Tok], i: usize) -> Option<usize> {
        // the mention starts after a leading "the" ("the French General Staff")
        let at = if self.is_the(i) && i + 1 < ts.len() { i + 1 } else { i };
        let (country, mut k) = match self.country_modifier(ts, at) {
            Some((c, k)) => (Some(c), k),
            None => (None, at),
        };
        if k < ts.len() && matches!(self.t(&ts[k]), "new" | "own") {
            k += 1;
        }
        // "<topic> Ministry|Department" (only where a topic can start: the loop below would try
        // every topic at every token)
        let topics: &[(String, String)] =
            if k < ts.len() && self.info[k].has(WordInfo::TOPIC_FIRST) { &self.rules.topics } else { &[] };
        for (written, canon) in topics {
            // the cheap test first: this runs at every token for every topic
            if k >= ts.len() || !first_word_is(written, self.t(&ts[k])) {
                continue;
            }
            let n = written.split(' ').count();
            if k + n >= ts.len() {
                continue;
            }
            if self.slice(ts, k, k + n) != *written {
                continue;
            }
            let head = self.t(&ts[k + n]);
            // the head as the lexicon writes it: "ministry" after a country is "Ministry"
            let lexicon = &self.rules.lexicon.ministry_head;
            let Some(head) = lexicon.get(head).or_else(|| country.and(lexicon.get(capitalised(head).as_str()))) else {
                continue;
            };
            if country.is_none() && written.chars().next().is_some_and(char::is_lowercase) {
                continue;
            }
            let label = match country {
                Some(c) => format!("{} {} {}", self.rules.countries[c].adjective(), canon, head),
                None => format!("{canon} {head}"),
            };
            let kind = MentionKind::Institution {
                label,
                country,
                topic: Some(canon.clone()),
                anaphoric: false,
                contextual: false,
            };
            self.push(kind, si, ts, at..k + n + 1, at);
            return Some(k + n + 1);
        }
        // "Ministry of <topic> (of <country>)"
        if k + 2 < ts.len() && self.t(&ts[k]) == "Ministry" && self.t(&ts[k + 1]) == "of" {
            let mut m = k + 2;
            if self.t(&ts[m]) == "the" {
                m += 1;
            }
            for (written, canon) in &self.rules.topics {
                let n = written.split(' ').count();
                if m + n > ts.len()
                    || !first_word_is(written, self.t(&ts[m]))
                    || self.slice(ts, m, m + n) != *written
                    || written.chars().next().is_some_and(char::is_lowercase)
                {
                    continue;
                }
                let mut end = m + n;
                let mut country = country;
                if end + 1 < ts.len() && self.t(&ts[end]) == "of" {
                    let mut c = end + 1;
                    if self.t(&ts[c]) == "the" && c + 1 < ts.len() {
                        c += 1;
                    }
                    let one = self.t(&ts[c]).to_string();
                    let two = if c + 1 < ts.len() { format!("{} {}", one, self.t(&ts[c + 1])) } else { String::new() };
                    if let Some(&ci) = self.rules.country_names.get(&two) {
                        country = Some(ci);
                        end = c + 2;
                    } else if let Some(&ci) = self.rules.country_names.get(&one) {
                        country = Some(ci);
                        end = c + 1;
                    }
                }
                let label = match country {
                    Some(c) => {
                        format!("{} {} Ministry", self.rules.countries[c].adjective(), canon)
                    }
                    None => format!("{canon} Ministry"),
                };
                let kind = MentionKind::Institution {
                    label,
                    country,
                    topic: Some(canon.clone()),
                    anaphoric: false,
                    contextual: false,
                };
                self.push(kind, si, ts, at..end, at);
                return Some(end);
            }
        }
        // "Armed Forces of <country>"
        if k + 3 < ts.len() && self.t(&ts[k]) == "Armed" && self.slice(ts, k, k + 3) == "Armed Forces of" {
            let c = self.t(&ts[k + 3]).to_string();
            if let Some(&ci) = self.rules.country_names.get(&c) {
                let label = format!("{} Armed Forces", self.rules.countries[ci].adjective());
                let kind = MentionKind::Institution {
                    label,
                    country: Some(ci),
                    topic: None,
                    anaphoric: false,
                    contextual: false,
                };
                self.push(kind, si, ts, at..k + 4, at);
                return Some(k + 4);
            }
        }
        // "<country adj> <body>"
        if let Some(c) = country.filter(|_| k < ts.len() && self.info[k].has(WordInfo::BODY_FIRST)) {
            for (written, canon) in &self.rules.bodies {
                if k >= ts.len() || !first_word_is(written, self.t(&ts[k])) {
                    continue;
                }
                let n = written.split(' ').count();
                if k + n > ts.len() || self.slice(ts, k, k + n) != *written {
                    continue;
                }
                // "Navy Day", "military leaders": the body word only modifies what follows
                if let Some(next) = ts.get(k + n) {
                    let nw = self.t(next);
                    if next.kind == TokKind::Word
                        && (nw.chars().next().is_some_and(char::is_uppercase)
                            || self.info[k + n].has(WordInfo::GROUP_NOUN)
                            || canon == "military")
                    {
                        continue;
                    }
                }
                let label = format!("{} {}", self.rules.countries[c].adjective(), canon);
                let kind = MentionKind::Institution {
                    label,
                    country: Some(c),
                    topic: None,
                    anaphoric: false,
                    contextual: false,
                };
                self.push(kind, si, ts, at..k + n, at);
                return Some(k + n);
            }
        }
        // "the Chilean newspaper La Tercera", "the Azerbaijani APA news agency": an outlet's name
        if let Some((start, end, until)) = self.outlet_name(ts, i, k) {
            // (the mention from past "the", or from the name's own "The")
            let from = start.min(at);
            let country = country.or_else(|| {
                (start.saturating_sub(4)..start).find_map(|x| self.country_modifier(ts, x).map(|(c, _)| c))
            });
            let kind = MentionKind::named_body(self.slice(ts, start, end).into_owned(), country);
            self.push(kind, si, ts, from..until, from);
            return Some(until);
        }
        // "Russian Direct Investment Fund", "Ministry of the Armed Forces": a name ending in an
        // organisation's head word
        if let Some(end) = self.org_name_end(ts, i) {
            let start = if self.is_the(i) { i + 1 } else { i };
            let kind = MentionKind::named_body(self.slice(ts, start, end).into_owned(), country);
            self.push(kind, si, ts, start..end, start);
            return Some(end);
        }
        // "the ministry", "the department": an anaphor resolved later
        if i + 1 < ts.len()
            && self.is_the(i)
            && {
                let w = self.t(&ts[i + 1]);
                // (a head in lower case: "ministry" for "Ministry"; the table knows those of an
                // ASCII first letter)
                let head = w.chars().next().is_some_and(char::is_lowercase)
                    && if w.as_bytes()[0].is_ascii() {
                        self.info[i + 1].has(WordInfo::ORG_HEAD_LOWER)
                    } else {
                        self.rules.org_heads.contains(&capitalised(w))
                    };
                head || w == "Ministry"
            }
            && ts.get(i + 2).is_none_or(|t| self.t(t) != "of")
        {
            let kind = MentionKind::Institution {
                label: capitalised(self.t(&ts[i + 1])),
                country: None,
                topic: None,
                anaphoric: true,
                contextual: false,
            };
            self.push(kind, si, ts, i..i + 2, i);
            return Some(i + 2);
        }
        None
    }

    /// An outlet named at token `k` (past "the" and a country): (where its name starts and
    /// ends, where the mention ends). The name follows an `[outlet-before]` phrase ("newspaper La
    /// Tercera", "news outlet The Irrawaddy") or stands before an `[outlet-after]` one ("APA news
    /// agency"); the mention holds the phrase, for the verb after it to find its subject. At a
    /// capitalised `i`, the phrase may stand before it too ("said news outlet Bild").
    fn outlet_name(&self, ts: &[Tok], i: usize, k: usize) -> Option<(usize, usize, usize)> {
        let phrase = |set: &HashSet<String>, a: usize, n: usize| {
            a + n <= ts.len()
                && ts[a..a + n].iter().all(|t| t.kind == TokKind::Word && !t.possessive)
                && set.contains(&self.slice(ts, a, a + n).to_lowercase())
        };
        let run = |s: usize, lead_the: bool| {
            let mut j = s;
            if lead_the && ts.get(j).is_some_and(|t| self.t(t) == "The") {
                j += 1;
            }
            let first = j;
            while j < ts.len() && j - first < 4 && ts[j].kind == TokKind::Word && self.cap(j) {
                let x = &self.info[j];
                if x.has(WordInfo::NOT_NAME) || (j == first && x.has(WordInfo::NOT_NAME_START)) {
                    break;
                }
                j += 1;
                if ts[j - 1].possessive {
                    break;
                }
            }
            (j > first).then_some((first, j))
        };
        // no country, place or title is an outlet's name (asked last: the title is the dearest)
        let named = |first: usize| {
            self.country_modifier(ts, first).is_none()
                && self.info[first].country_name().is_none()
                && self.info[first].capital().is_none()
                && self.title_at(ts, first).is_none()
        };
        let before = &self.rules.outlet_before;
        // (after "the" or a country: where no rule may start, the capitalised name does below)
        if let Some(n) = (1..=2).rev().find(|&n| k > i && phrase(before, k, n)) {
            if k + n < ts.len() && self.cap(k + n) {
                if let Some((_, end)) = run(k + n, true).filter(|&(first, _)| named(first)) {
                    return Some((k + n, end, end));
                }
            }
        }
        if i >= 1 && self.cap(i) && (1..=2).any(|n| i >= n && phrase(before, i - n, n)) {
            if let Some((_, end)) = run(i, true).filter(|&(first, _)| named(first)) {
                return Some((i, end, end));
            }
        }
        let (first, end) = run(k, false)?;
        let n = (1..=2).rev().find(|&n| phrase(&self.rules.outlet_after, end, n))?;
        named(first).then_some((k, end, end + n))
    }

    /// Second pass: a body's name found once ("the Slovak newspaper Denni Hlas") is that body
    /// wherever the document names it again ("according to Denni Hlas"): a person of that name
    /// with no title becomes the body, and the name alone where no mention stands is one.
    pub(super) fn bodies_named_again(&mut self, toks: &Tokens) {
        // (label, its words, country) of the bodies of capitalised names
        let mut bodies: Vec<(String, Vec<String>, Option<usize>)> = Vec::new();
        for m in &self.out {
            if let MentionKind::Institution { label, country, anaphoric: false, contextual: false, topic: None } =
                &m.kind
            {
                let words: Vec<String> = label.split(' ').map(str::to_string).collect();
                let named = words.iter().all(|w| w.chars().next().is_some_and(char::is_uppercase));
                if named && !bodies.iter().any(|(l, ..)| l == label) {
                    bodies.push((label.clone(), words, *country));
                }
            }
        }
        if bodies.is_empty() {
            return;
        }
        for m in &mut self.out {
            let MentionKind::Person(name) = &m.kind else { continue };
            if !m.titles.is_empty() || name.words.len() < 2 {
                continue;
            }
            let named = |(_, words, _): &&(String, Vec<String>, Option<usize>)| {
                words.len() == name.words.len() && words.iter().zip(&name.words).all(|(a, b)| a.eq_ignore_ascii_case(b))
            };
            if let Some((label, _, country)) = bodies.iter().find(named) {
                m.kind = MentionKind::named_body(label.clone(), *country);
            }
        }
        let covered = covered_spans(&self.out);
        for (si, ts) in toks.per_sentence.iter().enumerate() {
            if self.credit[si] {
                continue;
            }
            let mut ti = 0;
            while ti < ts.len() {
                let found = (!is_covered(&covered, ts[ti].start))
                    .then(|| {
                        bodies.iter().find(|(_, words, _)| {
                            ti + words.len() <= ts.len()
                                && words.iter().enumerate().all(|(n, w)| self.t(&ts[ti + n]) == w.as_str())
                                && ts.get(ti + words.len()).is_none_or(|t| {
                                    t.kind != TokKind::Word || !t.text(self.text).starts_with(char::is_uppercase)
                                })
                        })
                    })
                    .flatten()
                    .cloned();
                match found {
                    Some((label, words, country)) => {
                        self.push(MentionKind::named_body(label, country), si, ts, ti..ti + words.len(), ti);
                        ti += words.len();
                    }
                    None => ti += 1,
                }
            }
        }
    }

    /// The end of an organisation's name starting at token i: capitalised words, with "of", "the",
    /// "and", "for" inside, whose last capitalised word is an organisation head ("Fund").
    pub(super) fn org_name_end(&self, ts: &[Tok], i: usize) -> Option<usize> {
        ts.get(i)?;
        let skip_the = self.is_the(i);
        let start = if skip_the { i + 1 } else { i };
        let w0 = self.t(ts.get(start)?);
        if !self.cap(start) || (self.info[start].has(WordInfo::NOT_NAME_START) && !skip_the) {
            return None;
        }
        let mut j = start;
        let mut last_head = None;
        let mut words = 0;
        while j < ts.len() && words < 8 {
            let t = &ts[j];
            let w = self.t(t);
            let cap = t.kind == TokKind::Word && self.cap(j) && !self.info[j].has(WordInfo::NOT_NAME);
            if cap {
                words += 1;
                if self.info[j].has(WordInfo::ORG_HEAD) {
                    last_head = Some(j + 1);
                }
                j += 1;
                let capital_next = ts.get(j).is_some_and(|x| x.kind == TokKind::Word && self.cap(j));
                if t.possessive && !capital_next {
                    break;
                }
                continue;
            }
            // connectors inside a name, only before another capital
            if matches!(w, "of" | "the" | "for" | "on") && j > start {
                let mut n = j + 1;
                while n < ts.len() && matches!(self.t(&ts[n]), "the" | "of") {
                    n += 1;
                }
                let capital_next = ts.get(n).is_some_and(|x| x.kind == TokKind::Word && self.cap(n));
                if capital_next {
                    j = n;
                    continue;
                }
            }
            break;
        }
        // "President of the General Assembly": an office, not a body
        if self.info[start].title == Some(TitleKind::Office)
            && ts.get(start + 1).is_some_and(|t| self.t(t) == "of")
            && w0 != "Ministry"
        {
            return None;
        }
        let mut end = last_head?;
        // "Armed Forces of Ukraine", "Council of Europe": an "of" phrase after the head belongs to it
        if j > end && self.t(&ts[end]) == "of" {
            end = j;
        }
        // the name ends at its head: "... General Staff Jane Roe" is a title and a person
        if end < j {
            return None;
        }
        // a title inside ("Chief of the General Staff") makes it a person's office, not a body
        let office = |x: usize| {
            self.title_at(ts, x).is_some_and(|(k, phrase, _)| {
                matches!(k, TitleKind::Office | TitleKind::Rank) && phrase.split_whitespace().count() >= 2
            })
        };
        if (start..end).any(office) {
            return None;
        }
        // a known body after a country word ("US Joint Chiefs of Staff") is the gazetteer's
        if (start..end).any(|x| self.rules.words.get(&self.slice(ts, x, end)).gazetteer.is_some()) {
            return None;
        }
        // a name of two words at least ("the Directorate" alone is an anaphor)
        let n_words = (start..end).filter(|&x| ts[x].kind == TokKind::Word && self.cap(x)).count();
        (n_words >= 2).then_some(end)
    }

    /// A country or a capital named at token i (only where [`mark::PLACE`] is).
    pub(super) fn place_at(&mut self, si: usize, ts: &[Tok], i: usize) -> Option<usize> {
        let k = if self.is_the(i) { i + 1 } else { i };
        let tok = ts.get(k)?;
        // (only a country's or a capital's name, or the first word of one, with a capital, can be
        // a place: [`mark::PLACE`])
        let info = self.info[k];
        let w = self.t(tok);
        // two-word names first (only from a word that begins one)
        if k + 1 < ts.len() && !tok.possessive && self.info[k].has(WordInfo::PLACE_PAIR_FIRST) {
            let two = format!("{} {}", w, self.t(&ts[k + 1]));
            if let Some(&c) = self.rules.country_names.get(&two) {
                self.push(MentionKind::Place { country: c, capital: None }, si, ts, k..k + 2, k);
                return Some(k + 2);
            }
            if let Some(&c) = self.rules.capitals.get(&two) {
                self.push(MentionKind::Place { country: c, capital: Some(two) }, si, ts, k..k + 2, k);
                return Some(k + 2);
            }
        }
        // "Taiwan Strait", "Gaza Strip": part of a longer name, not the place acting
        if ts.get(k + 1).is_some_and(|n| {
            n.kind == TokKind::Word && self.cap(k + 1) && !tok.possessive && self.info[k + 1].has(WordInfo::NOT_SURNAME)
        }) {
            return None;
        }
        if let Some(c) = info.country_name() {
            // "US" before a noun is an adjective: "US officials", "US Defense Secretary"
            if info.adjective().is_some() && !tok.possessive {
                if let Some(next) = ts.get(k + 1) {
                    let nw = self.t(next);
                    let function = self.rules.lexicon.country_noun_before.contains(nw);
                    if next.kind == TokKind::Word && !function {
                        return None;
                    }
                }
            }
            self.push(MentionKind::Place { country: c, capital: None }, si, ts, k..k + 1, k);
            return Some(k + 1);
        }
        if let Some(c) = info.capital() {
            self.push(MentionKind::Place { country: c, capital: Some(w.to_string()) }, si, ts, k..k + 1, k);
            return Some(k + 1);
        }
        None
    }
}
