//! Sentence boundaries over tokens.

use crate::token::{Token, TokenKind};
use std::ops::Range;

/// A sentence: its byte span in the text and the range of its tokens.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Sentence {
    /// Byte span of the sentence in the tokenized text.
    pub span: Range<usize>,
    /// Indices of the sentence's tokens in the token slice.
    pub tokens: Range<usize>,
}

/// Abbreviations whose period does not end a sentence when a word follows.
/// Titles always bind to the next word; the others end a sentence only before
/// a word that can start one (checked by [`starts_sentence`]).
const TITLES: &[&str] = &[
    "mr", "mrs", "ms", "dr", "gen", "lt", "col", "maj", "capt", "cpt", "sgt", "adm", "cmdr",
    "gov", "sen", "rep", "rev", "st", "prof", "pres", "amb", "sheikh", "messrs", "hon", "brig",
    "no", "nos", "vs", "fr", "sr", "jr", "mt", "ft", "gens",
];
const ABBREVIATIONS: &[&str] = &[
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "inc",
    "corp", "co", "ltd", "dept", "approx", "est", "etc", "al", "ave", "calif", "fla", "mass",
    "ky", "tenn", "wash", "penn", "conn", "ariz", "colo", "ill", "mich", "minn", "okla", "ore",
    "wis", "va", "ga", "pa", "md", "la", "mo", "miss", "ala", "ark", "kan", "neb", "nev",
];

/// Words after which a capitalised word most likely starts a new sentence
/// even though the previous one ended in an initialism ("... the U.S. The").
fn starts_sentence(token: &Token) -> bool {
    token.capitalized
        && matches!(
            token.norm.as_str(),
            "the" | "a" | "an" | "he" | "she" | "it" | "they" | "we" | "i" | "in" | "but" | "this"
                | "that" | "there" | "these" | "those" | "on" | "at" | "after" | "meanwhile"
                | "however" | "his" | "her" | "their" | "its" | "officials" | "some" | "both"
        )
}

/// Groups `tokens` (from [`crate::tokenize`] over `text`) into sentences.
///
/// A sentence ends at `.`, `!`, `?` (with any closing quotes or brackets after
/// them), at a blank line, and at the end of a line that reads as a headline
/// (no final punctuation, most words capitalised). A wire dateline at the start
/// of a paragraph ("KABUL (Reuters) -", "GENEVA, March 3 (AP) --") is left out
/// of the sentence that follows it.
pub fn sentences(text: &str, tokens: &[Token]) -> Vec<Sentence> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i < tokens.len() {
        let t = &tokens[i];
        let next = tokens.get(i + 1);
        let mut end_here = false;
        let mut last = i;
        if t.kind == TokenKind::Punct && matches!(t.norm.as_str(), "." | "!" | "?") {
            // Swallow runs like "?!" and closing quotes or brackets.
            while let Some(n) = tokens.get(last + 1) {
                if matches!(n.norm.as_str(), "." | "!" | "?" | "\"" | "'" | ")" | "”" | "’") && n.start == tokens[last].end {
                    last += 1;
                } else {
                    break;
                }
            }
            end_here = true;
        } else if t.is_word() && t.norm.ends_with('.') && t.norm.len() > 2 {
            // An initialism such as "U.S." may close a sentence.
            end_here = tokens.get(i + 1).is_none_or(starts_sentence);
        } else if t.kind == TokenKind::Punct && t.norm == "." {
            end_here = true;
        }
        if !end_here {
            if let Some(n) = next {
                let gap = &text[t.end..n.start];
                let blank_line = gap.matches('\n').count() >= 2;
                let line_break = gap.contains('\n');
                end_here = blank_line
                    || (line_break && looks_like_headline(text, &tokens[start..=i]) && n.capitalized);
            }
        } else if t.norm == "." && i > start {
            // "Gen. Smith": a title's period never ends a sentence; an
            // abbreviation's period does only before a sentence starter.
            let prev = &tokens[i - 1];
            let adjacent = prev.end == t.start && prev.is_word();
            let followed = next.is_some_and(|n| n.is_word() || n.kind == TokenKind::Number);
            if adjacent && followed {
                let word = prev.norm.as_str();
                let single_initial = word.chars().count() == 1 && prev.capitalized;
                if TITLES.contains(&word) || single_initial {
                    end_here = false;
                } else if ABBREVIATIONS.contains(&word) {
                    end_here = next.is_some_and(starts_sentence);
                }
            }
            if next.is_some_and(|n| !n.capitalized && n.is_word() && n.start == t.end) {
                end_here = false; // "e.g.x" style debris, not a boundary
            }
        }
        if end_here || i + 1 == tokens.len() {
            let end = last.max(i) + 1;
            push(&mut out, text, tokens, start, end);
            start = end;
            i = end;
        } else {
            i += 1;
        }
    }
    out
}

fn push(out: &mut Vec<Sentence>, text: &str, tokens: &[Token], start: usize, end: usize) {
    let begin = start + dateline_len(text, &tokens[start..end]);
    if begin >= end {
        return;
    }
    out.push(Sentence { span: tokens[begin].start..tokens[end - 1].end, tokens: begin..end });
}

/// A line that reads as a headline: at least two words and most of its longer
/// words capitalised, with no sentence punctuation at its end.
fn looks_like_headline(_text: &str, tokens: &[Token]) -> bool {
    let words: Vec<&Token> = tokens.iter().filter(|t| t.is_word() && t.norm.chars().count() > 3).collect();
    if tokens.len() < 2 || words.is_empty() {
        return false;
    }
    let caps = words.iter().filter(|t| t.capitalized).count();
    caps * 10 >= words.len() * 6
}

/// How many tokens of a sentence's start are a wire dateline: upper-case place
/// words, an optional date, an optional "(Agency)", then a dash; or an agency
/// name alone before a dash ("AP -", "Reuters -").
fn dateline_len(text: &str, tokens: &[Token]) -> usize {
    dateline_after_credits(text, tokens, MAX_CREDIT_LINES)
}

/// How many credit lines may stand before a dateline ("AP - Reuters - KABUL
/// -"): more is no wire header, and reading each deeper would cost a frame
/// a line on text made of "A - A - ...".
const MAX_CREDIT_LINES: usize = 3;

/// [`dateline_len`] with at most `credits` credit lines still allowed.
fn dateline_after_credits(text: &str, tokens: &[Token], credits: usize) -> usize {
    // A credit line before the dateline: "Canadian Press - OTTAWA (CP) -", or
    // a paper's name before an upper-case one ("Los Angeles Times - BAGHDAD -").
    // What follows it is read once: read for the test and again for the
    // length, it doubled the work at each credit line.
    let credit = tokens.iter().take(4).position(|t| t.norm == "-").filter(|&d| credits > 0 && d > 0 && tokens[..d].iter().all(|t| t.is_word() && t.capitalized));
    if let Some(dash) = credit {
        let inner = dateline_after_credits(text, &tokens[dash + 1..], credits - 1);
        if inner > 0 || tokens[..dash].iter().any(|t| is_agency(t.text(text))) {
            return dash + 1 + inner;
        }
    }
    let mut i = 0;
    let mut saw_place = false;
    let mut saw_agency = false;
    while let Some(t) = tokens.get(i) {
        let after_comma = i > 0 && tokens[i - 1].norm == ",";
        if t.is_word() && (t.all_caps || (saw_place && after_comma && t.capitalized && !is_month(&t.norm))) {
            // "KABUL", or the region after it: "KABUL, Afghanistan".
            saw_place = true;
            i += 1;
        } else if t.norm == "," && saw_place {
            i += 1;
        } else if t.kind == TokenKind::Number || (t.is_word() && t.capitalized && saw_place && is_month(&t.norm)) {
            if !saw_place {
                return 0;
            }
            i += 1;
        } else if t.norm == "(" {
            let close = tokens[i..].iter().position(|t| t.norm == ")").map(|p| p + i);
            match close {
                Some(c) if c - i <= 5 => {
                    saw_agency = true;
                    i = c + 1;
                }
                _ => return 0,
            }
        } else if t.norm == "-" || t.norm == "—" {
            let dashes = tokens[i..].iter().take_while(|t| t.norm == "-").count();
            let is_agency_only = !saw_agency && i == 1 && is_agency(tokens[0].text(text));
            return if (saw_place && (saw_agency || i <= 4)) || is_agency_only { i + dashes } else { 0 };
        } else {
            return 0;
        }
        if i > 12 {
            return 0;
        }
    }
    0
}

/// Whether a token's norm names a month ("january", "sept").
pub fn is_month(norm: &str) -> bool {
    matches!(
        norm,
        "jan" | "january" | "feb" | "february" | "march" | "mar" | "april" | "apr" | "may" | "june"
            | "jun" | "july" | "jul" | "august" | "aug" | "september" | "sept" | "sep" | "october"
            | "oct" | "november" | "nov" | "december" | "dec"
    )
}

/// Words that name a news agency in a credit line.
fn is_agency(word: &str) -> bool {
    matches!(
        word,
        "AP" | "AFP" | "Reuters" | "REUTERS" | "UPI" | "Xinhua" | "XINHUA" | "Press" | "CP" | "DPA" | "ANSA" | "Kyodo"
            | "Interfax" | "TASS" | "IRNA" | "Yonhap" | "Bernama" | "PTI" | "IANS" | "EFE" | "Anadolu" | "WAM"
    )
}

#[cfg(test)]
mod tests {
    use crate::tokenize;

    fn split(text: &str) -> Vec<&str> {
        let tokens = tokenize(text);
        super::sentences(text, &tokens).into_iter().map(|s| &text[s.span]).collect()
    }

    #[test]
    fn titles_and_initialisms_do_not_end_sentences() {
        assert_eq!(
            split("Gen. Smith met Mr. Jones in the U.S. capital. They agreed."),
            ["Gen. Smith met Mr. Jones in the U.S. capital.", "They agreed."]
        );
    }

    #[test]
    fn an_initialism_can_end_a_sentence() {
        assert_eq!(split("He flew to the U.S. The talks failed."), ["He flew to the U.S.", "The talks failed."]);
    }

    #[test]
    fn headlines_and_blank_lines_end_sentences() {
        assert_eq!(
            split("Rebels Seize Town In North\n\nThe army said it would respond."),
            ["Rebels Seize Town In North", "The army said it would respond."]
        );
        assert_eq!(
            split("Official Seeks US Mediation\nHe asked the president for help."),
            ["Official Seeks US Mediation", "He asked the president for help."]
        );
    }

    #[test]
    fn wrapped_lines_do_not_end_sentences() {
        assert_eq!(
            split("Arnor is about to restore ties with Gondor almost\nfive years later."),
            ["Arnor is about to restore ties with Gondor almost\nfive years later."]
        );
    }

    #[test]
    fn datelines_are_skipped() {
        assert_eq!(split("BAGHDAD (Reuters) - Gunmen killed five people."), ["Gunmen killed five people."]);
        assert_eq!(split("AP - Iraq said no."), ["Iraq said no."]);
        assert_eq!(split("GENEVA, March 3 (AFP) -- Talks resumed."), ["Talks resumed."]);
        assert_eq!(split("NATO said so - again."), ["NATO said so - again."]);
        assert_eq!(split("Canadian Press - OTTAWA (CP) - Paul Martin spoke."), ["Paul Martin spoke."]);
        assert_eq!(split("Reuters - China said no."), ["China said no."]);
        assert_eq!(split("KABUL, Afghanistan (Reuters) - Police acted."), ["Police acted."]);
        // A paper's name before an upper-case dateline is a credit line too.
        assert_eq!(split("Nairobi Evening Courier - MOMBASA — Police acted."), ["Police acted."]);
        assert_eq!(split("Nairobi Evening Courier - Police acted."), ["Nairobi Evening Courier - Police acted."]);
        // Dashes after capitalised words, over and over, are no header to read
        // deeper and deeper (each was read twice, so 40 of them took hours).
        let hostile = format!("{}Police acted.", "A - ".repeat(40));
        let found = split(&hostile);
        assert!(found.len() == 1 && found[0].ends_with("A - Police acted."), "{found:?}");
    }

    #[test]
    fn question_and_quotes_close_sentences() {
        assert_eq!(split("\"Will they fight?\" he asked. No."), ["\"Will they fight?\"", "he asked.", "No."]);
    }

    #[test]
    fn decimals_do_not_end_sentences() {
        assert_eq!(split("Growth was 5.5 percent. Good."), ["Growth was 5.5 percent.", "Good."]);
    }
}
