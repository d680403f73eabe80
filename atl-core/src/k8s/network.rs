use super::common::{Meta, Selector};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// A Service with its ready backends (from EndpointSlices).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Service {
    /// Identity and labels.
    pub meta: Meta,
    /// ClusterIP, NodePort, LoadBalancer or ExternalName.
    #[serde(rename = "type")]
    pub type_: String,
    /// spec.clusterIP (`None` for headless).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cluster_ip: Option<String>,
    /// spec.externalName.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub external_name: Option<String>,
    /// Load-balancer ingress IPs or host names.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub load_balancer: Vec<String>,
    /// Ports.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub ports: Vec<ServicePort>,
    /// spec.selector; empty for services without a selector.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub selector: BTreeMap<String, String>,
    /// Backends from EndpointSlices: pods (or addresses) and whether they are ready.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub backends: Vec<Backend>,
}

impl Service {
    pub fn ready_backends(&self) -> usize {
        self.backends.iter().filter(|b| b.ready).count()
    }
}

/// A port of a Service.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct ServicePort {
    /// Port name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// TCP, UDP or SCTP.
    pub protocol: String,
    /// Service port.
    pub port: u16,
    /// targetPort: a number or a named port.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target_port: Option<String>,
    /// nodePort.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub node_port: Option<u16>,
}

/// One endpoint of a Service.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Backend {
    /// Target pod name, when the endpoint is a pod.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pod: Option<String>,
    /// Endpoint address.
    pub ip: String,
    /// Node the endpoint runs on.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub node: Option<String>,
    /// conditions.ready.
    pub ready: bool,
}

/// An Ingress.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Ingress {
    /// Identity and labels.
    pub meta: Meta,
    /// spec.ingressClassName, else the `kubernetes.io/ingress.class` annotation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub class: Option<String>,
    /// Rules.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub rules: Vec<IngressRule>,
    /// spec.defaultBackend.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default_backend: Option<IngressBackend>,
    /// TLS hosts (secret names kept, never their content).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tls: Vec<IngressTls>,
    /// status.loadBalancer addresses.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub load_balancer: Vec<String>,
}

impl Ingress {
    /// Every Service this ingress routes to (rules then default backend), de-duplicated.
    pub fn backend_services(&self) -> Vec<&str> {
        let mut out: Vec<&str> = self
            .rules
            .iter()
            .flat_map(|r| r.paths.iter().map(|p| p.backend.service.as_str()))
            .chain(self.default_backend.iter().map(|b| b.service.as_str()))
            .filter(|s| !s.is_empty())
            .collect();
        out.sort_unstable();
        out.dedup();
        out
    }
}

/// A host rule.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct IngressRule {
    /// Host; absent for all hosts.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub host: Option<String>,
    /// HTTP paths.
    #[serde(default)]
    pub paths: Vec<IngressPath>,
}

/// An HTTP path of a rule.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct IngressPath {
    /// Path (`/` when unset).
    pub path: String,
    /// Prefix, Exact or ImplementationSpecific.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub path_type: Option<String>,
    /// Backend.
    pub backend: IngressBackend,
}

/// A Service backend of an ingress.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct IngressBackend {
    /// Service name (empty for resource backends).
    pub service: String,
    /// Port number or name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub port: Option<String>,
}

/// A TLS block of an ingress.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct IngressTls {
    /// Hosts covered.
    #[serde(default)]
    pub hosts: Vec<String>,
    /// Name of the TLS secret.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub secret_name: Option<String>,
}

/// A NetworkPolicy.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct NetworkPolicy {
    /// Identity and labels.
    pub meta: Meta,
    /// spec.podSelector.
    #[serde(default)]
    pub pod_selector: Selector,
    /// spec.policyTypes.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub policy_types: Vec<String>,
    /// Number of ingress rules.
    #[serde(default)]
    pub ingress_rules: u32,
    /// Number of egress rules.
    #[serde(default)]
    pub egress_rules: u32,
}
