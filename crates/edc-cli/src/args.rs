//! The command line as typed: each flag defined once, help generated from it.

use clap::{Parser, Subcommand};
use std::path::PathBuf;

/// `edc`: read, build, validate, sign, seal and verify Europass European Digital Credentials.
#[derive(Debug, Parser)]
#[command(name = "edc", version, about, long_about = None)]
pub struct Cli {
    /// The largest document a command reads, in MiB (default 16; also $EDC_MAX_INPUT_MIB): a
    /// larger file is refused before it is parsed.
    #[arg(long, global = true, value_name = "MIB", env = "EDC_MAX_INPUT_MIB")]
    pub max_input_mib: Option<u64>,
    /// Refuse a key, PKCS#12 or password file other users can read (by default: a warning).
    #[arg(long, global = true)]
    pub strict_permissions: bool,
    /// Print only what a script needs: the verdict line, the summary, the errors.
    #[arg(short, long, global = true)]
    pub quiet: bool,
    /// Colour the text output: auto (on a terminal, unless NO_COLOR is set), always, never.
    #[arg(long, global = true, value_enum, default_value = "auto")]
    pub color: ColorArg,
    /// A file holding the password of an encrypted PKCS#8 PEM key (`ENCRYPTED PRIVATE KEY`).
    #[arg(
        long,
        global = true,
        value_name = "FILE",
        conflicts_with = "key_password_env"
    )]
    pub key_password_file: Option<PathBuf>,
    /// An environment variable holding the password of an encrypted PKCS#8 PEM key.
    #[arg(long, global = true, value_name = "VAR")]
    pub key_password_env: Option<String>,
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Say what a file is (sealed, upload wrapper, bare, JWT, VC-COSE, SD-JWT) and what it claims: title, learner,
    /// issuer, dates, achievements with outcomes, ECTS, EQF, and the micro-credential elements.
    Inspect(InspectArgs),
    /// Print the document's RDF dataset as N-Quads (JSON-LD 1.1, contexts loaded offline), or
    /// its RDFC-1.0 canonical form, or the hash of that form, or its expanded JSON-LD. Reads any
    /// JSON-LD document (a credential in any of the forms edc reads, or plain JSON-LD: an
    /// object or an array), or N-Quads.
    Rdf(RdfArgs),
    /// Generate a key pair and write it as a Multikey JSON file (readable by you only); prints
    /// the did:key and the public key, never the secret.
    Keygen(KeygenArgs),
    /// Print a DID and its DID document, from a key file or a did:key.
    Did(DidArgs),
    /// Sign a credential with a Data Integrity proof, or as VC-JOSE, VC-JWT, VC-COSE or SD-JWT, and
    /// print it (or write it with --out).
    Sign(SignOpts),
    /// Seal a credential with an X.509 eSeal key: a JAdES baseline-B seal in the Europass form
    /// (`payload` + `signatures`), printed or written with --out.
    Seal(SealArgs),
    /// Validate a credential against the official EDC SHACL profile it names in
    /// credentialSchema (or --profile). Exit 0 conforms, 1 violations, 2 could not validate.
    Validate(ValidateArgs),
    /// Verify a credential as the Europass viewer does: format, integrity, issuer, owner,
    /// status, validity period, accreditation, micro-credential elements. Exit 0 verified
    /// (intact and signer trusted), 1 failed, 2 could not check, 3 partially verified (intact,
    /// but the signer is not trusted or a check could not be made).
    Verify(VerifyArgs),
    /// Make a Verifiable Presentation of credentials (JSON ones embedded, JWTs enveloped), held
    /// by the key's DID and proved with it (Data Integrity, purpose authentication) bound to a
    /// verifier's challenge and domain.
    Present(PresentArgs),
    /// Print shell completions for edc (bash, zsh, fish, powershell or elvish).
    Completions(CompletionsArgs),
    /// Print edc's man page (roff), e.g. `edc man > ~/.local/share/man/man1/edc.1`.
    Man,
    /// The certificates sealed credentials carry (x5c, xVals, time-stamp tokens): list them, or
    /// export them as PEM files to build trust from (after deciding which roots to trust).
    Trust(TrustArgs),
    /// Verify the JAdES seal of a sealed credential: signature, certificate digest, time-stamps,
    /// the chain to the trust anchors given, the seal level and the carried revocation data.
    /// Exit 0 valid and anchored, 1 invalid, 3 intact but not anchored.
    VerifySeal(VerifySealArgs),
    /// Convert a provider's export (CSV, XLSX/XLS/ODS, JSON lines) to Europass credentials with
    /// a mapping file: each row is filled into the template, validated, signed or sealed, and
    /// written; bad rows are reported by row and column and skipped.
    Convert(ConvertArgs),
    /// Run the conformance suites (europass, w3c, generated, attacks), or every credential in a
    /// directory; ends with `N passed, M failed`.
    Conformance(ConformanceArgs),
    /// The integrator's day in one command: generate an issuer key (did:key), convert the
    /// example provider export to signed Europass credentials, verify a few, and say where the
    /// files are.
    Demo(DemoArgs),
    /// Serve HTTP: W3C VC-API issuing, verifying and status, Europass verify/validate/seal,
    /// status lists, health, metrics and OpenAPI. Listens on loopback with an embedded
    /// database and generated issuer keys unless configured.
    Serve(ServeArgs),
    /// Render a credential as a self-contained, accessible HTML page (no script, no request;
    /// print CSS for A4), with the same checks and verdict as `edc verify` given the same trust
    /// flags as a banner; `--pdf` prints it through headless Chromium when installed.
    Render(RenderArgs),
    /// Manage issuer-side status lists on the server's database (without the server): give
    /// an index, revoke/suspend/reinstate, show, publish the signed lists.
    Status(StatusArgs),
}

/// The arguments of `edc render`.
#[derive(Debug, clap::Args)]
pub struct RenderArgs {
    /// The credential (any form edc reads); `-` reads standard input.
    pub file: PathBuf,
    /// The language to show (two letters; falls back to the credential's primary language, then
    /// any).
    #[arg(long, default_value = "en")]
    pub lang: String,
    /// Write the page here (default: standard output).
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
    /// Also print it to PDF through headless Chromium.
    #[arg(long, value_name = "FILE")]
    pub pdf: Option<PathBuf>,
    /// Overwrite --out or --pdf files that exist.
    #[arg(long)]
    pub force: bool,
    /// Show what the credential claims without verifying it (the banner says so).
    #[arg(long)]
    pub no_verify: bool,
    #[command(flatten)]
    pub verification: Verification,
}

/// Where the service's settings and data are (shared by `edc serve` and `edc status`).
#[derive(Debug, clap::Args)]
pub struct ServiceOpts {
    /// The configuration file (TOML; every setting has a default).
    #[arg(long, value_name = "FILE", global = true)]
    pub config: Option<PathBuf>,
    /// The data directory: the SQLite database and generated keys (default: the user's data
    /// directory, edc/serve).
    #[arg(long, value_name = "DIR", global = true)]
    pub data: Option<PathBuf>,
    /// Keep status lists in PostgreSQL (postgres://user@host/db) instead of SQLite.
    #[arg(long, value_name = "URL", env = "EDC_DATABASE_URL", global = true)]
    pub database: Option<String>,
    /// The URL clients reach the server at (in status list URLs).
    #[arg(long, value_name = "URL", global = true)]
    pub public_url: Option<String>,
}

/// The arguments of `edc serve`.
#[derive(Debug, clap::Args)]
pub struct ServeArgs {
    /// Where to listen (default 127.0.0.1:8080; port 0 picks a free one).
    #[arg(long, value_name = "ADDR")]
    pub listen: Option<std::net::SocketAddr>,
    #[command(flatten)]
    pub service: ServiceOpts,
    /// Log one JSON object per line instead of text.
    #[arg(long)]
    pub log_json: bool,
}

/// The arguments of `edc status`.
#[derive(Debug, clap::Args)]
pub struct StatusArgs {
    #[command(subcommand)]
    pub action: StatusAction,
    #[command(flatten)]
    pub service: ServiceOpts,
}

/// What `edc status` does.
#[derive(Debug, clap::Subcommand)]
pub enum StatusAction {
    /// Give a credential a fresh index and print its credentialStatus entries.
    New {
        /// The issuer (a DID among the configured or generated keys; default the first).
        #[arg(long)]
        issuer: Option<String>,
        /// The credential's id, to find the entry by later.
        #[arg(long)]
        credential_id: Option<String>,
    },
    /// Revoke, suspend or reinstate: by list and index, or by credential id.
    Set {
        /// revoked, suspended or valid.
        status: String,
        /// The list id.
        #[arg(long, required_unless_present = "credential_id")]
        list: Option<String>,
        /// The index in the list.
        #[arg(long, required_unless_present = "credential_id")]
        index: Option<u32>,
        /// The credential id given at issue.
        #[arg(long)]
        credential_id: Option<String>,
    },
    /// Show the lists, one list, or one entry; with --events, the latest changes.
    Show {
        /// A list id.
        list: Option<String>,
        /// An index in it.
        index: Option<u32>,
        /// The latest changes (who, when, what).
        #[arg(long)]
        events: bool,
    },
    /// Write a list's signed credentials ({list}-revocation.json, {list}-suspension.json,
    /// {list}-token.jwt) to a directory, for a static web host.
    Publish {
        /// The list id.
        list: String,
        /// The directory to write to.
        #[arg(long, value_name = "DIR")]
        out: PathBuf,
        /// Overwrite files that exist.
        #[arg(long)]
        force: bool,
    },
}

/// The arguments of `edc inspect`.
#[derive(Debug, clap::Args)]
pub struct InspectArgs {
    /// The credential files (JSON-LD, sealed JSON, or a compact JWT); `-` reads standard
    /// input.
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
    /// Print a JSON report instead of text.
    #[arg(long)]
    pub json: bool,
}

/// The arguments of `edc rdf`.
#[derive(Debug, clap::Args)]
pub struct RdfArgs {
    /// The file; `-` reads standard input.
    pub file: PathBuf,
    /// What the file holds (default: N-Quads for `.nq` and `.nquads`, JSON-LD otherwise).
    #[arg(long, value_enum)]
    pub input: Option<RdfInputArg>,
    /// Print the RDFC-1.0 canonical N-Quads.
    #[arg(long)]
    pub canonical: bool,
    /// Print the hash of the canonical N-Quads (implies --canonical).
    #[arg(long, value_enum)]
    pub hash: Option<HashArg>,
    /// The hash function RDFC-1.0 uses inside canonicalization (default sha256).
    #[arg(long, value_enum, value_name = "HASH")]
    pub rdfc_hash: Option<HashArg>,
    /// Print the expanded JSON-LD (JSON-LD 1.1 expand) instead of RDF.
    #[arg(long, conflicts_with_all = ["canonical", "hash"])]
    pub expand: bool,
    /// The base IRI relative IRI references resolve against. Default: none for a
    /// credential (its canonical form is what a Data Integrity proof signs, computed
    /// without a base), for standard input and with --strict; the file's file:// IRI for
    /// other JSON-LD documents.
    #[arg(long, value_name = "IRI", conflicts_with = "no_base")]
    pub base: Option<String>,
    /// Convert without a base IRI: relative IRI references are dropped, and reported.
    #[arg(long)]
    pub no_base: bool,
    /// The JSON-LD processing mode.
    #[arg(long, value_enum, default_value = "json-ld-1.1")]
    pub processing_mode: ProcessingModeArg,
    /// How `@direction` becomes RDF (default: it is dropped, as JSON-LD 1.1 says).
    #[arg(long, value_enum)]
    pub rdf_direction: Option<RdfDirectionArg>,
    /// A context file applied before the document's own (JSON-LD's expandContext).
    #[arg(long, value_name = "FILE")]
    pub expand_context: Option<PathBuf>,
    /// Refuse data loss: an undefined term or a relative IRI reference is an error (exit 1)
    /// instead of a warning.
    #[arg(long)]
    pub strict: bool,
    /// Where contexts come from.
    #[command(flatten)]
    pub sources: ContextArgs,
    /// Print a JSON report (N-Quads and findings) instead of text.
    #[arg(long)]
    pub json: bool,
}

/// Where JSON-LD contexts may come from, as the command line says.
#[derive(Debug, clap::Args)]
pub struct ContextArgs {
    /// Serve a context IRI from a file, as IRI=FILE (repeatable).
    #[arg(long = "context", value_name = "IRI=FILE")]
    pub contexts: Vec<String>,
    /// Allow fetching unknown contexts over https (public hosts only; cached on disk).
    #[arg(long)]
    pub network: bool,
    /// Where fetched contexts are cached (default: the user's cache directory, edc/contexts).
    #[arg(long, value_name = "DIR")]
    pub cache_dir: Option<PathBuf>,
}

/// The arguments of `edc keygen`.
#[derive(Debug, clap::Args)]
pub struct KeygenArgs {
    /// The key type.
    #[arg(long = "type", value_enum, default_value = "ed25519")]
    pub key_type: KeyTypeArg,
    /// Where to write the key (default: `key-<type>.json` in the current directory).
    #[arg(long)]
    pub out: Option<PathBuf>,
    /// Print a JSON report instead of text.
    #[arg(long)]
    pub json: bool,
    /// Write the key as a private JWK instead of a Multikey JSON.
    #[arg(long)]
    pub jwk: bool,
}

/// The arguments of `edc did`.
#[derive(Debug, clap::Args)]
pub struct DidArgs {
    /// A key file written by `edc keygen`, or a did:key DID.
    pub key_or_did: String,
    /// Print the public key as a JWK instead of the DID document.
    #[arg(long)]
    pub jwk: bool,
}

/// The arguments of `edc seal`.
#[derive(Debug, clap::Args)]
pub struct SealArgs {
    /// The credential file (a bare credential or an upload wrapper).
    pub file: PathBuf,
    /// The seal's private key, PKCS#8 PEM (RSA, P-256, P-384 or P-521).
    #[arg(long, required_unless_present = "p12", requires = "cert")]
    pub key: Option<PathBuf>,
    /// The certificate chain, PEM, seal certificate first.
    #[arg(long, required_unless_present = "p12", requires = "key")]
    pub cert: Option<PathBuf>,
    /// A PKCS#12 key store (.p12/.pfx) holding the key and its chain, instead of --key and
    /// --cert. Its password comes from --password-file, --password-env, or the
    /// EDC_P12_PASSWORD environment variable; never from the command line.
    #[arg(long, conflicts_with_all = ["key", "cert"])]
    pub p12: Option<PathBuf>,
    /// A file whose first line is the PKCS#12 password.
    #[arg(long, requires = "p12", conflicts_with = "password_env")]
    pub password_file: Option<PathBuf>,
    /// The environment variable holding the PKCS#12 password.
    #[arg(long, requires = "p12", value_name = "VAR")]
    pub password_env: Option<String>,
    /// The algorithm (default: the key's: RS256 for RSA, ES256/ES384/ES512 for P-256/384/521).
    #[arg(long, value_enum)]
    pub alg: Option<SealAlgArg>,
    /// Leave the issuer fields as they are (by default legalName, altLabel, eIDASIdentifier,
    /// issued and issuanceDate are filled from the certificate and the clock when absent).
    #[arg(long)]
    pub no_fill_issuer: bool,
    /// Time-stamping (baseline T or LTA).
    #[command(flatten)]
    pub stamp: TimeStampOpts,
    /// Where to write the sealed file (default: standard output); an existing file is not
    /// replaced unless --force.
    #[arg(long)]
    pub out: Option<PathBuf>,
    /// Replace the --out file if it exists.
    #[arg(long)]
    pub force: bool,
    /// Print a JSON report `{written, document}`.
    #[arg(long)]
    pub json: bool,
}

/// The arguments of `edc validate`.
#[derive(Debug, clap::Args)]
pub struct ValidateArgs {
    /// The credential (bare, upload wrapper, or sealed: its payload is validated).
    pub file: PathBuf,
    /// The profile: edc-generic-no-cv, edc-generic-full, edc-accredited,
    /// edc-issued-by-mandate, edc-converted or edc-diploma-supplement.
    #[arg(long)]
    pub profile: Option<String>,
    /// The folder of the EU's SHACL files (EDC-generic-no-cv.ttl, …); default
    /// $EDC_SHAPES_DIR, then ~/.cache/edc/shapes.
    #[arg(long, value_name = "DIR")]
    pub shapes: Option<PathBuf>,
    /// When no folder has the profile, fetch it from data.europa.eu into ~/.cache/edc/shapes.
    #[arg(long)]
    pub network: bool,
    /// Print a JSON report (shaped like a SHACL validation report).
    #[arg(long)]
    pub json: bool,
}

/// The arguments of `edc verify`.
#[derive(Debug, clap::Args)]
pub struct VerifyArgs {
    /// The documents (sealed, bare credential with a proof, upload wrapper…); several are
    /// verified one after the other, with a summary line (with --json: one report a line).
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
    #[command(flatten)]
    pub verification: Verification,
    /// Print a JSON report.
    #[arg(long)]
    pub json: bool,
}

/// How a document is verified (`edc verify`, and the banner of `edc render`).
#[derive(Debug, clap::Args)]
pub struct Verification {
    /// The validation time, RFC 3339 (default: now), or `signing`: when a signature
    /// time-stamp by an authority you trust proves the seal was made (never the signer's
    /// own `sigT`).
    #[arg(long)]
    pub at: Option<String>,
    #[command(flatten)]
    pub trust: TrustAnchors,
    /// The folder of the EU's SHACL files (default: $EDC_SHAPES_DIR, then ~/.cache/edc/shapes
    /// when it holds them — as for validate; else the built-in essentials, and the report
    /// says so).
    #[arg(long, value_name = "DIR")]
    pub shapes: Option<PathBuf>,
    #[command(flatten)]
    pub options: VerifyOptions,
}

/// The arguments of `edc present`.
#[derive(Debug, clap::Args)]
pub struct PresentArgs {
    /// The credentials to present.
    #[arg(required = true)]
    pub credentials: Vec<PathBuf>,
    /// The holder's key (as for sign).
    #[arg(long)]
    pub key: PathBuf,
    /// The verifier's challenge (nonce) the proof must carry.
    #[arg(long)]
    pub challenge: Option<String>,
    /// The verifier's domain the proof must carry.
    #[arg(long)]
    pub domain: Option<String>,
    /// Where to write the presentation (default: standard output); never replaced unless
    /// --force.
    #[arg(long)]
    pub out: Option<PathBuf>,
    /// Replace the --out file if it exists.
    #[arg(long)]
    pub force: bool,
}

/// The arguments of `edc completions`.
#[derive(Debug, clap::Args)]
pub struct CompletionsArgs {
    /// The shell.
    pub shell: clap_complete::Shell,
}

/// The arguments of `edc trust`.
#[derive(Debug, clap::Args)]
pub struct TrustArgs {
    #[command(subcommand)]
    pub action: TrustAction,
}

/// The arguments of `edc verify-seal`.
#[derive(Debug, clap::Args)]
pub struct VerifySealArgs {
    /// The sealed file (`{payload, signatures}`).
    pub file: PathBuf,
    /// The validation time, RFC 3339 (default: now), or `signing`: the time of the earliest
    /// signature time-stamp by an authority you trust (historical verification of a seal
    /// whose certificate has since expired; the signer's own `sigT` is never trusted).
    #[arg(long)]
    pub at: Option<String>,
    #[command(flatten)]
    pub trust: TrustAnchors,
    /// Print a JSON report instead of text.
    #[arg(long)]
    pub json: bool,
}

/// The arguments of `edc convert`.
#[derive(Debug, clap::Args)]
pub struct ConvertArgs {
    /// The export (or, with --to/--from ob3, the credential to convert).
    pub input: PathBuf,
    /// The mapping file (TOML) naming the template and the columns.
    #[arg(long, required_unless_present_any = ["to", "from"])]
    pub mapping: Option<PathBuf>,
    /// Convert an EDC to another model instead: `ob3` writes an Open Badges 3.0
    /// OpenBadgeCredential (unsigned; what does not carry over is listed).
    #[arg(long, value_enum, conflicts_with_all = ["mapping", "from"])]
    pub to: Option<ModelArg>,
    /// Convert a credential of another model to an EDC: `ob3` reads an Open Badges 3.0
    /// OpenBadgeCredential and writes an ELM credential (edc-generic-full, unsigned).
    #[arg(long, value_enum, conflicts_with = "mapping")]
    pub from: Option<ModelArg>,
    /// The directory to write one .jsonld per credential to (default: ./credentials); with
    /// --to/--from, the file to write (default: standard output). Never overwritten.
    #[arg(long, conflicts_with = "jsonl")]
    pub out: Option<PathBuf>,
    /// Write one credential per line to this file instead.
    #[arg(long, value_name = "FILE")]
    pub jsonl: Option<PathBuf>,
    /// Replace credential files that exist already (by default they are left alone and
    /// their rows reported).
    #[arg(long)]
    pub overwrite: bool,
    /// Write Europass upload wrappers {credential, deliveryDetails} (for the EU's issuer).
    #[arg(long, conflicts_with = "jsonl")]
    pub wrapper: bool,
    /// Sign each credential with this key (Multikey JSON, JWK or PKCS#8 PEM), as its did:key.
    #[arg(long, conflicts_with_all = ["seal_key", "p12"])]
    pub key: Option<PathBuf>,
    /// The cryptosuite for --key (default: eddsa-rdfc-2022 for Ed25519, ecdsa-rdfc-2019
    /// otherwise), or a JWT form (jwt: EBSI VC-JWT 1.1, vc-jose, sd-jwt) written as .jwt files.
    #[arg(long, value_enum, requires = "key")]
    pub suite: Option<SuiteArg>,
    /// Seal each credential (JAdES) with this PKCS#8 PEM key…
    #[arg(long, requires = "seal_cert")]
    pub seal_key: Option<PathBuf>,
    /// …and this PEM certificate chain (seal certificate first).
    #[arg(long, requires = "seal_key")]
    pub seal_cert: Option<PathBuf>,
    /// Seal with a PKCS#12 key store (password from --password-file, --password-env or
    /// $EDC_P12_PASSWORD).
    #[arg(long)]
    pub p12: Option<PathBuf>,
    /// A file holding the PKCS#12 password.
    #[arg(long)]
    pub password_file: Option<PathBuf>,
    /// An environment variable holding the PKCS#12 password.
    #[arg(long)]
    pub password_env: Option<String>,
    /// Time-stamping each seal (baseline T or LTA).
    #[command(flatten)]
    pub stamp: TimeStampOpts,
    /// The folder of the EU's SHACL files (default: $EDC_SHAPES_DIR, then ~/.cache/edc/shapes
    /// when it holds them; else the built-in essentials, and the summary says so).
    #[arg(long, value_name = "DIR")]
    pub shapes: Option<PathBuf>,
    /// Print a JSON summary (no progress bar).
    #[arg(long)]
    pub json: bool,
}

/// The arguments of `edc conformance`.
#[derive(Debug, clap::Args)]
pub struct ConformanceArgs {
    /// A directory of your own: its `manifest.toml` is used when present; otherwise every
    /// credential in it is verified under --policy and what fails is reported.
    pub dir: Option<PathBuf>,
    /// The same as DIR, as an option.
    #[arg(long = "dir", value_name = "DIR", conflicts_with = "dir")]
    pub dir_option: Option<PathBuf>,
    /// Which built-in suite (ignored with DIR).
    #[arg(long, value_enum, default_value = "all")]
    pub suite: ConformanceSuiteArg,
    /// The shared reference directory holding the suites' files (default: $EDC_SHARED_DIR,
    /// else `shared` beside the current directory or one of its parents).
    #[arg(long, value_name = "DIR")]
    pub shared: Option<PathBuf>,
    /// Print the JSON report (as --report json) instead of the console summary.
    #[arg(long, conflicts_with = "report")]
    pub json: bool,
    /// The validation time for a directory without a manifest, RFC 3339 (default: now).
    #[arg(long)]
    pub at: Option<String>,
    /// The folder of the EU's SHACL files for a directory without a manifest.
    #[arg(long, value_name = "DIR")]
    pub shapes: Option<PathBuf>,
    #[command(flatten)]
    pub trust: TrustAnchors,
    /// The policy for a directory without a manifest.
    #[arg(long, value_enum, default_value = "europass")]
    pub policy: PolicyArg,
    /// Also write a report in this format.
    #[arg(long, value_enum)]
    pub report: Option<ReportArg>,
    /// Where to write the report (default: standard output).
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
}

/// The arguments of `edc demo`.
#[derive(Debug, clap::Args)]
pub struct DemoArgs {
    /// Where to write the demo files (default: a new folder under the system's temporary
    /// directory).
    #[arg(long)]
    pub out: Option<PathBuf>,
    /// Print a JSON report instead of text.
    #[arg(long)]
    pub json: bool,
}

/// What `edc verify` expects beyond trust anchors.
#[derive(Debug, clap::Args)]
pub struct VerifyOptions {
    /// The subject the credential must be issued to (a presentation: its holder).
    #[arg(long, value_name = "ID")]
    pub expect_subject: Option<String>,
    /// Which checks count toward the verdict: strict (all), europass (format, integrity and
    /// validity period must pass, the others must not fail; the default) or lenient (integrity
    /// only: every other check is reported and not counted).
    #[arg(long, value_enum, default_value = "europass")]
    pub policy: PolicyArg,
    /// The challenge a presentation's proof must carry.
    #[arg(long)]
    pub challenge: Option<String>,
    /// The domain a presentation's proof must carry.
    #[arg(long)]
    pub domain: Option<String>,
    /// A DID whose signatures identify a trusted issuer (repeatable).
    #[arg(long, value_name = "DID")]
    pub trusted_did: Vec<String>,
    /// A status list credential file (its `id` is the URL credentials name; repeatable).
    #[arg(long, value_name = "FILE")]
    pub status_list: Vec<PathBuf>,
    /// A directory of cached status list credentials (fetched lists are written there).
    #[arg(long, value_name = "DIR")]
    pub status_cache: Option<PathBuf>,
    /// Fetch status lists over https when they are not given or cached.
    #[arg(long)]
    pub network: bool,
    /// Accreditations (a JSON file: one ELM Accreditation or an array of them) for credentials
    /// that only reference theirs by id.
    /// Serve a context IRI from a file, as IRI=FILE (repeatable): e.g. the Open Badges 3.0
    /// context, which edc does not bundle.
    #[arg(long = "context", value_name = "IRI=FILE")]
    pub contexts: Vec<String>,
    /// A controller document (a DID document, or an issuer's https profile listing its
    /// verification methods) that proofs' verification methods resolve against (repeatable).
    /// A `https://…#z6Mk…` method is never trusted without its controller's document.
    #[arg(long, value_name = "FILE")]
    pub controller: Vec<PathBuf>,
    #[arg(long, value_name = "FILE")]
    pub accreditations: Option<PathBuf>,
}

/// The built-in conformance suites.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ConformanceSuiteArg {
    /// The EU's sample credentials.
    Europass,
    /// The W3C test material.
    W3c,
    /// Cases made at run time with test keys and a test CA.
    Generated,
    /// Forgeries and hostile inputs made at run time: each must be refused.
    Attacks,
    /// All four.
    All,
}

/// Conformance report formats.
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum ReportArg {
    /// JSON.
    Json,
    /// JUnit XML.
    Junit,
    /// Markdown tables.
    Markdown,
    /// W3C EARL (JSON-LD).
    Earl,
}

/// When to colour the output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ColorArg {
    /// On a terminal, unless NO_COLOR is set.
    Auto,
    /// Always.
    Always,
    /// Never.
    Never,
}

/// Credential models `edc convert` converts between.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ModelArg {
    /// Open Badges 3.0 (OpenBadgeCredential).
    Ob3,
}

/// What `edc trust` does.
#[derive(Debug, clap::Subcommand)]
pub enum TrustAction {
    /// List the certificates the sealed files carry: where each was found, its subject and
    /// issuer, validity, and which are self-signed roots.
    List {
        /// Sealed files.
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// Write each certificate the sealed files carry to DIR as a PEM file named by its subject
    /// (existing files are left alone). Give DIR to `--trust` only after checking the roots
    /// (`--roots-only` writes the self-signed ones alone).
    Export {
        /// Sealed files.
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// The directory to write to (created if missing).
        #[arg(long, value_name = "DIR")]
        out: PathBuf,
        /// Only the self-signed (root) certificates.
        #[arg(long)]
        roots_only: bool,
    },
    /// Build a trust store directory from the EU list of trusted lists: the LOTL's signature
    /// checked against --lotl-signer, each national list (files given with --trusted-list, or
    /// fetched from where the LOTL says with --network) against the signers the LOTL names;
    /// the granted qualified CAs and time-stamping services written as PEM files to DIR, for
    /// `--trust DIR`.
    Lotl {
        #[command(flatten)]
        trust: TrustAnchors,
        /// Fetch the national lists the LOTL points to (https, public hosts only).
        #[arg(long)]
        network: bool,
        /// The directory to write to (created if missing; files are never overwritten).
        #[arg(long, value_name = "DIR")]
        out: PathBuf,
    },
}

/// Verification policies.
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum PolicyArg {
    /// Every applicable check must be OK.
    Strict,
    /// The Europass viewer's reading.
    Europass,
    /// Integrity only: every other check is reported, not counted.
    Lenient,
}

/// Hash functions for `edc rdf --hash`.
/// Where X.509 trust comes from (for seals).
#[derive(Debug, clap::Args)]
pub struct TrustAnchors {
    /// A trust anchor: a PEM/DER certificate file, a directory of them, or an EU trusted list
    /// (`.xml`) (repeatable).
    #[arg(long = "trust", value_name = "PATH")]
    pub anchors: Vec<PathBuf>,
    /// An EU trusted list (ETSI TS 119 612 XML): its granted qualified CAs become anchors, its
    /// granted qualified time-stamping services trusted time-stamp authorities
    /// (repeatable).
    #[arg(long, value_name = "XML")]
    pub trusted_list: Vec<PathBuf>,
    /// The EU list of trusted lists (LOTL, XML): says which certificates may sign each member
    /// state's trusted list. Its own signature is checked against --lotl-signer.
    #[arg(long, value_name = "XML")]
    pub lotl: Option<PathBuf>,
    /// A certificate (PEM/DER) that may sign the LOTL, as the EU publishes it in the Official
    /// Journal (repeatable).
    #[arg(long, value_name = "CERT")]
    pub lotl_signer: Vec<PathBuf>,
    /// A certificate (PEM/DER) trusted to sign trusted lists directly, without the LOTL
    /// (repeatable).
    #[arg(long, value_name = "CERT")]
    pub list_signer: Vec<PathBuf>,
    /// A certificate chains may pass through without being trusted (an issuing CA the seal
    /// does not carry): a PEM/DER file or a directory of them (repeatable).
    #[arg(long, value_name = "PATH")]
    pub intermediate: Vec<PathBuf>,
}

/// What `edc rdf` reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum RdfInputArg {
    /// JSON-LD (a credential, or any JSON-LD document).
    Jsonld,
    /// N-Quads.
    Nquads,
}

/// JSON-LD processing modes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ProcessingModeArg {
    /// JSON-LD 1.1.
    #[value(name = "json-ld-1.1")]
    JsonLd11,
    /// JSON-LD 1.0.
    #[value(name = "json-ld-1.0")]
    JsonLd10,
}

/// JSON-LD's rdfDirection option.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum RdfDirectionArg {
    /// A datatype https://www.w3.org/ns/i18n#{language}_{direction}.
    I18nDatatype,
    /// A blank node with rdf:value, rdf:language and rdf:direction.
    CompoundLiteral,
}

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum HashArg {
    /// SHA-256.
    Sha256,
    /// SHA-384.
    Sha384,
}

/// Key types for `edc keygen`.
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum KeyTypeArg {
    /// Ed25519.
    Ed25519,
    /// NIST P-256.
    P256,
    /// NIST P-384.
    P384,
    /// NIST P-521 (JOSE and COSE only: ES512; no Data Integrity suite takes it).
    P521,
    /// secp256k1 (for EBSI JWTs, ES256K).
    Secp256k1,
}

/// Cryptosuites for `edc sign`.
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum SuiteArg {
    /// DataIntegrityProof, eddsa-rdfc-2022.
    #[value(name = "eddsa-rdfc-2022")]
    EddsaRdfc2022,
    /// DataIntegrityProof, ecdsa-rdfc-2019.
    #[value(name = "ecdsa-rdfc-2019")]
    EcdsaRdfc2019,
    /// Ed25519Signature2020.
    #[value(name = "Ed25519Signature2020")]
    Ed25519Signature2020,
    /// DataIntegrityProof, eddsa-jcs-2022.
    #[value(name = "eddsa-jcs-2022")]
    EddsaJcs2022,
    /// DataIntegrityProof, ecdsa-jcs-2019.
    #[value(name = "ecdsa-jcs-2019")]
    EcdsaJcs2019,
    /// VC-JOSE: the credential as a `vc+jwt` compact JWS (VC Data Model 2.0).
    #[value(name = "vc-jose")]
    VcJose,
    /// VC-JWT 1.1 as EBSI uses it: the credential in the `vc` claim.
    #[value(name = "jwt")]
    Jwt,
    /// VC-COSE: the credential as a COSE_Sign1, written as base64 text.
    #[value(name = "vc-cose")]
    VcCose,
    /// SD-JWT: the subject's claims selectively disclosable, all disclosures appended.
    #[value(name = "sd-jwt")]
    SdJwt,
}

/// Seal algorithms for `edc seal`.
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum SealAlgArg {
    /// RSASSA-PKCS1-v1_5 with SHA-256.
    #[value(name = "RS256")]
    Rs256,
    /// RSASSA-PSS with SHA-256.
    #[value(name = "PS256")]
    Ps256,
    /// ECDSA P-256 with SHA-256.
    #[value(name = "ES256")]
    Es256,
    /// ECDSA P-384 with SHA-384.
    #[value(name = "ES384")]
    Es384,
    /// ECDSA P-521 with SHA-512.
    #[value(name = "ES512")]
    Es512,
}

/// What `edc sign` signs, with which key and how.
#[derive(Debug, Clone, clap::Args)]
pub struct SignOpts {
    /// The credential file (a bare credential, an upload wrapper or a sealed payload).
    pub file: PathBuf,
    /// The key file: Multikey JSON written by `edc keygen`, or a PKCS#8 PEM private key.
    #[arg(long)]
    pub key: PathBuf,
    /// The cryptosuite (default: eddsa-rdfc-2022 for Ed25519 keys, ecdsa-rdfc-2019 for P-256/P-384).
    #[arg(long, value_enum)]
    pub suite: Option<SuiteArg>,
    /// The proof purpose.
    #[arg(long, default_value = "assertionMethod")]
    pub purpose: String,
    /// A challenge to bind the proof to.
    #[arg(long)]
    pub challenge: Option<String>,
    /// A domain to bind the proof to.
    #[arg(long)]
    pub domain: Option<String>,
    /// Where to write the signed credential (default: standard output); an existing file is
    /// not replaced unless --force.
    #[arg(long)]
    pub out: Option<PathBuf>,
    /// Replace the --out file if it exists.
    #[arg(long)]
    pub force: bool,
    /// Print a JSON report `{written, document}`.
    #[arg(long)]
    pub json: bool,
    /// Make the key's DID the credential's issuer (without it, a credential whose issuer is
    /// missing or another party is refused: nobody would accept such a signature).
    #[arg(long)]
    pub set_issuer: bool,
}

/// Time-stamping a seal: baseline T, or LTA.
#[derive(Debug, Clone, Default, clap::Args)]
pub struct TimeStampOpts {
    /// Make a baseline-T seal: the RFC 3161 time-stamp authority at this URL stamps the
    /// signature (the only network use of sealing; plain http is accepted because the answer
    /// is signed and checked).
    #[arg(long, value_name = "URL")]
    pub tsa: Option<String>,
    /// Let --tsa (and --fetch-revocation) reach a private or loopback address (an in-house
    /// time-stamp authority or OCSP responder).
    #[arg(long, requires = "tsa")]
    pub tsa_allow_local: bool,
    /// Make a baseline-LTA seal, as the EU's eSeal module expects: after the signature
    /// time-stamp, add the certificates a verifier needs (the chain given beyond the seal
    /// certificate, and the time-stamp authority's) and the revocation data given with
    /// --crl/--ocsp or fetched (--fetch-revocation), then an archive time-stamp from --tsa over
    /// all of it.
    #[arg(long, requires = "tsa")]
    pub lta: bool,
    /// A CRL (DER) covering the seal certificate, for --lta (repeatable).
    #[arg(long, requires = "lta", value_name = "FILE")]
    pub crl: Vec<PathBuf>,
    /// An OCSP response (DER) for the seal certificate, for --lta (repeatable).
    #[arg(long, requires = "lta", value_name = "FILE")]
    pub ocsp: Vec<PathBuf>,
    /// For --lta: ask the OCSP responder each certificate of the chain names (or else its CRL
    /// distribution point) for its revocation data, over the network like --tsa; each answer is
    /// checked, and a revoked certificate stops the sealing.
    #[arg(long, requires = "lta")]
    pub fetch_revocation: bool,
}
