//! The templates: evidence in, sections of cited lines out.
//!
//! What is stated (asserted events, stated facts) and what is not
//! (expected, intended, conditional, negated or hedged events; hedged
//! statements and figures) never share a section: the second kind goes to
//! "Claimed, hedged or expected" alone.

use crate::gather::{ContextEvent, Evidence, Fact, Group, Happening};
use crate::phrase::{self, actor, actor_said, number, s, verb};
use crate::{Brief, BriefQuery, Citation, Line, Section, Subject};
use serde_json::Value;
use std::collections::{BTreeMap, HashMap};

/// Periods of the timeline written out; earlier ones are summed in one line.
const MAX_PERIODS: usize = 12;
/// Third parties given lines, and lines per third party.
const MAX_THIRD_PARTIES: usize = 12;
const LINES_PER_THIRD_PARTY: usize = 4;
/// Lines of the open, hedged and "also reported" sections.
const MAX_LINES: usize = 12;
/// A quoted sentence is cut after this many characters.
const QUOTE: usize = 200;

pub(crate) fn brief(q: &BriefQuery, ev: &Evidence) -> Brief {
    let names = &ev.names;
    let parties: Vec<String> = q.subject.parties().iter().map(|p| actor(p.as_str(), names)).collect();
    let title = format!("Situation brief: {}", parties.join(" and "));
    let period = match (q.from, q.to) {
        (None, None) => match (&ev.first_day, &ev.last_day) {
            (Some(a), Some(b)) => format!("{a} to {b} (all the store holds)"),
            _ => "no dated event".to_string(),
        },
        (from, to) => format!(
            "{} to {}",
            from.map_or("the beginning".to_string(), |d| d.to_string()),
            to.map_or("the latest report".to_string(), |d| d.to_string())
        ),
    };
    Brief {
        title,
        period,
        subject: q.subject.clone(),
        sections: vec![
            parties_section(ev),
            over_time(q, ev),
            third_parties(q, ev),
            open_requests(q, ev),
            figures(ev),
            hedged(ev),
            also_reported(q, ev),
        ],
    }
}

fn section(heading: &str, lines: Vec<Line>, empty: &str) -> Section {
    Section { heading: heading.to_string(), lines, empty: empty.to_string() }
}

fn cite_events(ids: impl IntoIterator<Item = i64>) -> Vec<Citation> {
    ids.into_iter().map(Citation::event).collect()
}

/// The first `QUOTE` characters of a sentence, in quotes.
fn quote(sentence: &str) -> String {
    let sentence = sentence.split_whitespace().collect::<Vec<_>>().join(" ");
    let cut: String = sentence.chars().take(QUOTE).collect();
    if cut.len() < sentence.len() {
        format!("“{}…”", cut.trim_end())
    } else {
        format!("“{cut}”")
    }
}

fn parties_section(ev: &Evidence) -> Section {
    let mut lines = Vec::new();
    for p in &ev.parties {
        let mut parts = vec![actor(&p.code, &ev.names)];
        match p.provisional {
            Some(true) => parts.push("a provisional code (named in the reports, in no dictionary)".into()),
            Some(false) => parts.push("a dictionary code".into()),
            None => {}
        }
        if let Some(role) = &p.role {
            parts.push(format!("role {role}"));
        }
        if let Some(c) = &p.country {
            parts.push(format!("country {c}"));
        }
        if !p.names.is_empty() {
            let names: Vec<String> = p.names.iter().map(|(n, k)| format!("“{n}” ({k})")).collect();
            parts.push(format!("named in the reports as {}", names.join(", ")));
        }
        if !p.members.is_empty() {
            let m: Vec<String> = p.members.iter().map(|(c, k)| format!("{} ({k})", actor(c, &ev.names))).collect();
            parts.push(format!("covering {}", m.join(", ")));
        }
        parts.push(format!("{} happening{} in the period", p.happenings, s(p.happenings)));
        if let Some(line) = Line::cited(parts.join("; ") + ".", cite_events(p.events.iter().copied())) {
            lines.push(line);
        }
    }
    section("Parties", lines, "No event in the period names the parties.")
}

/// `YYYY-MM` for months, the Monday `YYYY-MM-DD` for weeks.
fn period_of(day: &str, weekly: bool) -> String {
    if !weekly {
        return day.get(..7).unwrap_or(day).to_string();
    }
    match chrono::NaiveDate::parse_from_str(day, "%Y-%m-%d") {
        Ok(d) => {
            let monday = d - chrono::Duration::days(chrono::Datelike::weekday(&d).num_days_from_monday() as i64);
            format!("week of {}", monday.format("%Y-%m-%d"))
        }
        Err(_) => day.to_string(),
    }
}

#[derive(Default)]
struct Bucket<'a> {
    cooperative: i64,
    conflictual: i64,
    goldstein: f64,
    happenings: Vec<&'a Happening>,
}

impl Bucket<'_> {
    fn total(&self) -> i64 {
        self.happenings.len() as i64
    }
    fn mean(&self) -> f64 {
        self.goldstein / self.total().max(1) as f64
    }
    /// The most reported happenings, stated ones first.
    fn top(&self, n: usize) -> Vec<&Happening> {
        let mut v = self.happenings.clone();
        v.sort_by(|a, b| b.stated.cmp(&a.stated).then(b.mentions.cmp(&a.mentions)).then(b.event.cmp(&a.event)));
        v.truncate(n);
        v
    }
}

fn happening_text(h: &Happening, names: &HashMap<String, String>) -> String {
    let object = (!h.target.is_empty()).then(|| actor(&h.target, names));
    let mut t = format!("{} {}", actor(&h.source, names), verb(&h.cameo, object.as_deref()));
    if h.mentions > 1 {
        t += &format!(" ({} reports)", h.mentions);
    }
    if !h.stated {
        t += " (not stated as fact)";
    }
    t
}

fn over_time(q: &BriefQuery, ev: &Evidence) -> Section {
    let heading = match q.subject {
        Subject::Dyad(..) => "Between them over time",
        Subject::Actor(_) => "Over time",
    };
    let mut lines = Vec::new();
    if ev.direct.is_empty() {
        let docs: Vec<Citation> = ev.documents.iter().take(5).map(|d| Citation::document(d)).collect();
        let text = match &q.subject {
            Subject::Dyad(a, b) => format!(
                "No happening between {} and {} is coded in the period; what follows comes from the {} that name{} either of them.",
                actor(a.as_str(), &ev.names),
                actor(b.as_str(), &ev.names),
                match ev.documents.len() {
                    1 => "one report".to_string(),
                    n => format!("{n} reports"),
                },
                if ev.documents.len() == 1 { "s" } else { "" }
            ),
            Subject::Actor(a) => format!("No dated happening names {} in the period.", actor(a.as_str(), &ev.names)),
        };
        lines.extend(Line::cited(text, docs));
        return section(heading, lines, "Nothing in the period.");
    }
    let span = match (ev.direct.first().and_then(|h| h.day.as_deref()), ev.direct.last().and_then(|h| h.day.as_deref())) {
        (Some(a), Some(b)) => chrono::NaiveDate::parse_from_str(b, "%Y-%m-%d")
            .ok()
            .zip(chrono::NaiveDate::parse_from_str(a, "%Y-%m-%d").ok())
            .map_or(0, |(b, a)| (b - a).num_days()),
        _ => 0,
    };
    let weekly = span <= 92;
    let mut buckets: BTreeMap<String, Bucket> = BTreeMap::new();
    for h in &ev.direct {
        let b = buckets.entry(period_of(h.day.as_deref().unwrap_or(""), weekly)).or_default();
        if h.quad <= 2 {
            b.cooperative += 1;
        } else {
            b.conflictual += 1;
        }
        b.goldstein += h.goldstein;
        b.happenings.push(h);
    }
    let periods: Vec<(&String, &Bucket)> = buckets.iter().collect();
    let shown = periods.len().saturating_sub(MAX_PERIODS);
    if shown > 0 {
        let earlier = &periods[..shown];
        let n: i64 = earlier.iter().map(|(_, b)| b.total()).sum();
        let coop: i64 = earlier.iter().map(|(_, b)| b.cooperative).sum();
        let top = earlier.iter().flat_map(|(_, b)| b.top(1)).max_by_key(|h| h.mentions);
        let text = format!(
            "From {} to {}: {n} happening{}, {coop} cooperative and {} conflictual.",
            earlier[0].0,
            earlier[shown - 1].0,
            s(n),
            n - coop
        );
        lines.extend(Line::cited(text, cite_events(top.map(|h| h.event))));
    }
    let mut previous: Option<f64> = None;
    for (period, b) in &periods[shown..] {
        let top = b.top(2);
        let most: Vec<String> = top.iter().map(|h| happening_text(h, &ev.names)).collect();
        let text = format!(
            "{}: {} happening{}, {} cooperative and {} conflictual (mean Goldstein {:+.1}); most reported: {}.",
            capitalise(period),
            b.total(),
            s(b.total()),
            b.cooperative,
            b.conflictual,
            b.mean(),
            most.join("; ")
        );
        lines.extend(Line::cited(text, cite_events(top.iter().map(|h| h.event))));
        if let Some(p) = previous {
            if (p >= 0.0) != (b.mean() >= 0.0) {
                let turn = if b.mean() < 0.0 { "toward conflict" } else { "toward cooperation" };
                let text = format!("Turning point, {period}: the mean Goldstein score turned {turn}, from {p:+.1} to {:+.1}.", b.mean());
                lines.extend(Line::cited(text, cite_events(top.first().map(|h| h.event))));
            }
        }
        previous = Some(b.mean());
    }
    for a in &ev.alerts {
        let text = format!("Turning point, {} (alert {} #{}): {}.", a.day, a.rule.replace('_', " "), a.id, a.message.trim_end_matches('.'));
        lines.extend(Line::cited(text, cite_events(a.events.iter().copied())));
    }
    if ev.undated_direct > 0 {
        let verb = if ev.undated_direct == 1 { "carries" } else { "carry" };
        let text = format!("{} more happening{} {verb} no date.", ev.undated_direct, s(ev.undated_direct));
        lines.extend(Line::cited(text, ev.documents.iter().take(1).map(|d| Citation::document(d))));
    }
    section(heading, lines, "Nothing in the period.")
}

/// The side of a group that is not a party (for one actor: the partner).
fn third_of<'a>(subject: &Subject, g: &'a Group) -> (&'a str, bool) {
    match (subject.party_of(&g.source).is_some(), subject.party_of(&g.target).is_some()) {
        (true, false) => (&g.target, false),
        (false, _) => (&g.source, true),
        (true, true) => (&g.target, false),
    }
}

/// What a third party did, or had done to it: (it acts, CAMEO code, the
/// party's own code for a happening without a counterpart, else "").
type Kind = (bool, String, String);

/// A third party's code and what it did, kind by kind, with the groups behind each.
type ThirdParty<'a> = (String, Vec<(Kind, Vec<&'a Group>)>);

fn third_parties(q: &BriefQuery, ev: &Evidence) -> Section {
    let names = &ev.names;
    // third party -> (direction, cameo) -> groups (one per party side).
    let mut by_third: Vec<ThirdParty> = Vec::new();
    let dyad = matches!(q.subject, Subject::Dyad(..));
    for g in ev.groups.iter().filter(|g| g.stated) {
        // In a dyad, dealings within one side (ISRCVL with ISRGOV) are no third party's.
        if dyad && q.subject.party_of(&g.source).is_some() && q.subject.party_of(&g.target).is_some() {
            continue;
        }
        let (third, acts) = third_of(&q.subject, g);
        let slot = match by_third.iter().position(|(t, _)| t == third) {
            Some(i) => i,
            None => {
                by_third.push((third.to_string(), Vec::new()));
                by_third.len() - 1
            }
        };
        let kinds = &mut by_third[slot].1;
        // Events with no counterpart are not merged across the parties' actors.
        let own = if third.is_empty() { if acts { g.target.clone() } else { g.source.clone() } } else { String::new() };
        let key = (acts, g.cameo.clone(), own);
        match kinds.iter_mut().find(|(k, _)| *k == key) {
            Some((_, v)) => v.push(g),
            None => kinds.push((key, vec![g])),
        }
    }
    let mut lines = Vec::new();
    for (third, kinds) in by_third.iter().take(MAX_THIRD_PARTIES) {
        let t = actor(third, names);
        for ((acts, cameo, _), groups) in kinds.iter().take(LINES_PER_THIRD_PARTY) {
            let mut sides: Vec<&crate::PartyCode> =
                groups.iter().filter_map(|g| q.subject.party_of(if *acts { &g.target } else { &g.source })).collect();
            sides.dedup();
            let both = dyad && sides.len() == 2;
            let n: i64 = groups.iter().map(|g| g.happenings).sum();
            let reports: i64 = groups.iter().map(|g| g.mentions).sum();
            let last = groups.iter().filter_map(|g| g.last_day.clone()).max();
            let mut cites: Vec<i64> = Vec::new();
            for g in groups {
                cites.push(g.latest_event);
                if g.first_event != g.latest_event && cites.len() < 4 {
                    cites.push(g.first_event);
                }
            }
            let text = if *acts {
                let mut parties: Vec<String> = groups.iter().map(|g| actor(&g.target, names)).collect();
                parties.dedup();
                let object = if both && parties.len() == 2 {
                    format!("both parties, {} and {}", parties[0], parties[1])
                } else {
                    parties.join(" and ")
                };
                format!("{t} {}", verb(cameo, Some(&object)))
            } else {
                let mut parties: Vec<String> = groups.iter().map(|g| actor(&g.source, names)).collect();
                parties.dedup();
                let object = (!third.is_empty()).then_some(t.as_str());
                let subject = if both && parties.len() == 2 {
                    format!("Both parties, {} and {},", parties[0], parties[1])
                } else {
                    parties.join(" and ")
                };
                format!("{subject} {}", verb(cameo, object))
            };
            let when = match last {
                Some(d) if n > 1 => format!(" ({n} happenings in {reports} reports, the latest on {d})"),
                Some(d) => format!(" ({d})"),
                None => String::new(),
            };
            lines.extend(Line::cited(format!("{}{when}.", capitalise(&text)), cite_events(cites)));
        }
        if let Subject::Dyad(a, b) = &q.subject {
            // Allies: cooperative toward one party, conflictual toward the other.
            let tone = |p: &crate::PartyCode| -> Option<(f64, i64)> {
                let gs: Vec<&&Group> = kinds.iter().flat_map(|(_, v)| v).filter(|g| p.covers(&g.source) || p.covers(&g.target)).collect();
                (!gs.is_empty()).then(|| (gs.iter().map(|g| g.goldstein * g.happenings as f64).sum::<f64>(), gs[0].latest_event))
            };
            if let (Some((ga, ea)), Some((gb, eb))) = (tone(a), tone(b)) {
                let side = if ga > 0.0 && gb < 0.0 {
                    Some((a, b))
                } else if gb > 0.0 && ga < 0.0 {
                    Some((b, a))
                } else {
                    None
                };
                if let Some((with, against)) = side {
                    let text = format!(
                        "Stance: {t} sides with {} against {} (cooperative toward the one, conflictual toward the other).",
                        actor(with.as_str(), names),
                        actor(against.as_str(), names)
                    );
                    lines.extend(Line::cited(text, cite_events([ea, eb])));
                }
            }
        }
    }
    let heading = match q.subject {
        Subject::Dyad(..) => "Third parties and their stances",
        Subject::Actor(_) => "Counterparts and their stances",
    };
    section(heading, lines, "No other actor is reported dealing with the parties in the period.")
}

/// Whether `a` and `b` are the same actor or one falls under the other.
fn same_side(a: &str, b: &str) -> bool {
    !a.is_empty() && !b.is_empty() && (a.starts_with(b) || b.starts_with(a))
}

/// Reported before: an earlier day, or earlier in the same document.
fn after(answer: &ContextEvent, request: &ContextEvent) -> bool {
    match (&answer.day, &request.day) {
        (Some(x), Some(y)) if x != y => x > y,
        _ => answer.doc != request.doc || answer.sentence_index > request.sentence_index,
    }
}

/// A side of a context event, in the words of its report for an actor
/// known only by its role.
fn side(e: &ContextEvent, which: &str, names: &HashMap<String, String>) -> String {
    let code = if which == "source" { &e.source } else { &e.target };
    let v = &e.json[which];
    let said = v.get("refers_to").and_then(Value::as_str).or_else(|| v.get("text").and_then(Value::as_str));
    actor_said(code, said, names)
}

fn open_requests(q: &BriefQuery, ev: &Evidence) -> Section {
    let names = &ev.names;
    let is_open = |r: &ContextEvent| {
        !ev.context.iter().any(|a| phrase::answers(&a.root) && same_side(&a.source, &r.target) && same_side(&a.target, &r.source) && after(a, r))
    };
    // One line per request told in one sentence, with all its targets.
    let mut seen: Vec<(String, i64, String, String)> = Vec::new();
    let mut lines = Vec::new();
    for r in ev.context.iter().filter(|e| e.stated() && !e.background && (phrase::is_request(&e.root) || phrase::is_offer(&e.root))) {
        let key = (r.doc.clone(), r.sentence_index, r.source.clone(), r.cameo.clone());
        if seen.contains(&key) || !is_open(r) {
            continue;
        }
        seen.push(key);
        let same: Vec<&ContextEvent> = ev
            .context
            .iter()
            .filter(|e| e.doc == r.doc && e.sentence_index == r.sentence_index && e.source == r.source && e.cameo == r.cameo)
            .collect();
        let mut targets: Vec<String> = same.iter().filter(|e| !e.target.is_empty()).map(|e| side(e, "target", names)).collect();
        targets.dedup();
        let object = match targets.len() {
            0 => None,
            2 if same.iter().all(|e| q.subject.party_of(&e.target).is_some()) && matches!(q.subject, Subject::Dyad(..)) => {
                Some(format!("both parties, {} and {}", targets[0], targets[1]))
            }
            _ => Some(targets.join(" and ")),
        };
        let kind = if phrase::is_offer(&r.root) { "offer" } else { "request" };
        let when = r.day.as_deref().map(|d| format!(" on {d}")).unwrap_or_default();
        let text = format!(
            "{} {}{when}; no answer to this {kind} is reported in these documents.",
            capitalise(&side(r, "source", names)),
            verb(&r.cameo, object.as_deref())
        );
        lines.extend(Line::cited(text, cite_events(same.iter().map(|e| e.id))));
        if lines.len() == MAX_LINES {
            break;
        }
    }
    section("Open appeals, demands and offers", lines, "No unanswered appeal, demand or offer in these reports.")
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

fn qualifier(q: Option<&str>) -> &'static str {
    match q {
        Some("more_than") => "more than ",
        Some("at_least") => "at least ",
        Some("about") => "about ",
        Some("almost") => "almost ",
        Some("up_to") => "up to ",
        Some("less_than") => "fewer than ",
        _ => "",
    }
}

fn fact_cites(f: &Fact) -> Vec<Citation> {
    let mut c = vec![Citation::sentence(&f.doc, f.sentence_index)];
    c.extend(f.event.map(Citation::event));
    c
}

fn stated_fact(f: &Fact) -> bool {
    f.value.get("certainty").and_then(Value::as_str).is_none_or(|c| c == "stated")
}

fn attribution(f: &Fact) -> Option<String> {
    let count_source = f.value.pointer("/count/source").and_then(Value::as_str);
    let attributed = f.value.pointer("/attribution/text").and_then(Value::as_str);
    count_source.or(attributed).map(str::to_string)
}

/// "more than 200,000 killed (cumulative), according to the United Nations".
fn count_text(f: &Fact) -> Option<(String, String)> {
    let c = f.value.get("count")?;
    let kind = c.get("kind")?.as_str()?.to_string();
    let value = c.get("value").and_then(Value::as_i64).or_else(|| c.get("max").and_then(Value::as_i64))?;
    let mut t = format!("{}{} {kind}", qualifier(c.get("qualifier").and_then(Value::as_str)), number(value));
    if let Some(v) = c.get("victims").and_then(Value::as_str) {
        t += &format!(" ({v})");
    }
    match c.get("scope").and_then(Value::as_str) {
        Some("event") => t += " in one incident",
        Some("cumulative") => t += " in all",
        Some(other) => t += &format!(" ({other})"),
        None => {}
    }
    if let Some(who) = attribution(f) {
        t += &format!(", according to {who}");
    }
    Some((kind, t))
}

fn figures(ev: &Evidence) -> Section {
    let mut lines = Vec::new();
    // The latest report of each kind of count (the context is latest first).
    let mut kinds: Vec<String> = Vec::new();
    let mut counts: Vec<&Fact> = ev.facts.iter().filter(|f| f.kind == "count" && stated_fact(f)).collect();
    counts.sort_by(|a, b| b.doc_day.cmp(&a.doc_day));
    for f in counts {
        let Some((kind, text)) = count_text(f) else { continue };
        if kinds.contains(&kind) {
            continue;
        }
        kinds.push(kind);
        let when = f.doc_day.as_deref().map(|d| format!(" (reported {d})")).unwrap_or_default();
        lines.extend(Line::cited(format!("Toll: {text}{when}."), fact_cites(f)));
    }
    for f in ev.facts.iter().filter(|f| (f.kind == "start" || f.kind == "duration") && stated_fact(f)).take(4) {
        let subject = f.value.get("subject").and_then(Value::as_str).unwrap_or("it");
        let text = if f.kind == "start" {
            let Some(when) = f.value.pointer("/start/value").and_then(Value::as_str) else { continue };
            format!("The {subject} began in {when}")
        } else {
            let Some(phrase) = f.value.pointer("/duration/phrase").and_then(Value::as_str) else { continue };
            format!("The {subject}: “{phrase}”")
        };
        let by = attribution(f).map(|w| format!(", according to {w}")).unwrap_or_default();
        lines.extend(Line::cited(format!("{text}{by}."), fact_cites(f)));
    }
    section("Tolls and figures", lines, "No toll or figure is reported in these documents.")
}

fn mode_label(e: &ContextEvent) -> String {
    let mode = match e.mode.as_str() {
        "expected" => "Expected, not yet done",
        "intended" => "Announced or intended, not yet done",
        "conditional" => "Only possible or conditional",
        "demanded" => "Demanded, not done",
        "negated" => "Said not to have happened",
        _ => "Reported",
    };
    let hedges: Vec<&str> = e.json.get("hedges").and_then(Value::as_array).map(|h| h.iter().filter_map(Value::as_str).collect()).unwrap_or_default();
    let mut label = mode.to_string();
    if e.certainty != "stated" {
        label += &format!(", {}", e.certainty);
        if !hedges.is_empty() {
            label += &format!(" (“{}”)", hedges.join("”, “"));
        }
    }
    label
}

fn hedged(ev: &Evidence) -> Section {
    let names = &ev.names;
    let mut lines = Vec::new();
    for e in ev.context.iter().filter(|e| !e.stated() && !e.background).take(MAX_LINES / 2) {
        let sentence = e.json.get("sentence").and_then(Value::as_str).unwrap_or("");
        let name = e.json.get("event_name").and_then(Value::as_str).unwrap_or("an event");
        let toward = if e.target.is_empty() { String::new() } else { format!(" toward {}", side(e, "target", names)) };
        let text =
            format!("{}: {}, “{}” (CAMEO {}){toward}, in {}", mode_label(e), side(e, "source", names), name.to_lowercase(), e.cameo, quote(sentence));
        lines.extend(Line::cited(text, [Citation::event(e.id)]));
    }
    let statements =
        ev.facts.iter().filter(|f| !stated_fact(f) && (f.kind == "statement" || f.kind == "count")).take(MAX_LINES - lines.len().min(MAX_LINES));
    for f in statements {
        let hedges: Vec<&str> = f.value.get("hedges").and_then(Value::as_array).map(|h| h.iter().filter_map(Value::as_str).collect()).unwrap_or_default();
        let certainty = f.value.get("certainty").and_then(Value::as_str).unwrap_or("hedged");
        let mut label = capitalise(certainty);
        if !hedges.is_empty() {
            label += &format!(" (“{}”)", hedges.join("”, “"));
        }
        if let Some(who) = f.value.pointer("/attribution/text").and_then(Value::as_str) {
            label += &format!(", attributed to {who}");
        }
        let what = match count_text(f) {
            Some((_, t)) => format!("a figure of {t}."),
            _ => quote(f.value.get("sentence").and_then(Value::as_str).unwrap_or("")),
        };
        lines.extend(Line::cited(format!("{label}: {what}"), fact_cites(f)));
    }
    section(
        "Claimed, hedged or expected (kept apart from what is stated)",
        lines,
        "Nothing in these documents is only claimed, hedged or expected.",
    )
}

fn also_reported(q: &BriefQuery, ev: &Evidence) -> Section {
    let names = &ev.names;
    let mut lines = Vec::new();
    let others = ev.context.iter().filter(|e| {
        e.stated()
            && q.subject.party_of(&e.source).is_none()
            && q.subject.party_of(&e.target).is_none()
            && !((phrase::is_request(&e.root) || phrase::is_offer(&e.root)) && !e.background)
    });
    for e in others.take(MAX_LINES) {
        let object = (!e.target.is_empty()).then(|| side(e, "target", names));
        let when = e.day.as_deref().map(|d| format!(" ({d})")).unwrap_or_default();
        let background = if e.background { ", as background" } else { "" };
        let text = format!("{} {}{when}{background}.", capitalise(&side(e, "source", names)), verb(&e.cameo, object.as_deref()));
        lines.extend(Line::cited(text, [Citation::event(e.id)]));
    }
    section("Also reported in these documents", lines, "Nothing else.")
}
