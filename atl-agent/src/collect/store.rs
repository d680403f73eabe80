//! A store of slim objects for one kind, filled by one or more watchers (one per namespace when
//! the agent is restricted with `--namespaces`).

use atl_core::snapshot::CollectionStatus;
use std::collections::{BTreeMap, HashMap};
use std::sync::RwLock;

/// Identifies an object inside a kind: `namespace/name` (`/name` when cluster-scoped).
pub(crate) fn object_key(namespace: Option<&str>, name: &str) -> String {
    format!("{}/{name}", namespace.unwrap_or(""))
}

/// Watch state of one watcher: its status, and whether its initial list completed.
#[derive(Debug, Clone)]
struct ScopeState {
    status: CollectionStatus,
    synced: bool,
}

/// Slim objects of one kind plus the collection status of each watcher feeding it.
#[derive(Debug)]
pub struct KindStore<S> {
    objects: RwLock<HashMap<String, S>>,
    scopes: RwLock<BTreeMap<String, ScopeState>>,
}

impl<S: Clone> Default for KindStore<S> {
    fn default() -> Self {
        KindStore {
            objects: RwLock::new(HashMap::new()),
            scopes: RwLock::new(BTreeMap::new()),
        }
    }
}

// Locks are held only for map operations that cannot panic, so a poisoned lock still holds
// consistent data; recover it instead of propagating a panic.
fn read<T>(l: &RwLock<T>) -> std::sync::RwLockReadGuard<'_, T> {
    l.read().unwrap_or_else(std::sync::PoisonError::into_inner)
}
fn write<T>(l: &RwLock<T>) -> std::sync::RwLockWriteGuard<'_, T> {
    l.write().unwrap_or_else(std::sync::PoisonError::into_inner)
}

impl<S: Clone> KindStore<S> {
    /// Registers a watcher scope (`""` = cluster-wide, else a namespace) before it starts.
    pub(crate) fn add_scope(&self, scope: &str) {
        write(&self.scopes).insert(
            scope.to_string(),
            ScopeState {
                status: CollectionStatus::Error {
                    message: super::NOT_LISTED_YET.into(),
                },
                synced: false,
            },
        );
    }

    pub(crate) fn apply(&self, key: String, obj: S) {
        write(&self.objects).insert(key, obj);
    }

    pub(crate) fn delete(&self, key: &str) {
        write(&self.objects).remove(key);
    }

    /// Replaces every object of `scope` with a freshly listed set (objects that vanished while
    /// the watch was down disappear here).
    pub(crate) fn replace_scope(&self, scope: &str, fresh: HashMap<String, S>) {
        {
            let mut objs = write(&self.objects);
            if scope.is_empty() {
                *objs = fresh;
            } else {
                let prefix = format!("{scope}/");
                objs.retain(|k, _| !k.starts_with(&prefix));
                objs.extend(fresh);
            }
        }
        self.set_status(scope, CollectionStatus::Ok, true);
    }

    pub(crate) fn set_status(&self, scope: &str, status: CollectionStatus, synced: bool) {
        let mut scopes = write(&self.scopes);
        let entry = scopes.entry(scope.to_string()).or_insert(ScopeState {
            status: CollectionStatus::Ok,
            synced: false,
        });
        entry.synced |= synced;
        entry.status = status;
    }

    /// Records a failure; a synced scope keeps its last known objects.
    pub(crate) fn fail(&self, scope: &str, status: CollectionStatus) {
        let mut scopes = write(&self.scopes);
        if let Some(s) = scopes.get_mut(scope) {
            s.status = status;
        }
    }

    /// The kind's status: the worst of its scopes (forbidden > error > ok), naming the scope.
    pub fn status(&self) -> CollectionStatus {
        let scopes = read(&self.scopes);
        if scopes.is_empty() {
            return CollectionStatus::Disabled;
        }
        let label = |scope: &str, m: &str| {
            if scope.is_empty() {
                m.to_string()
            } else {
                format!("namespace {scope}: {m}")
            }
        };
        let mut worst = CollectionStatus::Ok;
        for (scope, s) in scopes.iter() {
            match &s.status {
                CollectionStatus::Forbidden { message } => {
                    return CollectionStatus::Forbidden {
                        message: label(scope, message),
                    };
                }
                CollectionStatus::Error { message } if worst == CollectionStatus::Ok => {
                    worst = CollectionStatus::Error {
                        message: label(scope, message),
                    };
                }
                _ => {}
            }
        }
        worst
    }

    /// Whether every scope finished its initial list at least once.
    pub fn synced(&self) -> bool {
        read(&self.scopes).values().all(|s| s.synced)
    }

    /// All objects, unordered.
    pub fn values(&self) -> Vec<S> {
        read(&self.objects).values().cloned().collect()
    }

    pub fn len(&self) -> usize {
        read(&self.objects).len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scoped_replace_keeps_other_namespaces_and_status_is_worst() {
        let s: KindStore<u32> = KindStore::default();
        s.add_scope("a");
        s.add_scope("b");
        s.replace_scope("a", HashMap::from([(object_key(Some("a"), "x"), 1)]));
        s.replace_scope("b", HashMap::from([(object_key(Some("b"), "y"), 2)]));
        s.replace_scope("a", HashMap::from([(object_key(Some("a"), "z"), 3)]));
        let mut v = s.values();
        v.sort();
        assert_eq!(v, [2, 3]);
        assert_eq!(s.status(), CollectionStatus::Ok);
        assert!(s.synced());
        s.fail(
            "b",
            CollectionStatus::Forbidden {
                message: "no".into(),
            },
        );
        assert!(
            matches!(s.status(), CollectionStatus::Forbidden { message } if message.contains("namespace b"))
        );
        assert_eq!(s.len(), 2, "last known objects kept");
    }
}
