use super::meta::{convert_meta, non_empty, selector};
use super::{ConvertOptions, ToSlim};
use atl_core::k8s::{
    Backend, Ingress, IngressBackend, IngressPath, IngressRule, IngressTls, NetworkPolicy, Service,
    ServicePort,
};
use k8s_openapi::api::core::v1 as core;
use k8s_openapi::api::discovery::v1 as discovery;
use k8s_openapi::api::networking::v1 as net;
use k8s_openapi::apimachinery::pkg::util::intstr::IntOrString;

impl ToSlim for core::Service {
    type Slim = Service;

    fn to_slim(&self, _opts: &ConvertOptions) -> Service {
        let spec = self.spec.clone().unwrap_or_default();
        Service {
            meta: convert_meta(&self.metadata),
            type_: non_empty(spec.type_.as_ref()).unwrap_or_else(|| "ClusterIP".into()),
            cluster_ip: non_empty(spec.cluster_ip.as_ref()),
            external_name: non_empty(spec.external_name.as_ref()),
            load_balancer: self
                .status
                .as_ref()
                .and_then(|s| s.load_balancer.as_ref())
                .and_then(|l| l.ingress.as_ref())
                .into_iter()
                .flatten()
                .filter_map(|i| non_empty(i.ip.as_ref()).or_else(|| non_empty(i.hostname.as_ref())))
                .collect(),
            ports: spec
                .ports
                .iter()
                .flatten()
                .filter_map(|p| {
                    Some(ServicePort {
                        name: non_empty(p.name.as_ref()),
                        protocol: p.protocol.clone().unwrap_or_else(|| "TCP".into()),
                        port: u16::try_from(p.port).ok()?,
                        target_port: p.target_port.as_ref().map(|t| match t {
                            IntOrString::Int(n) => n.to_string(),
                            IntOrString::String(s) => s.clone(),
                        }),
                        node_port: p.node_port.and_then(|n| u16::try_from(n).ok()),
                    })
                })
                .collect(),
            selector: spec.selector.unwrap_or_default(),
            backends: Vec::new(),
        }
    }
}

/// The part of an EndpointSlice a Service's backends come from.
#[derive(Debug, Clone, PartialEq)]
pub struct SliceBackends {
    /// Namespace of the slice (and of its Service).
    pub namespace: String,
    /// The Service it belongs to (`kubernetes.io/service-name` label).
    pub service: String,
    /// Its endpoints, one per address.
    pub backends: Vec<Backend>,
}

const SERVICE_NAME_LABEL: &str = "kubernetes.io/service-name";

impl ToSlim for discovery::EndpointSlice {
    type Slim = SliceBackends;

    fn to_slim(&self, _opts: &ConvertOptions) -> SliceBackends {
        let service = self
            .metadata
            .labels
            .as_ref()
            .and_then(|l| l.get(SERVICE_NAME_LABEL))
            .cloned()
            .unwrap_or_default();
        let backends = self
            .endpoints
            .iter()
            .flat_map(|e| {
                let pod = e
                    .target_ref
                    .as_ref()
                    .filter(|t| t.kind.as_deref() == Some("Pod"))
                    .and_then(|t| t.name.clone());
                // Absent "ready" means ready, per the EndpointSlice API.
                let ready = e.conditions.as_ref().and_then(|c| c.ready).unwrap_or(true);
                e.addresses.iter().map(move |ip| Backend {
                    pod: pod.clone(),
                    ip: ip.clone(),
                    node: e.node_name.clone(),
                    ready,
                })
            })
            .collect();
        SliceBackends {
            namespace: self.metadata.namespace.clone().unwrap_or_default(),
            service,
            backends,
        }
    }
}

/// Fills each Service's backends from the slices that name it; sorted by IP, one entry per IP.
pub fn service_backends<'a>(
    services: &mut [Service],
    slices: impl IntoIterator<Item = &'a SliceBackends>,
) {
    use std::collections::HashMap;
    let mut by_service: HashMap<(&str, &str), Vec<&Backend>> = HashMap::new();
    for s in slices {
        by_service
            .entry((s.namespace.as_str(), s.service.as_str()))
            .or_default()
            .extend(s.backends.iter());
    }
    for svc in services {
        let key = (svc.meta.namespace_str(), svc.meta.name.as_str());
        let Some(list) = by_service.get(&key) else {
            continue;
        };
        let mut backends: Vec<Backend> = list.iter().map(|b| (*b).clone()).collect();
        backends.sort_by(|a, b| a.ip.cmp(&b.ip).then(b.ready.cmp(&a.ready)));
        backends.dedup_by(|a, b| a.ip == b.ip);
        svc.backends = backends;
    }
}

fn ingress_backend(b: &net::IngressBackend) -> IngressBackend {
    let svc = b.service.as_ref();
    IngressBackend {
        service: svc.map(|s| s.name.clone()).unwrap_or_default(),
        port: svc
            .and_then(|s| s.port.as_ref())
            .and_then(|p| non_empty(p.name.as_ref()).or_else(|| p.number.map(|n| n.to_string()))),
    }
}

impl ToSlim for net::Ingress {
    type Slim = Ingress;

    fn to_slim(&self, _opts: &ConvertOptions) -> Ingress {
        let meta = convert_meta(&self.metadata);
        let spec = self.spec.clone().unwrap_or_default();
        Ingress {
            class: non_empty(spec.ingress_class_name.as_ref())
                .or_else(|| meta.annotations.get("kubernetes.io/ingress.class").cloned()),
            rules: spec
                .rules
                .iter()
                .flatten()
                .map(|r| IngressRule {
                    host: non_empty(r.host.as_ref()),
                    paths: r
                        .http
                        .iter()
                        .flat_map(|h| h.paths.iter())
                        .map(|p| IngressPath {
                            path: non_empty(p.path.as_ref()).unwrap_or_else(|| "/".into()),
                            path_type: non_empty(Some(&p.path_type)),
                            backend: ingress_backend(&p.backend),
                        })
                        .collect(),
                })
                .collect(),
            default_backend: spec.default_backend.as_ref().map(ingress_backend),
            tls: spec
                .tls
                .iter()
                .flatten()
                .map(|t| IngressTls {
                    hosts: t.hosts.clone().unwrap_or_default(),
                    secret_name: non_empty(t.secret_name.as_ref()),
                })
                .collect(),
            load_balancer: self
                .status
                .as_ref()
                .and_then(|s| s.load_balancer.as_ref())
                .and_then(|l| l.ingress.as_ref())
                .into_iter()
                .flatten()
                .filter_map(|i| non_empty(i.ip.as_ref()).or_else(|| non_empty(i.hostname.as_ref())))
                .collect(),
            meta,
        }
    }
}

impl ToSlim for net::NetworkPolicy {
    type Slim = NetworkPolicy;

    fn to_slim(&self, _opts: &ConvertOptions) -> NetworkPolicy {
        let spec = self.spec.clone().unwrap_or_default();
        let count = |n: Option<usize>| u32::try_from(n.unwrap_or(0)).unwrap_or(u32::MAX);
        NetworkPolicy {
            meta: convert_meta(&self.metadata),
            pod_selector: selector(spec.pod_selector.as_ref()),
            policy_types: spec.policy_types.unwrap_or_default(),
            ingress_rules: count(spec.ingress.as_ref().map(Vec::len)),
            egress_rules: count(spec.egress.as_ref().map(Vec::len)),
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use atl_core::k8s::Meta;
    use k8s_openapi::apimachinery::pkg::apis::meta::v1::ObjectMeta;
    use std::collections::BTreeMap;

    fn endpoint(ip: &str, pod: &str, ready: Option<bool>) -> discovery::Endpoint {
        discovery::Endpoint {
            addresses: vec![ip.into()],
            conditions: Some(discovery::EndpointConditions {
                ready,
                ..Default::default()
            }),
            target_ref: Some(core::ObjectReference {
                kind: Some("Pod".into()),
                name: Some(pod.into()),
                ..Default::default()
            }),
            node_name: Some("n1".into()),
            ..Default::default()
        }
    }

    #[test]
    fn endpoint_slices_become_service_backends() {
        let slice = |name: &str, eps| discovery::EndpointSlice {
            metadata: ObjectMeta {
                name: Some(name.into()),
                namespace: Some("shop".into()),
                labels: Some(BTreeMap::from([(
                    SERVICE_NAME_LABEL.to_string(),
                    "api".to_string(),
                )])),
                ..Default::default()
            },
            address_type: "IPv4".into(),
            endpoints: eps,
            ports: None,
        };
        let a = slice(
            "api-a",
            vec![
                endpoint("10.0.0.2", "api-2", Some(false)),
                endpoint("10.0.0.1", "api-1", None),
            ],
        );
        let b = slice("api-b", vec![endpoint("10.0.0.3", "api-3", Some(true))]);
        let opts = ConvertOptions::default();
        let slices = [a.to_slim(&opts), b.to_slim(&opts)];
        let mut services = vec![
            Service {
                meta: Meta::namespaced("api", "shop"),
                ..Default::default()
            },
            Service {
                meta: Meta::namespaced("api", "other"),
                ..Default::default()
            },
        ];
        service_backends(&mut services, &slices);
        let ips: Vec<&str> = services[0].backends.iter().map(|b| b.ip.as_str()).collect();
        assert_eq!(ips, ["10.0.0.1", "10.0.0.2", "10.0.0.3"]);
        assert_eq!(services[0].ready_backends(), 2);
        assert_eq!(services[0].backends[0].pod.as_deref(), Some("api-1"));
        assert!(services[1].backends.is_empty());
    }
}
