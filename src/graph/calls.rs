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
    (doc_names, metas): (&[String], &BTreeMap<String, DocMeta>),
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
            let (accounts, disputed) = accounts(calls, members, gid, doc_names, metas);
            // one initiator, or none when the reports name two
            let initiator = if disputed.iter().any(|d| d == "initiator") {
                None
            } else {
                members.iter().find_map(|&m| calls[m].initiator)
            };
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
                accounts,
                disputed,
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

/// Two readouts of one call a day apart (a call late in the evening in one capital is the next
/// day in the other): groups of the same participants dated to days one apart are one call when
/// no document reports both and every report of one was published within three days of every
/// report of the other. The call then keeps both dates in its accounts (`disputed` "date").
fn join_next_day_readouts(calls: &[Call], local: &mut Vec<(Option<PartialDate>, Vec<usize>)>) {
    let day = |g: &(Option<PartialDate>, Vec<usize>)| g.0.filter(|d| d.is_day()).and_then(|d| d.first_day());
    let mut a = 0;
    while a < local.len() {
        let mut joined = false;
        if let Some(da) = day(&local[a]) {
            for b in 0..local.len() {
                let Some(db) = day(&local[b]) else { continue };
                if b == a || (db - da).num_days() != 1 {
                    continue;
                }
                let docs = |k: usize| local[k].1.iter().map(|&m| calls[m].doc).collect::<BTreeSet<usize>>();
                let near = local[a].1.iter().all(|&x| {
                    local[b].1.iter().all(|&y| match (calls[x].published, calls[y].published) {
                        (Some(p), Some(q)) => (p - q).num_days().abs() <= 3,
                        _ => false,
                    })
                });
                // (a call joined once already keeps its two days: no third)
                let one_day = |k: usize| {
                    local[k]
                        .1
                        .iter()
                        .filter_map(|&m| calls[m].date.filter(|d| d.is_day()))
                        .collect::<BTreeSet<_>>()
                        .len()
                        == 1
                };
                if near && one_day(a) && one_day(b) && docs(a).is_disjoint(&docs(b)) {
                    let (_, members) = local.remove(b);
                    let a = if b < a { a - 1 } else { a };
                    local[a].1.extend(members);
                    joined = true;
                    break;
                }
            }
        }
        if !joined {
            a += 1;
        }
    }
}

/// Each document's account of a call, and the fields they disagree on: an initiator two
/// reports name differently, a day two reports give differently, a report of the call held and
/// one that denies it. No accounts when they agree (a report silent on a field agrees).
fn accounts(
    calls: &[Call],
    members: &[usize],
    gid: &[String],
    doc_names: &[String],
    metas: &BTreeMap<String, DocMeta>,
) -> (Vec<CallAccount>, Vec<String>) {
    // (most calls have one report, or reports that say the same: told without a set)
    let first = &calls[members[0]];
    let day = |c: &Call| c.date.filter(|d| d.is_day());
    let same = |&m: &usize| {
        let c = &calls[m];
        c.status == first.status && c.initiator == first.initiator && day(c) == day(first)
    };
    if members.iter().all(same) {
        return (Vec::new(), Vec::new());
    }
    let initiators: BTreeSet<usize> = members.iter().filter_map(|&m| calls[m].initiator).collect();
    let days: BTreeSet<PartialDate> = members.iter().filter_map(|&m| calls[m].date).filter(|d| d.is_day()).collect();
    let statuses: BTreeSet<crate::facts::CallStatus> = members.iter().map(|&m| calls[m].status).collect();
    let mut disputed = Vec::new();
    if days.len() > 1 {
        disputed.push("date".to_string());
    }
    if initiators.len() > 1 {
        disputed.push("initiator".to_string());
    }
    if merged_status(statuses.iter().copied()) == "disputed" {
        disputed.push("status".to_string());
    }
    if disputed.is_empty() {
        return (Vec::new(), disputed);
    }
    // the reports of each document (in document order), as one account
    let mut by_doc: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for &m in members {
        by_doc.entry(calls[m].doc).or_default().push(m);
    }
    let accounts = by_doc
        .into_iter()
        .map(|(di, ms)| {
            let mut evidence: Vec<Evidence> =
                ms.iter().flat_map(|&m| calls[m].evidence.iter().map(|(e, _)| e.clone())).collect();
            evidence.sort();
            evidence.dedup();
            CallAccount {
                source: doc_names[di].clone(),
                outlet: metas.get(&doc_names[di]).and_then(|m| m.outlet.clone()),
                date: call_date(calls, &ms).map(|d| d.to_string()),
                initiator: ms.iter().find_map(|&m| calls[m].initiator).map(|i| gid[i].clone()),
                status: merged_status(ms.iter().map(|&m| calls[m].status)).to_string(),
                evidence,
            }
        })
        .collect();
    (accounts, disputed)
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
        join_next_day_readouts(calls, &mut local);
        for (_, mut members) in local {
            members.sort_unstable();
            groups.push(members);
        }
    }
    groups.sort();
    groups
}
