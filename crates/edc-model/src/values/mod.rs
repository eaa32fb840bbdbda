//! The value forms ELM documents use: one-or-many, node references, language-tagged text,
//! dates, durations and JSON-LD contexts.

mod context;
mod lang;
mod one_or_many;
mod reference;
mod temporal;

pub use context::ContextEntry;
pub use lang::{LangText, LangValue};
pub use one_or_many::OneOrMany;
pub use reference::Ref;
pub use temporal::{DateTime, Duration};
