//! Start and stop a master: `Master::start(config)` binds the three listeners (port 0 works) and
//! returns a handle with the bound addresses.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use atl_core::api::Role;
use chrono::Utc;
use serde::Serialize;
use tokio::net::TcpListener;
use tokio::sync::watch;
use tokio::task::JoinHandle;

use crate::auth::{self, TokenHasher, USER_TOKEN_PREFIX};
use crate::config::Config;
use crate::http::{self, AppState};
use crate::hub::{Hub, Liveness};
use crate::metrics::Metrics;
use crate::store::{self, Store, StoreError};

#[derive(Debug, thiserror::Error)]
pub enum StartError {
    #[error("cannot create data directory {path}: {source}")]
    DataDir {
        path: String,
        source: std::io::Error,
    },
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Auth(#[from] auth::AuthError),
    #[error("cannot listen on {addr} ({what}): {source}; is another process using the port?")]
    Bind {
        what: &'static str,
        addr: SocketAddr,
        source: std::io::Error,
    },
    #[error(
        "no users exist yet: set MASTER_ADMIN_PASSWORD (at least 12 characters) to create the first admin, or start with --dev to generate one"
    )]
    NoAdminPassword,
    #[error("admin password: {0}")]
    WeakPassword(String),
}

/// Generated in `--dev` mode on first start, written to `<data>/dev-credentials.yaml` (0600).
#[derive(Debug, Clone, Serialize)]
pub struct DevCredentials {
    pub admin_username: String,
    pub admin_password: String,
    pub admin_token: String,
    #[serde(skip)]
    pub path: PathBuf,
}

/// A running master.
pub struct RunningMaster {
    pub gateway_addr: SocketAddr,
    pub agent_addr: SocketAddr,
    pub metrics_addr: SocketAddr,
    /// Present when this start generated dev credentials.
    pub dev_credentials: Option<DevCredentials>,
    pub state: AppState,
    shutdown: watch::Sender<bool>,
    tasks: Vec<JoinHandle<()>>,
}

impl RunningMaster {
    /// Stop accepting, finish in-flight requests, stop background jobs.
    pub async fn shutdown(self) {
        let _ = self.shutdown.send(true);
        for t in self.tasks {
            let _ = t.await;
        }
    }

    /// Resolves when a shutdown was requested (for `serve`).
    pub async fn wait(mut self) {
        for t in self.tasks.drain(..) {
            let _ = t.await;
        }
    }

    pub fn shutdown_handle(&self) -> watch::Sender<bool> {
        self.shutdown.clone()
    }
}

pub struct Master;

impl Master {
    pub async fn start(config: Config) -> Result<RunningMaster, StartError> {
        create_private_dir(&config.data_dir)?;
        let store = Store::open(&config.data_dir.join("master.db"))?;
        let secret = auth::load_or_create_secret(config.jwt_secret.as_deref(), &config.data_dir)?;
        let hasher = TokenHasher::new(secret.as_bytes());
        let dev_credentials = bootstrap_admin(&config, &store, &hasher).await?;

        let hub = Hub::new(
            Liveness {
                stale_after: config.stale_after,
                offline_after: config.offline_after,
            },
            config.history_minutes,
        );
        let (tx, rx) = watch::channel(false);
        let app = AppState {
            config: Arc::new(config.clone()),
            store,
            hasher,
            hub,
            aiops: crate::aiops::Aiops::new(crate::engine::EngineConfig::default()),
            metrics: Arc::new(Metrics::default()),
            openapi: Arc::new(http::openapi_document()),
            login_throttle: Arc::default(),
            stopping: rx.clone(),
        };

        let mut tasks = Vec::new();
        let gateway = http::finish_router(http::gateway_routes(), app.clone(), "gateway");
        let agent = http::finish_router(http::agent_routes(), app.clone(), "agent");
        let metrics = http::metrics_router(app.clone());
        let (gateway_addr, t) = serve("gateway", config.gateway_addr, gateway, rx.clone()).await?;
        tasks.push(t);
        let (agent_addr, t) = serve("agent", config.agent_addr, agent, rx.clone()).await?;
        tasks.push(t);
        let (metrics_addr, t) = serve("metrics", config.metrics_addr, metrics, rx.clone()).await?;
        tasks.push(t);
        tasks.push(tokio::spawn(crate::aiops::run(app.clone(), rx.clone())));
        tasks.push(tokio::spawn(background(app.clone(), rx)));
        tracing::info!(%gateway_addr, %agent_addr, %metrics_addr, "atl-master listening");
        Ok(RunningMaster {
            gateway_addr,
            agent_addr,
            metrics_addr,
            dev_credentials,
            state: app,
            shutdown: tx,
            tasks,
        })
    }
}

fn create_private_dir(dir: &std::path::Path) -> Result<(), StartError> {
    let err = |source| StartError::DataDir {
        path: dir.display().to_string(),
        source,
    };
    if dir.exists() {
        // An existing directory keeps its permissions (it may be a shared parent); the files
        // with secrets in it are created 0600 on their own.
        return Ok(());
    }
    std::fs::create_dir_all(dir).map_err(err)?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o700)).map_err(err)?;
    }
    Ok(())
}

async fn bootstrap_admin(
    config: &Config,
    store: &Store,
    hasher: &TokenHasher,
) -> Result<Option<DevCredentials>, StartError> {
    if store.call(|c| store::users::count(c)).await? > 0 {
        return Ok(None);
    }
    let (password, generated) = match (&config.admin_password, config.dev) {
        (Some(p), _) => (p.clone(), false),
        (None, true) => (auth::random_secret(18), true),
        (None, false) => return Err(StartError::NoAdminPassword),
    };
    auth::check_password_policy(&password).map_err(StartError::WeakPassword)?;
    let hash = tokio::task::spawn_blocking({
        let password = password.clone();
        move || auth::hash_password(&password)
    })
    .await
    .map_err(|e| StoreError::Worker(e.to_string()))??;
    let username = config.admin_username.clone();
    let token = config.dev.then(|| auth::new_token(USER_TOKEN_PREFIX));
    let token_hash = token.as_ref().map(|t| hasher.hash(t));
    store
        .call(move |c| {
            let tx = c.transaction()?;
            let user = store::users::create(&tx, &username, &hash, Role::Admin)?;
            if let Some(h) = token_hash {
                store::tokens::insert(
                    &tx,
                    &store::tokens::NewToken {
                        id: &uuid::Uuid::new_v4().to_string(),
                        user_id: user.id,
                        kind: "api",
                        name: "dev-admin",
                        role: Role::Admin,
                        hash: &h,
                        expires_at: None,
                    },
                )?;
            }
            tx.commit()?;
            Ok(())
        })
        .await?;
    tracing::info!(user = %config.admin_username, "created the first admin");
    let Some(admin_token) = token else {
        return Ok(None);
    };
    let path = config.data_dir.join("dev-credentials.yaml");
    let creds = DevCredentials {
        admin_username: config.admin_username.clone(),
        // Only report the password if we made it up; a configured one is the operator's.
        admin_password: if generated {
            password
        } else {
            "<as configured>".into()
        },
        admin_token,
        path: path.clone(),
    };
    let yaml = serde_yaml::to_string(&creds).unwrap_or_default();
    auth::write_private_file(&path, &yaml)?;
    tracing::warn!(path = %path.display(), "dev mode: admin credentials written (mode 0600)");
    Ok(Some(creds))
}

async fn serve(
    what: &'static str,
    addr: SocketAddr,
    router: axum::Router,
    mut stop: watch::Receiver<bool>,
) -> Result<(SocketAddr, JoinHandle<()>), StartError> {
    let listener = TcpListener::bind(addr)
        .await
        .map_err(|source| StartError::Bind { what, addr, source })?;
    let bound = listener
        .local_addr()
        .map_err(|source| StartError::Bind { what, addr, source })?;
    let handle = tokio::spawn(async move {
        let svc = router.into_make_service_with_connect_info::<SocketAddr>();
        let res = axum::serve(listener, svc)
            .with_graceful_shutdown(async move {
                let _ = stop.wait_for(|v| *v).await;
            })
            .await;
        if let Err(e) = res {
            tracing::error!(listener = what, error = %e, "listener failed");
        }
    });
    Ok((bound, handle))
}

/// Periodic jobs: liveness transitions every second; retention every hour.
async fn background(app: AppState, mut stop: watch::Receiver<bool>) {
    let mut tick = tokio::time::interval(Duration::from_secs(1));
    let mut last_retention = std::time::Instant::now();
    let mut last_expiry = std::time::Instant::now();
    loop {
        tokio::select! {
            _ = tick.tick() => {}
            _ = stop.wait_for(|v| *v) => return,
        }
        app.hub.tick();
        if last_expiry.elapsed() >= Duration::from_secs(10) {
            last_expiry = std::time::Instant::now();
            expire_commands(&app).await;
        }
        if last_retention.elapsed() >= Duration::from_secs(3600) {
            last_retention = std::time::Instant::now();
            retention(&app).await;
        }
    }
}

/// A command no agent picked up within this time is timed out.
const PENDING_TIMEOUT_MINS: i64 = 15;
/// Extra time past a running command's deadline before it is timed out (result delivery).
const RUNNING_GRACE_SECS: i64 = 60;

async fn expire_commands(app: &AppState) {
    let now = Utc::now();
    let res = app
        .store
        .call(move |c| {
            store::commands::expire_overdue(
                c,
                now,
                now - chrono::Duration::minutes(PENDING_TIMEOUT_MINS),
                RUNNING_GRACE_SECS,
            )
        })
        .await;
    match res {
        Ok(rows) => {
            for row in rows {
                app.metrics.inc("atl_commands_timed_out_total", &[]);
                match http::commands::record_of(&row) {
                    Ok(rec) => http::commands::publish_record(app, rec),
                    Err(e) => tracing::warn!(error = %e, "cannot publish timed-out command"),
                }
            }
        }
        Err(e) => tracing::warn!(error = %e, "command expiry failed"),
    }
}

const AUDIT_RETENTION_DAYS: i64 = 90;
const COMMAND_RETENTION_DAYS: i64 = 30;

async fn retention(app: &AppState) {
    let now = Utc::now();
    let res = app
        .store
        .call(move |c| {
            let a =
                store::audit::purge_before(c, now - chrono::Duration::days(AUDIT_RETENTION_DAYS))?;
            let s = store::tokens::purge_dead_sessions(c, now)?;
            let cmd = store::commands::purge_finished_before(
                c,
                now - chrono::Duration::days(COMMAND_RETENTION_DAYS),
            )?;
            Ok((a, s, cmd))
        })
        .await;
    match res {
        Ok((a, s, c)) => tracing::debug!(audit = a, sessions = s, commands = c, "retention"),
        Err(e) => tracing::warn!(error = %e, "retention job failed"),
    }
}
