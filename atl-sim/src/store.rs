//! In-memory object store: typed objects per kind, one global resourceVersion counter and a
//! bounded change log that watches read from.

use std::collections::{BTreeMap, BTreeSet, VecDeque};
use std::ops::Bound;
use std::sync::Arc;

use serde_json::Value;

use crate::kinds::{Kind, Objects, SimKind};

/// Namespace (empty for cluster-scoped objects) and name.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct ObjKey {
    /// Namespace, "" when cluster-scoped.
    pub namespace: String,
    /// Object name.
    pub name: String,
}

impl ObjKey {
    /// Builds a key.
    pub fn new(namespace: &str, name: &str) -> Self {
        Self {
            namespace: namespace.to_owned(),
            name: name.to_owned(),
        }
    }

    /// The key of a stored object.
    pub fn of<K: SimKind>(obj: &K) -> Self {
        let m = obj.metadata();
        Self {
            namespace: m.namespace.clone().unwrap_or_default(),
            name: m.name.clone().unwrap_or_default(),
        }
    }
}

/// Objects of one kind ordered by namespace then name (the order lists are served in).
#[derive(Debug, Clone)]
pub struct KindStore<K> {
    // Boxed: k8s-openapi objects are large inline and B-tree nodes move values around on insert.
    items: BTreeMap<ObjKey, Box<K>>,
}

impl<K> Default for KindStore<K> {
    fn default() -> Self {
        Self {
            items: BTreeMap::new(),
        }
    }
}

impl<K> KindStore<K> {
    /// Object by key.
    pub fn get(&self, key: &ObjKey) -> Option<&K> {
        self.items.get(key).map(|b| &**b)
    }

    /// Number of objects.
    pub fn len(&self) -> usize {
        self.items.len()
    }

    /// Whether the store is empty.
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// All objects in key order.
    pub fn iter(&self) -> impl Iterator<Item = (&ObjKey, &K)> {
        self.items.iter().map(|(k, v)| (k, &**v))
    }

    /// Objects of one namespace (or all with `None`), strictly after `after` when given.
    pub fn scan<'a, 'n>(
        &'a self,
        namespace: Option<&'n str>,
        after: Option<&ObjKey>,
    ) -> impl Iterator<Item = (&'a ObjKey, &'a K)> + use<'a, 'n, K> {
        let start = match (after, namespace) {
            (Some(a), _) => Bound::Excluded(a.clone()),
            (None, Some(ns)) => Bound::Included(ObjKey::new(ns, "")),
            (None, None) => Bound::Unbounded,
        };
        self.items
            .range((start, Bound::Unbounded))
            .take_while(move |(k, _)| namespace.is_none_or(|ns| k.namespace == ns))
            .map(|(k, v)| (k, &**v))
    }
}

/// Watch event types.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChangeType {
    /// Object created.
    Added,
    /// Object changed.
    Modified,
    /// Object removed.
    Deleted,
}

impl ChangeType {
    /// The watch event `type` string.
    pub fn as_str(self) -> &'static str {
        match self {
            ChangeType::Added => "ADDED",
            ChangeType::Modified => "MODIFIED",
            ChangeType::Deleted => "DELETED",
        }
    }
}

/// One recorded change.
#[derive(Debug, Clone)]
pub struct Change {
    /// resourceVersion the change produced.
    pub rv: u64,
    /// Kind of the object.
    pub kind: Kind,
    /// Key of the object.
    pub key: ObjKey,
    /// What happened.
    pub change: ChangeType,
    /// The object after the change (before deletion for DELETED), as served.
    pub object: Arc<Value>,
    /// Labels before a modification (so label-selector watches see objects enter and leave).
    pub old_labels: Option<BTreeMap<String, String>>,
}

/// Result of reading the change log from a resourceVersion.
#[derive(Debug)]
pub enum LogRead {
    /// Matching changes newer than the requested version (possibly none), and the version up to
    /// which the log was scanned (the next read starts there).
    Changes(Vec<Change>, u64),
    /// The requested version is older than the log keeps: the client must relist (HTTP 410).
    Expired,
}

/// Bounded ring of recent changes.
#[derive(Debug, Clone)]
pub struct ChangeLog {
    ring: VecDeque<Change>,
    capacity: usize,
    /// Watches may start from any resourceVersion >= floor.
    floor: u64,
}

impl ChangeLog {
    fn new(capacity: usize) -> Self {
        Self {
            ring: VecDeque::new(),
            capacity: capacity.max(1),
            floor: 0,
        }
    }

    fn push(&mut self, c: Change) {
        if self.ring.len() >= self.capacity
            && let Some(old) = self.ring.pop_front()
        {
            self.floor = old.rv;
        }
        self.ring.push_back(c);
    }

    /// Oldest resourceVersion a watch may start from.
    pub fn floor(&self) -> u64 {
        self.floor
    }

    /// Changes with rv > `since` matching `filter`, at most `max` of them.
    pub fn read(&self, since: u64, max: usize, filter: impl Fn(&Change) -> bool) -> LogRead {
        if since < self.floor {
            return LogRead::Expired;
        }
        let start = self.ring.partition_point(|c| c.rv <= since);
        let mut out = Vec::new();
        let mut upto = since;
        for c in self.ring.range(start..) {
            if out.len() >= max {
                break;
            }
            upto = c.rv;
            if filter(c) {
                out.push(c.clone());
            }
        }
        LogRead::Changes(out, upto)
    }
}

/// The object store.
#[derive(Debug, Clone)]
pub struct Store {
    objects: Objects,
    rv: u64,
    log: ChangeLog,
    recording: bool,
    dirty_namespaces: BTreeSet<String>,
    nodes_changed: bool,
}

impl Store {
    /// An empty store whose change log keeps `log_capacity` changes.
    pub fn new(log_capacity: usize) -> Self {
        Self {
            objects: Objects::default(),
            rv: 1,
            log: ChangeLog::new(log_capacity),
            recording: true,
            dirty_namespaces: BTreeSet::new(),
            nodes_changed: false,
        }
    }

    /// All stores.
    pub fn objects(&self) -> &Objects {
        &self.objects
    }

    /// The current (latest) resourceVersion.
    pub fn resource_version(&self) -> u64 {
        self.rv
    }

    /// The change log.
    pub fn log(&self) -> &ChangeLog {
        &self.log
    }

    /// Turns change recording on or off; turning it on forgets history, so watches start now.
    pub fn set_recording(&mut self, on: bool) {
        self.recording = on;
        if on {
            self.log.ring.clear();
            self.log.floor = self.rv;
        }
    }

    /// The typed store of a kind.
    pub fn kind<K: SimKind>(&self) -> &KindStore<K> {
        K::store(&self.objects)
    }

    /// Object by namespace and name.
    pub fn get<K: SimKind>(&self, namespace: &str, name: &str) -> Option<&K> {
        K::store(&self.objects).get(&ObjKey::new(namespace, name))
    }

    /// Objects of a kind in one namespace (all with `None`).
    pub fn list<'a, 'n, K: SimKind>(
        &'a self,
        namespace: Option<&'n str>,
    ) -> impl Iterator<Item = &'a K> + use<'a, 'n, K> {
        K::store(&self.objects)
            .scan(namespace, None)
            .map(|(_, v)| v)
    }

    /// Inserts or replaces an object, assigning the next resourceVersion. Returns the new version.
    pub fn put<K: SimKind>(&mut self, mut obj: K) -> u64 {
        self.rv += 1;
        let rv = self.rv;
        obj.metadata_mut().resource_version = Some(rv.to_string());
        let key = ObjKey::of(&obj);
        self.touch::<K>(&key);
        let object = self.recording.then(|| Arc::new(to_value(&obj)));
        let previous = K::store_mut(&mut self.objects)
            .items
            .insert(key.clone(), Box::new(obj));
        if let Some(object) = object {
            let change = if previous.is_some() {
                ChangeType::Modified
            } else {
                ChangeType::Added
            };
            self.log.push(Change {
                rv,
                kind: K::SIM_KIND,
                key,
                change,
                object,
                old_labels: previous.and_then(|p| p.metadata().labels.clone()),
            });
        }
        rv
    }

    /// Replaces an object only when it differs from the stored one (controllers call this so that
    /// an idle cluster does not churn resourceVersions).
    pub fn put_if_changed<K: SimKind>(&mut self, mut obj: K) -> bool {
        let key = ObjKey::of(&obj);
        let same = K::store(&self.objects).get(&key).is_some_and(|cur| {
            obj.metadata_mut().resource_version = cur.metadata().resource_version.clone();
            *cur == obj
        });
        if !same {
            self.put(obj);
        }
        !same
    }

    /// Removes an object, recording a DELETED event. Returns it.
    pub fn remove<K: SimKind>(&mut self, namespace: &str, name: &str) -> Option<K> {
        let key = ObjKey::new(namespace, name);
        let mut obj = *K::store_mut(&mut self.objects).items.remove(&key)?;
        self.rv += 1;
        obj.metadata_mut().resource_version = Some(self.rv.to_string());
        self.touch::<K>(&key);
        if self.recording {
            self.log.push(Change {
                rv: self.rv,
                kind: K::SIM_KIND,
                key,
                change: ChangeType::Deleted,
                object: Arc::new(to_value(&obj)),
                old_labels: None,
            });
        }
        Some(obj)
    }

    fn touch<K: SimKind>(&mut self, key: &ObjKey) {
        if K::SIM_KIND == Kind::Node {
            self.nodes_changed = true;
        }
        // Events never drive controllers; marking their namespace would only cost extra rounds.
        if K::SIM_KIND != Kind::Event
            && !key.namespace.is_empty()
            && !self.dirty_namespaces.contains(&key.namespace)
        {
            self.dirty_namespaces.insert(key.namespace.clone());
        }
    }

    /// Namespaces with changes since the last call, and whether any node changed; clears both.
    pub fn take_dirty(&mut self) -> (BTreeSet<String>, bool) {
        (
            std::mem::take(&mut self.dirty_namespaces),
            std::mem::take(&mut self.nodes_changed),
        )
    }
}

/// Serialises a k8s-openapi object. These types only contain string-keyed maps and plain values, so
/// serialisation cannot fail; `Null` is a defensive fallback rather than a panic.
pub fn to_value<T: serde::Serialize>(obj: &T) -> Value {
    serde_json::to_value(obj).unwrap_or(Value::Null)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use k8s_openapi::api::core::v1::Pod;

    fn pod(ns: &str, name: &str) -> Pod {
        let mut p = Pod::default();
        p.metadata.namespace = Some(ns.into());
        p.metadata.name = Some(name.into());
        p
    }

    #[test]
    fn versions_increase_and_log_is_bounded() {
        let mut s = Store::new(3);
        for i in 0..5 {
            s.put(pod("a", &format!("p{i}")));
        }
        assert_eq!(s.resource_version(), 6);
        assert!(matches!(s.log().read(2, 100, |_| true), LogRead::Expired));
        match s.log().read(3, 100, |_| true) {
            LogRead::Changes(c, upto) => {
                assert_eq!(c.iter().map(|c| c.rv).collect::<Vec<_>>(), [4, 5, 6]);
                assert_eq!(upto, 6);
            }
            LogRead::Expired => panic!("expected changes"),
        }
        assert!(!s.put_if_changed(s.get::<Pod>("a", "p1").unwrap().clone()));
        s.remove::<Pod>("a", "p1").unwrap();
        assert_eq!(s.list::<Pod>(Some("a")).count(), 4);
        assert_eq!(s.list::<Pod>(Some("b")).count(), 0);
    }
}
