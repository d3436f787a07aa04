//! Two `slipway serve` processes on one PostgreSQL database, as behind a
//! load balancer. Needs a PostgreSQL server: `make test` runs these tests
//! through `scripts/with-postgres`, which names one in
//! `SLIPWAY_TEST_POSTGRES_URL` (run by hand:
//! `scripts/with-postgres cargo test -p server --test replicas -- --ignored`).

use std::net::SocketAddr;
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use serde_json::{json, Value};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

const NEEDS_POSTGRES: &str = "needs PostgreSQL: run through scripts/with-postgres";

/// Designs written to at once; two writers share each, so they collide.
const DESIGNS: usize = 16;
const WRITERS_PER_DESIGN: usize = 2;
/// Acknowledged saves the writers make in all.
const SAVES: usize = 1_200;
/// Replica B is killed once this many saves are acknowledged.
const KILL_AFTER: usize = 400;

/// A fresh database on the test server.
async fn fresh_database() -> String {
    let server = std::env::var("SLIPWAY_TEST_POSTGRES_URL").expect(NEEDS_POSTGRES);
    let name = format!("replicas_{:016x}", rand::random::<u64>());
    let admin = sqlx::PgPool::connect(&server)
        .await
        .expect("the PostgreSQL server answers");
    sqlx::query(&format!("CREATE DATABASE {name}"))
        .execute(&admin)
        .await
        .expect("database created");
    admin.close().await;
    let (server, _) = server.rsplit_once('/').expect("the URL names a database");
    format!("{server}/{name}")
}

fn free_port() -> SocketAddr {
    let socket = std::net::TcpListener::bind("127.0.0.1:0").expect("a free port");
    socket.local_addr().expect("address")
}

/// A `slipway serve` process, killed when dropped.
struct Replica {
    addr: SocketAddr,
    child: Child,
}

impl Replica {
    async fn start(database_url: &str, review_rate: u32) -> Self {
        let addr = free_port();
        let child = Command::new(env!("CARGO_BIN_EXE_slipway"))
            .args([
                "serve",
                "--addr",
                &addr.to_string(),
                "--database-url",
                database_url,
            ])
            .args(["--review-rate", &review_rate.to_string()])
            .env("RUST_LOG", "warn")
            .stdout(Stdio::null())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("slipway starts");
        let replica = Self { addr, child };
        let deadline = Instant::now() + Duration::from_secs(60);
        loop {
            if let Ok((200, body)) = call(addr, "GET", "/health/ready", None, None, None).await {
                assert_eq!(body["backend"], "postgres", "{body}");
                break;
            }
            assert!(
                Instant::now() < deadline,
                "replica on {addr} never became ready"
            );
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        replica
    }
}

impl Drop for Replica {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// One HTTP/1.1 exchange on a new connection: status and JSON body (null
/// when the body is not JSON). An error when the connection fails.
async fn call(
    addr: SocketAddr,
    method: &str,
    path: &str,
    key: Option<&str>,
    if_match: Option<i64>,
    body: Option<&Value>,
) -> std::io::Result<(u16, Value)> {
    let mut stream = TcpStream::connect(addr).await?;
    let body = body.map(Value::to_string).unwrap_or_default();
    let mut request = format!(
        "{method} {path} HTTP/1.1\r\nhost: {addr}\r\nconnection: close\r\ncontent-type: application/json\r\ncontent-length: {}\r\n",
        body.len()
    );
    if let Some(key) = key {
        request.push_str(&format!("authorization: Bearer {key}\r\n"));
    }
    if let Some(revision) = if_match {
        request.push_str(&format!("if-match: \"{revision}\"\r\n"));
    }
    request.push_str("\r\n");
    request.push_str(&body);
    stream.write_all(request.as_bytes()).await?;
    let mut answer = Vec::new();
    stream.read_to_end(&mut answer).await?;
    let text = String::from_utf8_lossy(&answer);
    let (head, body) = text.split_once("\r\n\r\n").ok_or_else(|| {
        std::io::Error::new(std::io::ErrorKind::UnexpectedEof, "no complete answer")
    })?;
    let status = head
        .split(' ')
        .nth(1)
        .and_then(|code| code.parse().ok())
        .ok_or_else(|| std::io::Error::new(std::io::ErrorKind::InvalidData, "no status"))?;
    let chunked = head
        .to_ascii_lowercase()
        .contains("transfer-encoding: chunked");
    let body = if chunked {
        unchunk(body)
    } else {
        body.to_owned()
    };
    Ok((status, serde_json::from_str(&body).unwrap_or(Value::Null)))
}

/// The payload of a chunked body.
fn unchunk(mut rest: &str) -> String {
    let mut out = String::new();
    while let Some((size, tail)) = rest.split_once("\r\n") {
        let size = usize::from_str_radix(size.trim(), 16).unwrap_or(0);
        if size == 0 || tail.len() < size {
            break;
        }
        out.push_str(&tail[..size]);
        rest = tail[size..].trim_start_matches("\r\n");
    }
    out
}

async fn create_design(addr: SocketAddr, name: &str) -> (String, String) {
    let (status, body) = call(
        addr,
        "POST",
        "/api/designs",
        None,
        None,
        Some(&json!({ "name": name })),
    )
    .await
    .expect("create answers");
    assert_eq!(status, 201, "{body}");
    (
        body["id"].as_str().expect("id").to_owned(),
        body["edit_key"].as_str().expect("key").to_owned(),
    )
}

/// What the writers saw.
#[derive(Default)]
struct Tally {
    /// (design index, marker) of every acknowledged save.
    acknowledged: Vec<(usize, String)>,
    /// Acknowledged saves answered by replica B.
    acknowledged_by_b: usize,
    /// Saves refused as stale, each with the revision sent and the one stored.
    refused: Vec<(i64, i64)>,
    /// Requests that failed on the connection (replica B killed).
    broken: usize,
    /// Any other answer: (status, body).
    unexpected: Vec<(u16, String)>,
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
#[ignore = "needs PostgreSQL: make test runs it through scripts/with-postgres"]
async fn two_replicas_lose_no_acknowledged_save_and_refuse_every_stale_one() {
    let url = fresh_database().await;
    let a = Replica::start(&url, 1_000).await;
    let b = Replica::start(&url, 1_000).await;
    let (a_addr, b_addr) = (a.addr, b.addr);
    let b = Arc::new(Mutex::new(Some(b)));

    let mut designs = Vec::new();
    for index in 0..DESIGNS {
        designs.push(create_design(a_addr, &format!("Replicated {index}")).await);
    }
    let designs = Arc::new(designs);
    let tally = Arc::new(Mutex::new(Tally::default()));
    let acknowledged = Arc::new(AtomicUsize::new(0));
    let b_killed = Arc::new(AtomicBool::new(false));

    let mut writers = Vec::new();
    for writer in 0..DESIGNS * WRITERS_PER_DESIGN {
        let (designs, tally, acknowledged, b_killed, b) = (
            designs.clone(),
            tally.clone(),
            acknowledged.clone(),
            b_killed.clone(),
            b.clone(),
        );
        writers.push(tokio::spawn(async move {
            let index = writer % DESIGNS;
            let (id, key) = &designs[index];
            let path = format!("/api/designs/{id}");
            let mut attempt = 0usize;
            while acknowledged.load(Ordering::SeqCst) < SAVES {
                attempt += 1;
                // Alternate between the replicas until B is gone; read from
                // one and write through the other half of the time.
                let on_b = |n: usize| !b_killed.load(Ordering::SeqCst) && n % 2 == 1;
                let read_from = if on_b(attempt + writer) {
                    b_addr
                } else {
                    a_addr
                };
                let write_to = if on_b(attempt / 2 + writer) {
                    b_addr
                } else {
                    a_addr
                };
                let Ok((200, envelope)) =
                    call(read_from, "GET", &path, Some(key), None, None).await
                else {
                    tally.lock().unwrap().broken += 1;
                    continue;
                };
                let revision = envelope["revision"].as_i64().expect("revision");
                let mut design = envelope["design"].clone();
                let marker = format!("w{writer}-{attempt};");
                let description = format!(
                    "{}{marker}",
                    design["metadata"]["description"]
                        .as_str()
                        .unwrap_or_default()
                );
                design["metadata"]["description"] = json!(description);
                let answer = call(
                    write_to,
                    "PUT",
                    &path,
                    Some(key),
                    Some(revision),
                    Some(&design),
                )
                .await;
                let mut tally = tally.lock().unwrap();
                match answer {
                    Ok((200, body)) => {
                        assert_eq!(body["revision"], json!(revision + 1), "{body}");
                        tally.acknowledged.push((index, marker));
                        if write_to == b_addr {
                            tally.acknowledged_by_b += 1;
                        }
                        let done = acknowledged.fetch_add(1, Ordering::SeqCst) + 1;
                        if done == KILL_AFTER {
                            // Mid-write: other writers have requests in flight on B.
                            b_killed.store(true, Ordering::SeqCst);
                            drop(b.lock().unwrap().take());
                        }
                    }
                    Ok((409, body)) => {
                        let current = body["current_revision"].as_i64().unwrap_or(-1);
                        tally.refused.push((revision, current));
                    }
                    Ok((status, body)) => tally.unexpected.push((status, body.to_string())),
                    Err(_) => tally.broken += 1,
                }
            }
        }));
    }
    for writer in writers {
        writer.await.expect("writer finished");
    }

    let tally = std::mem::take(&mut *tally.lock().unwrap());
    assert!(
        tally.unexpected.is_empty(),
        "unexpected answers: {:?}",
        tally.unexpected
    );
    assert!(
        tally.acknowledged.len() >= SAVES,
        "{} saves",
        tally.acknowledged.len()
    );
    assert!(
        tally.acknowledged_by_b > 0,
        "replica B acknowledged no save before it was killed"
    );
    assert!(
        !tally.refused.is_empty(),
        "colliding writers were never refused"
    );
    for (sent, current) in &tally.refused {
        assert!(
            current > sent,
            "a refused save was not stale: sent {sent}, stored {current}"
        );
    }
    // Every acknowledged save is in its design, read back through the survivor.
    for (index, (id, key)) in designs.iter().enumerate() {
        let (status, envelope) = call(
            a_addr,
            "GET",
            &format!("/api/designs/{id}"),
            Some(key),
            None,
            None,
        )
        .await
        .expect("read back");
        assert_eq!(status, 200);
        let description = envelope["design"]["metadata"]["description"]
            .as_str()
            .unwrap_or_default()
            .to_owned();
        let stored: std::collections::HashSet<&str> = description.split_terminator(';').collect();
        let lost: Vec<&String> = tally
            .acknowledged
            .iter()
            .filter(|(design, marker)| {
                *design == index && !stored.contains(marker.trim_end_matches(';'))
            })
            .map(|(_, marker)| marker)
            .collect();
        assert!(
            lost.is_empty(),
            "design {index} lost acknowledged saves {lost:?}"
        );
        // A save based on a revision that is no longer the stored one is refused.
        let revision = envelope["revision"].as_i64().expect("revision");
        let (status, _) = call(
            a_addr,
            "PUT",
            &format!("/api/designs/{id}"),
            Some(key),
            Some(revision - 1),
            Some(&envelope["design"]),
        )
        .await
        .expect("stale save answers");
        assert_eq!(status, 409);
    }
    eprintln!(
        "replicas: {} saves acknowledged ({} by B before it was killed), {} refused as stale, {} requests broken by the kill",
        tally.acknowledged.len(),
        tally.acknowledged_by_b,
        tally.refused.len(),
        tally.broken
    );
}

#[tokio::test]
#[ignore = "needs PostgreSQL: make test runs it through scripts/with-postgres"]
async fn the_review_rate_limit_counts_per_replica() {
    let url = fresh_database().await;
    let a = Replica::start(&url, 3).await;
    let b = Replica::start(&url, 3).await;
    let (id, key) = create_design(a.addr, "Reviewed").await;
    let (status, review) = call(
        a.addr,
        "POST",
        &format!("/api/designs/{id}/reviews"),
        Some(&key),
        None,
        Some(&json!({ "label": "board" })),
    )
    .await
    .expect("review link");
    assert_eq!(status, 201, "{review}");
    let path = format!("/api/reviews/{}", review["token"].as_str().expect("token"));
    for _ in 0..3 {
        assert_eq!(
            call(a.addr, "GET", &path, None, None, None)
                .await
                .expect("open")
                .0,
            200
        );
    }
    assert_eq!(
        call(a.addr, "GET", &path, None, None, None)
            .await
            .expect("open")
            .0,
        429
    );
    // The other replica keeps its own count: a client behind a load balancer
    // gets at most (replicas × rate) requests a minute.
    assert_eq!(
        call(b.addr, "GET", &path, None, None, None)
            .await
            .expect("open")
            .0,
        200
    );
}
