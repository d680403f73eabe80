//! atl-sim: a simulated Kubernetes cluster for demos, tests and benchmarks.
//!
//! [`SimCluster`] holds real k8s-openapi objects generated from a [`Scenario`] and advances them
//! on a simulated clock (controllers, kubelet, faults). [`SimServer`] serves the Kubernetes REST
//! API for it on loopback so that kubectl, kube-rs and the atl agent can talk to it;
//! [`otel`] writes its telemetry into ClickHouse in the OTel exporter's tables. See `docs/sim.md`.
#![forbid(unsafe_code)]

pub mod api_error;
pub mod controllers;
mod error;
pub mod generate;
pub mod kinds;
pub mod kubeconfig;
pub mod logs;
pub mod otel;
pub mod quantity;
pub mod rng;
pub mod scenario;
pub mod select;
pub mod server;
pub mod state;
pub mod store;
pub mod telemetry;

use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use serde_json::Value;

pub use error::SimError;
pub use kinds::{Kind, SimKind};
pub use scenario::{FaultKind, FaultSpec, Scenario};
pub use server::{SimServer, SimServerHandle};
pub use state::SimState;
pub use store::ObjKey;
pub use telemetry::{NodeLoad, PodUsage, ServiceTelemetry, TelemetryModel};

/// Checks that every fault names something the scenario generated, so a typo fails loudly
/// instead of a fault silently doing nothing.
fn validate_faults(state: &SimState) -> Result<(), SimError> {
    use k8s_openapi::api::apps::v1::{DaemonSet, Deployment, StatefulSet};
    use k8s_openapi::api::core::v1::{Node, Service};
    for (i, f) in state.scenario.faults.iter().enumerate() {
        let what = format!("fault #{} ({:?} at {}s)", i + 1, f.fault, f.at);
        if f.fault.targets_node() {
            if state.store.get::<Node>("", &f.target).is_none() {
                return Err(SimError::Scenario(format!(
                    "{what} targets node {:?}, which does not exist; nodes are node-1 … node-{}",
                    f.target, state.scenario.nodes
                )));
            }
            continue;
        }
        let Some((ns, name)) = f.target.split_once('/') else {
            return Err(SimError::Scenario(format!(
                "{what}: target {:?} must be namespace/name",
                f.target
            )));
        };
        let exists = match f.fault {
            FaultKind::ImagePull | FaultKind::ConfigError => {
                state.store.get::<Deployment>(ns, name).is_some()
            }
            FaultKind::Latency | FaultKind::ErrorRate => {
                state.store.get::<Service>(ns, name).is_some()
            }
            _ => {
                state.store.get::<Deployment>(ns, name).is_some()
                    || state.store.get::<StatefulSet>(ns, name).is_some()
                    || state.store.get::<DaemonSet>(ns, name).is_some()
            }
        };
        if !exists {
            return Err(SimError::Scenario(format!(
                "{what} targets {:?}, which the scenario does not generate (see docs/sim.md for generated names: namespaces {}…, deployments {}…)",
                f.target,
                generate::NAMESPACE_NAMES[..3].join(", "),
                generate::DEPLOYMENT_NAMES[..3].join(", ")
            )));
        }
    }
    Ok(())
}

struct Shared {
    state: Mutex<SimState>,
    rv_tx: tokio::sync::watch::Sender<u64>,
}

/// A simulated cluster, cheap to clone (all clones share the same state).
#[derive(Clone)]
pub struct SimCluster {
    shared: Arc<Shared>,
}

impl std::fmt::Debug for SimCluster {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SimCluster").finish_non_exhaustive()
    }
}

impl SimCluster {
    /// Generates the cluster a scenario describes. The simulated clock starts at the scenario's
    /// `start_time`, or the real time now when it has none.
    pub fn from_scenario(scenario: &Scenario) -> Result<Self, SimError> {
        let start_ms = match &scenario.start_time {
            Some(t) => t
                .parse::<k8s_openapi::jiff::Timestamp>()
                .map_err(|e| SimError::Scenario(format!("start_time {t:?} is not RFC 3339: {e}")))?
                .as_millisecond(),
            None => {
                let now = std::time::SystemTime::now()
                    .duration_since(std::time::UNIX_EPOCH)
                    .map_or(0, |d| d.as_millis() as i64);
                now - now % 1000
            }
        };
        let warmup_ms = (scenario.warmup_seconds * 1000) as i64;
        let mut state = SimState::new(scenario.clone(), start_ms - warmup_ms);
        state.start_ms = start_ms;
        state.last_event_gc_ms = start_ms - warmup_ms;
        generate::generate(&mut state);
        validate_faults(&state)?;
        let rv = state.store.resource_version();
        let (rv_tx, _) = tokio::sync::watch::channel(rv);
        Ok(Self {
            shared: Arc::new(Shared {
                state: Mutex::new(state),
                rv_tx,
            }),
        })
    }

    fn lock(&self) -> MutexGuard<'_, SimState> {
        // A panic while holding the lock cannot leave the store half-written in a way later
        // requests trip over (each write is a single map insert), so keep serving.
        self.shared
            .state
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// Reads the state.
    pub fn read<R>(&self, f: impl FnOnce(&SimState) -> R) -> R {
        f(&self.lock())
    }

    /// Changes the state, then lets the controllers react and wakes watchers.
    pub fn write<R>(&self, f: impl FnOnce(&mut SimState) -> R) -> R {
        let (out, rv) = {
            let mut s = self.lock();
            let out = f(&mut s);
            controllers::reconcile(&mut s);
            (out, s.store.resource_version())
        };
        self.shared.rv_tx.send_replace(rv);
        out
    }

    /// Advances the simulated clock by `dt` (controllers, kubelet timers and faults run).
    pub fn tick(&self, dt: Duration) {
        self.write(|s| controllers::tick(s, dt.as_millis() as i64));
    }

    /// Current simulated time.
    pub fn now(&self) -> k8s_openapi::jiff::Timestamp {
        self.read(|s| state::ts(s.now_ms))
    }

    /// Latest resourceVersion.
    pub fn resource_version(&self) -> u64 {
        self.read(|s| s.store.resource_version())
    }

    /// Notified with the latest resourceVersion after every change.
    pub fn subscribe(&self) -> tokio::sync::watch::Receiver<u64> {
        self.shared.rv_tx.subscribe()
    }

    /// The telemetry model at the current simulated time.
    pub fn telemetry(&self) -> TelemetryModel {
        self.read(telemetry::model)
    }

    /// A typed copy of one object.
    pub fn get<K: SimKind>(&self, namespace: &str, name: &str) -> Option<K> {
        self.read(|s| s.store.get::<K>(namespace, name).cloned())
    }

    /// Typed copies of all objects of a kind (in one namespace with `Some`).
    pub fn list<K: SimKind>(&self, namespace: Option<&str>) -> Vec<K> {
        self.read(|s| s.store.list::<K>(namespace).cloned().collect())
    }

    /// The whole cluster as JSON (`{"pods": [...], ...}` in a fixed order), for comparisons.
    pub fn snapshot_json(&self) -> Value {
        struct Dump<'a>(&'a SimState);
        impl kinds::KindVisitor for Dump<'_> {
            type Out = Value;
            fn visit<K: SimKind>(self) -> Value {
                Value::Array(self.0.store.list::<K>(None).map(store::to_value).collect())
            }
        }
        self.read(|s| {
            let mut out = serde_json::Map::new();
            for k in Kind::ALL {
                out.insert(k.info().plural.to_owned(), k.dispatch(Dump(s)));
            }
            Value::Object(out)
        })
    }

    /// Runs the clock in the background: every 100 ms of real time, `speed` × 100 ms of
    /// simulated time pass. Stops when the handle is aborted or dropped with the runtime.
    pub fn spawn_clock(&self, speed: f64) -> tokio::task::JoinHandle<()> {
        let me = self.clone();
        tokio::spawn(async move {
            let mut iv = tokio::time::interval(Duration::from_millis(100));
            iv.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
            loop {
                iv.tick().await;
                let step = Duration::from_secs_f64((0.1 * speed).max(0.0));
                let c = me.clone();
                if tokio::task::spawn_blocking(move || c.tick(step))
                    .await
                    .is_err()
                {
                    break;
                }
            }
        })
    }
}
