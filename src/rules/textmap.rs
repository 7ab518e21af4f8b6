//! # TextMap: a table looked up at every token
//!
//! Mention finding and events look every token of every document up in a table of their own
//! ([`super::Words`], [`super::phrases::Vocab`]). Most tokens are short: a text of at most seven
//! bytes is keyed by a `u64` (its bytes, and its length in the eighth), which hashes and compares
//! at once; a text longer than the longest entry is known absent without hashing.

use rustc_hash::FxHashMap;

/// Texts to small values: filled through [`TextMap::entry`], then [`TextMap::finish`]ed before
/// any [`TextMap::get`].
#[derive(Debug)]
pub struct TextMap<V> {
    map: FxHashMap<Box<str>, V>,
    /// The same entries for the texts of at most seven bytes, by [`short_key`].
    short: FxHashMap<u64, V>,
    /// The length of the longest text in the table, in bytes.
    longest: usize,
}

impl<V> Default for TextMap<V> {
    fn default() -> Self {
        TextMap { map: FxHashMap::default(), short: FxHashMap::default(), longest: 0 }
    }
}

/// A text of at most seven bytes as a number: its bytes, and its length in the eighth.
fn short_key(text: &[u8]) -> Option<u64> {
    if text.len() >= 8 {
        return None;
    }
    // (byte by byte: a copy of a slice of unknown length is a call)
    let mut key = (text.len() as u64) << 56;
    for (i, &b) in text.iter().enumerate() {
        key |= u64::from(b) << (8 * i);
    }
    Some(key)
}

impl<V: Copy> TextMap<V> {
    /// The value of `text`, inserted as `new` if absent, to change while filling the table.
    pub fn entry(&mut self, text: &str, new: V) -> &mut V {
        self.map.entry(text.into()).or_insert(new)
    }

    /// Index the entries for [`TextMap::get`] (again after any change).
    pub fn finish(&mut self) {
        self.short = self.map.iter().filter_map(|(k, &v)| Some((short_key(k.as_bytes())?, v))).collect();
        self.longest = self.map.keys().map(|k| k.len()).max().unwrap_or(0);
    }

    /// The value of `text`, if it is in the table.
    pub fn get(&self, text: &str) -> Option<V> {
        if text.len() > self.longest {
            return None;
        }
        match short_key(text.as_bytes()) {
            Some(key) => self.short.get(&key),
            None => self.map.get(text),
        }
        .copied()
    }

    /// The entries, in no order.
    #[cfg(test)]
    pub fn iter(&self) -> impl Iterator<Item = (&str, V)> {
        self.map.iter().map(|(k, &v)| (&**k, v))
    }

    pub fn len(&self) -> usize {
        self.map.len()
    }

    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }

    /// How many entries are keyed by number.
    #[cfg(test)]
    pub fn short_len(&self) -> usize {
        self.short.len()
    }

    /// The length of the longest text, in bytes.
    #[cfg(test)]
    pub fn longest(&self) -> usize {
        self.longest
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_and_long_texts_are_found_as_inserted() {
        let mut m = TextMap::default();
        let texts = ["", "a", "abcdefg", "abcdefgh", "a\0", "é", "defence ministry"];
        for (i, t) in texts.iter().enumerate() {
            *m.entry(t, 0) = i + 1;
        }
        m.finish();
        for (i, t) in texts.iter().enumerate() {
            assert_eq!(m.get(t), Some(i + 1), "{t:?}");
        }
        // texts that share bytes with an entry but are not one, and one longer than any
        for t in ["b", "abcdef", "abcdefgi", "a\0\0", "\0a", "defence ministr", &"x".repeat(40)] {
            assert_eq!(m.get(t), None, "{t:?}");
        }
        assert_eq!((m.len(), m.short_len(), m.longest()), (7, 5, "defence ministry".len()));
    }
}
