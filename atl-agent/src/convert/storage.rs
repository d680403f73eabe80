use super::meta::{convert_meta, non_empty};
use super::{ConvertOptions, ToSlim};
use atl_core::k8s::{PersistentVolume, PersistentVolumeClaim};
use atl_core::quantity;
use k8s_openapi::api::core::v1 as core;
use k8s_openapi::apimachinery::pkg::api::resource::Quantity;
use std::collections::BTreeMap;

fn storage(q: Option<&BTreeMap<String, Quantity>>) -> Option<u64> {
    q.and_then(|m| m.get("storage"))
        .and_then(|v| quantity::bytes(&v.0).ok())
}

fn source(s: &core::PersistentVolumeSpec) -> Option<&'static str> {
    let known = [
        (s.csi.is_some(), "CSI"),
        (s.host_path.is_some(), "HostPath"),
        (s.nfs.is_some(), "NFS"),
        (s.local.is_some(), "Local"),
        (s.aws_elastic_block_store.is_some(), "AWSElasticBlockStore"),
        (s.gce_persistent_disk.is_some(), "GCEPersistentDisk"),
        (s.azure_disk.is_some(), "AzureDisk"),
        (s.azure_file.is_some(), "AzureFile"),
        (s.cephfs.is_some(), "CephFS"),
        (s.fc.is_some(), "FC"),
        (s.iscsi.is_some(), "ISCSI"),
        (s.rbd.is_some(), "RBD"),
    ];
    known.iter().find(|(set, _)| *set).map(|(_, n)| *n)
}

impl ToSlim for core::PersistentVolume {
    type Slim = PersistentVolume;

    fn to_slim(&self, _opts: &ConvertOptions) -> PersistentVolume {
        let spec = self.spec.clone().unwrap_or_default();
        PersistentVolume {
            meta: convert_meta(&self.metadata),
            capacity_bytes: storage(spec.capacity.as_ref()).unwrap_or(0),
            phase: self
                .status
                .as_ref()
                .and_then(|s| s.phase.clone())
                .unwrap_or_else(|| "Pending".into()),
            storage_class: non_empty(spec.storage_class_name.as_ref()),
            access_modes: spec.access_modes.clone().unwrap_or_default(),
            reclaim_policy: non_empty(spec.persistent_volume_reclaim_policy.as_ref()),
            source: source(&spec).map(str::to_string),
            claim: spec.claim_ref.as_ref().and_then(|c| {
                Some(format!(
                    "{}/{}",
                    c.namespace.as_deref().unwrap_or(""),
                    c.name.as_deref()?
                ))
            }),
        }
    }
}

impl ToSlim for core::PersistentVolumeClaim {
    type Slim = PersistentVolumeClaim;

    fn to_slim(&self, _opts: &ConvertOptions) -> PersistentVolumeClaim {
        let spec = self.spec.clone().unwrap_or_default();
        let st = self.status.as_ref();
        PersistentVolumeClaim {
            meta: convert_meta(&self.metadata),
            phase: st
                .and_then(|s| s.phase.clone())
                .unwrap_or_else(|| "Pending".into()),
            volume: non_empty(spec.volume_name.as_ref()),
            storage_class: non_empty(spec.storage_class_name.as_ref()),
            access_modes: spec.access_modes.clone().unwrap_or_default(),
            requested_bytes: storage(spec.resources.as_ref().and_then(|r| r.requests.as_ref()))
                .unwrap_or(0),
            capacity_bytes: storage(st.and_then(|s| s.capacity.as_ref())),
        }
    }
}
