//! Weight tables: from a feature key to one small weight per class.
//!
//! A frozen [`Table`] is what parsing reads: open addressing over `u64` keys
//! (linear probing, at most two thirds full) pointing into a dense `i16` matrix, one
//! row per feature. Scoring a feature is one probe and `classes` additions.
//! The serialised form is the rows sorted by key, so the same weights always
//! give the same bytes.

/// A frozen table of quantised weights.
#[derive(Clone, Debug)]
pub(crate) struct Table {
    classes: usize,
    mask: usize,
    /// Key 0 marks an empty slot.
    slots: Vec<Slot>,
    /// Rows of weights, for tables with more than [`INLINE`] classes.
    weights: Vec<i16>,
}

/// Classes whose weights fit in the slot itself, next to the key: a lookup
/// is then a single cache line (the move classifier's case).
const INLINE: usize = 4;

/// The most keys scored in one batch with overlapped row fetches (more than
/// any feature set here extracts).
const MAX_KEYS: usize = 128;

/// A slot: the key, and either its weights (few classes) or its row number
/// in the first two lanes (as a `u32`).
#[derive(Clone, Copy, Debug, Default)]
#[repr(C, align(16))]
struct Slot {
    key: u64,
    data: [i16; INLINE],
}

impl Table {
    /// A table of `keys` (distinct, non-zero) with `weights[row * classes + class]`.
    pub(crate) fn new(classes: usize, keys: &[u64], weights: Vec<i16>) -> Table {
        assert_eq!(keys.len() * classes, weights.len());
        let capacity = capacity_for(keys.len());
        let mut slots = vec![Slot::default(); capacity];
        let mask = capacity - 1;
        for (row, &key) in keys.iter().enumerate() {
            let mut slot = key as usize & mask;
            while slots[slot].key != 0 {
                slot = (slot + 1) & mask;
            }
            let mut data = [0i16; INLINE];
            if classes <= INLINE {
                // Every lane, the row's weights or 0: a copy of the row's
                // length was a call to `memcpy` for each of the model's
                // 760,000 moves.
                let row_weights = &weights[row * classes..(row + 1) * classes];
                for (lane, w) in data.iter_mut().enumerate() {
                    *w = row_weights.get(lane).copied().unwrap_or(0);
                }
            } else {
                let r = (row as u32).to_le_bytes();
                data[0] = i16::from_le_bytes([r[0], r[1]]);
                data[1] = i16::from_le_bytes([r[2], r[3]]);
            }
            slots[slot] = Slot { key, data };
        }
        let weights = if classes <= INLINE {
            Vec::new()
        } else {
            weights
        };
        Table {
            classes,
            mask,
            slots,
            weights,
        }
    }

    /// The row number kept in a slot of a table with many classes.
    #[inline(always)]
    fn row_number(slot: &Slot) -> usize {
        let [a, b] = slot.data[0].to_le_bytes();
        let [c, d] = slot.data[1].to_le_bytes();
        u32::from_le_bytes([a, b, c, d]) as usize
    }

    /// Asks the processor to fetch the slot of `key` while other work goes on.
    #[inline(always)]
    pub(crate) fn prefetch(&self, key: u64) {
        #[cfg(target_arch = "x86_64")]
        {
            let slot: *const Slot = &self.slots[key as usize & self.mask];
            // SAFETY: a prefetch is only a hint; the address is of a live slot.
            unsafe {
                std::arch::x86_64::_mm_prefetch(slot as *const i8, std::arch::x86_64::_MM_HINT_T0)
            };
        }
    }

    /// The number of classes.
    pub(crate) fn classes(&self) -> usize {
        self.classes
    }

    /// The number of features.
    pub(crate) fn len(&self) -> usize {
        self.slots.iter().filter(|s| s.key != 0).count()
    }

    /// The weights of `key`, if it is a feature of the table.
    #[inline(always)]
    pub(crate) fn row(&self, key: u64) -> Option<&[i16]> {
        let mut at = key as usize & self.mask;
        loop {
            let slot = &self.slots[at];
            if slot.key == key {
                if self.classes <= INLINE {
                    return Some(&slot.data[..self.classes]);
                }
                let start = Self::row_number(slot) * self.classes;
                return Some(&self.weights[start..start + self.classes]);
            }
            if slot.key == 0 {
                return None;
            }
            at = (at + 1) & self.mask;
        }
    }

    /// Whether some weight is negative or not below `limit` (for tables whose
    /// weights are class numbers, as the tag dictionary's).
    pub(crate) fn any_weight_outside(&self, limit: usize) -> bool {
        let lanes = self
            .slots
            .iter()
            .filter(|s| s.key != 0)
            .flat_map(|s| &s.data[..self.classes.min(INLINE)]);
        lanes
            .chain(&self.weights)
            .any(|&w| w < 0 || w as usize >= limit)
    }

    /// Adds the weights of every key in `keys` to `scores` (`classes` long).
    #[inline]
    pub(crate) fn score(&self, keys: &[u64], scores: &mut [i32]) {
        for &key in keys {
            self.prefetch(key);
        }
        scores.fill(0);
        if self.classes <= INLINE {
            for &key in keys {
                if let Some(row) = self.row(key) {
                    for (score, &w) in scores.iter_mut().zip(row) {
                        *score += w as i32;
                    }
                }
            }
            return;
        }
        // Rows live apart from the slots: find them all first, asking for
        // each row's cache lines, then add, so the misses overlap.
        let mut starts = [0u32; MAX_KEYS];
        let mut found = 0;
        for &key in keys.iter().take(MAX_KEYS) {
            if let Some(start) = self.row_start(key) {
                self.prefetch_row(start);
                starts[found] = start as u32;
                found += 1;
            }
        }
        for &start in &starts[..found] {
            let row = &self.weights[start as usize..start as usize + self.classes];
            for (score, &w) in scores.iter_mut().zip(row) {
                *score += w as i32;
            }
        }
        // More keys than the buffer holds: the rest the plain way.
        for &key in keys.iter().skip(MAX_KEYS) {
            if let Some(row) = self.row(key) {
                for (score, &w) in scores.iter_mut().zip(row) {
                    *score += w as i32;
                }
            }
        }
    }

    /// Where the row of `key` starts in `weights` (tables with many classes).
    #[inline(always)]
    fn row_start(&self, key: u64) -> Option<usize> {
        let mut at = key as usize & self.mask;
        loop {
            let slot = &self.slots[at];
            if slot.key == key {
                return Some(Self::row_number(slot) * self.classes);
            }
            if slot.key == 0 {
                return None;
            }
            at = (at + 1) & self.mask;
        }
    }

    #[inline(always)]
    fn prefetch_row(&self, start: usize) {
        #[cfg(target_arch = "x86_64")]
        {
            let first: *const i16 = &self.weights[start];
            let last: *const i16 = &self.weights[start + self.classes - 1];
            // SAFETY: prefetches are hints; both addresses are inside `weights`.
            unsafe {
                std::arch::x86_64::_mm_prefetch(first as *const i8, std::arch::x86_64::_MM_HINT_T0);
                std::arch::x86_64::_mm_prefetch(last as *const i8, std::arch::x86_64::_MM_HINT_T0);
            }
        }
    }

    /// Appends the serialised table: classes, rows, then keys in
    /// [`stored_order`], then their rows of weights, little-endian. Rows of
    /// more than [`INLINE`] classes (the tagger's, the labeller's: most of
    /// their weights are 0) are written sparse: a mask of the classes with a
    /// weight for each row, then only those weights.
    pub(crate) fn write(&self, out: &mut Vec<u8>) {
        let mut keys: Vec<u64> = self
            .slots
            .iter()
            .map(|s| s.key)
            .filter(|&k| k != 0)
            .collect();
        let order = stored_order(keys.len());
        keys.sort_unstable_by_key(|&k| order(k));
        out.extend_from_slice(&(self.classes as u32).to_le_bytes());
        out.extend_from_slice(&(keys.len() as u32).to_le_bytes());
        for key in &keys {
            out.extend_from_slice(&key.to_le_bytes());
        }
        let row = |key: u64| self.row(key).expect("a key of the table");
        if !Self::sparse(self.classes) {
            for &key in &keys {
                for w in row(key) {
                    out.extend_from_slice(&w.to_le_bytes());
                }
            }
            return;
        }
        for &key in &keys {
            let mask = row(key)
                .iter()
                .enumerate()
                .filter(|(_, &w)| w != 0)
                .fold(0u64, |m, (c, _)| m | 1 << c);
            out.extend_from_slice(&mask.to_le_bytes());
        }
        for &key in &keys {
            for w in row(key).iter().filter(|&&w| w != 0) {
                out.extend_from_slice(&w.to_le_bytes());
            }
        }
    }

    /// Whether rows of `classes` weights are stored sparse.
    fn sparse(classes: usize) -> bool {
        classes > INLINE && classes <= 64
    }

    /// Reads a table written by [`Table::write`] from the front of `bytes`;
    /// returns it and the rest of the bytes.
    pub(crate) fn read(bytes: &[u8]) -> Result<(Table, &[u8]), String> {
        let (classes, bytes) = take_u32(bytes)?;
        let (rows, bytes) = take_u32(bytes)?;
        let (classes, rows) = (classes as usize, rows as usize);
        let key_bytes = rows.checked_mul(8).ok_or("table too large")?;
        if bytes.len() < key_bytes || classes == 0 {
            return Err("model truncated".into());
        }
        let keys: Vec<u64> = bytes[..key_bytes]
            .chunks_exact(8)
            .map(|c| u64::from_le_bytes(c.try_into().unwrap()))
            .collect();
        let order = stored_order(keys.len());
        if keys.contains(&0) || keys.windows(2).any(|w| order(w[0]) >= order(w[1])) {
            return Err("model keys are not in order".into());
        }
        let bytes = &bytes[key_bytes..];
        let i16_at = |b: &[u8], i: usize| i16::from_le_bytes([b[2 * i], b[2 * i + 1]]);
        if !Self::sparse(classes) {
            let weight_bytes = rows.checked_mul(classes * 2).ok_or("table too large")?;
            if bytes.len() < weight_bytes {
                return Err("model truncated".into());
            }
            let weights = bytes[..weight_bytes].chunks_exact(2).map(|c| i16::from_le_bytes([c[0], c[1]])).collect();
            return Ok((Table::new(classes, &keys, weights), &bytes[weight_bytes..]));
        }
        if bytes.len() < key_bytes {
            return Err("model truncated".into());
        }
        let masks: Vec<u64> = bytes[..key_bytes]
            .chunks_exact(8)
            .map(|c| u64::from_le_bytes(c.try_into().unwrap()))
            .collect();
        if masks.iter().any(|&m| m >> classes != 0) {
            return Err("a table row names an unknown class".into());
        }
        let bytes = &bytes[key_bytes..];
        let stored: usize = masks.iter().map(|m| m.count_ones() as usize).sum();
        if bytes.len() < stored * 2 {
            return Err("model truncated".into());
        }
        let mut weights = vec![0i16; rows * classes];
        let mut next = 0;
        for (r, &mask) in masks.iter().enumerate() {
            // The mask's set bits, lowest first.
            let mut rest = mask;
            while rest != 0 {
                let c = rest.trailing_zeros() as usize;
                weights[r * classes + c] = i16_at(bytes, next);
                next += 1;
                rest &= rest - 1;
            }
        }
        Ok((Table::new(classes, &keys, weights), &bytes[stored * 2..]))
    }
}

/// The number of slots for `rows` keys: from a third to two thirds full.
fn capacity_for(rows: usize) -> usize {
    (rows + rows / 2).next_power_of_two().max(16)
}

/// The order keys are stored in: by their home slot, then by value. It is
/// deterministic, and building the table from it writes slots nearly in
/// sequence, which keeps loading a large model to milliseconds.
fn stored_order(rows: usize) -> impl Fn(u64) -> (u64, u64) {
    let mask = capacity_for(rows) as u64 - 1;
    move |key| (key & mask, key)
}

pub(crate) fn take_u32(bytes: &[u8]) -> Result<(u32, &[u8]), String> {
    if bytes.len() < 4 {
        return Err("model truncated".into());
    }
    Ok((
        u32::from_le_bytes(bytes[..4].try_into().unwrap()),
        &bytes[4..],
    ))
}

/// An averaged perceptron's weights while learning: integer weights, their
/// running totals for averaging (updated lazily, Honnibal's way), and how
/// often each feature was updated (for pruning).
#[derive(Default)]
pub(crate) struct Learner {
    classes: usize,
    /// Key to row. Keys are already hashes: the identity hasher is enough,
    /// and iteration order never reaches the weights (rows are sorted by key).
    index: std::collections::HashMap<u64, u32, std::hash::BuildHasherDefault<IdentityHasher>>,
    keys: Vec<u64>,
    weights: Vec<i32>,
    totals: Vec<i64>,
    stamps: Vec<u32>,
    updates: Vec<u32>,
    /// Instances seen so far (the averaging clock).
    now: u32,
}

impl Learner {
    pub(crate) fn new(classes: usize) -> Learner {
        Learner {
            classes,
            ..Learner::default()
        }
    }

    /// Adds the current weights of `keys` to `scores`.
    pub(crate) fn score(&self, keys: &[u64], scores: &mut [i32]) {
        scores.fill(0);
        for key in keys {
            if let Some(&row) = self.index.get(key) {
                let start = row as usize * self.classes;
                for (s, &w) in scores
                    .iter_mut()
                    .zip(&self.weights[start..start + self.classes])
                {
                    *s += w;
                }
            }
        }
    }

    /// Counts one training instance (whether or not it was an error).
    pub(crate) fn tick(&mut self) {
        self.now += 1;
    }

    /// The perceptron update: `truth` up, `guess` down, for every key.
    pub(crate) fn update(&mut self, keys: &[u64], truth: usize, guess: usize) {
        if truth == guess {
            return;
        }
        for &key in keys {
            let next = self.keys.len() as u32;
            let row = *self.index.entry(key).or_insert(next);
            if row == next {
                self.keys.push(key);
                self.weights.resize(self.weights.len() + self.classes, 0);
                self.totals.resize(self.totals.len() + self.classes, 0);
                self.stamps
                    .resize(self.stamps.len() + self.classes, self.now);
                self.updates.push(0);
            }
            self.updates[row as usize] += 1;
            let start = row as usize * self.classes;
            for (class, delta) in [(truth, 1), (guess, -1)] {
                let i = start + class;
                self.totals[i] += (self.now - self.stamps[i]) as i64 * self.weights[i] as i64;
                self.stamps[i] = self.now;
                self.weights[i] += delta;
            }
        }
    }

    /// The averaged weights, without features updated fewer than
    /// `min_updates` times, quantised to `i16`: a frozen [`Table`].
    pub(crate) fn freeze(&self, min_updates: u32) -> Table {
        let now = self.now.max(1) as f64;
        let mut rows: Vec<(u64, usize)> = (0..self.keys.len())
            .filter(|&r| self.updates[r] >= min_updates)
            .map(|r| (self.keys[r], r))
            .collect();
        rows.sort_unstable();
        let average = |i: usize| {
            (self.totals[i] as f64 + (self.now - self.stamps[i]) as f64 * self.weights[i] as f64)
                / now
        };
        let mut largest = 0f64;
        for &(_, r) in &rows {
            for c in 0..self.classes {
                largest = largest.max(average(r * self.classes + c).abs());
            }
        }
        let scale = if largest > 0.0 {
            32767.0 / largest
        } else {
            1.0
        };
        let mut keys = Vec::with_capacity(rows.len());
        let mut weights = Vec::with_capacity(rows.len() * self.classes);
        for &(key, r) in &rows {
            let row: Vec<i16> = (0..self.classes)
                .map(|c| (average(r * self.classes + c) * scale).round() as i16)
                .collect();
            if row.iter().any(|&w| w != 0) {
                keys.push(key);
                weights.extend(row);
            }
        }
        Table::new(self.classes, &keys, weights)
    }
}

/// A hasher for keys that are hashes already.
#[derive(Default)]
pub(crate) struct IdentityHasher(u64);

impl std::hash::Hasher for IdentityHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 << 8) | b as u64;
        }
    }
    fn write_u64(&mut self, value: u64) {
        self.0 = value;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_frozen_table_scores_what_was_learned_and_round_trips() {
        let mut learner = Learner::new(3);
        for _ in 0..5 {
            learner.tick();
            learner.update(&[11, 22], 2, 0);
        }
        let table = learner.freeze(1);
        let mut scores = [0; 3];
        table.score(&[11, 99], &mut scores);
        assert!(
            scores[2] > 0 && scores[0] < 0 && scores[1] == 0,
            "{scores:?}"
        );
        let mut bytes = Vec::new();
        table.write(&mut bytes);
        let (back, rest) = Table::read(&bytes).unwrap();
        assert!(rest.is_empty());
        let mut again = Vec::new();
        back.write(&mut again);
        assert_eq!(bytes, again);
        assert_eq!(back.row(22), table.row(22));
        assert_eq!(back.row(33), None);
    }

    #[test]
    fn a_table_of_many_classes_is_written_sparse_and_reads_back_the_same() {
        let classes = 40;
        let mut learner = Learner::new(classes);
        for i in 0..30u64 {
            learner.tick();
            learner.update(&[100 + i, 7], (i % 39) as usize + 1, 0);
        }
        let table = learner.freeze(1);
        let mut bytes = Vec::new();
        table.write(&mut bytes);
        let dense = 8 + 31 * (8 + 2 * classes);
        assert!(bytes.len() < dense / 2, "{} bytes", bytes.len());
        let (back, rest) = Table::read(&bytes).unwrap();
        assert!(rest.is_empty());
        for key in [7, 100, 129] {
            assert_eq!(back.row(key), table.row(key));
        }
        let mut again = Vec::new();
        back.write(&mut again);
        assert_eq!(bytes, again);
        assert!(Table::read(&bytes[..bytes.len() - 1]).is_err());
    }
}
