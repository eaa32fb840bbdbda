//! `edc render`: a credential as a page (and, with Chromium, a PDF).

use crate::args::RenderArgs;
use crate::inspect::read_input;
use crate::Outcome;
use anyhow::{bail, Context, Result};
use std::path::Path;

/// Runs `render`.
pub fn run(args: &RenderArgs) -> Result<Outcome> {
    let bytes = read_input(&args.file)?;
    let document = edc_model::Document::from_slice(&bytes)
        .with_context(|| crate::inspect::unreadable(&args.file))?;
    let report = if args.no_verify {
        None
    } else {
        Some(crate::verify::report_of(
            &args.file,
            &bytes,
            &args.verification,
        )?)
    };
    let page = edc_render::render_html(&document, report.as_ref(), &args.lang);
    match &args.out {
        Some(path) => write_new(path, page.html.as_bytes(), args.force)?,
        None if args.pdf.is_none() => {
            crate::output::write_out(&mut std::io::stdout().lock(), &page.html)?;
        }
        None => {}
    }
    if let Some(pdf) = &args.pdf {
        print_pdf(&page.html, pdf, args.force)?;
    }
    Ok(Outcome::Ok)
}

fn write_new(path: &Path, bytes: &[u8], force: bool) -> Result<()> {
    if path.exists() && !force {
        bail!(
            "{} exists; edc does not overwrite it (give another path, or --force)",
            path.display()
        );
    }
    std::fs::write(path, bytes).with_context(|| format!("cannot write {}", path.display()))
}

/// Prints the page to PDF with headless Chromium (Debian's `chromium`, or `$EDC_CHROMIUM`).
fn print_pdf(html: &str, pdf: &Path, force: bool) -> Result<()> {
    if pdf.exists() && !force {
        bail!(
            "{} exists; edc does not overwrite it (give another path, or --force)",
            pdf.display()
        );
    }
    let browser = std::env::var_os("EDC_CHROMIUM")
        .map(std::path::PathBuf::from)
        .or_else(|| {
            ["chromium", "chromium-browser", "google-chrome"]
                .iter()
                .map(|name| Path::new("/usr/bin").join(name))
                .find(|p| p.exists())
        })
        .context("--pdf needs headless Chromium, and none was found: install Debian's `chromium` (apt-get install chromium), or set EDC_CHROMIUM to the browser's path; the HTML page (--out) needs nothing")?;
    let dir = std::env::temp_dir().join(format!("edc-render-{}", std::process::id()));
    std::fs::create_dir_all(&dir)?;
    let page = dir.join("page.html");
    std::fs::write(&page, html)?;
    let absolute = std::fs::canonicalize(
        pdf.parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new(".")),
    )?
    .join(pdf.file_name().context("--pdf names a file")?);
    let status = std::process::Command::new(&browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-pdf-header-footer",
        ])
        .arg(format!("--user-data-dir={}", dir.join("profile").display()))
        .arg(format!("--print-to-pdf={}", absolute.display()))
        .arg(format!("file://{}", page.display()))
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .status()
        .with_context(|| format!("cannot run {}", browser.display()))?;
    let _ = std::fs::remove_dir_all(&dir);
    if !status.success() || !absolute.exists() {
        bail!(
            "{} could not print the page to {}",
            browser.display(),
            pdf.display()
        );
    }
    Ok(())
}
