//! The simulated cluster's whole state: objects, clock, PRNG, pending work and active faults.

use std::collections::{BTreeMap, BTreeSet};

use k8s_openapi::api::core::v1::{Event, EventSource, ObjectReference};
use k8s_openapi::apimachinery::pkg::apis::meta::v1::{MicroTime, ObjectMeta, OwnerReference, Time};
use k8s_openapi::jiff::Timestamp;

use crate::api_error::ApiError;
use crate::kinds::{Kind, SimKind};

use crate::rng::{SplitMix64, hash_str};
use crate::scenario::{FaultSpec, Scenario};
use crate::store::{ObjKey, Store};

/// What a pod's timer does when it fires.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Due {
    /// Try to start the containers (after scheduling, a back-off or a config error).
    Start,
    /// The running container exits (crash or OOM) if a fault still applies.
    Crash,
    /// Re-evaluate readiness and faults.
    Resync,
    /// The container finishes successfully (Job pods).
    Complete,
    /// The grace period of a terminating pod is over: remove it.
    Remove,
}

/// Per-pod timers, ordered by due time.
#[derive(Debug, Clone, Default)]
pub struct Timers {
    queue: BTreeSet<(i64, ObjKey)>,
    by_pod: BTreeMap<ObjKey, (i64, Due)>,
}

impl Timers {
    /// Sets (replacing) the timer of a pod.
    pub fn set(&mut self, key: ObjKey, at: i64, due: Due) {
        self.cancel(&key);
        self.queue.insert((at, key.clone()));
        self.by_pod.insert(key, (at, due));
    }

    /// Removes the timer of a pod.
    pub fn cancel(&mut self, key: &ObjKey) {
        if let Some((at, _)) = self.by_pod.remove(key) {
            self.queue.remove(&(at, key.clone()));
        }
    }

    /// The pending timer of a pod.
    pub fn get(&self, key: &ObjKey) -> Option<(i64, Due)> {
        self.by_pod.get(key).copied()
    }

    /// Earliest due time.
    pub fn next_at(&self) -> Option<i64> {
        self.queue.first().map(|(at, _)| *at)
    }

    /// Removes and returns every timer due at or before `now`, in order.
    pub fn pop_due(&mut self, now: i64) -> Vec<(ObjKey, Due)> {
        let mut out = Vec::new();
        while let Some((at, _)) = self.queue.first() {
            if *at > now {
                break;
            }
            if let Some((_, key)) = self.queue.pop_first()
                && let Some((_, due)) = self.by_pod.remove(&key)
            {
                out.push((key, due));
            }
        }
        out
    }
}

/// A fault of the timeline and whether it is in effect.
#[derive(Debug, Clone, PartialEq)]
pub struct ActiveFault {
    /// The scenario entry.
    pub spec: FaultSpec,
    /// Whether it has started and not yet ended.
    pub active: bool,
    /// Whether it has ended.
    pub done: bool,
    /// What the fault replaced (e.g. the original image), to restore at the end.
    pub saved: Option<String>,
}

/// Whole simulator state. Mutate it only through [`crate::SimCluster`] so watchers are notified.
#[derive(Debug, Clone)]
pub struct SimState {
    /// Objects.
    pub store: Store,
    /// Simulated time, milliseconds since the Unix epoch.
    pub now_ms: i64,
    /// Scenario start (faults are relative to it).
    pub start_ms: i64,
    /// The PRNG every random choice comes from.
    pub rng: SplitMix64,
    /// The scenario.
    pub scenario: Scenario,
    /// Pod timers.
    pub timers: Timers,
    /// Pods waiting for a node.
    pub unscheduled: BTreeSet<ObjKey>,
    /// Timeline faults.
    pub faults: Vec<ActiveFault>,
    /// Next pod IP per node.
    pub ip_counter: BTreeMap<String, u32>,
    /// Next service ClusterIP.
    pub service_ip_counter: u32,
    /// When events were last garbage-collected.
    pub last_event_gc_ms: i64,
    /// When unschedulable pods were last retried.
    pub last_schedule_retry_ms: i64,
    /// Failed start attempts per pod (image pull back-off grows with it).
    pub attempts: BTreeMap<ObjKey, u32>,
}

/// Events older than this are deleted (like the API server's default event TTL).
pub const EVENT_TTL_MS: i64 = 3600 * 1000;

impl SimState {
    /// An empty state at time `now_ms`.
    pub fn new(scenario: Scenario, now_ms: i64) -> Self {
        Self {
            store: Store::new(scenario.change_log_capacity),
            now_ms,
            start_ms: now_ms,
            rng: SplitMix64::new(scenario.seed),
            faults: scenario
                .faults
                .iter()
                .map(|f| ActiveFault {
                    spec: f.clone(),
                    active: false,
                    done: false,
                    saved: None,
                })
                .collect(),
            scenario,
            timers: Timers::default(),
            unscheduled: BTreeSet::new(),
            ip_counter: BTreeMap::new(),
            service_ip_counter: 0,
            last_event_gc_ms: now_ms,
            last_schedule_retry_ms: now_ms,
            attempts: BTreeMap::new(),
        }
    }

    /// Current simulated time as a Kubernetes `Time`.
    pub fn now(&self) -> Time {
        Time(ts(self.now_ms))
    }

    /// Creates an object: fills uid, creationTimestamp and generation; fails if it exists or its
    /// namespace does not.
    pub fn create<K: SimKind>(&mut self, mut obj: K) -> Result<ObjKey, ApiError> {
        let info = K::SIM_KIND.info();
        let meta = obj.metadata_mut();
        if meta.name.is_none()
            && let Some(prefix) = meta.generate_name.clone()
        {
            meta.name = Some(format!("{prefix}{}", self.rng.suffix(5)));
        }
        let name = meta.name.clone().filter(|n| !n.is_empty()).ok_or_else(|| {
            ApiError::invalid(format!("{}: metadata.name: Required value", info.kind_name))
        })?;
        if info.namespaced {
            let ns = meta
                .namespace
                .get_or_insert_with(|| "default".into())
                .clone();
            if self
                .store
                .get::<k8s_openapi::api::core::v1::Namespace>("", &ns)
                .is_none()
            {
                return Err(ApiError::not_found("namespaces", &ns));
            }
        } else {
            meta.namespace = None;
        }
        let key = ObjKey::of(&obj);
        if K::store(self.store.objects()).get(&key).is_some() {
            return Err(ApiError::already_exists(info.plural, &name));
        }
        let uid = self.rng.uuid();
        let now = self.now();
        let meta = obj.metadata_mut();
        meta.uid = Some(uid);
        meta.creation_timestamp = Some(now.clone());
        meta.generation = Some(1);
        meta.deletion_timestamp = None;
        for entry in meta.managed_fields.iter_mut().flatten() {
            entry.time.get_or_insert_with(|| now.clone());
        }
        self.store.put(obj);
        if K::SIM_KIND == Kind::Pod {
            self.unscheduled.insert(key.clone());
        }
        Ok(key)
    }

    /// Records an event about an object, merging repeats into one event with a count, as the
    /// kubelet's and controllers' event recorders do.
    pub fn event(
        &mut self,
        about: &EventTarget,
        warning: bool,
        reason: &str,
        message: &str,
        component: &str,
    ) {
        let namespace = if about.namespace.is_empty() {
            "default".to_owned()
        } else {
            about.namespace.clone()
        };
        let dedupe = format!(
            "{}/{}/{}/{reason}/{message}",
            about.kind, namespace, about.name
        );
        let name = format!("{}.{:016x}", about.name, hash_str(&dedupe));
        let now = self.now();
        let mut ev = match self.store.get::<Event>(&namespace, &name) {
            Some(existing) => {
                let mut e = existing.clone();
                e.count = Some(e.count.unwrap_or(1) + 1);
                e.last_timestamp = Some(now);
                e
            }
            None => Event {
                metadata: ObjectMeta {
                    name: Some(name.clone()),
                    namespace: Some(namespace.clone()),
                    uid: Some(self.rng.uuid()),
                    creation_timestamp: Some(now.clone()),
                    ..ObjectMeta::default()
                },
                involved_object: ObjectReference {
                    api_version: Some(about.api_version.clone()),
                    kind: Some(about.kind.clone()),
                    name: Some(about.name.clone()),
                    namespace: (!about.namespace.is_empty()).then(|| about.namespace.clone()),
                    uid: Some(about.uid.clone()),
                    field_path: about.field_path.clone(),
                    ..ObjectReference::default()
                },
                reason: Some(reason.to_owned()),
                message: Some(message.to_owned()),
                type_: Some(if warning { "Warning" } else { "Normal" }.to_owned()),
                count: Some(1),
                first_timestamp: Some(now.clone()),
                last_timestamp: Some(now.clone()),
                event_time: None::<MicroTime>,
                source: Some(EventSource {
                    component: Some(component.to_owned()),
                    host: about.host.clone(),
                }),
                reporting_component: Some(component.to_owned()),
                reporting_instance: Some(
                    about.host.clone().unwrap_or_else(|| component.to_owned()),
                ),
                ..Event::default()
            },
        };
        ev.metadata.resource_version = None;
        self.store.put(ev);
    }

    /// Deletes events whose last occurrence is older than [`EVENT_TTL_MS`].
    pub fn gc_events(&mut self) {
        let cutoff = self.now_ms - EVENT_TTL_MS;
        let old: Vec<ObjKey> = self
            .store
            .kind::<Event>()
            .iter()
            .filter(|(_, e)| {
                e.last_timestamp
                    .as_ref()
                    .is_some_and(|t| t.0.as_millisecond() < cutoff)
            })
            .map(|(k, _)| k.clone())
            .collect();
        for k in old {
            self.store.remove::<Event>(&k.namespace, &k.name);
        }
        self.last_event_gc_ms = self.now_ms;
    }

    /// A random-looking but deterministic jitter in `0..=max_ms` for an object.
    pub fn jitter(&mut self, max_ms: u64) -> i64 {
        self.rng.range(0, max_ms) as i64
    }
}

/// What an event is about.
#[derive(Debug, Clone, Default)]
pub struct EventTarget {
    /// Kind ("Pod").
    pub kind: String,
    /// apiVersion of the object.
    pub api_version: String,
    /// Namespace ("" for cluster-scoped).
    pub namespace: String,
    /// Name.
    pub name: String,
    /// uid.
    pub uid: String,
    /// Node the reporter runs on (kubelet events).
    pub host: Option<String>,
    /// e.g. `spec.containers{app}`.
    pub field_path: Option<String>,
}

impl EventTarget {
    /// Target for any stored object.
    pub fn of<K: SimKind>(obj: &K) -> Self {
        let m = obj.metadata();
        Self {
            kind: <K as k8s_openapi::Resource>::KIND.to_owned(),
            api_version: K::API_VERSION.to_owned(),
            namespace: m.namespace.clone().unwrap_or_default(),
            name: m.name.clone().unwrap_or_default(),
            uid: m.uid.clone().unwrap_or_default(),
            host: None,
            field_path: None,
        }
    }

    /// Sets the reporting host.
    pub fn on_host(mut self, host: Option<String>) -> Self {
        self.host = host;
        self
    }

    /// Sets the field path (a container).
    pub fn field(mut self, path: String) -> Self {
        self.field_path = Some(path);
        self
    }
}

/// Timestamp from milliseconds; times outside jiff's range (never produced here) clamp to the epoch.
pub fn ts(ms: i64) -> Timestamp {
    Timestamp::from_millisecond(ms).unwrap_or(Timestamp::UNIX_EPOCH)
}

/// The controller owner reference pointing at `owner`.
pub fn controller_ref<K: SimKind>(owner: &K) -> OwnerReference {
    let m = owner.metadata();
    OwnerReference {
        api_version: K::API_VERSION.to_owned(),
        kind: <K as k8s_openapi::Resource>::KIND.to_owned(),
        name: m.name.clone().unwrap_or_default(),
        uid: m.uid.clone().unwrap_or_default(),
        controller: Some(true),
        block_owner_deletion: Some(true),
    }
}

/// The uid of an object's controller, if any.
pub fn controller_uid(meta: &ObjectMeta) -> Option<&str> {
    meta.owner_references
        .as_ref()?
        .iter()
        .find(|r| r.controller == Some(true))
        .map(|r| r.uid.as_str())
}

/// Milliseconds of a `Time`.
pub fn ms_of(t: &Time) -> i64 {
    t.0.as_millisecond()
}
