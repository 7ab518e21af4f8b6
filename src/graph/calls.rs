//! Calls across documents: the reports of one call grouped ([`merge_calls`]), their merged
//! date and status, the call nodes and their contact edges.

use super::*;
use crate::rules::event_codes::EventCode;

pub(super) struct Call {
    pub(super) participants: BTreeSet<usize>,
    pub(super) date: Option<PartialDate>,
    pub(super) published: Option<NaiveDate>,
    pub(super) initiator: Option<usize>,
    pub(super) status: crate::facts::CallStatus,
    pub(super) medium: Option<String>,
    /// the document, by index
    pub(super) doc: usize,
    pub(super) evidence: Vec<(Evidence, Vec<usize>)>,
}

/// The calls' nodes: each group's id (its base, numbered after the first of the same base, in the
/// order of base and group), then its node, on all cores; and what each node's edges need.
pub(super) fn call_nodes(
    calls: &[Call],
    groups: &[Vec<usize>],
    globals: &[Global],
    gid: &[String],
    slugs: &[String],
    doc_names: &[String],
    codes: &EventCodes,
) -> (Vec<Option<Node>>, Vec<CallNode>) {
    let mut bases: Vec<(String, usize)> = groups
        .par_iter()
        .enumerate()
        .map(|(k, members)| {
            let mut parts: Vec<usize> = calls[members[0]].participants.iter().copied().collect();
            parts.sort_by(|a, b| gid[*a].cmp(&gid[*b]));
            let mut base =
                format!("call:{}-", call_date(calls, members).map(|d| d.to_string()).as_deref().unwrap_or("undated"));
            for (j, &p) in parts.iter().enumerate() {
                if j > 0 {
                    base.push('-');
                }
                base.push_str(&slugs[p]);
            }
            (base, k)
        })
        .collect();
    bases.par_sort_unstable();
    let mut numbered: Vec<(String, usize, usize)> = Vec::with_capacity(bases.len());
    for (base, k) in bases {
        let n = match numbered.last() {
            Some((last, _, n)) if *last == base => n + 1,
            _ => 1,
        };
        numbered.push((base, k, n));
    }
    let surname_of = |p: usize| globals[p].label.split(' ').next_back().unwrap_or("");
    let made: Vec<(Node, CallNode)> = numbered
        .into_par_iter()
        .map(|(base, k, n)| {
            let members = &groups[k];
            let first = &calls[members[0]];
            let date = call_date(calls, members);
            let mut votes: BTreeMap<usize, usize> = BTreeMap::new();
            for &m in members {
                if let Some(i) = calls[m].initiator {
                    *votes.entry(i).or_default() += 1;
                }
            }
            let initiator =
                votes.iter().max_by_key(|(i, n)| (**n, std::cmp::Reverse(gid[**i].as_str()))).map(|(i, _)| *i);
            let mut parts: Vec<usize> = first.participants.iter().copied().collect();
            parts.sort_by(|a, b| gid[*a].cmp(&gid[*b]));
            let id = if n == 1 { base } else { format!("{base}-{n}") };
            let mut sources: Vec<usize> = members.iter().map(|&m| calls[m].doc).collect();
            sources.sort_unstable();
            sources.dedup();
            let day = date.map(|d| d.to_string());
            let label = format!(
                "{} \u{2013} {}",
                parts.iter().map(|&p| surname_of(p)).collect::<Vec<_>>().join(" \u{2013} "),
                day.as_deref().unwrap_or("date unknown")
            );
            let medium = members.iter().filter_map(|&m| calls[m].medium.as_ref()).min().cloned();
            let status = merged_status(members.iter().map(|&m| calls[m].status));
            let code = codes.contact(medium.as_deref(), status).clone();
            let node = Node {
                id,
                kind: NodeKind::Call,
                label,
                aliases: Vec::new(),
                titles: Vec::new(),
                inst_type: None,
                country: None,
                sources: {
                    let mut names: Vec<String> = sources.iter().map(|&di| doc_names[di].clone()).collect();
                    // (a set of names: documents of one name, should there be two, count once)
                    names.dedup();
                    names
                },
                date: day.clone(),
                status: Some(status.to_string()),
                initiator: initiator.map(|i| gid[i].clone()),
                participants: parts.iter().map(|&p| gid[p].clone()).collect(),
                medium,
            };
            (node, CallNode { k, initiator, day, parts, code })
        })
        .collect();
    made.into_iter().map(|(n, c)| (Some(n), c)).unzip()
}

/// Each call's contact edges, one a participant, on all cores, with the evidence of the reports
/// that name the participant (all of the call's when none does).
pub(super) fn contact_edges(
    edges: &mut Vec<(usize, usize, Edge)>,
    calls: &[Call],
    groups: &[Vec<usize>],
    call_info: &[CallNode],
    canonical: &[usize],
    n_globals: usize,
) {
    edges.par_extend(call_info.par_iter().enumerate().flat_map_iter(|(ci, c)| {
        let members = &groups[c.k];
        c.parts.iter().map(move |&p| {
            let p = canonical[p];
            let mut ev: Vec<Evidence> = members
                .iter()
                .flat_map(|&m| calls[m].evidence.iter())
                .filter(|(_, named)| named.contains(&p))
                .map(|(e, _)| e.clone())
                .collect();
            if ev.is_empty() {
                ev = members.iter().flat_map(|&m| calls[m].evidence.iter()).map(|(e, _)| e.clone()).collect();
            }
            ev.sort();
            ev.dedup();
            let mut e = Edge::new(EdgeKind::Contact);
            e.role = Some(if Some(p) == c.initiator { "initiator" } else { "participant" }.to_string());
            (e.cameo, e.plover) = (c.code.cameo.clone(), c.code.plover.clone());
            e.date = c.day.clone();
            e.evidence = ev;
            (p, n_globals + ci, e)
        })
    }));
}

/// What a call node's edges need.
pub(super) struct CallNode {
    /// its group of reports
    pub(super) k: usize,
    pub(super) initiator: Option<usize>,
    /// its date, as written
    pub(super) day: Option<String>,
    /// the participants, by id
    pub(super) parts: Vec<usize>,
    /// the codes of its contact edges, by its medium and status
    pub(super) code: EventCode,
}

/// The date of a group of call reports: the most precise, the earliest of those.
pub(super) fn call_date(calls: &[Call], members: &[usize]) -> Option<PartialDate> {
    PartialDate::most_precise(members.iter().filter_map(|&m| calls[m].date))
}

/// The status of a call from its reports: held when reported held (disputed when another report
/// denies it), else denied, else planned.
pub(super) fn merged_status(statuses: impl Iterator<Item = crate::facts::CallStatus>) -> &'static str {
    use crate::facts::CallStatus;
    let all: BTreeSet<CallStatus> = statuses.collect();
    match (all.contains(&CallStatus::Held), all.contains(&CallStatus::Denied)) {
        (true, true) => "disputed",
        (true, false) => "held",
        (false, true) => "denied",
        (false, false) => "planned",
    }
}

/// Group call reports that describe the same call. Only reports with the same participants can
/// be one call. Reports dated to the day group by day; a report dated only to the month joins the
/// one day-dated call of that month (or other month-only reports when there is none); an undated
/// report joins the one dated call in the 30 days before its publication, or else undated reports
/// published within a week of it. A less precise report never joins two calls into one.
pub(super) fn merge_calls(calls: &[Call], doc_names: &[String]) -> Vec<Vec<usize>> {
    let mut by_parts: BTreeMap<&BTreeSet<usize>, Vec<usize>> = BTreeMap::new();
    for (i, c) in calls.iter().enumerate() {
        by_parts.entry(&c.participants).or_default().push(i);
    }
    let mut groups: Vec<Vec<usize>> = Vec::new();
    for reports in by_parts.values() {
        // (date of the group, its members), in the order the groups were made
        let mut local: Vec<(Option<PartialDate>, Vec<usize>)> = Vec::new();
        let mut by_precision: Vec<usize> = reports.clone();
        by_precision.sort_by_key(|&i| (std::cmp::Reverse(calls[i].date.map(|d| d.precision())), i));
        for i in by_precision {
            let c = &calls[i];
            let fits: Vec<usize> = match c.date {
                Some(d) if d.is_day() => {
                    local.iter().enumerate().filter(|(_, g)| g.0 == Some(d)).map(|(k, _)| k).collect()
                }
                Some(d) => {
                    let finer: Vec<usize> = local
                        .iter()
                        .enumerate()
                        .filter(|(_, g)| g.0.is_some_and(|x| x.compatible(&d) && x.precision() > d.precision()))
                        .map(|(k, _)| k)
                        .collect();
                    if finer.is_empty() {
                        local.iter().enumerate().filter(|(_, g)| g.0 == Some(d)).map(|(k, _)| k).collect()
                    } else {
                        finer
                    }
                }
                None => {
                    let near =
                        |g: &(Option<PartialDate>, Vec<usize>)| match (g.0.and_then(|d| d.first_day()), c.published) {
                            (Some(day), Some(p)) => p >= day && (p - day).num_days() <= 30,
                            _ => false,
                        };
                    let dated: Vec<usize> = local.iter().enumerate().filter(|(_, g)| near(g)).map(|(k, _)| k).collect();
                    if dated.is_empty() {
                        local
                            .iter()
                            .enumerate()
                            .filter(|(_, g)| {
                                g.0.is_none()
                                    && g.1.iter().any(|&m| match (calls[m].published, c.published) {
                                        (Some(x), Some(y)) => (x - y).num_days().abs() <= 7,
                                        _ => doc_names[calls[m].doc] == doc_names[c.doc],
                                    })
                            })
                            .map(|(k, _)| k)
                            .collect()
                    } else {
                        dated
                    }
                }
            };
            match fits.as_slice() {
                [k] => local[*k].1.push(i),
                _ => local.push((c.date, vec![i])),
            }
        }
        for (_, mut members) in local {
            members.sort_unstable();
            groups.push(members);
        }
    }
    groups.sort();
    groups
}
