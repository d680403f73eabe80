use super::meta::convert_meta;
use super::{ConvertOptions, ToSlim};
use atl_core::k8s::{
    ConfigMap, KeySize, LimitRange, LimitRangeItem, Namespace, ResourceQuota, Secret,
    ServiceAccount,
};
use k8s_openapi::api::core::v1 as core;
use k8s_openapi::apimachinery::pkg::api::resource::Quantity;
use std::collections::BTreeMap;

fn quantities(q: Option<&BTreeMap<String, Quantity>>) -> BTreeMap<String, String> {
    q.into_iter()
        .flatten()
        .map(|(k, v)| (k.clone(), v.0.clone()))
        .collect()
}

impl ToSlim for core::ConfigMap {
    type Slim = ConfigMap;

    fn to_slim(&self, _opts: &ConvertOptions) -> ConfigMap {
        let text = self.data.iter().flatten().map(|(k, v)| (k, v.len()));
        let binary = self
            .binary_data
            .iter()
            .flatten()
            .map(|(k, v)| (k, v.0.len()));
        let mut keys: Vec<KeySize> = text
            .chain(binary)
            .map(|(k, n)| KeySize {
                key: k.clone(),
                size_bytes: u64::try_from(n).unwrap_or(u64::MAX),
            })
            .collect();
        keys.sort_by(|a, b| a.key.cmp(&b.key));
        ConfigMap {
            meta: convert_meta(&self.metadata),
            keys,
        }
    }
}

impl ToSlim for core::Secret {
    type Slim = Secret;

    /// Type and key names only: the values are never read.
    fn to_slim(&self, _opts: &ConvertOptions) -> Secret {
        let mut keys: Vec<String> = self
            .data
            .iter()
            .flat_map(|d| d.keys())
            .chain(self.string_data.iter().flat_map(|d| d.keys()))
            .cloned()
            .collect();
        keys.sort();
        keys.dedup();
        Secret {
            meta: convert_meta(&self.metadata),
            type_: self.type_.clone().unwrap_or_else(|| "Opaque".into()),
            keys,
        }
    }
}

impl ToSlim for core::Namespace {
    type Slim = Namespace;

    fn to_slim(&self, _opts: &ConvertOptions) -> Namespace {
        Namespace {
            meta: convert_meta(&self.metadata),
            phase: self
                .status
                .as_ref()
                .and_then(|s| s.phase.clone())
                .unwrap_or_else(|| "Active".into()),
        }
    }
}

impl ToSlim for core::ServiceAccount {
    type Slim = ServiceAccount;

    fn to_slim(&self, _opts: &ConvertOptions) -> ServiceAccount {
        ServiceAccount {
            meta: convert_meta(&self.metadata),
            secrets: self
                .secrets
                .iter()
                .flatten()
                .filter_map(|s| s.name.clone())
                .collect(),
            image_pull_secrets: self
                .image_pull_secrets
                .iter()
                .flatten()
                .map(|s| s.name.clone())
                .collect(),
            automount_token: self.automount_service_account_token,
        }
    }
}

impl ToSlim for core::ResourceQuota {
    type Slim = ResourceQuota;

    fn to_slim(&self, _opts: &ConvertOptions) -> ResourceQuota {
        let st = self.status.as_ref();
        ResourceQuota {
            meta: convert_meta(&self.metadata),
            hard: quantities(
                st.and_then(|s| s.hard.as_ref())
                    .or_else(|| self.spec.as_ref().and_then(|s| s.hard.as_ref())),
            ),
            used: quantities(st.and_then(|s| s.used.as_ref())),
            scopes: self
                .spec
                .as_ref()
                .and_then(|s| s.scopes.clone())
                .unwrap_or_default(),
        }
    }
}

impl ToSlim for core::LimitRange {
    type Slim = LimitRange;

    fn to_slim(&self, _opts: &ConvertOptions) -> LimitRange {
        LimitRange {
            meta: convert_meta(&self.metadata),
            items: self
                .spec
                .iter()
                .flat_map(|s| s.limits.iter())
                .map(|l| LimitRangeItem {
                    type_: l.type_.clone(),
                    default: quantities(l.default.as_ref()),
                    default_request: quantities(l.default_request.as_ref()),
                    max: quantities(l.max.as_ref()),
                    min: quantities(l.min.as_ref()),
                })
                .collect(),
        }
    }
}
