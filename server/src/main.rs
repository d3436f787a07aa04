//! `slipway`: configuration in, server out. Everything else is in the library.

use std::process::ExitCode;

use app::state::AppState;
use axum::serve::ListenerExt;
use clap::Parser;
use leptos::config::get_configuration;
use server::config::{Cli, Command, DesignCommand, ServeArgs};
use tokio::net::TcpListener;
use tracing_subscriber::EnvFilter;

#[tokio::main]
async fn main() -> ExitCode {
    match Cli::parse().command() {
        Command::Serve(args) => match serve(args).await {
            Ok(()) => ExitCode::SUCCESS,
            Err(message) => {
                tracing::error!("{message}");
                eprintln!("slipway: {message}");
                ExitCode::FAILURE
            }
        },
        Command::Design(DesignCommand::Validate { file }) => report(server::cli::validate(&file)),
        Command::Critique(args) => report(server::cli::critique(&args)),
        Command::Export(args) => report(server::cli::export(&args)),
        Command::Cost(args) => report(server::cli::cost(&args)),
    }
}

fn report(outcome: server::cli::Outcome) -> ExitCode {
    if outcome.ok {
        println!("{}", outcome.text);
        ExitCode::SUCCESS
    } else {
        eprintln!("{}", outcome.text);
        ExitCode::FAILURE
    }
}

fn init_logging(json: bool) {
    let filter =
        EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info,sqlx=warn"));
    let builder = tracing_subscriber::fmt().with_env_filter(filter);
    if json {
        builder.json().flatten_event(true).init();
    } else {
        builder.init();
    }
}

async fn serve(args: ServeArgs) -> Result<(), String> {
    init_logging(args.log_json);
    let mut leptos_options = get_configuration(None)
        .map_err(|e| format!("reading the Leptos configuration: {e}"))?
        .leptos_options;
    leptos_options.site_addr = args.addr;
    // Started without cargo-leptos (a release binary, the benchmarks), the
    // environment does not say that the front end's files carry hashes in
    // their names: the hash file beside the binary does.
    if !leptos_options.hash_files {
        leptos_options.hash_files = std::env::current_exe()
            .ok()
            .and_then(|exe| {
                exe.parent()
                    .map(|dir| dir.join(leptos_options.hash_file.as_ref()))
            })
            .is_some_and(|path| path.exists());
    }
    let database_url = args.database_url()?;
    let pool = app::store::connect(&database_url).await.map_err(|e| {
        format!(
            "opening the database {}: {e}",
            server::config::redacted(&database_url)
        )
    })?;
    let state = AppState {
        pool: pool.clone(),
        leptos_options,
        public_url: args.public_url(),
        review_requests_per_minute: args.review_requests_per_minute,
        exports: Default::default(),
        metrics: Default::default(),
    };
    let listener = TcpListener::bind(args.addr)
        .await
        .map_err(|e| format!("listening on {}: {e}", args.addr))?;
    tracing::info!(addr = %args.addr, url = %state.public_url, "serving the studio");
    // Without TCP_NODELAY, responses written in two parts (headers, then a
    // streamed file body) wait on delayed ACKs: static files crawled at ~40 ms.
    let listener = listener.tap_io(|tcp| {
        if let Err(error) = tcp.set_nodelay(true) {
            tracing::warn!(%error, "cannot set TCP_NODELAY");
        }
    });
    let app = server::app(state).into_make_service_with_connect_info::<std::net::SocketAddr>();
    axum::serve(listener, app)
        .with_graceful_shutdown(shutdown_signal())
        .await
        .map_err(|e| format!("serving: {e}"))?;
    pool.close().await;
    tracing::info!("stopped");
    Ok(())
}

/// Resolves on Ctrl-C or SIGTERM, so in-flight requests finish and the database closes cleanly.
async fn shutdown_signal() {
    let ctrl_c = async {
        if let Err(error) = tokio::signal::ctrl_c().await {
            tracing::warn!(%error, "cannot listen for Ctrl-C");
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(error) => {
                tracing::warn!(%error, "cannot listen for SIGTERM");
                std::future::pending::<()>().await;
            }
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
    tracing::info!("shutting down");
}
