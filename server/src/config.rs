//! Command-line arguments and environment variables.

use std::net::SocketAddr;

use clap::{Args, Parser, Subcommand};

/// Slipway: design a production Kubernetes platform, see it critiqued as you
/// type, and export it as a GitOps repository.
#[derive(Debug, Parser)]
#[command(name = "slipway", version, about)]
pub struct Cli {
    /// What to do; `serve` when omitted.
    #[command(subcommand)]
    pub command: Option<Command>,
}

impl Cli {
    /// The command to run: the one given, or `serve` configured from the
    /// environment (how `cargo leptos` starts the binary).
    pub fn command(self) -> Command {
        self.command.unwrap_or_else(|| {
            #[derive(Parser)]
            struct ServeFromEnvironment {
                #[command(flatten)]
                args: ServeArgs,
            }
            Command::Serve(ServeFromEnvironment::parse_from(["slipway"]).args)
        })
    }
}

/// The commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Serve the studio and its API.
    Serve(ServeArgs),
    /// Work with design files (platform-design.yaml).
    #[command(subcommand)]
    Design(DesignCommand),
    /// Critique a design file: scores and findings; for CI, fail below a score.
    Critique(CritiqueArgs),
    /// Export a design file as a GitOps repository: a zip archive or a directory.
    Export(ExportArgs),
    /// Estimate a design file's monthly cost, cluster by cluster, line by line.
    Cost(CostArgs),
}

/// Options of `slipway cost`.
#[derive(Debug, Clone, Args)]
pub struct CostArgs {
    /// The design file (YAML or JSON); `-` reads standard input.
    pub file: std::path::PathBuf,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
    /// Exit with status 1 when the estimate exceeds the design's budget.
    #[arg(long)]
    pub fail_over_budget: bool,
}

/// Options of `slipway critique`.
#[derive(Debug, Clone, Args)]
pub struct CritiqueArgs {
    /// The design file (YAML or JSON); `-` reads standard input.
    pub file: std::path::PathBuf,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
    /// Exit with status 1 when the overall score is below this (0–100).
    #[arg(long, value_parser = clap::value_parser!(u32).range(0..=100))]
    pub fail_below: Option<u32>,
}

/// Options of `slipway export`.
#[derive(Debug, Default, clap::Args)]
#[command(group(clap::ArgGroup::new("target").required(true).args(["output", "dir", "update"])))]
pub struct ExportArgs {
    /// The design file (YAML or JSON); `-` reads standard input.
    pub file: std::path::PathBuf,
    /// Write the repository as a zip archive here, e.g. repo.zip.
    #[arg(short, long)]
    pub output: Option<std::path::PathBuf>,
    /// Write the repository's files into this directory instead.
    #[arg(long)]
    pub dir: Option<std::path::PathBuf>,
    /// Bring this Git checkout of an earlier export up to date: untouched
    /// files are replaced or removed, edited ones merged three-way; exits 1
    /// on conflicts.
    #[arg(long, value_name = "DIR")]
    pub update: Option<std::path::PathBuf>,
    /// With --update: commit the result (not when there are conflicts).
    #[arg(long, requires = "update")]
    pub commit: bool,
    /// With --commit: commit on this new branch.
    #[arg(long, requires = "commit", value_name = "NAME")]
    pub branch: Option<String>,
    /// With --update: go ahead although the working tree has uncommitted changes.
    #[arg(long, requires = "update")]
    pub force: bool,
    /// With --update: report what each file would become; write nothing.
    #[arg(long, requires = "update", conflicts_with = "commit")]
    pub dry_run: bool,
}

/// How `slipway critique` and `slipway cost` print.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// For people.
    Text,
    /// For machines: the same document as the API.
    Json,
}

/// `slipway design …`.
#[derive(Debug, Subcommand)]
pub enum DesignCommand {
    /// Check a design file (YAML or JSON); print every problem and exit 1 on any.
    Validate {
        /// The file to check; `-` reads standard input.
        file: std::path::PathBuf,
    },
}

/// The URL with any password replaced by `***`, for messages and logs.
pub fn redacted(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return url.to_owned();
    };
    let authority_end = rest.find('/').unwrap_or(rest.len());
    let (authority, path) = rest.split_at(authority_end);
    match authority.rsplit_once('@') {
        Some((userinfo, host)) => match userinfo.split_once(':') {
            Some((user, _password)) => format!("{scheme}://{user}:***@{host}{path}"),
            None => url.to_owned(),
        },
        None => url.to_owned(),
    }
}

/// A database URL whose back end this build has.
fn database_url(url: &str) -> Result<String, String> {
    app::db::backend_of(url).map(|_| url.to_owned())
}

/// Options of `slipway serve`.
#[derive(Debug, Clone, Args)]
pub struct ServeArgs {
    /// Address and port to listen on.
    #[arg(long, env = "SLIPWAY_ADDR", default_value = "127.0.0.1:3000")]
    pub addr: SocketAddr,

    /// The database: `sqlite://FILE` (created when missing; one process) or
    /// `postgres://USER@HOST/DATABASE` (any number of replicas).
    #[arg(
        long,
        env = "SLIPWAY_DATABASE_URL",
        default_value = "sqlite://slipway.db",
        value_parser = database_url
    )]
    pub database_url: String,

    /// Read the database URL from this file instead (a mounted secret, so
    /// the password never sits in the environment or the process list).
    #[arg(long, env = "SLIPWAY_DATABASE_URL_FILE", value_name = "FILE")]
    pub database_url_file: Option<std::path::PathBuf>,

    /// The address people use to reach the studio, used in the links the API
    /// hands out. Defaults to http://<addr>.
    #[arg(long, env = "SLIPWAY_PUBLIC_URL")]
    pub public_url: Option<String>,

    /// Requests per client and minute on review-token endpoints (429 beyond).
    #[arg(
        long = "review-rate",
        env = "SLIPWAY_REVIEW_RATE",
        default_value_t = 120
    )]
    pub review_requests_per_minute: u32,

    /// Log as JSON lines instead of human-readable text.
    #[arg(long, env = "SLIPWAY_LOG_JSON")]
    pub log_json: bool,
}

impl ServeArgs {
    /// The database URL: the file's content when one is named, else the option.
    pub fn database_url(&self) -> Result<String, String> {
        let Some(path) = &self.database_url_file else {
            return Ok(self.database_url.clone());
        };
        let text = std::fs::read_to_string(path)
            .map_err(|e| format!("reading the database URL from {}: {e}", path.display()))?;
        database_url(text.trim()).map_err(|e| format!("{}: {e}", path.display()))
    }

    /// The base of links handed out, without a trailing slash.
    pub fn public_url(&self) -> String {
        self.public_url
            .clone()
            .unwrap_or_else(|| format!("http://{}", self.addr))
            .trim_end_matches('/')
            .to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn serve_args(argv: &[&str]) -> ServeArgs {
        match Cli::try_parse_from(argv).map(Cli::command) {
            Ok(Command::Serve(args)) => args,
            Ok(other) => panic!("{argv:?} parsed as {other:?}"),
            Err(error) => panic!("{argv:?} did not parse: {error}"),
        }
    }

    #[test]
    fn serve_defaults_to_the_local_studio() {
        let args = serve_args(&["slipway", "serve"]);
        assert_eq!(args.addr.to_string(), "127.0.0.1:3000");
        assert_eq!(args.database_url, "sqlite://slipway.db");
        assert_eq!(args.public_url(), "http://127.0.0.1:3000");
    }

    #[test]
    fn a_public_url_loses_its_trailing_slash() {
        let args = serve_args(&[
            "slipway",
            "serve",
            "--public-url",
            "https://studio.example.com/",
        ]);
        assert_eq!(args.public_url(), "https://studio.example.com");
    }

    #[test]
    fn the_review_rate_is_an_option() {
        assert_eq!(
            serve_args(&["slipway", "serve"]).review_requests_per_minute,
            120
        );
        assert_eq!(
            serve_args(&["slipway", "serve", "--review-rate", "5"]).review_requests_per_minute,
            5
        );
    }

    #[test]
    fn the_database_is_sqlite_or_postgres() {
        let args = serve_args(&[
            "slipway",
            "serve",
            "--database-url",
            "postgres://db/slipway",
        ]);
        assert_eq!(args.database_url, "postgres://db/slipway");
        let error = Cli::try_parse_from(["slipway", "serve", "--database-url", "mysql://db/x"])
            .expect_err("mysql is refused");
        assert!(
            error
                .to_string()
                .contains("unsupported database URL scheme"),
            "{error}"
        );
    }

    #[test]
    fn the_database_url_can_come_from_a_file_and_its_password_is_never_shown() {
        let dir = tempfile::tempdir().expect("dir");
        let file = dir.path().join("database-url");
        std::fs::write(&file, "postgres://slipway:s3cret@db:5432/slipway\n").expect("written");
        let path = file.display().to_string();
        let args = serve_args(&["slipway", "serve", "--database-url-file", &path]);
        let url = args.database_url().expect("read");
        assert_eq!(url, "postgres://slipway:s3cret@db:5432/slipway");
        assert_eq!(redacted(&url), "postgres://slipway:***@db:5432/slipway");
        assert_eq!(redacted("sqlite://slipway.db"), "sqlite://slipway.db");
        assert_eq!(
            redacted("postgres://slipway@db/x"),
            "postgres://slipway@db/x"
        );
        std::fs::write(&file, "mysql://db/x").expect("written");
        let error = args.database_url().expect_err("mysql refused");
        assert!(error.contains("unsupported database URL scheme"), "{error}");
        let missing = serve_args(&[
            "slipway",
            "serve",
            "--database-url-file",
            "/nonexistent/url",
        ]);
        assert!(missing
            .database_url()
            .expect_err("missing")
            .contains("/nonexistent/url"));
    }

    #[test]
    fn no_command_means_serve() {
        assert_eq!(serve_args(&["slipway"]).addr.to_string(), "127.0.0.1:3000");
    }
}
