//! Dates and durations, resolved against the document date.
//!
//! Explicit dates ("on 3 March", "March 3, 2024", "March 2024", "in 2019",
//! "2024-03-05"), weekdays ("on Tuesday": the last Tuesday on or before the
//! document date, or the next one when the sentence looks ahead), relative
//! phrases ("yesterday", "overnight", "last week", "next month", "two days
//! ago") and durations ("since 2019", "began in 2019", "in its fifth year",
//! "for three years"). A date that needs the document's date to be resolved
//! (a weekday, "yesterday", "3 March" without a year) is dropped when the
//! document has none: no invented dates.

use crate::numbers::{cardinal_word, ordinal, year};
use crate::DateInfo;
use chrono::{Datelike, Days, Months, NaiveDate, Weekday};
use parley_text::{Token, TokenKind};
use serde::{Deserialize, Serialize};
use std::ops::Range;

/// How precisely a date is known.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Precision {
    Day,
    /// An ISO week ("last week" -> `2024-W09`).
    Week,
    Month,
    Year,
}

/// What a date is to the sentence.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DateRole {
    /// When something happened or will happen ("on Tuesday").
    At,
    /// The start of a state that still holds ("since 2019").
    Since,
    /// The start of something ("began in 2019", "erupted in March").
    Start,
    /// An end ("until March").
    Until,
}

/// A date a sentence names.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DateMention {
    pub date: DateInfo,
    pub role: DateRole,
    /// The conflict or process it dates ("conflict", "war"), when the sentence names one.
    pub subject: Option<String>,
    pub tokens: Range<usize>,
}

/// The unit of a duration.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Unit {
    Day,
    Week,
    Month,
    Year,
}

/// How long something has lasted: "in its fifth year" (ordinal) or "for
/// three years", "after 18 months of fighting" (length).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Duration {
    pub unit: Unit,
    /// The number of units.
    pub count: u32,
    /// Whether `count` is an ordinal ("fifth year": the fifth is running).
    pub ordinal: bool,
    /// What lasts ("conflict", "war"), when the sentence names it.
    pub subject: Option<String>,
    pub phrase: String,
    #[serde(skip)]
    pub tokens: Range<usize>,
}

pub(crate) fn month(norm: &str) -> Option<u32> {
    Some(match norm {
        "january" | "jan" => 1,
        "february" | "feb" => 2,
        "march" | "mar" => 3,
        "april" | "apr" => 4,
        "may" => 5,
        "june" | "jun" => 6,
        "july" | "jul" => 7,
        "august" | "aug" => 8,
        "september" | "sept" | "sep" => 9,
        "october" | "oct" => 10,
        "november" | "nov" => 11,
        "december" | "dec" => 12,
        _ => return None,
    })
}

fn weekday(norm: &str) -> Option<Weekday> {
    Some(match norm {
        "monday" => Weekday::Mon,
        "tuesday" => Weekday::Tue,
        "wednesday" => Weekday::Wed,
        "thursday" => Weekday::Thu,
        "friday" => Weekday::Fri,
        "saturday" => Weekday::Sat,
        "sunday" => Weekday::Sun,
        _ => return None,
    })
}

fn unit(norm: &str) -> Option<Unit> {
    Some(match norm {
        "day" | "days" => Unit::Day,
        "week" | "weeks" => Unit::Week,
        "month" | "months" => Unit::Month,
        "year" | "years" => Unit::Year,
        _ => return None,
    })
}

/// Nouns of long-running processes that dates and durations attach to.
pub(crate) fn is_process_noun(norm: &str) -> bool {
    matches!(
        norm,
        "conflict" | "war" | "fighting" | "insurgency" | "uprising" | "rebellion" | "crisis" | "violence" | "siege" | "occupation"
            | "invasion" | "offensive" | "blockade" | "standoff" | "protests" | "unrest" | "hostilities" | "ceasefire" | "truce"
            | "campaign" | "revolution" | "clashes" | "dispute" | "blockades" | "strike" | "operation" | "shutdown" | "drought"
            | "famine" | "epidemic" | "outbreak"
    )
}

fn day_number(t: &Token) -> Option<u32> {
    let d = if t.kind == TokenKind::Number { ordinal(&t.norm).or_else(|| t.norm.parse().ok()) } else { None };
    d.filter(|d| (1..=31).contains(d))
}

/// "Jan", "Sept": a month name written short, which may take a period.
fn abbreviated(t: &Token) -> bool {
    t.norm.len() <= 4 && !matches!(t.norm.as_str(), "may" | "june" | "july")
}

/// Whether a capitalised month name really is one: "May" and "March" are
/// also words, so a month needs a date-like neighbour.
fn month_at(tokens: &[Token], i: usize) -> Option<u32> {
    let t = &tokens[i];
    if !t.capitalized {
        return None;
    }
    let m = month(&t.norm)?;
    if abbreviated(t) && !tokens.get(i + 1).is_some_and(|n| n.norm == "." || n.kind == TokenKind::Number) {
        return None;
    }
    Some(m)
}

/// The sentence-level context the resolver needs.
pub(crate) struct Context {
    pub document: Option<NaiveDate>,
    /// The sentence looks ahead ("will", "is expected to", "next").
    pub ahead: bool,
}

impl Context {
    fn day(&self, d: NaiveDate, phrase: String) -> DateInfo {
        DateInfo { value: d.format("%Y-%m-%d").to_string(), precision: Precision::Day, source: "sentence".into(), phrase: Some(phrase) }
    }

    /// A month without a year: the latest one on or before the document
    /// date, or the first on or after it when the sentence looks ahead,
    /// unless that lies more than half a year ahead: a wire's dateline
    /// ("Oct 5 (Interfax) - ... will ...") on a report of 24 November is the
    /// 5 October before, not the next.
    fn resolve_month_day(&self, m: u32, d: Option<u32>) -> Option<NaiveDate> {
        let doc = self.document?;
        let make = |y: i32| NaiveDate::from_ymd_opt(y, m, d.unwrap_or(1));
        let this = make(doc.year())?;
        let same_month = doc.month() == m && d.is_none();
        if self.ahead {
            if this >= doc || same_month {
                Some(this)
            } else {
                make(doc.year() + 1).filter(|next| (*next - doc).num_days() <= 183).or(Some(this))
            }
        } else if this <= doc || same_month {
            Some(this)
        } else {
            make(doc.year() - 1)
        }
    }
}

fn info(value: String, precision: Precision, phrase: String) -> DateInfo {
    DateInfo { value, precision, source: "sentence".into(), phrase: Some(phrase) }
}

fn week_of(d: NaiveDate) -> String {
    let w = d.iso_week();
    format!("{}-W{:02}", w.year(), w.week())
}

fn norm(tokens: &[Token], i: usize) -> &str {
    tokens.get(i).map_or("", |t| t.norm.as_str())
}

/// Every date the sentence names, in order.
pub(crate) fn find_dates(text: &str, tokens: &[Token], cx: &Context) -> Vec<DateMention> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        match date_at(tokens, i, cx) {
            Some((info_fn, end)) => {
                let phrase_start = phrase_start(tokens, i);
                let phrase = text[tokens[phrase_start].start..tokens[end - 1].end].to_string();
                if let Some(mut date) = info_fn {
                    date.phrase = Some(phrase);
                    let role = role(tokens, i);
                    let subject = if role == DateRole::At { None } else { subject(tokens, i, end) };
                    out.push(DateMention { date, role, subject, tokens: phrase_start..end });
                }
                i = end;
            }
            None => i += 1,
        }
    }
    out
}

/// Include the preposition in the phrase ("on Tuesday", "since 2019").
fn phrase_start(tokens: &[Token], i: usize) -> usize {
    let weekday_or_month = weekday(&tokens[i].norm).is_some() || month(&tokens[i].norm).is_some();
    if i > 0
        && (matches!(tokens[i - 1].norm.as_str(), "on" | "in" | "since" | "until" | "till" | "by" | "during" | "from" | "early" | "late" | "mid" | "before" | "after")
            || (weekday_or_month && matches!(tokens[i - 1].norm.as_str(), "last" | "next" | "this")))
    {
        i - 1
    } else {
        i
    }
}

fn role(tokens: &[Token], i: usize) -> DateRole {
    let before = |k: usize| if i >= k { norm(tokens, i - k) } else { "" };
    match before(1) {
        "since" => return DateRole::Since,
        "until" | "till" | "through" => return DateRole::Until,
        _ => {}
    }
    // "began in 2019", "erupted in March", "broke out in 2011".
    for k in 1..=3 {
        let w = before(k);
        if matches!(w, "began" | "begun" | "started" | "erupted" | "broke" | "launched" | "start" | "began," | "outbreak" | "beginning" | "onset") {
            return DateRole::Start;
        }
        if matches!(w, "," | "." | ";" | "and" | "but") {
            break;
        }
    }
    DateRole::At
}

/// The process a start date or duration belongs to: the nearest process noun
/// before it in the sentence, else right after it ("three years of war").
pub(crate) fn subject(tokens: &[Token], start: usize, end: usize) -> Option<String> {
    let before = (0..start).rev().find(|&k| is_process_noun(&tokens[k].norm));
    let after = (end..tokens.len().min(end + 3)).find(|&k| is_process_noun(&tokens[k].norm));
    match (before, after) {
        (Some(b), Some(a)) if a - end < start - b => Some(tokens[a].norm.to_string()),
        (Some(b), _) => Some(tokens[b].norm.to_string()),
        (None, Some(a)) => Some(tokens[a].norm.to_string()),
        _ => None,
    }
}

/// A date expression at `i`: the resolved date (None when it cannot be
/// resolved without a document date) and where it ends.
fn date_at(tokens: &[Token], i: usize, cx: &Context) -> Option<(Option<DateInfo>, usize)> {
    let t = &tokens[i];
    let w = |k: usize| norm(tokens, i + k);
    let doc = cx.document;
    let empty = String::new;
    // ISO 8601: 2024-03-05
    if let Some(y) = year(t) {
        if w(1) == "-" && w(3) == "-" {
            let (m, d) = (w(2).parse().ok(), w(4).parse().ok());
            if let (Some(m), Some(d)) = (m, d) {
                if let Some(date) = NaiveDate::from_ymd_opt(y, m, d) {
                    return Some((Some(cx.day(date, empty())), i + 5));
                }
            }
        }
        // "in 2019", "since 2019", "by 2025", "in early 2020".
        let prev = if i > 0 { norm(tokens, i - 1) } else { "" };
        if matches!(prev, "in" | "since" | "from" | "until" | "till" | "by" | "during" | "of" | "early" | "late" | "mid" | "before" | "after" | "through") {
            return Some((Some(info(y.to_string(), Precision::Year, empty())), i + 1));
        }
        return None;
    }
    // "3 March 2024", "3rd of March"
    if let Some(d) = day_number(t) {
        let m_at = if w(1) == "of" { i + 2 } else { i + 1 };
        if m_at < tokens.len() {
            if let Some(m) = month_at(tokens, m_at) {
                let mut end = m_at + 1;
                if norm(tokens, end) == "." && abbreviated(&tokens[m_at]) && end + 1 < tokens.len() {
                    end += 1;
                }
                let y_at = if norm(tokens, end) == "," { end + 1 } else { end };
                if let Some(y) = tokens.get(y_at).and_then(year) {
                    let date = NaiveDate::from_ymd_opt(y, m, d)?;
                    return Some((Some(cx.day(date, empty())), y_at + 1));
                }
                return Some((cx.resolve_month_day(m, Some(d)).map(|date| cx.day(date, empty())), end));
            }
        }
        return None;
    }
    if let Some(m) = month_at(tokens, i) {
        let mut end = i + 1;
        if w(1) == "." && abbreviated(t) && end + 1 < tokens.len() {
            end += 1;
        }
        // "March 3", "March 3rd, 2024"
        if let Some(d) = tokens.get(end).and_then(day_number).filter(|_| tokens[end].norm.len() <= 4) {
            let y_at = if norm(tokens, end + 1) == "," { end + 2 } else { end + 1 };
            if let Some(y) = tokens.get(y_at).and_then(year) {
                let date = NaiveDate::from_ymd_opt(y, m, d)?;
                return Some((Some(cx.day(date, empty())), y_at + 1));
            }
            return Some((cx.resolve_month_day(m, Some(d)).map(|date| cx.day(date, empty())), end + 1));
        }
        // "March 2024"
        let y_at = if norm(tokens, end) == "," { end + 1 } else { end };
        if let Some(y) = tokens.get(y_at).and_then(year) {
            return Some((Some(info(format!("{y}-{m:02}"), Precision::Month, empty())), y_at + 1));
        }
        // "in March", "last March", "next May": a month alone needs a cue
        // ("May" is a modal, "march" a noun).
        let prev = if i > 0 { norm(tokens, i - 1) } else { "" };
        let resolved = match prev {
            "last" => doc.and_then(|d| {
                let y = if m < d.month() { d.year() } else { d.year() - 1 };
                NaiveDate::from_ymd_opt(y, m, 1)
            }),
            "next" => doc.and_then(|d| {
                let y = if m > d.month() { d.year() } else { d.year() + 1 };
                NaiveDate::from_ymd_opt(y, m, 1)
            }),
            "in" | "since" | "until" | "by" | "during" | "early" | "late" | "mid" | "this" | "of" | "from" | "before" | "after" => {
                cx.resolve_month_day(m, None)
            }
            _ => return None,
        };
        return Some((resolved.map(|d| info(d.format("%Y-%m").to_string(), Precision::Month, empty())), end));
    }
    if let Some(wd) = Some(t).filter(|t| t.capitalized).and_then(|t| weekday(&t.norm)) {
        let prev = if i > 0 { norm(tokens, i - 1) } else { "" };
        let resolved = doc.map(|d| {
            let back = (7 + d.weekday().num_days_from_monday() - wd.num_days_from_monday()) % 7;
            let fwd = (7 + wd.num_days_from_monday() - d.weekday().num_days_from_monday()) % 7;
            match prev {
                "last" => d - Days::new(if back == 0 { 7 } else { back } as u64),
                "next" => d + Days::new(if fwd == 0 { 7 } else { fwd } as u64),
                _ if cx.ahead => d + Days::new(fwd as u64),
                _ => d - Days::new(back as u64),
            }
        });
        return Some((resolved.map(|d| cx.day(d, empty())), i + 1));
    }
    relative_at(tokens, i, cx)
}

/// "yesterday", "overnight", "last week", "next month", "two days ago".
fn relative_at(tokens: &[Token], i: usize, cx: &Context) -> Option<(Option<DateInfo>, usize)> {
    let w = |k: usize| norm(tokens, i + k);
    let doc = cx.document;
    let day = |offset: i64, end: usize| {
        let d = doc.and_then(|d| if offset >= 0 { d.checked_add_days(Days::new(offset as u64)) } else { d.checked_sub_days(Days::new((-offset) as u64)) });
        Some((d.map(|d| cx.day(d, String::new())), end))
    };
    match (w(0), w(1)) {
        ("yesterday", _) => return day(-1, i + 1),
        // Overnight news is dated the night it began.
        ("overnight", _) => return day(-1, i + 1),
        ("last", "night") => return day(-1, i + 2),
        ("today" | "tonight", _) => return day(0, i + 1),
        ("this", "morning" | "afternoon" | "evening") => return day(0, i + 2),
        ("tomorrow", _) => return day(1, i + 1),
        _ => {}
    }
    // "last week", "this month", "next year", "earlier this week"
    let (offset, at) = match w(0) {
        "last" | "past" if i > 0 && norm(tokens, i - 1) == "the" => return None, // "the last year": a span
        "last" => (-1, 1),
        "this" => (0, 1),
        "next" | "coming" => (1, 1),
        "earlier" | "later" if w(1) == "this" => (0, 2),
        _ => (i32::MAX, 0),
    };
    if offset != i32::MAX {
        let end = i + at + 1;
        let resolved = |u: Unit| -> Option<DateInfo> {
            let d = doc?;
            Some(match u {
                Unit::Week => {
                    let d = if offset < 0 { d - Days::new(7) } else if offset > 0 { d + Days::new(7) } else { d };
                    info(week_of(d), Precision::Week, String::new())
                }
                Unit::Month => {
                    let d = d.with_day(1)?;
                    let d = if offset < 0 { d - Months::new(1) } else if offset > 0 { d + Months::new(1) } else { d };
                    info(d.format("%Y-%m").to_string(), Precision::Month, String::new())
                }
                Unit::Year => info((d.year() + offset).to_string(), Precision::Year, String::new()),
                Unit::Day => return None,
            })
        };
        return match norm(tokens, i + at) {
            "week" => Some((resolved(Unit::Week), end)),
            "month" => Some((resolved(Unit::Month), end)),
            "year" => Some((resolved(Unit::Year), end)),
            _ => None,
        };
    }
    // "two days ago", "a week ago", "3 years ago"
    let n = if matches!(w(0), "a" | "an") {
        Some(1)
    } else if tokens[i].kind == TokenKind::Number {
        w(0).parse::<u64>().ok()
    } else {
        cardinal_word(w(0))
    }?;
    let u = unit(w(1))?;
    if w(2) != "ago" {
        return None;
    }
    let end = i + 3;
    let d = match doc {
        None => return Some((None, end)),
        Some(d) => d,
    };
    Some(match u {
        Unit::Day => (Some(cx.day(d - Days::new(n), String::new())), end),
        Unit::Week => (Some(info(week_of(d - Days::new(7 * n)), Precision::Week, String::new())), end),
        Unit::Month => (Some(info((d.with_day(1)? - Months::new(n as u32)).format("%Y-%m").to_string(), Precision::Month, String::new())), end),
        Unit::Year => (Some(info((d.year() - n as i32).to_string(), Precision::Year, String::new())), end),
    })
}

/// Durations: "in its fifth year", "for three years", "after 18 months of
/// fighting", "a three-year war".
pub(crate) fn find_durations(text: &str, tokens: &[Token]) -> Vec<Duration> {
    let mut out = Vec::new();
    for i in 0..tokens.len() {
        let w = |k: usize| norm(tokens, i + k);
        // Every duration has a unit word next or after a hyphen: a cheap gate.
        if unit(w(1)).is_none() && w(1) != "-" && !w(1).starts_with("decade") {
            continue;
        }
        let phrase = |r: Range<usize>| text[tokens[r.start].start..tokens[r.end - 1].end].to_string();
        // "its fifth year", "the third week", "their 10th month"
        if let (Some(n), Some(u)) = (ordinal(w(0)), unit(w(1))) {
            if i > 0 && matches!(norm(tokens, i - 1), "its" | "their" | "the") && !w(1).ends_with('s') {
                let start = if i >= 2 && matches!(norm(tokens, i - 2), "in" | "into" | "entered" | "enters" | "entering") { i - 2 } else { i - 1 };
                // "the first year of his term" still dates a process; the
                // subject decides whether it is a conflict.
                out.push(Duration { unit: u, count: n, ordinal: true, subject: subject(tokens, start, i + 2), phrase: phrase(start..i + 2), tokens: start..i + 2 });
            }
            continue;
        }
        let n = if tokens[i].kind == TokenKind::Number { w(0).parse::<u32>().ok() } else { cardinal_word(w(0)).map(|n| n as u32) };
        let Some(n) = n.or_else(|| (matches!(w(0), "a" | "an") && matches!(w(1), "decade" | "year" | "month" | "week")).then_some(1)) else {
            continue;
        };
        // "a decade of war"
        let (u, n, mut end) = match (w(1), w(2)) {
            ("decade" | "decades", _) => (Unit::Year, n * 10, i + 2),
            ("-", x) if unit(x).is_some() && !x.ends_with('s') => (unit(x).unwrap(), n, i + 3),
            (x, _) if unit(x).is_some() => (unit(x).unwrap(), n, i + 2),
            _ => continue,
        };
        let hyphenated = w(1) == "-";
        let prev = if i > 0 { norm(tokens, i - 1) } else { "" };
        let prev2 = if i > 1 { norm(tokens, i - 2) } else { "" };
        let lasting = matches!(prev, "for" | "after" | "over" | "than") && prev != "ago"
            || matches!((prev2, prev), ("the", "past" | "last") | ("for", "nearly" | "almost" | "about" | "over"))
            || (norm(tokens, end) == "of" && tokens.get(end + 1).is_some_and(|t| is_process_noun(&t.norm)))
            || (hyphenated && tokens.get(end).is_some_and(|t| is_process_noun(&t.norm) || t.norm == "-" ));
        if !lasting || norm(tokens, end) == "ago" {
            continue;
        }
        if norm(tokens, end) == "of" && tokens.get(end + 1).is_some_and(|t| is_process_noun(&t.norm)) {
            end += 2;
        } else if hyphenated && tokens.get(end).is_some_and(|t| is_process_noun(&t.norm)) {
            end += 1;
        }
        let start = if matches!(prev, "for" | "after" | "over") { i - 1 } else { i };
        let unit_end = if hyphenated { i + 3 } else { i + 2 };
        out.push(Duration { unit: u, count: n, ordinal: false, subject: subject(tokens, i, unit_end), phrase: phrase(start..end), tokens: start..end });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use parley_text::tokenize;

    fn dates(text: &str, doc: Option<&str>, ahead: bool) -> Vec<(String, Precision, DateRole)> {
        let tokens = tokenize(text);
        let cx = Context { document: doc.map(|d| d.parse().unwrap()), ahead };
        find_dates(text, &tokens, &cx).into_iter().map(|m| (m.date.value, m.date.precision, m.role)).collect()
    }

    fn one(text: &str, doc: &str) -> (String, Precision) {
        let d = dates(text, Some(doc), false);
        assert_eq!(d.len(), 1, "{text}: {d:?}");
        (d[0].0.clone(), d[0].1)
    }

    // 2024-03-07 is a Thursday.
    const DOC: &str = "2024-03-07";

    #[test]
    fn explicit_days() {
        assert_eq!(one("Troops entered the town on 3 March.", DOC), ("2024-03-03".into(), Precision::Day));
        assert_eq!(one("The talks were held on March 3, 2023 in Doha.", DOC), ("2023-03-03".into(), Precision::Day));
        assert_eq!(one("Polls closed on the 5th of January 2021.", DOC), ("2021-01-05".into(), Precision::Day));
        assert_eq!(one("Talks collapsed on Feb. 12 in Geneva.", DOC), ("2024-02-12".into(), Precision::Day));
        let tokens = parley_text::tokenize("Voters go to the polls on 30 January.");
        let cx = Context { document: Some(DOC.parse().unwrap()), ahead: false };
        assert_eq!(find_dates("Voters go to the polls on 30 January.", &tokens, &cx)[0].date.phrase.as_deref(), Some("on 30 January"));
        // A day after the document date in a past-tense report is last year's.
        assert_eq!(one("Clashes broke out on 12 December.", DOC), ("2023-12-12".into(), Precision::Day));
        assert_eq!(one("The report is dated 2024-02-28.", DOC), ("2024-02-28".into(), Precision::Day));
    }

    #[test]
    fn months_and_years() {
        assert_eq!(one("Protests resumed in March 2024.", DOC), ("2024-03".into(), Precision::Month));
        assert_eq!(one("Fighting flared in January.", DOC), ("2024-01".into(), Precision::Month));
        assert_eq!(one("Fighting flared in May.", DOC), ("2023-05".into(), Precision::Month));
        assert_eq!(one("Elections were held in 2019.", DOC), ("2019".into(), Precision::Year));
    }

    #[test]
    fn weekdays_look_back_unless_the_sentence_looks_ahead() {
        assert_eq!(one("Russian forces shelled Kharkiv on Tuesday.", DOC), ("2024-03-05".into(), Precision::Day));
        assert_eq!(one("Ministers met on Thursday.", DOC), ("2024-03-07".into(), Precision::Day));
        assert_eq!(one("Rebels attacked a convoy last Thursday.", DOC), ("2024-02-29".into(), Precision::Day));
        let ahead = dates("The council will meet on Tuesday.", Some(DOC), true);
        assert_eq!(ahead[0].0, "2024-03-12");
    }

    #[test]
    fn a_month_day_ahead_goes_back_a_year_when_the_next_is_far() {
        let doc = "2025-11-24";
        // A wire's dateline on a sentence that looks ahead: the October just past.
        assert_eq!(dates("Oct 5 (Interfax) - Russia will send troops.", Some(doc), true)[0].0, "2025-10-05");
        // Soon after the document date, ahead is still ahead.
        assert_eq!(dates("The talks will resume on Jan 10.", Some(doc), true)[0].0, "2026-01-10");
        assert_eq!(dates("The talks will resume on Dec 1.", Some(doc), true)[0].0, "2025-12-01");
    }

    #[test]
    fn relative_phrases() {
        assert_eq!(one("Police detained 40 protesters yesterday.", DOC), ("2024-03-06".into(), Precision::Day));
        assert_eq!(one("Drones struck the port overnight.", DOC), ("2024-03-06".into(), Precision::Day));
        assert_eq!(one("The envoy arrived last week.", DOC), ("2024-W09".into(), Precision::Week));
        assert_eq!(one("Talks will resume next month.", DOC), ("2024-04".into(), Precision::Month));
        assert_eq!(one("Parliament was dissolved last year.", DOC), ("2023".into(), Precision::Year));
        assert_eq!(one("The ambassador was expelled two days ago.", DOC), ("2024-03-05".into(), Precision::Day));
    }

    #[test]
    fn roles_of_dates() {
        let d = dates("The conflict, which began in 2019, has claimed many lives.", None, false);
        assert_eq!(d, [("2019".to_string(), Precision::Year, DateRole::Start)]);
        let d = dates("Fighting has continued since 2019.", None, false);
        assert_eq!(d[0].2, DateRole::Since);
    }

    #[test]
    fn no_document_date_no_invented_date() {
        assert!(dates("Russian forces shelled Kharkiv on Tuesday.", None, false).is_empty());
        assert!(dates("Police detained 40 protesters yesterday.", None, false).is_empty());
        assert!(dates("Troops entered the town on 3 March.", None, false).is_empty());
        // A year is written out, so it needs no document date.
        assert_eq!(dates("Elections were held in March 2024.", None, false)[0].0, "2024-03");
    }

    #[test]
    fn words_that_are_not_dates() {
        assert!(dates("Officials may meet, and thousands march in the capital.", Some(DOC), false).is_empty());
        assert!(dates("The 2019 people in the square were dispersed.", Some(DOC), false).is_empty());
        assert!(dates("He said the last time was hard.", Some(DOC), false).is_empty());
    }

    fn durations(text: &str) -> Vec<(u32, Unit, bool, Option<String>)> {
        let tokens = tokenize(text);
        find_durations(text, &tokens).into_iter().map(|d| (d.count, d.unit, d.ordinal, d.subject)).collect()
    }

    #[test]
    fn durations_of_conflicts() {
        assert_eq!(
            durations("This marks the first overture since the conflict entered its fifth year."),
            [(5, Unit::Year, true, Some("conflict".into()))]
        );
        assert_eq!(durations("The war, now in its third year, shows no sign of ending."), [(3, Unit::Year, true, Some("war".into()))]);
        assert_eq!(durations("After 18 months of fighting, the town fell."), [(18, Unit::Month, false, Some("fighting".into()))]);
        assert_eq!(durations("The country has been at war for three years."), [(3, Unit::Year, false, Some("war".into()))]);
        assert_eq!(durations("A decade of war has left the city in ruins."), [(10, Unit::Year, false, Some("war".into()))]);
        assert_eq!(durations("The seven-year war ended."), [(7, Unit::Year, false, Some("war".into()))]);
    }

    #[test]
    fn spans_that_are_not_durations() {
        assert!(durations("He was jailed two years ago.").is_empty());
        assert!(durations("The 200 delegates met for the first time.").is_empty());
    }
}
