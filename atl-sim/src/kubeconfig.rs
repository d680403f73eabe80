//! Writing a kubeconfig that points kubectl / kube-rs at a running simulator.

use std::path::Path;

use crate::error::SimError;

/// The kubeconfig text for a server URL (token user; the simulator accepts any token).
pub fn render(server_url: &str) -> String {
    format!(
        "apiVersion: v1\nkind: Config\nclusters:\n- name: atl-sim\n  cluster:\n    server: {server_url}\ncontexts:\n- name: atl-sim\n  context:\n    cluster: atl-sim\n    user: atl-sim\n    namespace: default\ncurrent-context: atl-sim\nusers:\n- name: atl-sim\n  user:\n    token: atl-sim-token\npreferences: {{}}\n"
    )
}

/// Writes the kubeconfig to `path` (creating parent directories).
pub fn write(path: &Path, server_url: &str) -> Result<(), SimError> {
    let err = |source| SimError::Write {
        path: path.to_owned(),
        source,
    };
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent).map_err(err)?;
    }
    std::fs::write(path, render(server_url)).map_err(err)
}
