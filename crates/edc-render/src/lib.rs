//! A credential as a page: a self-contained, accessible HTML document (no external request, no
//! script; print CSS for A4) built from the typed model's reading of any document edc reads
//! (bare, sealed, upload wrapper, JWT, SD-JWT, Open Badges 3.0), with the verification report as
//! a banner that cannot be mistaken: only a Verified verdict is green.
//!
//! Everything taken from the credential is escaped (a credential is attacker-controlled); the
//! page's Content-Security-Policy forbids scripts and every fetch; the credential's own page
//! images (`individualDisplay`) are shown only as `data:` JPEG/PNG/GIF/WebP images whose content
//! is base64.

mod display;
mod html;
mod page;

pub use page::{render_html, Rendering};
