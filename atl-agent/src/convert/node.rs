use super::meta::{conditions, convert_meta};
use super::{ConvertOptions, ToSlim};
use atl_core::k8s::{ConditionStatus, Node, NodeInfo, NodePressure, NodeResources};
use atl_core::quantity;
use k8s_openapi::api::core::v1 as k;
use k8s_openapi::apimachinery::pkg::api::resource::Quantity;
use std::collections::BTreeMap;

const ROLE_PREFIX: &str = "node-role.kubernetes.io/";

impl ToSlim for k::Node {
    type Slim = Node;

    fn to_slim(&self, _opts: &ConvertOptions) -> Node {
        let meta = convert_meta(&self.metadata);
        let empty = k::NodeStatus::default();
        let status = self.status.as_ref().unwrap_or(&empty);
        let conds = conditions(status.conditions.as_ref());
        let is_true = |t: &str| {
            conds
                .iter()
                .any(|c| c.type_ == t && c.status == ConditionStatus::True)
        };
        let mut roles: Vec<String> = meta
            .labels
            .keys()
            .filter_map(|k| k.strip_prefix(ROLE_PREFIX))
            .filter(|r| !r.is_empty())
            .map(str::to_string)
            .collect();
        roles.sort();
        let addresses = status.addresses.as_deref().unwrap_or_default();
        let info = status.node_info.as_ref();
        Node {
            roles,
            ready: conds
                .iter()
                .find(|c| c.type_ == "Ready")
                .map(|c| c.status)
                .unwrap_or(ConditionStatus::Unknown),
            unschedulable: self
                .spec
                .as_ref()
                .and_then(|s| s.unschedulable)
                .unwrap_or(false),
            pressure: NodePressure {
                memory: is_true("MemoryPressure"),
                disk: is_true("DiskPressure"),
                pid: is_true("PIDPressure"),
                network_unavailable: is_true("NetworkUnavailable"),
            },
            capacity: node_resources(status.capacity.as_ref()),
            allocatable: node_resources(status.allocatable.as_ref()),
            internal_ip: address(addresses, "InternalIP"),
            external_ip: address(addresses, "ExternalIP"),
            info: NodeInfo {
                kubelet_version: info.map(|i| i.kubelet_version.clone()).unwrap_or_default(),
                os_image: info.map(|i| i.os_image.clone()).unwrap_or_default(),
                kernel_version: info.map(|i| i.kernel_version.clone()).unwrap_or_default(),
                container_runtime: info
                    .map(|i| i.container_runtime_version.clone())
                    .unwrap_or_default(),
                architecture: info.map(|i| i.architecture.clone()).unwrap_or_default(),
            },
            taints: self
                .spec
                .as_ref()
                .and_then(|s| s.taints.as_ref())
                .into_iter()
                .flatten()
                .map(|t| match t.value.as_deref().filter(|v| !v.is_empty()) {
                    Some(v) => format!("{}={v}:{}", t.key, t.effect),
                    None => format!("{}:{}", t.key, t.effect),
                })
                .collect(),
            conditions: conds,
            usage: None,
            pod_count: 0,
            meta,
        }
    }
}

/// First address of the type, an IPv4 one preferred over IPv6.
fn address(addrs: &[k::NodeAddress], type_: &str) -> Option<String> {
    let mut of_type = addrs.iter().filter(|a| a.type_ == type_);
    let all: Vec<&k::NodeAddress> = of_type.by_ref().collect();
    all.iter()
        .find(|a| !a.address.contains(':'))
        .or_else(|| all.first())
        .map(|a| a.address.clone())
}

fn node_resources(q: Option<&BTreeMap<String, Quantity>>) -> NodeResources {
    let get = |k: &str| q.and_then(|m| m.get(k)).map(|v| v.0.as_str());
    NodeResources {
        cpu_millicores: get("cpu")
            .and_then(|v| quantity::cpu_millicores(v).ok())
            .unwrap_or(0.0),
        memory_bytes: get("memory")
            .and_then(|v| quantity::bytes(v).ok())
            .unwrap_or(0),
        pods: get("pods")
            .and_then(|v| quantity::parse(v).ok())
            .map(|v| v.min(f64::from(u32::MAX)) as u32)
            .unwrap_or(0),
        ephemeral_storage_bytes: get("ephemeral-storage")
            .and_then(|v| quantity::bytes(v).ok())
            .unwrap_or(0),
    }
}
