//! Feature keys: a template number and its values hashed into one `u64`.
//!
//! No strings are built at parse time: words are hashed once per sentence
//! ([`word`]), and each feature is a few multiply-xors over small integers.

const K: u64 = 0x9E37_79B9_7F4A_7C15;

/// Folds `value` into the running hash `h` (FxHash's step: fast, not strong;
/// [`finish`] makes the bits well mixed).
#[inline(always)]
pub(crate) fn mix(h: u64, value: u64) -> u64 {
    (h.rotate_left(5) ^ value).wrapping_mul(K)
}

/// Murmur3's finaliser, so that the low bits (the table slot) depend on
/// every input bit. Never returns 0, which marks an empty table slot.
#[inline(always)]
pub(crate) fn finish(mut h: u64) -> u64 {
    h ^= h >> 33;
    h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
    h ^= h >> 33;
    h = h.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    h ^= h >> 33;
    h.max(1)
}

/// The key of template `template` with `values`.
#[inline(always)]
pub(crate) fn key(template: u64, values: &[u64]) -> u64 {
    let mut h = mix(0, template.wrapping_add(1));
    for &v in values {
        h = mix(h, v);
    }
    finish(h)
}

/// FNV-1a over chars: the hash of a (normalised) string of chars.
#[inline]
pub(crate) fn chars(chars: &[char]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &c in chars {
        h ^= c as u64;
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    // Keep clear of the small constants used for "no token" and "root".
    h | 0x100
}
