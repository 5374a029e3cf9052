//! Numbers as news writes them: digits ("200,000", "5.5 million"), words
//! ("seven", "twenty-one", "two dozen", "a hundred"), vague amounts ("dozens",
//! "tens of thousands"), ranges ("10 to 15", "between 3 and 4 million") and
//! the qualifiers in front of them ("at least", "more than", "about").
//!
//! Everything here reads token norms with `match` on string slices: no
//! allocation unless a number is actually found.

use crate::{Token, TokenKind};
use serde::{Deserialize, Serialize};
use std::ops::Range;

/// How a figure relates to the true number.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Qualifier {
    /// "at least 12", "no fewer than 12": `value` is a floor.
    AtLeast,
    /// "over 200,000", "more than 5 million": `value` is exceeded.
    MoreThan,
    /// "about", "around", "some", "an estimated": `value` is approximate.
    About,
    /// "nearly", "almost", "close to": just under `value`.
    Almost,
    /// "up to", "as many as", "at most": `max` is a ceiling.
    UpTo,
    /// "fewer than", "less than", "under": below `max`.
    LessThan,
    /// "10 to 15", "between 10 and 15": from `value` to `max`.
    Range,
    /// "dozens", "hundreds", "tens of thousands": `value` is the least the
    /// word can mean, `max` the most.
    Vague,
}

/// A figure found in tokens.
#[derive(Clone, Debug, PartialEq)]
pub struct Quantity {
    /// The figure, or its lower bound.
    pub value: u64,
    /// Upper bound, for ranges, ceilings and vague amounts.
    pub max: Option<u64>,
    pub qualifier: Option<Qualifier>,
    /// All tokens of the figure, qualifier included.
    pub tokens: Range<usize>,
}

/// The value of a cardinal number word ("seven" -> 7).
pub fn cardinal_word(norm: &str) -> Option<u64> {
    Some(match norm {
        "zero" => 0,
        "one" => 1,
        "two" => 2,
        "three" => 3,
        "four" => 4,
        "five" => 5,
        "six" => 6,
        "seven" => 7,
        "eight" => 8,
        "nine" => 9,
        "ten" => 10,
        "eleven" => 11,
        "twelve" => 12,
        "thirteen" => 13,
        "fourteen" => 14,
        "fifteen" => 15,
        "sixteen" => 16,
        "seventeen" => 17,
        "eighteen" => 18,
        "nineteen" => 19,
        "twenty" => 20,
        "thirty" => 30,
        "forty" => 40,
        "fifty" => 50,
        "sixty" => 60,
        "seventy" => 70,
        "eighty" => 80,
        "ninety" => 90,
        _ => return None,
    })
}

/// The value of an ordinal ("fifth" -> 5, "5th" -> 5, "21st" -> 21).
pub fn ordinal(norm: &str) -> Option<u32> {
    let word = match norm {
        "first" => 1,
        "second" => 2,
        "third" => 3,
        "fourth" => 4,
        "fifth" => 5,
        "sixth" => 6,
        "seventh" => 7,
        "eighth" => 8,
        "ninth" => 9,
        "tenth" => 10,
        "eleventh" => 11,
        "twelfth" => 12,
        "thirteenth" => 13,
        "fourteenth" => 14,
        "fifteenth" => 15,
        "sixteenth" => 16,
        "seventeenth" => 17,
        "eighteenth" => 18,
        "nineteenth" => 19,
        "twentieth" => 20,
        "thirtieth" => 30,
        _ => 0,
    };
    if word > 0 {
        return Some(word);
    }
    let digits = norm.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    let suffix = &norm[digits.len()..];
    if !digits.is_empty() && matches!(suffix, "st" | "nd" | "rd" | "th") {
        return digits.parse().ok();
    }
    None
}

fn scale(norm: &str) -> Option<f64> {
    Some(match norm {
        "hundred" => 1e2,
        "thousand" => 1e3,
        "million" | "mln" => 1e6,
        "billion" | "bn" => 1e9,
        "dozen" => 12.0,
        _ => return None,
    })
}

/// The year a token written in four digits names ("1994", "2031"), from
/// 1800 to 2100: what dates read as a year, and what roles read as a time
/// after a verb ("elected in 2004"), not a number of something.
///
/// ```
/// let tokens = parley_text::tokenize("in 2004, 1500 troops");
/// assert_eq!(parley_text::numbers::year(&tokens[1]), Some(2004));
/// assert_eq!(parley_text::numbers::year(&tokens[3]), None);
/// ```
pub fn year(t: &Token) -> Option<i32> {
    if t.kind != TokenKind::Number || t.norm.len() != 4 {
        return None;
    }
    t.norm.parse().ok().filter(|y| (1800..=2100).contains(y))
}

/// A digit token's value: "200,000" -> 200000, "5.5" -> 5.5. Times ("10:30"),
/// decades ("1990s") and ordinals ("3rd") are not cardinals.
pub fn digits(token: &Token) -> Option<f64> {
    if token.kind != TokenKind::Number || token.norm.contains(':') || token.norm.ends_with(|c: char| c.is_alphabetic()) {
        return None;
    }
    let n = &token.norm;
    // "200,000" groups thousands; "5,5" is not written in English news.
    if n.contains(',') {
        return n.replace(',', "").parse().ok();
    }
    n.parse().ok()
}

fn norm(tokens: &[Token], i: usize) -> &str {
    tokens.get(i).map_or("", |t| t.norm.as_str())
}

/// A bare number at `i` (no qualifier): its value and end token. Vague
/// amounts give their bounds.
fn number_at(tokens: &[Token], i: usize) -> Option<(f64, Option<f64>, bool, usize)> {
    let t = tokens.get(i)?;
    // Vague amounts: "dozens", "hundreds", "tens of thousands".
    let vague = |n: &str| -> Option<(f64, f64)> {
        Some(match n {
            "dozens" => (24.0, 99.0),
            "scores" => (40.0, 99.0),
            "hundreds" => (200.0, 999.0),
            "thousands" => (2e3, 9_999.0),
            "millions" => (2e6, 9_999_999.0),
            _ => return None,
        })
    };
    if (t.norm == "tens" || t.norm == "hundreds") && norm(tokens, i + 1) == "of" {
        let base = if t.norm == "tens" { 10.0 } else { 100.0 };
        let unit = match norm(tokens, i + 2) {
            "thousands" => 1e3,
            "millions" => 1e6,
            _ => 0.0,
        };
        if unit > 0.0 {
            return Some((2.0 * base * unit, Some(10.0 * base * unit - 1.0), true, i + 3));
        }
    }
    if let Some((lo, hi)) = vague(&t.norm) {
        return Some((lo, Some(hi), true, i + 1));
    }
    let (mut value, mut end) = if let Some(v) = digits(t) {
        // "80 000": thousands grouped with a space.
        let mut v = v;
        let mut end = i + 1;
        while let Some(n) = tokens.get(end).filter(|n| {
            n.kind == TokenKind::Number && n.norm.len() == 3 && n.norm.bytes().all(|b| b.is_ascii_digit()) && n.start == tokens[end - 1].end + 1
        }) {
            v = v * 1000.0 + n.norm.parse::<f64>().unwrap_or(0.0);
            end += 1;
        }
        (v, end)
    } else if matches!(t.norm.as_str(), "a" | "an") {
        // "a dozen", "a hundred", "a million": the article is the one.
        scale(norm(tokens, i + 1))?;
        (1.0, i + 1)
    } else if let Some(v) = cardinal_word(&t.norm) {
        let mut v = v as f64;
        let mut end = i + 1;
        // "twenty-one", "twenty one"
        if (20.0..100.0).contains(&v) {
            let next = if norm(tokens, end) == "-" { end + 1 } else { end };
            if let Some(u) = cardinal_word(norm(tokens, next)).filter(|&u| (1..10).contains(&u)) {
                v += u as f64;
                end = next + 1;
            }
        }
        (v, end)
    } else {
        return None;
    };
    // Scales: "5 million", "two dozen", "one hundred and twenty thousand".
    if norm(tokens, end) == "hundred" {
        value *= 100.0;
        end += 1;
        let rest = if norm(tokens, end) == "and" { end + 1 } else { end };
        if let Some((v, None, false, e)) = number_at(tokens, rest).filter(|n| n.0 < 100.0 && tokens[rest].kind == TokenKind::Word) {
            value += v;
            end = e;
        }
    }
    if let Some(s) = scale(norm(tokens, end)).filter(|&s| s != 100.0) {
        value *= s;
        end += 1;
        // "a million and a half" is rare; "5.5 million" is handled by digits.
    }
    Some((value, None, false, end))
}

/// Whether the token is a plain scale-less cardinal, so a following range
/// end's scale applies to it ("3 to 4 million").
fn has_scale(tokens: &[Token], end: usize) -> bool {
    end > 0 && scale(norm(tokens, end - 1)).is_some()
}

/// The figure starting at `i`, with its qualifier ("at least 12",
/// "more than 5 million", "between 10 and 15", "dozens of").
pub fn quantity_at(tokens: &[Token], i: usize) -> Option<Quantity> {
    let (qualifier, start) = qualifier_at(tokens, i).map_or((None, i), |(q, e)| (Some(q), e));
    if qualifier == Some(Qualifier::Range) {
        // "between 10 and 15"
        let (lo, _, _, e1) = number_at(tokens, start)?;
        if norm(tokens, e1) != "and" {
            return None;
        }
        let (hi, _, _, e2) = number_at(tokens, e1 + 1)?;
        let lo = scale_like(tokens, e1, e2, lo);
        return Some(Quantity { value: lo as u64, max: Some(hi as u64), qualifier, tokens: i..e2 });
    }
    let (value, vague_max, vague, mut end) = number_at(tokens, start)?;
    let mut q = Quantity { value: value as u64, max: vague_max.map(|m| m as u64), qualifier, tokens: i..end };
    if vague {
        q.qualifier = Some(q.qualifier.unwrap_or(Qualifier::Vague));
        if norm(tokens, end) == "of" {
            end += 1;
            q.tokens.end = end;
        }
        return Some(q);
    }
    // Ranges: "10 to 15", "10-15", "two or three".
    if matches!(norm(tokens, end), "-" | "to" | "or") && qualifier.is_none() {
        if let Some((hi, None, false, e2)) = number_at(tokens, end + 1) {
            let lo = scale_like(tokens, end, e2, value);
            if hi > lo {
                q.value = lo as u64;
                q.max = Some(hi as u64);
                q.qualifier = Some(Qualifier::Range);
                q.tokens.end = e2;
                return Some(q);
            }
        }
    }
    if matches!(q.qualifier, Some(Qualifier::UpTo | Qualifier::LessThan)) {
        q.max = Some(q.value);
    }
    Some(q)
}

/// "3 to 4 million": the lower end takes the upper end's scale when it has none.
fn scale_like(tokens: &[Token], lo_end: usize, hi_end: usize, lo: f64) -> f64 {
    if !has_scale(tokens, lo_end) && has_scale(tokens, hi_end) {
        lo * scale(norm(tokens, hi_end - 1)).unwrap_or(1.0)
    } else {
        lo
    }
}

/// A qualifier phrase at `i` and where the number after it starts.
fn qualifier_at(tokens: &[Token], i: usize) -> Option<(Qualifier, usize)> {
    let w = |k: usize| norm(tokens, i + k);
    let (q, len) = match (w(0), w(1), w(2)) {
        ("at", "least", _) => (Qualifier::AtLeast, 2),
        ("no", "fewer" | "less", "than") => (Qualifier::AtLeast, 3),
        ("a", "minimum", "of") => (Qualifier::AtLeast, 3),
        ("more" | "greater", "than", _) => (Qualifier::MoreThan, 2),
        ("well", "over", _) => (Qualifier::MoreThan, 2),
        ("over" | "above" | "exceeding", _, _) => (Qualifier::MoreThan, 1),
        ("upwards" | "upward", "of", _) => (Qualifier::MoreThan, 2),
        ("in", "excess", "of") => (Qualifier::MoreThan, 3),
        ("an" | "some", "estimated", _) => (Qualifier::About, 2),
        ("about" | "around" | "approximately" | "roughly" | "some" | "estimated" | "approx" | "circa", _, _) => (Qualifier::About, 1),
        ("nearly" | "almost", _, _) => (Qualifier::Almost, 1),
        ("close" | "closer", "to", _) => (Qualifier::Almost, 2),
        ("just", "under", _) => (Qualifier::Almost, 2),
        ("up", "to", _) => (Qualifier::UpTo, 2),
        ("as", "many", "as") => (Qualifier::UpTo, 3),
        ("at", "most", _) => (Qualifier::UpTo, 2),
        ("fewer" | "less", "than", _) => (Qualifier::LessThan, 2),
        ("under", _, _) => (Qualifier::LessThan, 1),
        ("between", _, _) => (Qualifier::Range, 1),
        _ => return None,
    };
    number_at(tokens, i + len)?;
    Some((q, i + len))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tokenize;

    fn q(text: &str) -> Option<(u64, Option<u64>, Option<Qualifier>)> {
        let tokens = tokenize(text);
        quantity_at(&tokens, 0).map(|q| (q.value, q.max, q.qualifier))
    }

    #[test]
    fn digits_and_scales() {
        assert_eq!(q("200,000 lives"), Some((200_000, None, None)));
        assert_eq!(q("5 million people"), Some((5_000_000, None, None)));
        assert_eq!(q("5.5 million"), Some((5_500_000, None, None)));
        assert_eq!(q("1,200"), Some((1200, None, None)));
        assert_eq!(q("80 000 homeless"), Some((80_000, None, None)));
    }

    #[test]
    fn words_and_dozens() {
        assert_eq!(q("seven soldiers"), Some((7, None, None)));
        assert_eq!(q("twenty-one"), Some((21, None, None)));
        assert_eq!(q("two dozen"), Some((24, None, None)));
        assert_eq!(q("a dozen"), Some((12, None, None)));
        assert_eq!(q("a hundred"), Some((100, None, None)));
        assert_eq!(q("one hundred and twenty"), Some((120, None, None)));
        assert_eq!(q("three thousand"), Some((3000, None, None)));
    }

    #[test]
    fn qualifiers() {
        assert_eq!(q("at least 12"), Some((12, None, Some(Qualifier::AtLeast))));
        assert_eq!(q("over 200,000"), Some((200_000, None, Some(Qualifier::MoreThan))));
        assert_eq!(q("more than 5 million"), Some((5_000_000, None, Some(Qualifier::MoreThan))));
        assert_eq!(q("about 300"), Some((300, None, Some(Qualifier::About))));
        assert_eq!(q("nearly 40"), Some((40, None, Some(Qualifier::Almost))));
        assert_eq!(q("up to 70"), Some((70, Some(70), Some(Qualifier::UpTo))));
        assert_eq!(q("an estimated 2,000"), Some((2000, None, Some(Qualifier::About))));
    }

    #[test]
    fn vague_amounts() {
        assert_eq!(q("dozens of"), Some((24, Some(99), Some(Qualifier::Vague))));
        assert_eq!(q("thousands"), Some((2000, Some(9999), Some(Qualifier::Vague))));
        assert_eq!(q("tens of thousands"), Some((20_000, Some(99_999), Some(Qualifier::Vague))));
        assert_eq!(q("hundreds of thousands"), Some((200_000, Some(999_999), Some(Qualifier::Vague))));
    }

    #[test]
    fn ranges() {
        assert_eq!(q("10 to 15"), Some((10, Some(15), Some(Qualifier::Range))));
        assert_eq!(q("10-15"), Some((10, Some(15), Some(Qualifier::Range))));
        assert_eq!(q("two or three"), Some((2, Some(3), Some(Qualifier::Range))));
        assert_eq!(q("3 to 4 million"), Some((3_000_000, Some(4_000_000), Some(Qualifier::Range))));
        assert_eq!(q("between 3 and 4 million"), Some((3_000_000, Some(4_000_000), Some(Qualifier::Range))));
    }

    #[test]
    fn not_numbers() {
        assert_eq!(q("over the weekend"), None);
        assert_eq!(q("a grant"), None);
        assert_eq!(q("10:30"), None);
        assert_eq!(q("the 1990s"), None);
        assert_eq!(ordinal("fifth"), Some(5));
        assert_eq!(ordinal("21st"), Some(21));
        assert_eq!(ordinal("fifty"), None);
    }
}
