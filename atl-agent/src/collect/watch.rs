//! One watcher task: list (paginated) + watch one kind in one scope, converting every object to
//! its slim struct the moment it arrives.

use super::store::{KindStore, object_key};
use crate::convert::{ConvertOptions, ToSlim};
use atl_core::snapshot::CollectionStatus;
use futures::StreamExt;
use kube::runtime::WatchStreamExt;
use kube::runtime::watcher::{self, Event};
use kube::{Api, Resource};
use serde::de::DeserializeOwned;
use std::collections::HashMap;
use std::fmt::Debug;
use std::sync::Arc;

/// Page size of the initial list. Small on purpose: the watcher holds a whole page as typed
/// k8s-openapi objects (~30 KB per pod) plus its response body until the page is converted, once
/// per watched kind at the same time during startup (P3); 100 costs 100 requests at 10k pods.
pub const PAGE_SIZE: u32 = 100;

/// Classifies a watch failure: 401/403 mean the identity lacks rights for this kind.
pub(crate) fn classify(err: &watcher::Error) -> CollectionStatus {
    let api = match err {
        watcher::Error::InitialListFailed(e)
        | watcher::Error::WatchStartFailed(e)
        | watcher::Error::WatchFailed(e) => match e {
            kube::Error::Api(s) => Some((s.code, s.message.clone())),
            _ => None,
        },
        watcher::Error::WatchError(s) => Some((s.code, s.message.clone())),
        watcher::Error::NoResourceVersion => None,
    };
    match api {
        Some((401 | 403, message)) => CollectionStatus::Forbidden { message },
        Some((code, message)) => CollectionStatus::Error {
            message: format!("API server answered {code}: {message}"),
        },
        None => CollectionStatus::Error {
            message: err.to_string(),
        },
    }
}

/// Runs until the task is aborted. Errors never end it: they are recorded in the store's status
/// and the watcher retries with backoff.
pub(crate) async fn run<K>(
    api: Api<K>,
    scope: String,
    store: Arc<KindStore<K::Slim>>,
    opts: Arc<ConvertOptions>,
    config: watcher::Config,
) where
    K: Resource + ToSlim + Clone + DeserializeOwned + Debug + Send + Sync + 'static,
    K::DynamicType: Default,
{
    let key = |o: &K| {
        let m = o.meta();
        object_key(m.namespace.as_deref(), m.name.as_deref().unwrap_or(""))
    };
    let mut buffer: Option<HashMap<String, K::Slim>> = None;
    let stream = watcher::watcher(api, config.page_size(PAGE_SIZE)).default_backoff();
    futures::pin_mut!(stream);
    while let Some(ev) = stream.next().await {
        match ev {
            Ok(Event::Init) => buffer = Some(HashMap::new()),
            Ok(Event::InitApply(o)) => {
                let slim = o.to_slim(&opts);
                buffer
                    .get_or_insert_with(HashMap::new)
                    .insert(key(&o), slim);
            }
            Ok(Event::InitDone) => store.replace_scope(&scope, buffer.take().unwrap_or_default()),
            Ok(Event::Apply(o)) => {
                store.apply(key(&o), o.to_slim(&opts));
                store.set_status(&scope, CollectionStatus::Ok, false);
            }
            Ok(Event::Delete(o)) => store.delete(&key(&o)),
            Err(e) => {
                let status = classify(&e);
                tracing::warn!(kind = std::any::type_name::<K>(), scope, error = %e, "watch failed; retrying");
                store.fail(&scope, status);
            }
        }
    }
}
