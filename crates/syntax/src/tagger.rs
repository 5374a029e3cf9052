//! The part-of-speech tagger: greedy left to right, an averaged perceptron
//! over the word, its affixes and shape, its neighbours and the two previous
//! predicted tags (Collins 2002; Honnibal 2013). Frequent words that always
//! carry the same tag in training are tagged from a dictionary, unscored.
//!
//! It runs twice: the second pass has the same features plus the first
//! pass's tags of the word and the two words after it, so that it sees
//! what comes next (a stacked, two-pass tagger; it learns from jack-knifed
//! first-pass tags, as noisy as at tagging time).

use crate::hash::{self, key};
use crate::table::Table;
use crate::tags::Upos;

/// What the tagger and parser know of one word, computed once per sentence.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct WordInfo {
    /// The lower-cased word, digits folded to `0`.
    pub(crate) norm: u64,
    /// The last 1, 2, 3, 4 characters (of the normalised word).
    pub(crate) suffix: [u64; 4],
    /// The first 1, 2, 3 characters.
    pub(crate) prefix: [u64; 3],
    /// The shape: `Xxxx`, `dd`, `X.X.` (runs of a class cut at 4).
    pub(crate) shape: u64,
    /// Bits: 1 capitalised, 2 all caps, 4 has a digit, 8 has a hyphen, 16 not a letter at all.
    pub(crate) flags: u64,
    /// How running text writes the word: 0 unseen, [`LOWER`], [`CAPITALISED`].
    pub(crate) case: u64,
}

/// A word running text mostly writes in lower case.
pub(crate) const LOWER: i16 = 1;
/// A word running text mostly writes capitalised (a name).
pub(crate) const CAPITALISED: i16 = 2;

/// The pseudo-word before the first and after the last.
const EDGE: WordInfo = WordInfo {
    norm: 1,
    suffix: [1; 4],
    prefix: [1; 3],
    shape: 1,
    flags: 32,
    case: 3,
};

impl WordInfo {
    /// Describes `word`, using `chars` as scratch space.
    pub(crate) fn of(word: &str, chars: &mut Vec<char>) -> WordInfo {
        Self::describe(word, false, chars)
    }

    /// Describes `word`, as if written in lower case when `lower`.
    fn describe(word: &str, lower: bool, chars: &mut Vec<char>) -> WordInfo {
        let letters_of = || {
            word.chars().map(move |c| {
                if lower {
                    c.to_lowercase().next().unwrap_or(c)
                } else {
                    c
                }
            })
        };
        chars.clear();
        let mut flags = 0;
        let mut letters = 0;
        let mut uppers = 0;
        for c in letters_of() {
            if c.is_alphabetic() {
                letters += 1;
                if c.is_uppercase() {
                    uppers += 1;
                }
            }
            if c.is_numeric() {
                flags |= 4;
                chars.push('0');
            } else if c.is_uppercase() {
                chars.extend(c.to_lowercase());
            } else {
                if c == '-' {
                    flags |= 8;
                }
                chars.push(c);
            }
        }
        if letters_of().next().is_some_and(char::is_uppercase) {
            flags |= 1;
        }
        if letters > 0 && uppers == letters {
            flags |= 2;
        }
        if letters == 0 {
            flags |= 16;
        }
        let n = chars.len();
        let norm = hash::chars(chars);
        let suffix = [1, 2, 3, 4].map(|k| hash::chars(&chars[n.saturating_sub(k)..]) ^ k as u64);
        let prefix = [1, 2, 3].map(|k| hash::chars(&chars[..k.min(n)]) ^ (k as u64) << 8);
        // The shape, from the original characters.
        let mut shape: u64 = 0xcbf2_9ce4_8422_2325;
        let mut last = '\0';
        let mut run = 0;
        for c in letters_of() {
            let class = if c.is_uppercase() {
                'X'
            } else if c.is_alphabetic() {
                'x'
            } else if c.is_numeric() {
                'd'
            } else {
                c
            };
            run = if class == last { run + 1 } else { 1 };
            last = class;
            if run <= 4 {
                shape = (shape ^ class as u64).wrapping_mul(0x0000_0100_0000_01b3);
            }
        }
        WordInfo {
            norm,
            suffix,
            prefix,
            shape,
            flags,
            case: 0,
        }
    }
}

/// Describes the words of a sentence into `out`, with how running text
/// writes each (`casing`: [`LOWER`] or [`CAPITALISED`] by word). In a
/// headline, a capitalised word (not the first) that running text does not
/// write capitalised (lower case, or unseen) is described as if lower case:
/// "Israel Kills 5 in Gaza Raid" reads as "Israel kills 5 in Gaza raid";
/// known names keep their capital.
pub(crate) fn describe<W: AsRef<str>>(
    words: &[W],
    casing: &Table,
    chars: &mut Vec<char>,
    out: &mut Vec<WordInfo>,
) {
    out.clear();
    for word in words {
        let mut info = WordInfo::of(word.as_ref(), chars);
        info.case = casing.row(info.norm).map_or(0, |row| row[0] as u64);
        out.push(info);
    }
    if is_headline(out) {
        for (i, word) in words.iter().enumerate().skip(1) {
            let info = out[i];
            if info.flags & 3 == 1 && info.case != CAPITALISED as u64 {
                out[i] = WordInfo::describe(word.as_ref(), true, chars);
                out[i].case = info.case;
            }
        }
    }
}

/// How many features the tagger extracts per word.
pub(crate) const TAG_FEATURES: usize = 34;

/// No tag yet (before the first word).
pub(crate) const NO_TAG: u64 = Upos::COUNT as u64;

/// Whether a sentence reads as a headline: most words after the first
/// capitalised. Case features are then learned apart from running text's.
pub(crate) fn is_headline(words: &[WordInfo]) -> bool {
    let (mut alphabetic, mut capitalised) = (0, 0);
    for w in words.iter().skip(1) {
        if w.flags & 16 == 0 && w.flags & 4 == 0 {
            alphabetic += 1;
            if w.flags & 1 != 0 {
                capitalised += 1;
            }
        }
    }
    alphabetic >= 2 && capitalised * 10 >= alphabetic * 6
}

/// The features of word `i` given the two previous tags.
#[inline]
pub(crate) fn features(
    words: &[WordInfo],
    i: usize,
    prev: u64,
    prev2: u64,
    headline: bool,
    out: &mut [u64; TAG_FEATURES],
) {
    let at = |offset: isize| -> &WordInfo {
        let j = i as isize + offset;
        if j < 0 || j as usize >= words.len() {
            &EDGE
        } else {
            &words[j as usize]
        }
    };
    let (w, before, before2, after, after2) = (at(0), at(-1), at(-2), at(1), at(2));
    let mode = headline as u64 + 2 * (i == 0) as u64;
    let f = [
        key(0, &[]),
        key(1, &[w.norm]),
        key(2, &[w.suffix[0]]),
        key(3, &[w.suffix[1]]),
        key(4, &[w.suffix[2]]),
        key(5, &[w.suffix[3]]),
        key(6, &[w.prefix[0]]),
        key(7, &[w.prefix[1]]),
        key(8, &[w.prefix[2]]),
        key(9, &[w.shape, mode]),
        key(10, &[w.flags, mode]),
        key(11, &[prev]),
        key(12, &[prev2]),
        key(13, &[prev, prev2]),
        key(14, &[prev, w.norm]),
        key(15, &[before.norm]),
        key(16, &[before.suffix[2]]),
        key(17, &[before2.norm]),
        key(18, &[after.norm]),
        key(19, &[after.suffix[2]]),
        key(20, &[after2.norm]),
        key(21, &[before.norm, w.norm]),
        key(22, &[w.norm, after.norm]),
        key(23, &[after.shape, headline as u64]),
        key(24, &[prev, w.suffix[2]]),
        key(25, &[w.flags, after.flags, headline as u64]),
        key(26, &[prev, after.norm]),
        key(27, &[before.norm, after.norm]),
        key(28, &[w.suffix[2], after.norm]),
        key(29, &[w.norm, after.suffix[2]]),
        key(30, &[before.suffix[2], w.suffix[2]]),
        key(31, &[w.suffix[1], after.flags, mode]),
        key(32, &[w.case, w.flags & 3, mode]),
        key(33, &[w.case, after.case, w.flags & 1]),
    ];
    *out = f;
}

/// How many features the second pass extracts per word: the first pass's,
/// and the first pass's tags of the word and of the two words after it.
pub(crate) const RETAG_FEATURES: usize = TAG_FEATURES + 9;

/// The second pass's features of word `i`: those of the first pass, and the
/// tags the first pass gave (`first`), which see the right context.
#[inline]
pub(crate) fn retag_features(
    words: &[WordInfo],
    i: usize,
    prev: u64,
    prev2: u64,
    headline: bool,
    first: &[Upos],
    out: &mut [u64; RETAG_FEATURES],
) {
    let mut base = [0u64; TAG_FEATURES];
    features(words, i, prev, prev2, headline, &mut base);
    out[..TAG_FEATURES].copy_from_slice(&base);
    let t = |j: usize| first.get(j).map_or(NO_TAG + 1, |t| t.index() as u64);
    let (t0, n1, n2) = (t(i), t(i + 1), t(i + 2));
    let w = &words[i];
    let after = words.get(i + 1).unwrap_or(&EDGE);
    out[TAG_FEATURES..].copy_from_slice(&[
        key(200, &[t0]),
        key(201, &[n1]),
        key(202, &[n1, n2]),
        key(203, &[prev, n1]),
        key(204, &[w.norm, n1]),
        key(205, &[w.suffix[2], n1]),
        key(206, &[t0, n1]),
        key(207, &[prev, t0, n1]),
        key(208, &[n1, after.norm]),
    ]);
}

/// Tags `words` into `tags`, given the tagger's tables; where `hints` (when
/// given, one per word) holds a tag, that tag is kept and serves as context.
/// With `first` (the first pass's tags), this is the second pass, which
/// sees the tags of the words ahead.
pub(crate) fn tag(
    dictionary: &Table,
    weights: &Table,
    words: &[WordInfo],
    hints: Option<&[Option<Upos>]>,
    first: Option<&[Upos]>,
    tags: &mut Vec<Upos>,
) {
    tags.clear();
    let headline = is_headline(words);
    let mut feats = [0u64; RETAG_FEATURES];
    let mut scores = [0i32; Upos::COUNT];
    let (mut prev, mut prev2) = (NO_TAG, NO_TAG);
    for i in 0..words.len() {
        let hint = hints.and_then(|h| h[i]);
        let tag = match (hint, dictionary.row(words[i].norm)) {
            (Some(tag), _) => tag,
            (None, Some(row)) => Upos::from_index(row[0] as usize),
            (None, None) => {
                let feats = extract(words, i, prev, prev2, headline, first, &mut feats);
                weights.score(feats, &mut scores);
                Upos::from_index(argmax(&scores))
            }
        };
        tags.push(tag);
        prev2 = prev;
        prev = tag.index() as u64;
    }
}

/// The features of word `i` for the first pass (`first` is `None`) or the
/// second, in `buffer`; returns the ones in use.
#[inline]
pub(crate) fn extract<'a>(
    words: &[WordInfo],
    i: usize,
    prev: u64,
    prev2: u64,
    headline: bool,
    first: Option<&[Upos]>,
    buffer: &'a mut [u64; RETAG_FEATURES],
) -> &'a [u64] {
    match first {
        Some(first) => {
            retag_features(words, i, prev, prev2, headline, first, buffer);
            &buffer[..]
        }
        None => {
            let mut base = [0u64; TAG_FEATURES];
            features(words, i, prev, prev2, headline, &mut base);
            buffer[..TAG_FEATURES].copy_from_slice(&base);
            &buffer[..TAG_FEATURES]
        }
    }
}

/// The index of the largest score (the first on ties).
#[inline]
pub(crate) fn argmax(scores: &[i32]) -> usize {
    let mut best = 0;
    for (i, &s) in scores.iter().enumerate() {
        if s > scores[best] {
            best = i;
        }
    }
    best
}
