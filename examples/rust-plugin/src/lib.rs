//! A Seam plugin written in Rust: the backend (llm, rust-upper) streams the last user message back
//! in upper case, word by word, and the lister "rust-upper" lists the one model it serves.
//!
//! What it shows a Rust author (the callbacks are safe `extern "C" fn`s, each raw pointer use
//! in an explicit `unsafe` block):
//!  - the descriptor and the entry point are plain statics and one `#[no_mangle] extern "C"` fn;
//!  - every callback runs inside `guard`, so a panic becomes SEAM_E_INTERNAL instead of unwinding
//!    into the host (undefined behaviour);
//!  - the worker is a Box handed to the host as a raw pointer and freed by `destroy`;
//!  - strings crossing the boundary are NUL-terminated UTF-8, borrowed for the call only.
mod seam_sys;

use seam_sys::*;
use std::ffi::{CStr, CString};
use std::os::raw::{c_char, c_void};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::ptr;

/// A NUL-terminated literal as a C string pointer.
macro_rules! cstr {
    ($s:literal) => {
        concat!($s, "\0").as_ptr() as *const c_char
    };
}

type Failure = (i32, String);

/// Runs BODY; a failure or a panic becomes a status with a message written into ERROR.
fn guard(error: *mut SeamError, body: impl FnOnce() -> Result<i32, Failure>) -> i32 {
    let (status, message) = match catch_unwind(AssertUnwindSafe(body)) {
        Ok(Ok(status)) => return status,
        Ok(Err(failure)) => failure,
        Err(_) => (SEAM_E_INTERNAL, "rust-upper: the plugin panicked".to_string()),
    };
    // SAFETY: the host passes a valid seam_error (or NULL) for the duration of the call.
    unsafe {
        if let Some(error) = error.as_mut() {
            if let Some(set) = error.set {
                let text = CString::new(message.replace('\0', " ")).unwrap_or_default();
                set(error, status, text.as_ptr());
            }
        }
    }
    status
}

/// Borrows a C string for the duration of a call; NULL reads as "".
unsafe fn text<'a>(p: *const c_char) -> &'a str {
    if p.is_null() {
        ""
    } else {
        CStr::from_ptr(p).to_str().unwrap_or("")
    }
}

/// The content of the last message in a request, e.g. {"messages":[{"role":"user","content":"hi"}]}.
/// Good enough for an example (handles the common escapes); a real plugin uses a JSON parser.
fn last_content(request: &str) -> Option<String> {
    let marker = "\"content\":\"";
    let start = request.rfind(marker)? + marker.len();
    let mut out = String::new();
    let mut chars = request[start..].chars();
    while let Some(c) = chars.next() {
        match c {
            '"' => return Some(out),
            '\\' => match chars.next()? {
                'n' => out.push('\n'),
                't' => out.push('\t'),
                other => out.push(other),
            },
            other => out.push(other),
        }
    }
    None
}

fn json_string(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

struct UpperWorker {
    host: *const SeamHost,
}

/// Sends one event; Err(cancelled) when the host asks to stop.
unsafe fn emit(sink: *const SeamEventSink, json: &str) -> Result<(), Failure> {
    let sink = &*sink;
    let emit = sink.emit.ok_or((SEAM_E_INVALID_ARGUMENT, "rust-upper: sink has no emit".into()))?;
    if emit(sink.ctx, json.as_ptr() as *const c_char, json.len()) != 0 {
        return Err((SEAM_E_CANCELLED, "rust-upper: cancelled by the host".into()));
    }
    Ok(())
}

extern "C" fn upper_invoke(
    this: *mut c_void,
    request_json: *const c_char,
    sink: *const SeamEventSink,
    error: *mut SeamError,
) -> i32 {
    guard(error, || unsafe {
        let worker = &*(this as *const UpperWorker);
        let message = last_content(text(request_json)).ok_or((
            SEAM_E_INVALID_ARGUMENT,
            "rust-upper: the request has no user message \
             (expected {\"messages\":[{\"role\":\"user\",\"content\":\"...\"}]})"
                .to_string(),
        ))?;
        let upper = message.to_uppercase();
        let words: Vec<&str> = upper.split_inclusive(' ').collect();
        for word in &words {
            emit(sink, &format!("{{\"type\":\"delta\",\"text\":{}}}", json_string(word)))?;
        }
        let usage = format!(
            "{{\"type\":\"usage\",\"input_tokens\":{},\"output_tokens\":{}}}",
            words.len(),
            words.len()
        );
        let host = &*worker.host;
        if let Some(report) = host.report_usage {
            let usage_c = CString::new(usage.clone()).unwrap_or_default();
            report(host, usage_c.as_ptr());
        }
        emit(sink, &usage)?;
        emit(sink, "{\"type\":\"done\",\"finish_reason\":\"stop\"}")?;
        Ok(SEAM_OK)
    })
}

extern "C" fn upper_destroy(this: *mut c_void) {
    // Never unwinds: dropping a Box of plain data cannot panic.
    // SAFETY: THIS is the Box::into_raw pointer of make_worker, destroyed exactly once.
    unsafe { drop(Box::from_raw(this as *mut UpperWorker)) }
}

static UPPER_VTABLE: SeamWorkerVtable = SeamWorkerVtable {
    struct_size: std::mem::size_of::<SeamWorkerVtable>() as u32,
    reserved: 0,
    invoke: Some(upper_invoke),
    destroy: Some(upper_destroy),
};

extern "C" fn upper_make_worker(
    args: *const SeamMakeWorkerArgs,
    out_worker: *mut SeamWorker,
    error: *mut SeamError,
) -> i32 {
    guard(error, || unsafe {
        let args = &*args;
        let host = &*args.host;
        if let Some(log) = host.log {
            let line = CString::new(format!(
                "rust-upper: worker for backend '{}', model {}",
                text(args.backend_name),
                text(args.model_json)
            ))
            .unwrap_or_default();
            log(host, SEAM_LOG_DEBUG, line.as_ptr());
        }
        let worker = Box::new(UpperWorker { host: args.host });
        (*out_worker).this = Box::into_raw(worker) as *mut c_void;
        (*out_worker).vtable = &UPPER_VTABLE;
        Ok(SEAM_OK)
    })
}

extern "C" fn upper_list_models(
    _args: *const SeamListModelsArgs,
    sink: *const SeamModelSink,
    error: *mut SeamError,
) -> i32 {
    guard(error, || unsafe {
        let record = SeamModelRecord {
            struct_size: std::mem::size_of::<SeamModelRecord>() as u32,
            reserved: 0,
            id: cstr!("upper-1"),
            family: cstr!("llm"),
            display_name: cstr!("Rust upper-caser"),
            extra_json: cstr!("{\"language\":\"rust\"}"),
        };
        let sink = &*sink;
        if let Some(emit) = sink.emit {
            emit(sink.ctx, &record);
        }
        Ok(SEAM_OK)
    })
}

extern "C" fn register(registrar: *const SeamRegistrar) -> i32 {
    guard(ptr::null_mut(), || unsafe {
        let r = &*registrar;
        let backend = SeamBackendDef {
            struct_size: std::mem::size_of::<SeamBackendDef>() as u32,
            flags: 0,
            family: cstr!("llm"),
            sdk: cstr!("rust-upper"),
            make_worker: Some(upper_make_worker),
            user_data: ptr::null_mut(),
            dependencies: ptr::null(),
            dependency_count: 0,
            reserved: 0,
        };
        let add_backend = r.add_inference_backend.ok_or((SEAM_E_INTERNAL, String::new()))?;
        let status = add_backend(registrar, &backend);
        if status != SEAM_OK {
            return Ok(status);
        }
        let lister = SeamModelListerDef {
            struct_size: std::mem::size_of::<SeamModelListerDef>() as u32,
            flags: 0,
            sdk: cstr!("rust-upper"),
            list_models: Some(upper_list_models),
            user_data: ptr::null_mut(),
            dependencies: ptr::null(),
            dependency_count: 0,
            reserved: 0,
        };
        let add_lister = r.add_model_lister.ok_or((SEAM_E_INTERNAL, String::new()))?;
        Ok(add_lister(registrar, &lister))
    })
}

static DESCRIPTOR: SeamPluginDescriptor = SeamPluginDescriptor {
    struct_size: std::mem::size_of::<SeamPluginDescriptor>() as u32,
    api_version: SEAM_API_VERSION as u32,
    name: cstr!("rust-upper"),
    version: cstr!("0.1.0"),
    description: cstr!("Streams the last user message back in upper case; written in Rust."),
    vendor: cstr!("Seam"),
    host_version_range: ptr::null(),
    register_plugin: Some(register),
};

/// The one symbol the plugin exports (SEAM_PLUGIN_ENTRY_SYMBOL).
#[no_mangle]
pub extern "C" fn seam_plugin_entry(_host_api_version: u32) -> *const SeamPluginDescriptor {
    &DESCRIPTOR
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_last_content() {
        let request = r#"{"messages":[{"role":"system","content":"x"},{"role":"user","content":"say \"hi\""}]}"#;
        assert_eq!(last_content(request).as_deref(), Some("say \"hi\""));
        assert_eq!(last_content("{}"), None);
    }

    #[test]
    fn quotes_json() {
        assert_eq!(json_string("a\"b\\c\n"), "\"a\\\"b\\\\c\\n\"");
    }

    #[test]
    fn entry_returns_a_v1_descriptor() {
        let d = unsafe { &*seam_plugin_entry(SEAM_API_VERSION as u32) };
        assert_eq!(d.api_version, 1);
        assert_eq!(d.struct_size as usize, std::mem::size_of::<SeamPluginDescriptor>());
        assert_eq!(unsafe { text(d.name) }, "rust-upper");
    }
}
