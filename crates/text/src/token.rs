//! Tokens: words, numbers and punctuation with byte offsets.

use crate::Norm;
use rustc_hash::FxHashSet;

/// What a token is, as far as a tokenizer can tell without a tagger.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TokenKind {
    /// Letters, possibly with inner apostrophes or periods ("d'Ivoire", "U.S.").
    Word,
    /// Digits, possibly with inner `,` or `.` ("200,000", "5.5").
    Number,
    /// Anything else, one character at a time.
    Punct,
}

/// A token of a text: where it stands and how it is matched. 32 bytes, with
/// no heap block of its own (its norm is shared: see [`Norm`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Token {
    /// Byte offset of the first byte in the tokenized text.
    pub start: usize,
    /// Byte offset one past the last byte.
    pub end: usize,
    /// Word, number or punctuation.
    pub kind: TokenKind,
    /// The lower-cased form used for matching; typographic apostrophes and
    /// dashes are folded to ASCII. It reads as a `&str`.
    pub norm: Norm,
    /// Whether the token starts with an upper-case letter in the text.
    pub capitalized: bool,
    /// Whether the token has letters and all of them are upper case ("US", "NATO").
    pub all_caps: bool,
}

impl Token {
    /// The token's text in `text`, the string it was tokenized from.
    pub fn text<'t>(&self, text: &'t str) -> &'t str {
        &text[self.start..self.end]
    }

    /// Whether the token is a word (not a number or punctuation).
    pub fn is_word(&self) -> bool {
        self.kind == TokenKind::Word
    }
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '’' | '‘')
}

fn is_dash(c: char) -> bool {
    matches!(c, '-' | '‐' | '‑' | '–' | '—')
}

/// Splits `text` into tokens.
///
/// ```
/// let tokens = parley_text::tokenize("Russia's U.S.-backed rival didn't sign.");
/// let norms: Vec<&str> = tokens.iter().map(|t| t.norm.as_str()).collect();
/// assert_eq!(norms, ["russia", "'s", "u.s.", "-", "backed", "rival", "did", "n't", "sign", "."]);
/// ```
pub fn tokenize(text: &str) -> Vec<Token> {
    Tokenizer::default().tokenize(text)
}

/// A tokenizer that, once it has read a long text, remembers the norms it
/// makes, so that the tokens of that text and of texts it tokenizes later
/// share them: the coder tokenizes a long document whole (for its sentences
/// and the first pass), then each sentence again, alone, in the second pass,
/// instead of holding the document's tokens throughout. A sentence
/// tokenized alone gives the tokens the document gave it (its span starts at
/// its first token and ends at its last, and no token reaches past a span),
/// with offsets from the sentence's start.
///
/// A short text's words are mostly distinct (five in six of a news item's
/// tokens are a word's first), so sharing them would cost a hash lookup a
/// token and save almost nothing: until a long text comes, each token gets
/// a norm of its own.
#[derive(Default)]
pub struct Tokenizer {
    norms: Norms,
}

/// The shortest text (bytes) from which a tokenizer shares norms.
const SHARE_NORMS_FROM: usize = 1 << 16;

impl Tokenizer {
    /// Splits `text` into tokens, as [`tokenize`] does.
    pub fn tokenize(&mut self, text: &str) -> Vec<Token> {
        self.norms.sharing |= text.len() >= SHARE_NORMS_FROM;
        tokenize_with(text, &mut self.norms)
    }
}

fn tokenize_with(text: &str, norms: &mut Norms) -> Vec<Token> {
    let mut tokens = Vec::with_capacity(text.len() / 5 + 1);
    // The text's characters, 4 bytes each (with their byte offsets, 16
    // bytes each, a 15 MB report took 240 MB here); byte offsets are counted
    // forward as the tokens go, since tokens only move forward.
    let chars: Vec<char> = text.chars().collect();
    let mut cursor = (0usize, 0usize); // (char index, its byte offset)
    let mut byte_at = |i: usize| {
        while cursor.0 < i.min(chars.len()) {
            cursor.1 += chars[cursor.0].len_utf8();
            cursor.0 += 1;
        }
        if i >= chars.len() {
            text.len()
        } else {
            cursor.1
        }
    };
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c.is_whitespace() {
            i += 1;
            continue;
        }
        let start = i;
        let kind;
        if c.is_ascii_digit() {
            kind = TokenKind::Number;
            i += 1;
            while i < chars.len() {
                let d = chars[i];
                let inner_sep = matches!(d, ',' | '.' | ':')
                    && chars.get(i + 1).is_some_and(|n| n.is_ascii_digit());
                if d.is_ascii_digit() || inner_sep {
                    i += 1;
                } else {
                    break;
                }
            }
            // "1990s", "3rd", "10th": a number with a letter suffix stays one token.
            while i < chars.len() && chars[i].is_alphabetic() {
                i += 1;
            }
        } else if c.is_alphabetic() {
            kind = TokenKind::Word;
            i = word_end(&chars, i);
        } else if is_apostrophe(c) && chars.get(i + 1).is_some_and(|n| n.is_alphabetic()) && (i > 0 && !chars[i - 1].is_whitespace() || is_clitic(&chars[i + 1..])) {
            // A clitic such as 's, 're, 'll that the previous word left, also
            // after a space as feeds write it ("Israel #39;s"); else, after a
            // space, the apostrophe opens a quotation ("called it 'a new start'").
            kind = TokenKind::Word;
            i = word_end(&chars, i + 1);
        } else {
            kind = TokenKind::Punct;
            i += 1;
        }
        let (s, e) = (byte_at(start), byte_at(i));
        push_token(&mut tokens, norms, text, s, e, kind);
    }
    tokens
}

/// Whether `rest`, the text after an apostrophe, starts with a clitic's
/// letters and no more ("s", "re", "ve", "ll", "d", "m", "t"). Three letters
/// tell: no clitic is longer than two (and a long word with many apostrophes
/// is not read again at each one).
fn is_clitic(rest: &[char]) -> bool {
    let letters: Vec<char> = rest.iter().take(3).take_while(|c| c.is_alphabetic()).map(|c| c.to_ascii_lowercase()).collect();
    matches!(letters.as_slice(), ['s'] | ['r', 'e'] | ['v', 'e'] | ['l', 'l'] | ['d'] | ['m'] | ['t'])
}

/// Where a word that starts at `i` ends. Inner apostrophes stay ("d'Ivoire",
/// "O'Brien") except the clitics `'s`, `n't`, `'re`, `'ve`, `'ll`, `'d`, `'m`,
/// which the caller then reads as tokens of their own. Initialisms keep their
/// periods ("U.S.", "U.N.").
fn word_end(chars: &[char], start: usize) -> usize {
    let mut i = start;
    // The clitic "n't" of "didn't", read after the word before it.
    if chars[start].eq_ignore_ascii_case(&'n')
        && chars.get(start + 1).is_some_and(|c| is_apostrophe(*c))
        && chars.get(start + 2).is_some_and(|c| c.eq_ignore_ascii_case(&'t'))
        && !chars.get(start + 3).is_some_and(|c| c.is_alphabetic())
    {
        return start + 3;
    }
    // Initialism: single letters each followed by a period: U.S., U.K., e.g.
    let mut j = start;
    let mut letters = 0;
    while j + 1 < chars.len() && chars[j].is_alphabetic() && chars[j + 1] == '.' {
        letters += 1;
        j += 2;
        if !chars.get(j).is_some_and(|c| c.is_alphabetic())
            || chars.get(j + 1).is_some_and(|c| c.is_alphabetic())
        {
            break;
        }
    }
    if letters >= 2 {
        return j;
    }
    while i < chars.len() {
        let c = chars[i];
        if c.is_alphanumeric() {
            i += 1;
        } else if is_apostrophe(c) && chars.get(i + 1).is_some_and(|n| n.is_alphabetic()) {
            if is_clitic(&chars[i + 1..]) {
                // "didn't": the clitic is "n't", so the word ends before the n.
                let t_alone = chars[i + 1].eq_ignore_ascii_case(&'t');
                if t_alone && i > start + 1 && chars[i - 1].eq_ignore_ascii_case(&'n') {
                    return i - 1;
                }
                return i;
            }
            i += 1;
        } else {
            break;
        }
    }
    i
}

/// The norms a tokenizer has made, to share them (each distinct norm is
/// made once) while `sharing`; `scratch` holds the norm being made, so that
/// a norm already seen costs no allocation.
#[derive(Default)]
struct Norms {
    sharing: bool,
    seen: FxHashSet<Norm>,
    scratch: String,
}

impl Norms {
    /// The norm for `scratch`: the shared one while sharing.
    fn get(&mut self) -> Norm {
        if !self.sharing {
            return Norm::new(&self.scratch);
        }
        if let Some(norm) = self.seen.get(self.scratch.as_str()) {
            return norm.clone();
        }
        let norm = Norm::new(&self.scratch);
        self.seen.insert(norm.clone());
        norm
    }
}

fn push_token(tokens: &mut Vec<Token>, norms: &mut Norms, text: &str, start: usize, end: usize, kind: TokenKind) {
    let raw = &text[start..end];
    norms.scratch.clear();
    if raw.is_ascii() {
        // Most tokens: the ASCII apostrophe and hyphen are already folded, so the
        // norm is the lower-cased text, and case is a byte test.
        let bytes = raw.as_bytes();
        let capitalized = bytes[0].is_ascii_uppercase();
        let all_caps = bytes.iter().any(u8::is_ascii_alphabetic) && !bytes.iter().any(u8::is_ascii_lowercase);
        norms.scratch.push_str(raw);
        norms.scratch.make_ascii_lowercase();
        tokens.push(Token { start, end, kind, norm: norms.get(), capitalized, all_caps });
        return;
    }
    let norm = &mut norms.scratch;
    for c in raw.chars() {
        match c {
            c if is_apostrophe(c) => norm.push('\''),
            c if is_dash(c) => norm.push('-'),
            c if c.is_ascii() => norm.push(c.to_ascii_lowercase()),
            c => norm.extend(c.to_lowercase()),
        }
    }
    let capitalized = raw.chars().next().is_some_and(char::is_uppercase);
    let mut has_letter = false;
    let all_caps = raw.chars().all(|c| {
        has_letter |= c.is_alphabetic();
        !c.is_lowercase()
    }) && has_letter;
    tokens.push(Token { start, end, kind, norm: norms.get(), capitalized, all_caps });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn norms(text: &str) -> Vec<String> {
        tokenize(text).into_iter().map(|t| t.norm.to_string()).collect()
    }

    #[test]
    fn keeps_initialisms_numbers_and_inner_apostrophes_whole() {
        assert_eq!(norms("the U.S. and U.N. envoys"), ["the", "u.s.", "and", "u.n.", "envoys"]);
        assert_eq!(norms("over 200,000 lives, 5.5 percent"), ["over", "200,000", "lives", ",", "5.5", "percent"]);
        assert_eq!(norms("Côte d'Ivoire"), ["côte", "d'ivoire"]);
        assert_eq!(norms("in the 1990s"), ["in", "the", "1990s"]);
    }

    #[test]
    fn splits_clitics_hyphens_and_punctuation() {
        assert_eq!(norms("Israel’s army"), ["israel", "'s", "army"]);
        assert_eq!(norms("They won't go"), ["they", "wo", "n't", "go"]);
        assert_eq!(norms("pro-Russian rebels"), ["pro", "-", "russian", "rebels"]);
        assert_eq!(norms("\"No,\" he said."), ["\"", "no", ",", "\"", "he", "said", "."]);
        assert_eq!(norms("called it 'a new start' and 'historic'"), ["called", "it", "'", "a", "new", "start", "'", "and", "'", "historic", "'"]);
        assert_eq!(norms("Israel 's army"), ["israel", "'s", "army"]);
    }

    #[test]
    fn offsets_point_into_the_text() {
        let text = "Kyiv — Russian forces";
        for t in tokenize(text) {
            assert_eq!(t.text(text).to_lowercase().replace('—', "-"), t.norm);
        }
    }

    #[test]
    fn a_token_is_32_bytes_and_a_long_text_shares_its_norms() {
        assert_eq!(std::mem::size_of::<Token>(), 32);
        let short = tokenize("War and war, WAR.");
        assert!(short[0].norm == short[2].norm && short[2].norm == short[4].norm && short[0].norm == "war");
        assert!(!short[0].norm.shares(&short[2].norm), "a short text's norms are its tokens' own");
        let mut tokenizer = Tokenizer::default();
        let long = tokenizer.tokenize(&"War and war, WAR. ".repeat(SHARE_NORMS_FROM / 10));
        assert!(long[0].norm.shares(&long[2].norm) && long[2].norm.shares(&long[4].norm));
        // The sentences of a long text, tokenized again, share its norms.
        assert!(tokenizer.tokenize("The war.")[1].norm.shares(&long[0].norm));
    }

    #[test]
    fn a_sentence_tokenized_alone_gives_the_tokens_the_document_gave_it() {
        let texts = [
            "Gen. Smith met U.S. officials. Talks went well.",
            "He said \"no.\" Then he left! Did he? Yes.",
            "Prices rose 5.5 percent.3 people died.U.S.Army units moved in.",
            "KABUL, Afghanistan (Reuters) - Troops didn't go.\n\nNew paragraph here without end\nNext Line Headline\nThe players' union's chief said.",
            "They won't sign; the U.N.'s envoy (Mr. Lee) arrived at 10:30. Côte d'Ivoire’s army — pro-Russian rebels… the 1990s. 'Quoted.'",
            "a.b.c.d. e'f'g. n't. 's. 12,000,000.5.6th. U.S.A.B. x",
        ];
        for text in texts {
            let tokens = tokenize(text);
            let mut tokenizer = Tokenizer::default();
            tokenizer.tokenize(text);
            for s in crate::sentences(text, &tokens) {
                let alone = tokenizer.tokenize(&text[s.span.clone()]);
                let relative: Vec<Token> =
                    tokens[s.tokens.clone()].iter().map(|t| Token { start: t.start - s.span.start, end: t.end - s.span.start, ..t.clone() }).collect();
                assert_eq!(alone, relative, "{:?}", &text[s.span.clone()]);
            }
        }
    }

    #[test]
    fn marks_case() {
        let t = tokenize("US us Us");
        assert!(t[0].all_caps && t[0].capitalized);
        assert!(!t[1].all_caps && !t[1].capitalized);
        assert!(!t[2].all_caps && t[2].capitalized);
    }

    #[test]
    fn end_of_sentence_period_is_not_an_initialism() {
        assert_eq!(norms("talks with Iran."), ["talks", "with", "iran", "."]);
        assert_eq!(norms("a deal with the U.S."), ["a", "deal", "with", "the", "u.s."]);
    }
}
