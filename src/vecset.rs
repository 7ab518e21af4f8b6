//! [`VecSet`]: an ordered set kept as a sorted vector.
//!
//! The per-document facts hold a few small sets per entity (surfaces, titles, written forms) and
//! a large corpus holds millions of them until the merge. A `BTreeSet` allocates a node of
//! eleven slots for even one element; a sorted `Vec` holds just what it has, iterates in the
//! same order and serialises as the same sequence.

use serde::{Deserialize, Deserializer, Serialize};

/// An ordered set of `T` stored as a sorted vector without repeats. Insertion is linear, which
/// suits the handful of elements these sets hold.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(transparent)]
pub struct VecSet<T>(Vec<T>);

impl<T> Default for VecSet<T> {
    fn default() -> Self {
        VecSet(Vec::new())
    }
}

impl<T: Ord> VecSet<T> {
    pub fn new() -> Self {
        VecSet(Vec::new())
    }

    /// Add `value`; false when it was there already.
    pub fn insert(&mut self, value: T) -> bool {
        match self.0.binary_search(&value) {
            Ok(_) => false,
            Err(at) => {
                self.0.insert(at, value);
                true
            }
        }
    }

    pub fn contains<Q>(&self, value: &Q) -> bool
    where
        T: std::borrow::Borrow<Q>,
        Q: Ord + ?Sized,
    {
        self.0.binary_search_by(|x| x.borrow().cmp(value)).is_ok()
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The smallest element.
    pub fn first(&self) -> Option<&T> {
        self.0.first()
    }

    /// The elements in order.
    pub fn iter(&self) -> std::slice::Iter<'_, T> {
        self.0.iter()
    }

    /// Release spare capacity.
    pub fn shrink_to_fit(&mut self) {
        self.0.shrink_to_fit();
    }
}

impl<T: Ord> Extend<T> for VecSet<T> {
    fn extend<I: IntoIterator<Item = T>>(&mut self, iter: I) {
        for x in iter {
            self.insert(x);
        }
    }
}

impl<T: Ord> FromIterator<T> for VecSet<T> {
    fn from_iter<I: IntoIterator<Item = T>>(iter: I) -> Self {
        let mut v: Vec<T> = iter.into_iter().collect();
        v.sort();
        v.dedup();
        VecSet(v)
    }
}

impl<T: Ord, const N: usize> From<[T; N]> for VecSet<T> {
    fn from(items: [T; N]) -> Self {
        items.into_iter().collect()
    }
}

impl<'a, T> IntoIterator for &'a VecSet<T> {
    type Item = &'a T;
    type IntoIter = std::slice::Iter<'a, T>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.iter()
    }
}

impl<T> IntoIterator for VecSet<T> {
    type Item = T;
    type IntoIter = std::vec::IntoIter<T>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.into_iter()
    }
}

/// Read as any sequence: sorted and without repeats whatever the input.
impl<'de, T: Ord + Deserialize<'de>> Deserialize<'de> for VecSet<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Ok(Vec::<T>::deserialize(d)?.into_iter().collect())
    }
}

#[cfg(test)]
mod tests {
    use super::VecSet;
    use std::collections::BTreeSet;

    #[test]
    fn behaves_like_a_btreeset() {
        let words = ["pear", "apple", "fig", "apple", "kiwi", "fig", "banana"];
        let mut v = VecSet::new();
        let mut b = BTreeSet::new();
        for w in words {
            assert_eq!(v.insert(w.to_string()), b.insert(w.to_string()), "{w}");
        }
        assert!(v.iter().eq(b.iter()));
        assert_eq!(v.len(), b.len());
        assert_eq!(v.first(), b.first());
        assert!(v.contains("kiwi") && !v.contains("plum"));
        let collected: VecSet<&str> = words.into_iter().collect();
        assert!(collected.iter().copied().eq(b.iter().map(String::as_str)));
    }

    #[test]
    fn reads_any_sequence_into_order() {
        let v: VecSet<u32> = serde_json::from_str("[3, 1, 3, 2]").expect("a sequence");
        assert_eq!(serde_json::to_string(&v).expect("writes"), "[1,2,3]");
    }
}
