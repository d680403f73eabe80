//! Services are told apart by namespace and name: `api` in `shop` and `api` in `payments` are two
//! services, even though both spans say `service.name = api`.

/// The namespace of a span's or log line's resource: `k8s.namespace.name` (what the Kubernetes
/// attributes processor sets) when present, else the SDK's `service.namespace`; "" when neither.
pub const NAMESPACE_SQL: &str = "if(ResourceAttributes['k8s.namespace.name'] != '', \
     ResourceAttributes['k8s.namespace.name'], ResourceAttributes['service.namespace'])";

/// `(namespace, service.name)`; the namespace is "" when the resource has none.
pub type ServiceKey = (String, String);

/// The snapshot's form of a namespace: absent rather than "".
pub fn namespace_field(namespace: &str) -> Option<String> {
    (!namespace.is_empty()).then(|| namespace.to_string())
}
