//! A graceful shutdown must not wait for clients that keep a watch stream open.
#![allow(clippy::unwrap_used)]

mod common;

use std::time::Duration;

use common::TestMaster;
use futures::StreamExt;
use reqwest::StatusCode;

#[tokio::test]
async fn shutdown_ends_open_watch_streams() {
    let mut m = TestMaster::start().await;
    let resp = m
        .client
        .get(format!("{}/api/v1/watch", m.gateway))
        .bearer_auth(&m.admin_token)
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), StatusCode::OK);
    let mut sse = resp.bytes_stream();

    let master = m.master.take().unwrap();
    tokio::time::timeout(Duration::from_secs(20), master.shutdown())
        .await
        .expect("shutdown waited for an open watch stream");

    // The client sees the stream end (after any bytes already in flight), not a hang.
    let ended = tokio::time::timeout(Duration::from_secs(20), async {
        while let Some(chunk) = sse.next().await {
            if chunk.is_err() {
                break;
            }
        }
    })
    .await;
    assert!(ended.is_ok(), "watch stream still open after shutdown");
}
