//! Generic REST operations over any stored kind: list (paged, filtered), get, create, replace,
//! patch, delete with cascading, and the scale subresource.

use base64::Engine;
use k8s_openapi::api::core::v1::Pod;
use serde_json::{Value, json};

use super::patch::{self, PatchType};
use crate::api_error::ApiError;
use crate::controllers::pods;
use crate::kinds::{Kind, KindVisitor, SimKind};
use crate::select::{FieldSel, LabelSel};
use crate::state::SimState;
use crate::store::{ObjKey, to_value};

/// Filters and paging of a list or watch.
#[derive(Debug, Clone, Default)]
pub struct ListQuery {
    /// Namespace scope (`None` = all).
    pub namespace: Option<String>,
    /// Label selector.
    pub labels: LabelSel,
    /// Field selector.
    pub fields: FieldSel,
    /// Page size (0 = unlimited).
    pub limit: usize,
    /// Continue token from a previous page.
    pub continue_token: Option<String>,
}

/// One page of a list.
#[derive(Debug)]
pub struct Page {
    /// Items (serialised objects).
    pub items: Vec<Value>,
    /// Token for the next page.
    pub continue_token: Option<String>,
    /// Items left after this page.
    pub remaining: Option<usize>,
    /// resourceVersion of the list.
    pub resource_version: u64,
}

fn encode_continue(rv: u64, key: &ObjKey) -> String {
    base64::engine::general_purpose::URL_SAFE_NO_PAD
        .encode(format!("{rv}\u{0}{}\u{0}{}", key.namespace, key.name))
}

fn decode_continue(token: &str) -> Result<ObjKey, ApiError> {
    let bad = || ApiError::bad_request("invalid continue token: start the list again without it");
    let raw = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(token)
        .map_err(|_| bad())?;
    let text = String::from_utf8(raw).map_err(|_| bad())?;
    let mut parts = text.split('\u{0}');
    let (_rv, ns, name) = (
        parts.next().ok_or_else(bad)?,
        parts.next().ok_or_else(bad)?,
        parts.next().ok_or_else(bad)?,
    );
    Ok(ObjKey::new(ns, name))
}

/// Whether a serialised object passes a query's selectors and namespace.
pub fn matches(q: &ListQuery, obj: &Value) -> bool {
    matches_scope(q, obj) && matches_labels(q, obj)
}

/// Whether a serialised object is in the query's namespace and passes its field selector.
pub fn matches_scope(q: &ListQuery, obj: &Value) -> bool {
    if let Some(ns) = &q.namespace
        && obj.pointer("/metadata/namespace").and_then(Value::as_str) != Some(ns.as_str())
    {
        return false;
    }
    q.fields.matches(obj)
}

/// Whether a serialised object passes the query's label selector.
pub fn matches_labels(q: &ListQuery, obj: &Value) -> bool {
    if q.labels.is_empty() {
        return true;
    }
    let labels: Option<std::collections::BTreeMap<String, String>> = obj
        .pointer("/metadata/labels")
        .and_then(|l| serde_json::from_value(l.clone()).ok());
    q.labels.matches(labels.as_ref())
}

struct ListOp<'a> {
    state: &'a SimState,
    q: &'a ListQuery,
}

impl KindVisitor for ListOp<'_> {
    type Out = Result<Page, ApiError>;
    fn visit<K: SimKind>(self) -> Self::Out {
        let after = self
            .q
            .continue_token
            .as_deref()
            .map(decode_continue)
            .transpose()?;
        let rv = self.state.store.resource_version();
        let mut items = Vec::new();
        let mut last_key = None;
        let mut remaining = 0usize;
        let meta_only = self.q.fields.metadata_only();
        for (key, obj) in self
            .state
            .store
            .kind::<K>()
            .scan(self.q.namespace.as_deref(), after.as_ref())
        {
            if !self.q.labels.matches(obj.metadata().labels.as_ref()) {
                continue;
            }
            if !self.q.fields.is_empty() {
                let ok = if meta_only {
                    self.q.fields.matches(
                        &json!({"metadata": {"name": key.name, "namespace": key.namespace}}),
                    )
                } else {
                    self.q.fields.matches(&to_value(obj))
                };
                if !ok {
                    continue;
                }
            }
            if self.q.limit > 0 && items.len() >= self.q.limit {
                remaining += 1;
                continue;
            }
            items.push(to_value(obj));
            last_key = Some(key.clone());
        }
        let continue_token = (remaining > 0)
            .then(|| last_key.map(|k| encode_continue(rv, &k)))
            .flatten();
        Ok(Page {
            items,
            continue_token,
            remaining: (remaining > 0).then_some(remaining),
            resource_version: rv,
        })
    }
}

/// Lists objects of a kind.
pub fn list(state: &SimState, kind: Kind, q: &ListQuery) -> Result<Page, ApiError> {
    kind.dispatch(ListOp { state, q })
}

struct GetOp<'a> {
    state: &'a SimState,
    key: &'a ObjKey,
}

impl KindVisitor for GetOp<'_> {
    type Out = Option<Value>;
    fn visit<K: SimKind>(self) -> Option<Value> {
        self.state.store.kind::<K>().get(self.key).map(to_value)
    }
}

/// One object, serialised.
pub fn get(state: &SimState, kind: Kind, key: &ObjKey) -> Result<Value, ApiError> {
    kind.dispatch(GetOp { state, key })
        .ok_or_else(|| ApiError::not_found(kind.info().plural, &key.name))
}

fn decode<K: SimKind>(v: Value) -> Result<K, ApiError> {
    serde_json::from_value(v).map_err(|e| {
        ApiError::bad_request(format!(
            "the object is not a valid {}: {e}",
            <K as k8s_openapi::Resource>::KIND
        ))
    })
}

struct CreateOp<'a> {
    state: &'a mut SimState,
    namespace: Option<&'a str>,
    body: Value,
}

impl KindVisitor for CreateOp<'_> {
    type Out = Result<Value, ApiError>;
    fn visit<K: SimKind>(self) -> Self::Out {
        let mut obj: K = decode(self.body)?;
        let meta = obj.metadata_mut();
        if let Some(ns) = self.namespace {
            match meta.namespace.as_deref() {
                Some(given) if given != ns => {
                    return Err(ApiError::bad_request(format!(
                        "the namespace of the provided object ({given}) does not match the namespace sent on the request ({ns})"
                    )));
                }
                _ => meta.namespace = Some(ns.to_owned()),
            }
        }
        meta.resource_version = None;
        let key = self.state.create(obj)?;
        get(self.state, K::SIM_KIND, &key)
    }
}

/// Creates an object from a request body.
pub fn create(
    state: &mut SimState,
    kind: Kind,
    namespace: Option<&str>,
    body: Value,
) -> Result<Value, ApiError> {
    kind.dispatch(CreateOp {
        state,
        namespace,
        body,
    })
}

/// How an update treats the stored object.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UpdateScope {
    /// The object without its status (status changes are ignored, as for the main resource).
    Main,
    /// Only the status.
    Status,
}

struct UpdateOp<'a, F: FnOnce(&mut Value) -> Result<(), ApiError>> {
    state: &'a mut SimState,
    key: &'a ObjKey,
    scope: UpdateScope,
    edit: F,
}

impl<F: FnOnce(&mut Value) -> Result<(), ApiError>> KindVisitor for UpdateOp<'_, F> {
    type Out = Result<Value, ApiError>;
    fn visit<K: SimKind>(self) -> Self::Out {
        let plural = K::SIM_KIND.info().plural;
        let cur: K = self
            .state
            .store
            .kind::<K>()
            .get(self.key)
            .cloned()
            .ok_or_else(|| ApiError::not_found(plural, &self.key.name))?;
        let before = to_value(&cur);
        let mut doc = before.clone();
        (self.edit)(&mut doc)?;
        if let Some(rv) = doc
            .pointer("/metadata/resourceVersion")
            .and_then(Value::as_str)
            && Some(rv)
                != before
                    .pointer("/metadata/resourceVersion")
                    .and_then(Value::as_str)
        {
            return Err(ApiError {
                code: 409,
                reason: "Conflict",
                message: format!(
                    "Operation cannot be fulfilled on {plural} \"{}\": the object has been modified; please apply your changes to the latest version and try again",
                    self.key.name
                ),
                details: Some((plural.to_owned(), self.key.name.clone())),
            });
        }
        // Identity and system fields are not the client's to change.
        for f in [
            "name",
            "namespace",
            "uid",
            "creationTimestamp",
            "deletionTimestamp",
            "generation",
            "resourceVersion",
        ] {
            match before.pointer(&format!("/metadata/{f}")) {
                Some(v) => doc["metadata"][f] = v.clone(),
                None => {
                    if let Some(m) = doc.get_mut("metadata").and_then(Value::as_object_mut) {
                        m.remove(f);
                    }
                }
            }
        }
        match self.scope {
            UpdateScope::Main => match before.get("status") {
                Some(st) => doc["status"] = st.clone(),
                None => {
                    if let Some(m) = doc.as_object_mut() {
                        m.remove("status");
                    }
                }
            },
            UpdateScope::Status => {
                let status = doc.get("status").cloned();
                doc = before.clone();
                if let Some(st) = status {
                    doc["status"] = st;
                }
            }
        }
        if doc.get("spec") != before.get("spec") {
            let generation = before
                .pointer("/metadata/generation")
                .and_then(Value::as_i64)
                .unwrap_or(1);
            doc["metadata"]["generation"] = json!(generation + 1);
        }
        let obj: K = decode(doc)?;
        self.state.store.put_if_changed(obj);
        get(self.state, K::SIM_KIND, self.key)
    }
}

/// Changes a stored object through its JSON form.
pub fn update(
    state: &mut SimState,
    kind: Kind,
    key: &ObjKey,
    scope: UpdateScope,
    edit: impl FnOnce(&mut Value) -> Result<(), ApiError>,
) -> Result<Value, ApiError> {
    kind.dispatch(UpdateOp {
        state,
        key,
        scope,
        edit,
    })
}

/// PATCH.
pub fn patch(
    state: &mut SimState,
    kind: Kind,
    key: &ObjKey,
    scope: UpdateScope,
    body: &Value,
    pt: PatchType,
) -> Result<Value, ApiError> {
    update(state, kind, key, scope, |doc| {
        patch::apply(doc, body, pt)?;
        // A patch does not carry a precondition unless it sets resourceVersion explicitly.
        if body.pointer("/metadata/resourceVersion").is_none()
            && let Some(m) = doc.get_mut("metadata").and_then(Value::as_object_mut)
        {
            m.remove("resourceVersion");
        }
        Ok(())
    })
}

/// PUT.
pub fn replace(
    state: &mut SimState,
    kind: Kind,
    key: &ObjKey,
    scope: UpdateScope,
    body: Value,
) -> Result<Value, ApiError> {
    update(state, kind, key, scope, move |doc| {
        *doc = body;
        Ok(())
    })
}

struct RemoveOp<'a> {
    state: &'a mut SimState,
    key: &'a ObjKey,
}

impl KindVisitor for RemoveOp<'_> {
    type Out = Option<Value>;
    fn visit<K: SimKind>(self) -> Option<Value> {
        self.state
            .store
            .remove::<K>(&self.key.namespace, &self.key.name)
            .map(|o| to_value(&o))
    }
}

struct OwnedBy<'a> {
    state: &'a SimState,
    uid: &'a str,
    namespace: &'a str,
}

impl KindVisitor for OwnedBy<'_> {
    type Out = Vec<ObjKey>;
    fn visit<K: SimKind>(self) -> Vec<ObjKey> {
        let ns = (!self.namespace.is_empty()).then_some(self.namespace);
        self.state
            .store
            .kind::<K>()
            .scan(ns, None)
            .filter(|(_, o)| {
                o.metadata()
                    .owner_references
                    .iter()
                    .flatten()
                    .any(|r| r.uid == self.uid)
            })
            .map(|(k, _)| k.clone())
            .collect()
    }
}

/// Deletion options from the query string or a DeleteOptions body.
#[derive(Debug, Clone, Default)]
pub struct DeleteOptions {
    /// Grace period in seconds (pods).
    pub grace_seconds: Option<i64>,
    /// `Orphan`, `Background` (default) or `Foreground`.
    pub propagation: Option<String>,
}

/// DELETE, with the garbage collector's cascade to dependents unless orphaning.
pub fn delete(
    state: &mut SimState,
    kind: Kind,
    key: &ObjKey,
    opts: &DeleteOptions,
) -> Result<Value, ApiError> {
    let current = get(state, kind, key)?;
    let uid = current
        .pointer("/metadata/uid")
        .and_then(Value::as_str)
        .unwrap_or("")
        .to_owned();
    let result = if kind == Kind::Pod {
        to_value(&pods::delete(
            state,
            &key.namespace,
            &key.name,
            opts.grace_seconds,
        )?)
    } else {
        kind.dispatch(RemoveOp { state, key })
            .ok_or_else(|| ApiError::not_found(kind.info().plural, &key.name))?
    };
    if opts.propagation.as_deref() != Some("Orphan") {
        cascade(state, &uid, &key.namespace);
    }
    Ok(result)
}

fn cascade(state: &mut SimState, uid: &str, namespace: &str) {
    for k in Kind::ALL.iter().copied() {
        let owned = k.dispatch(OwnedBy {
            state,
            uid,
            namespace,
        });
        for key in owned {
            let _ = delete(state, k, &key, &DeleteOptions::default());
        }
    }
}

/// Whether a kind has the scale subresource.
pub fn scalable(kind: Kind) -> bool {
    kind.subresources().iter().any(|s| s.name == "scale")
}

/// The `autoscaling/v1` Scale of a workload.
pub fn scale_of(obj: &Value) -> Value {
    let sel = obj
        .pointer("/spec/selector/matchLabels")
        .and_then(Value::as_object)
        .map(|m| {
            m.iter()
                .map(|(k, v)| format!("{k}={}", v.as_str().unwrap_or("")))
                .collect::<Vec<_>>()
                .join(",")
        })
        .unwrap_or_default();
    let meta = &obj["metadata"];
    json!({
        "kind": "Scale",
        "apiVersion": "autoscaling/v1",
        "metadata": {
            "name": meta["name"], "namespace": meta["namespace"], "uid": meta["uid"],
            "resourceVersion": meta["resourceVersion"], "creationTimestamp": meta["creationTimestamp"]
        },
        "spec": {"replicas": obj.pointer("/spec/replicas").and_then(Value::as_i64).unwrap_or(1)},
        "status": {"replicas": obj.pointer("/status/replicas").and_then(Value::as_i64).unwrap_or(0), "selector": sel}
    })
}

/// Applies a change to a workload's Scale (PATCH or PUT of `…/scale`).
pub fn update_scale(
    state: &mut SimState,
    kind: Kind,
    key: &ObjKey,
    edit: impl FnOnce(&mut Value) -> Result<(), ApiError>,
) -> Result<Value, ApiError> {
    let obj = get(state, kind, key)?;
    let mut scale = scale_of(&obj);
    edit(&mut scale)?;
    let replicas = scale
        .pointer("/spec/replicas")
        .and_then(Value::as_i64)
        .filter(|r| *r >= 0 && *r <= i64::from(i32::MAX))
        .ok_or_else(|| {
            ApiError::invalid("Scale.spec.replicas: Invalid value: must be a non-negative integer")
        })?;
    let updated = update(state, kind, key, UpdateScope::Main, |doc| {
        doc["spec"]["replicas"] = json!(replicas);
        if let Some(m) = doc.get_mut("metadata").and_then(Value::as_object_mut) {
            m.remove("resourceVersion");
        }
        Ok(())
    })?;
    Ok(scale_of(&updated))
}

/// A pod, typed (for logs and eviction).
pub fn pod(state: &SimState, key: &ObjKey) -> Result<Pod, ApiError> {
    state
        .store
        .get::<Pod>(&key.namespace, &key.name)
        .cloned()
        .ok_or_else(|| ApiError::not_found("pods", &key.name))
}
