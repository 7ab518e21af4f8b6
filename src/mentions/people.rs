//! People: titles, names, a person with the titles before the name, pronouns, appositions after
//! a name, and (second pass) lone surnames of people already named.

use super::*;

impl<'a> Finder<'a> {
    /// The title words from token k: (kind, next token). Without `possessive`, the longest span
    /// whose last word is no possessive (no name follows "the minister's"); with it, the span
    /// ending at the first possessive ("the defence minister's request"), if that is a title.
    fn title_span(&self, ts: &[Tok], k: usize, possessive: bool) -> Option<(TitleKind, usize)> {
        // only a word that begins some title can begin one
        if !self.info.get(k)?.has(WordInfo::TITLE_FIRST) {
            return None;
        }
        let max = (k + self.rules.title_max_words * 2 + 1).min(ts.len());
        // walk the spans from k while they begin some title
        let mut longest = None;
        for j in k + 1..=max {
            let here = if j == k + 1 { self.info[k] } else { self.rules.words.get(&self.slice(ts, k, j)) };
            if !here.has(WordInfo::TITLE_PREFIX) {
                break;
            }
            let ends_possessive = ts[j - 1].possessive;
            if let Some(kind) = here.title.filter(|_| ends_possessive == possessive) {
                longest = Some((kind, j));
            }
            if possessive && ends_possessive {
                break;
            }
        }
        longest
    }

    /// Longest title starting at token k: (kind, phrase, next token). The phrase is borrowed
    /// from the text when [`Self::slice`] can: most callers only test the kind.
    pub(super) fn title_at(&self, ts: &[Tok], k: usize) -> Option<(TitleKind, Cow<'a, str>, usize)> {
        let (kind, j) = self.title_span(ts, k, false)?;
        // "President of the General Assembly": an office reads on over "of" and capitals
        // that are not a name ("Minister of Defense Jane Roe" stops before the name)
        // "Prime Minister of the Republic of Kazakhstan Jane Roe": "of" segments go on
        // while another "of" follows, and end after a country's name
        let mut end = j;
        while kind == TitleKind::Office && ts.get(end).is_some_and(|t| self.t(t) == "of") {
            let mut e = end + 1;
            if ts.get(e).is_some_and(|t| self.t(t) == "the") {
                e += 1;
            }
            let run_start = e;
            while ts.get(e).is_some_and(|t| t.kind == TokKind::Word && self.cap(e) && self.t(t) != "of") {
                e += 1;
                // a country ends the office: the name may follow
                if self.rules.country_names.contains_key(&*self.slice(ts, run_start, e)) {
                    break;
                }
            }
            if e == run_start {
                break;
            }
            let segment = self.slice(ts, run_start, e);
            let after = ts.get(e).map(|t| self.t(t)).unwrap_or("");
            if self.rules.country_names.contains_key(&*segment)
                || after == "of"
                || !after.chars().next().is_some_and(char::is_uppercase)
            {
                end = e;
            } else {
                break;
            }
        }
        Some((kind, self.slice(ts, k, end), end))
    }

    /// The gender a title found by [`Self::title_at`] tells: its own, or that of the title
    /// before an "of" it read on over ("Queen of Denmark").
    fn title_gender(&self, phrase: &str) -> Option<Gender> {
        let rules = self.rules;
        rules.title_gender(phrase).or_else(|| phrase.split_once(" of ").and_then(|(head, _)| rules.title_gender(head)))
    }

    /// Can token `j` be a word of a name (`first`: its first word)?
    pub(super) fn is_name_word(&self, ts: &[Tok], j: usize, first: bool) -> bool {
        let tok = &ts[j];
        let w = self.t(tok);
        let info = &self.info[j];
        let not_start = first && info.has(WordInfo::NOT_NAME_START);
        match tok.kind {
            TokKind::Abbrev => is_initials(w) && !not_start,
            TokKind::Word => {
                let c = w.chars().next().unwrap_or(' ');
                let place = info.country_name().is_some() || info.adjective().is_some() || info.capital().is_some();
                c.is_uppercase()
                    && w.chars().any(char::is_lowercase)
                    && !not_start
                    && !info.has(WordInfo::NOT_NAME)
                    && (!place || (first && self.place_given_name(ts, j)))
            }
            TokKind::Punct => false,
        }
    }

    /// Does `w` begin with a capital, or with a surname's article before one ("al-Hadi")?
    fn capitalised_name(&self, w: &str) -> bool {
        w.chars().next().is_some_and(char::is_uppercase) || self.article_surname(w)
    }

    /// Is `w` a surname with its article (`[surname-article]`) before a capital ("al-Hadi")?
    fn article_surname(&self, w: &str) -> bool {
        let upper = |s: &str| s.chars().next().is_some_and(char::is_uppercase);
        self.rules.lexicon.surname_articles.iter().any(|a| w.strip_prefix(a.as_str()).is_some_and(upper))
    }

    /// "Chad Miller", "Jordan Hale": a place that is also a given name (`[place-given-name]`),
    /// not possessive, before a capitalised word that no list knows (not "Jordan River").
    fn place_given_name(&self, ts: &[Tok], j: usize) -> bool {
        let tok = &ts[j];
        if tok.possessive || !self.rules.lexicon.place_given_name.contains(self.t(tok)) {
            return false;
        }
        ts.get(j + 1).is_some_and(|n| {
            let w = self.t(n);
            n.kind == TokKind::Word
                && n.start == tok.end + 1
                && w.chars().next().is_some_and(char::is_uppercase)
                && w.chars().skip(1).all(char::is_lowercase)
                && w.chars().count() >= 2
                && !self.info[j + 1].is_listed()
        })
    }

    /// Name words from k: returns the end token (exclusive) and the words (borrowed from the
    /// text but for an initial whose dot is apart from it).
    pub(super) fn name_at(&self, ts: &[Tok], k: usize) -> Option<(usize, Vec<Cow<'a, str>>)> {
        let text: &'a str = self.text;
        let mut words: Vec<Cow<'a, str>> = Vec::new();
        // the token whose text the last word is (its [`Self::info`] known), or `usize::MAX`
        let mut last_tok = usize::MAX;
        let mut j = k;
        while j < ts.len() && words.len() < 7 {
            let tok = &ts[j];
            let w: &'a str = tok.text(text);
            // "A. R. Doe": a single capital and a dot
            if tok.kind == TokKind::Word
                && w.len() == 1
                && w.chars().all(char::is_uppercase)
                && ts.get(j + 1).is_some_and(|d| d.text(text) == ".")
            {
                let dot = &ts[j + 1];
                words.push(if dot.start == tok.end {
                    Cow::Borrowed(&text[tok.start..dot.end])
                } else {
                    Cow::Owned(format!("{w}."))
                });
                last_tok = usize::MAX;
                j += 2;
                continue;
            }
            // "S Jaishankar", "Michael R Doe": an initial written without its dot, before a name
            // word ("A" and "I" never begin one: "A Pentagon spokesman")
            if tok.kind == TokKind::Word
                && w.len() == 1
                && w.bytes().all(|b| b.is_ascii_uppercase())
                && !(words.is_empty() && matches!(w, "A" | "I"))
                && ts.get(j + 1).is_some_and(|n| n.start == tok.end + 1)
                && j + 1 < ts.len()
                && self.is_name_word(ts, j + 1, false)
            {
                words.push(Cow::Owned(format!("{w}.")));
                last_tok = usize::MAX;
                j += 1;
                continue;
            }
            // "al-Hadi", "el-Hadi": a surname with its article ([surname-article]), anywhere in the name
            if tok.kind == TokKind::Word && self.article_surname(w) {
                words.push(Cow::Borrowed(w));
                last_tok = j;
                j += 1;
                if tok.possessive {
                    break;
                }
                continue;
            }
            if tok.kind == TokKind::Word && !words.is_empty() && NAME_PARTICLES.contains(&w) {
                // a run of particles ("von der") must lead to another name word
                let mut n = j;
                while ts.get(n).is_some_and(|t| t.kind == TokKind::Word && NAME_PARTICLES.contains(&t.text(text))) {
                    n += 1;
                }
                if n > j && n < ts.len() && self.is_name_word(ts, n, false) {
                    words.extend(ts[j..n].iter().map(|t| Cow::Borrowed(t.text(text))));
                    last_tok = n - 1;
                    j = n;
                    continue;
                }
                break;
            }
            if !self.is_name_word(ts, j, words.is_empty()) {
                break;
            }
            // a title inside a run of capitals starts the next name ("... Secretary Jane Roe");
            // otherwise it is a surname ("David King")
            let title_next = self.info[j].title.is_some_and(|k| k != TitleKind::Honorific)
                && j + 1 < ts.len()
                && self.is_name_word(ts, j + 1, false);
            if title_next && !words.is_empty() {
                break;
            }
            words.push(Cow::Borrowed(w));
            last_tok = j;
            j += 1;
            if tok.possessive {
                break;
            }
        }
        // trailing initials are not a surname
        while words.last().is_some_and(|w| is_initials(w)) {
            words.pop();
            last_tok = usize::MAX;
            j -= 1;
            while j > k && self.t(&ts[j]) == "." {
                j -= 1;
            }
            j = j.max(k);
        }
        let particles = words.iter().filter(|w| NAME_PARTICLES.contains(&&***w)).count();
        if words.is_empty() || words.len() - particles > 4 {
            return None;
        }
        // "Abu Dhabi", "New Delhi": a place, not a person (one lookup of the words joined: the
        // table has every country name and capital)
        let is_place = |joined: &str| {
            let info = self.rules.words.get(joined);
            info.capital().is_some() || info.country_name().is_some()
        };
        // (the last word's table entry is its token's when it is that token's text)
        let last_info = |w: &str| if last_tok != usize::MAX { self.info[last_tok] } else { self.rules.words.get(w) };
        let place = if words.len() == 1 {
            let info = last_info(&words[0]);
            info.capital().is_some() || info.country_name().is_some()
        } else {
            let mut buf = [0u8; 64];
            let len = words.iter().map(|w| w.len()).sum::<usize>() + words.len() - 1;
            if len <= buf.len() {
                let mut at = 0;
                for (i, w) in words.iter().enumerate() {
                    if i > 0 {
                        buf[at] = b' ';
                        at += 1;
                    }
                    buf[at..at + w.len()].copy_from_slice(w.as_bytes());
                    at += w.len();
                }
                // (whole words and ASCII spaces: valid UTF-8)
                is_place(std::str::from_utf8(&buf[..len]).unwrap_or_default())
            } else {
                is_place(&words.join(" "))
            }
        };
        if place {
            return None;
        }
        if last_info(words.last().map(|w| &**w).unwrap_or("")).has(WordInfo::NOT_SURNAME) {
            return None;
        }
        // recompute j as the token after the last word
        Some((j, words))
    }

    /// A person at token i, with the titles before the name (only where [`mark::PERSON`] is).
    // (Long, kept whole: one left-to-right reading of title, nationality, name words and
    // apposition, whose later tests use what the earlier ones consumed; it runs at every marked
    // token of every article, and the pieces would pass a dozen locals between them.)
    pub(super) fn person_at(&mut self, si: usize, ts: &[Tok], i: usize) -> Option<usize> {
        // "(AP Photo/Jane Roe)", "Photo by Jane Roe": a credit
        if i >= 2
            && matches!(self.t(&ts[i - 1]), "/" | "by")
            && self.rules.lexicon.credit_word.contains(self.t(&ts[i - 2]))
        {
            return None;
        }
        let mut k = i;
        let mut nationality = None;
        let mut titles: Vec<String> = Vec::new();
        let mut role_only = true;
        let mut prefix_inst = None;
        let mut service_pending = false;
        // what the titles tell of the person's gender, honorifics too ("Mrs", "Sir")
        let mut gender = GenderEvidence::default();
        // "Its chief spokesman, Jane Roe": the body named last in the sentence before
        if prefix_inst.is_none() && self.t(&ts[i]) == "Its" && si > 0 {
            // (the mentions so far come in sentence order: look only at those of the sentence before)
            let (from, to) = self.of_sentence(si - 1);
            prefix_inst = self.out[from..to]
                .iter()
                .rposition(|m| matches!(m.kind, MentionKind::Institution { anaphoric: false, .. }))
                .map(|k| from + k);
        }
        // an institution right before a role: "Pentagon spokesperson Jane Doe"
        if let Some(prev) = self.out.last() {
            if prev.sentence == si
                && prev.toks.end == i
                && matches!(prev.kind, MentionKind::Institution { anaphoric: false, .. })
            {
                prefix_inst = Some(self.out.len() - 1);
            }
        }
        let mut steps = 0;
        // a past-title modifier ("former") waiting for its title
        let mut past: Option<String> = None;
        while k < ts.len() && steps < 8 {
            steps += 1;
            if let Some((c, next)) = self.country_modifier(ts, k) {
                if nationality.is_none() && titles.is_empty() {
                    nationality = Some(c);
                    k = next;
                    continue;
                }
            }
            let w = self.t(&ts[k]);
            // the title here, looked up once (most tokens begin none, which is quick to tell)
            let title_here = self.title_at(ts, k);
            // (a title here makes the modifier moot: its lower case is looked up only without one)
            let modifier = || {
                if w.bytes().any(|b| b.is_ascii_uppercase() || !b.is_ascii()) {
                    self.lower_case_info(w).has(WordInfo::TITLE_MODIFIER)
                } else {
                    self.info[k].has(WordInfo::TITLE_MODIFIER)
                }
            };
            if title_here.is_none() && modifier() {
                // "former Defence Minister": the title is kept as a past one, with its modifier
                if self.rules.lexicon.past_title_modifier.contains(&w.to_lowercase()) {
                    past = Some(w.to_lowercase());
                }
                k += 1;
                continue;
            }
            // "White House trade adviser", "EU foreign policy chief": lower-case words before a role
            // (a verb after "to" is none of them: "to meet opposition leader Jane Roe")
            let infinitive = k > 0 && self.t(&ts[k - 1]) == "to";
            if titles.is_empty()
                && w.chars().next().is_some_and(char::is_lowercase)
                && title_here.is_none()
                && !infinitive
            {
                let role_at = (k + 1..(k + 3).min(ts.len())).find(|&r| {
                    ts[k..r].iter().all(|t| {
                        let w = self.t(t);
                        t.kind == TokKind::Word
                            && w.chars().next().is_some_and(char::is_lowercase)
                            && !self.rules.lexicon.not_role_modifier.contains(w)
                    }) && self.title_at(ts, r).is_some_and(|(kind, _, _)| kind == TitleKind::Role)
                });
                if let Some(r) = role_at {
                    if let Some((kind, phrase, next)) = self.title_at(ts, r) {
                        gender.add(self.title_gender(&phrase));
                        titles.push(self.slice(ts, k, next).into_owned());
                        if kind != TitleKind::Role {
                            role_only = false;
                        }
                        k = next;
                        continue;
                    }
                }
            }
            if let Some((kind, phrase, next)) = title_here {
                gender.add(self.title_gender(&phrase));
                // a capitalised office must not swallow the name ("General" before "Motors")
                if kind != TitleKind::Role {
                    role_only = false;
                }
                if kind != TitleKind::Honorific {
                    // a service reads with the rank after it: "Air Force Major General"
                    match titles.last_mut() {
                        Some(prev) if service_pending => {
                            prev.push(' ');
                            prev.push_str(&phrase);
                        }
                        _ => match past.take() {
                            Some(m) => titles.push(format!("{m} {phrase}")),
                            None => titles.push(phrase.into_owned()),
                        },
                    }
                }
                service_pending = kind == TitleKind::Service;
                k = next;
                continue;
            }
            break;
        }
        // "at the Chilean president's request": a person by a title that ends at its possessive
        if titles.is_empty() && k > i && self.is_the(i) {
            if let Some((TitleKind::Office | TitleKind::Rank | TitleKind::Role, next)) = self.title_span(ts, k, true) {
                let title = self.slice(ts, k, next).into_owned();
                let gender = self.title_gender(&title);
                let idx = self.push(MentionKind::RoleRef { title, country: nationality }, si, ts, i + 1..next, i);
                self.out[idx].gender.add(gender);
                return Some(next);
            }
        }
        // "Prime Minister of the Republic of Kazakhstan": the country in the office
        if nationality.is_none() {
            nationality = titles.iter().find_map(|t| {
                let (_, rest) = t.split_once(" of ")?;
                rest.split(" of ")
                    .map(|x| x.trim_start_matches("the "))
                    .find_map(|x| self.rules.country_names.get(x).copied())
            });
        }
        // "Air Force One": a service names a person only before a rank
        if service_pending {
            return None;
        }
        let titled = !titles.is_empty() || (k > i && self.info[k - 1].title == Some(TitleKind::Honorific));
        let honorific = k > i && self.info[i..k].iter().any(|x| x.title == Some(TitleKind::Honorific));
        if !(titled || honorific) {
            k = i;
            nationality = None;
            titles.clear();
            gender = GenderEvidence::default();
        }
        // "his spokesperson, Jane Roe, said": a role, a comma, the name, a comma; titles may
        // stand after the comma too ("Saudi Arabia's foreign minister, Prince Nawaf bin Rashed,")
        if (titled || honorific) && self.t(ts.get(k)?) == "," {
            if let Some((kind, phrase, next)) = self.title_at(ts, k + 1) {
                if matches!(kind, TitleKind::Office | TitleKind::Honorific | TitleKind::Rank)
                    && self.name_at(ts, next).is_some()
                {
                    gender.add(self.title_gender(&phrase));
                    if kind != TitleKind::Honorific {
                        titles.push(phrase.into_owned());
                    }
                    k = next;
                }
            }
        }
        if (titled || honorific) && self.t(ts.get(k)?) == "," && k + 1 < ts.len() && self.is_name_word(ts, k + 1, true)
        {
            let (e, _) = self.name_at(ts, k + 1)?;
            if ts.get(e).is_some_and(|t| matches!(self.t(t), "," | ")")) {
                k += 1;
            }
        }
        let named = self.name_at(ts, k).or_else(|| {
            let t = ts.get(k)?;
            let w: &'a str = t.text(self.text);
            let country_word = self.info[k].country_name().is_some() || self.info[k].capital().is_some();
            if !(titled && country_word && k + 1 < ts.len() && self.is_name_word(ts, k + 1, false)) {
                return None;
            }
            let (end, mut rest) = self.name_at(ts, k + 1)?;
            rest.insert(0, Cow::Borrowed(w));
            Some((end, rest))
        });
        let Some((end, words)) = named else {
            // "the Secretary-General", "the defence secretary": a person by title alone
            let definite = self.is_the(i);
            if definite && !titles.is_empty() && k > i + 1 && !self.t(&ts[k - 1]).ends_with('s') {
                let title = titles.last().cloned().unwrap_or_default();
                let kind = MentionKind::RoleRef { title, country: nationality };
                let idx = self.push(kind, si, ts, i + 1..k, i);
                self.out[idx].gender = gender;
                return Some(k);
            }
            return None;
        };
        let has_title = titled || honorific;
        if !has_title {
            // (a name of one word needs a title: the tests below are only for two words or more)
            if words.len() < 2 {
                return None;
            }
            let first = &words[0];
            // `"...," said Jane Roe`: a speaker named after the cue
            let after_cue = k >= 2
                && self.rules.lexicon.cue_before_name.contains(self.t(&ts[k - 1]))
                && matches!(self.t(&ts[k - 2]), "," | "\"" | "\u{201d}");
            // "Jane Roe, a spokesman for the ministry,": an apposition with a role
            let apposed = ts.get(end).is_some_and(|t| self.t(t) == ",")
                && self.info[end + 1..(end + 5).min(ts.len())].iter().any(|x| x.title == Some(TitleKind::Role))
                && ts.get(end + 1).is_some_and(|t| self.rules.lexicon.apposition_start.contains(self.t(t)));
            // "Jane Roe said", "..., Jane Roe, said": a name right before a statement cue
            let cue_at = |x: usize| {
                ts.get(x).is_some_and(|t| {
                    matches!(self.info[x].speech, Some(Frame::Plain | Frame::Audience | Frame::That))
                        && !matches!(self.t(t), "called" | "calls")
                })
            };
            let between_commas = k >= 1 && self.t(&ts[k - 1]) == "," && ts.get(end).is_some_and(|t| self.t(t) == ",");
            let before_cue = cue_at(end) || (between_commas && cue_at(end + 1));
            // "Wang Lei", "Cho Min-seo": a family name written first
            let family_first = self.rules.east_asian.contains(&**first) && words.len() <= 3;
            // a name found only by its cue must not be the tail of a longer name ("Human Rights
            // Watch said") nor end in an organisation's word ("Amnesty International said")
            let inside_run = k > 0 && ts[k - 1].kind == TokKind::Word && self.cap(k - 1);
            let org_word = self.rules.lexicon.not_person.contains(words.last().map(|w| &**w).unwrap_or(""));
            let by_cue = (after_cue || apposed || before_cue)
                && !inside_run
                && !org_word
                && (words.len() == 2
                    || words.len() == 3 && (NAME_PARTICLES.contains(&&*words[1]) || is_initials(&words[1])));
            let ok = self.rules.is_given_name(first) || is_initials(first) || family_first || by_cue;
            if !ok {
                return None;
            }
        } else if words.len() == 1 && self.info.get(end).is_some_and(|x| x.title == Some(TitleKind::Role)) {
            // "General Motors chief Mary Barra": a rank and a word before a role is an organisation
            return None;
        } else if role_only && words.len() == 1 && !honorific {
            // "spokesperson Doe" is rare; "chief Executive" is not a name
            let w = &words[0];
            if !ts[k].possessive && self.rules.is_given_name(w) {
                return None;
            }
        }
        let name = PersonName { words: words.into_iter().map(Cow::into_owned).collect() };
        // the given name's gender; a family name written first ("Kim Min Ho") is no given name
        if let Some(given) = name.given().filter(|g| !self.rules.east_asian.contains(*g)) {
            gender.add(self.rules.given_gender(given));
        }
        let idx = self.push(MentionKind::Person(name), si, ts, k..end, i);
        let m = &mut self.out[idx];
        m.nationality = nationality;
        m.gender = gender;
        if let Some(p) = prefix_inst {
            // the title reads with its institution: "Pentagon spokesperson"
            if let Some(first) = titles.first_mut() {
                if let MentionKind::Institution { label, .. } = &self.out[p].kind {
                    let l = label.clone();
                    let m = &mut self.out[idx];
                    *first = format!("{l} {first}");
                    m.affiliation = Some(p);
                }
            }
        }
        // relative roles say nothing about the person
        titles.retain(|t| !self.rules.lexicon.relative_role.contains(t.as_str()));
        // "US Defense Secretary": the nationality reads with the first office
        if let (Some(c), Some(first)) = (nationality, titles.first_mut()) {
            if prefix_inst.is_none() && self.rules.titles.get(first.as_str()).is_some_and(|k| *k == TitleKind::Office) {
                *first = format!("{} {}", self.rules.countries[c].adjective(), first);
            }
        }
        let m = &mut self.out[idx];
        m.titles = titles;
        Some(end)
    }

    /// A personal pronoun at token i (only where [`mark::PRONOUN`] is).
    pub(super) fn pronoun_at(&mut self, si: usize, ts: &[Tok], i: usize) -> Option<usize> {
        let p = match self.t(&ts[i]) {
            "he" | "He" => Pronoun::He,
            "she" | "She" => Pronoun::She,
            "it" | "It" => Pronoun::It,
            "they" | "They" => Pronoun::They,
            _ => return None,
        };
        // a capital mid-sentence ("...," He told Reuters) is a name, not a pronoun
        if self.cap(i) && !sentence_initial(self.text, ts, i, self.first_word) {
            return None;
        }
        self.push(MentionKind::Pronoun(p), si, ts, i..i + 1, i);
        Some(i + 1)
    }

    /// "Jane Roe, the chairman of the Joint Chiefs of Staff," and "Jane Roe, NATO's former
    /// supreme allied commander,": the apposition adds a title and an affiliation.
    pub(super) fn appositions(&mut self, toks: &Tokens) {
        let n = self.out.len();
        for pi in 0..n {
            if !self.out[pi].is_person() || self.out[pi].possessive {
                continue;
            }
            let si = self.out[pi].sentence;
            let ts = &toks.per_sentence[si];
            let after = self.out[pi].toks.end;
            if after >= ts.len() || self.t(&ts[after]) != "," {
                continue;
            }
            // the apposition runs to the next comma (or the sentence's end), at most 12 tokens
            let mut j = after + 1;
            while j < ts.len()
                && j - after <= 12
                && !matches!(self.t(&ts[j]), "," | "." | ";" | "\"" | "\u{201c}" | "\u{201d}")
            {
                j += 1;
            }
            if j == after + 1 || j - after > 12 {
                continue;
            }
            let words: Vec<&str> = ts[after + 1..j].iter().map(|t| self.t(t)).collect();
            let role = words.iter().any(|w| {
                self.rules
                    .titles
                    .get(*w)
                    .is_some_and(|k| matches!(k, TitleKind::Role | TitleKind::Office | TitleKind::Rank))
                    && w.chars().next().is_some_and(char::is_lowercase)
            });
            // no verbs in an apposition: a cue word ends it
            let verb = words.iter().any(|w| {
                self.rules.speech.contains_key(*w) || matches!(*w, "who" | "which" | "is" | "was" | "has" | "had")
            });
            let first = ts[after + 1];
            let opens = matches!(words[0], "the" | "a" | "an" | "his" | "her" | "its" | "their" | "former" | "then")
                || first.possessive
                || self.rules.titles.contains_key(words[0])
                || words[0].chars().next().is_some_and(char::is_uppercase);
            if !role || verb || !opens {
                continue;
            }
            let start_tok =
                if matches!(words.first(), Some(&"the") | Some(&"a") | Some(&"an")) { after + 2 } else { after + 1 };
            let title = self.text[ts[start_tok].start..ts[j - 1].full_end].to_string();
            // an institution inside the apposition becomes the affiliation
            let span = ts[after + 1].start..ts[j - 1].full_end;
            let (from, to) = self.of_sentence(si);
            let inst = self.out[from..to]
                .iter()
                .position(|m| {
                    m.span.start >= span.start
                        && m.span.end <= span.end
                        && matches!(m.kind, MentionKind::Institution { .. })
                })
                .map(|k| from + k);
            // "Jane Roe, a spokeswoman for the ministry,": a lower-case role word tells the gender
            let told: Vec<Option<Gender>> = ts[after + 1..j]
                .iter()
                .filter(|t| !t.possessive && self.t(t).chars().next().is_some_and(char::is_lowercase))
                .map(|t| self.rules.title_gender(self.t(t)))
                .collect();
            let m = &mut self.out[pi];
            told.into_iter().for_each(|g| m.gender.add(g));
            m.titles.push(title);
            if m.affiliation.is_none() {
                m.affiliation = inst;
            }
        }
    }

    /// Second pass: lone surnames of people already named in the document.
    pub(super) fn surnames(&mut self, toks: &Tokens) {
        // folded surnames, and family names written first, of the people named in full or
        // with a title ("President Doe")
        let mut known: rustc_hash::FxHashSet<String> = Default::default();
        for m in &self.out {
            if let MentionKind::Person(p) = &m.kind {
                if p.words.len() >= 2 || (!m.titles.is_empty() && !m.tentative) {
                    known.insert(crate::identity::surname_key(p.surname(), self.rules));
                    if self.rules.east_asian.contains(&p.words[0]) {
                        known.insert(crate::identity::surname_key(&p.words[0], self.rules));
                    }
                }
            }
        }
        if known.is_empty() {
            return;
        }
        let covered = covered_spans(&self.out);
        for (si, ts) in toks.per_sentence.iter().enumerate() {
            let lead = first_word(ts);
            for (ti, tok) in ts.iter().enumerate() {
                // a capitalised pronoun ("He said") is no surname
                let w = self.t(tok);
                if tok.kind != TokKind::Word || !self.capitalised_name(w) {
                    continue;
                }
                let pronoun_like =
                    self.rules.lexicon.not_name_start.contains(w) && sentence_initial(self.text, ts, ti, lead);
                if pronoun_like {
                    continue;
                }
                // (folded on the stack when short ASCII, where `fold` is lower-casing)
                let mut buf = [0u8; 32];
                let found = if w.is_ascii() && w.len() <= buf.len() {
                    let b = &mut buf[..w.len()];
                    b.copy_from_slice(w.as_bytes());
                    b.make_ascii_lowercase();
                    let folded = std::str::from_utf8(b).unwrap_or_default();
                    known.contains(crate::identity::folded_surname_key(folded, self.rules).as_ref())
                } else {
                    known.contains(crate::identity::surname_key(w, self.rules).as_str())
                };
                if !found {
                    continue;
                }
                if is_covered(&covered, tok.start) {
                    continue;
                }
                let name = PersonName { words: vec![self.t(tok).to_string()] };
                self.push(MentionKind::Person(name), si, ts, ti..ti + 1, ti);
            }
        }
    }

    /// Third pass: lone capitalised words that no word list knows and no mention covers, as
    /// tentative people ("Roe spoke by phone with Petrov"): a word that begins a capitalised
    /// run, or ends one, is a name's part or a thing's, and is left alone.
    pub(super) fn lone_capitals(&mut self, toks: &Tokens) {
        let covered = covered_spans(&self.out);
        let cap_word = |f: &Self, t: &Tok| t.kind == TokKind::Word && f.capitalised_name(f.t(t));
        for (si, ts) in toks.per_sentence.iter().enumerate() {
            if self.credit[si] {
                continue;
            }
            let lead = first_word(ts);
            for (ti, tok) in ts.iter().enumerate() {
                if !cap_word(self, tok) {
                    continue;
                }
                // (most capitalised words are in a mention already: asked first, it is cheap)
                if is_covered(&covered, tok.start) {
                    continue;
                }
                let w = self.t(tok);
                // a name's shape: letters (an inner hyphen or apostrophe), some in lower case
                let shaped = w.chars().count() >= 2
                    && w.chars().skip(1).any(char::is_lowercase)
                    && w.chars().all(|c| c.is_alphabetic() || c == '-' || c == '\'' || c == '\u{2019}')
                    && !w.ends_with(['-', '\'', '\u{2019}'])
                    && w.split('-').skip(1).all(|part| part.chars().next().is_some_and(char::is_uppercase));
                if !shaped {
                    continue;
                }
                let lone = (ti == 0 || !cap_word(self, &ts[ti - 1]) || ts[ti - 1].possessive)
                    && (ti + 1 >= ts.len() || !cap_word(self, &ts[ti + 1]) || tok.possessive);
                if !lone {
                    continue;
                }
                // after "the" it is a thing ("the Atlantic"), after "in" a place ("in Yemen")
                let prev = (ti > 0).then(|| self.t(&ts[ti - 1]));
                if prev.is_some_and(|p| PLACE_OR_THING_BEFORE.contains(&p)) {
                    continue;
                }
                // the first word of a sentence ("Markets fell", "Fighting continued") is a name
                // only before a verb of speech, of a call or of a refusal ("Roe spoke by phone",
                // "Roe said", "Roe declined"), or with a possessive ("Roe's")
                // (a gerund there is an action: "Fighting continued")
                if sentence_initial(self.text, ts, ti, lead) && !tok.possessive {
                    let next = ts.get(ti + 1).map(|n| self.t(n)).unwrap_or("");
                    let verb =
                        self.rules.actor_verb_first_words.contains(next) || self.rules.words.get(next).speech.is_some();
                    if !verb || w.ends_with("ing") {
                        continue;
                    }
                }
                if self.rules.words.get(w).is_listed()
                    || self.lower_case_info(w).is_listed()
                    || self.rules.is_given_name(w)
                    || crate::dates::is_date_word(w)
                {
                    continue;
                }
                let name = PersonName { words: vec![w.to_string()] };
                let m = self.push(MentionKind::Person(name), si, ts, ti..ti + 1, ti);
                self.out[m].tentative = true;
            }
        }
    }
}

/// Words after which a lone capitalised word is a thing or a place, not a person (grammar).
const PLACE_OR_THING_BEFORE: &[&str] =
    &["the", "The", "in", "In", "at", "At", "near", "across", "into", "inside", "outside", "throughout"];
