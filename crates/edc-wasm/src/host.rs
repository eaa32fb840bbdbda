//! The host's fetch callback as the verifier's `Fetcher`. A JavaScript function cannot be
//! shared between threads, and a `Fetcher` must be: the callback lives in a thread-local slot
//! (wasm is single-threaded), set only for the length of one verification by [`with_fetch`] —
//! the fetcher outside that scope refuses, it does not reach a stale callback.

use edc_context::{FetchError, FetchErrorKind, SharedFetcher};
use std::cell::RefCell;
use wasm_bindgen::{JsCast, JsValue};

thread_local! {
    static FETCH: RefCell<Option<js_sys::Function>> = const { RefCell::new(None) };
}

/// Runs `work` with `fetch` as the host's callback.
pub(crate) fn with_fetch<T>(fetch: Option<&js_sys::Function>, work: impl FnOnce() -> T) -> T {
    FETCH.with(|slot| *slot.borrow_mut() = fetch.cloned());
    let result = work();
    FETCH.with(|slot| *slot.borrow_mut() = None);
    result
}

/// The fetcher that calls the host's callback.
pub(crate) fn fetcher() -> SharedFetcher {
    edc_context::get_only(|url| {
        FETCH.with(|slot| {
            let slot = slot.borrow();
            let Some(fetch) = slot.as_ref() else {
                return Err(FetchError::new(
                    FetchErrorKind::Refused,
                    format!("{url}: no fetch callback in this call"),
                ));
            };
            let answer = fetch
                .call1(&JsValue::NULL, &JsValue::from_str(url))
                .map_err(|e| {
                    FetchError::new(
                        FetchErrorKind::Unreachable,
                        format!(
                            "{url}: the host's fetch threw {}",
                            e.as_string().unwrap_or_default()
                        ),
                    )
                })?;
            if let Some(text) = answer.as_string() {
                Ok(text.into_bytes())
            } else if answer.is_instance_of::<js_sys::Uint8Array>() {
                Ok(js_sys::Uint8Array::new(&answer).to_vec())
            } else {
                Err(FetchError::new(
                    FetchErrorKind::Status(404),
                    format!("{url}: the host's fetch has no answer"),
                ))
            }
        })
    })
}
