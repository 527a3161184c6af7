//! Hand-written bindings to seam.h (SEAM_API_VERSION 1): the `#[repr(C)]` mirror of every struct
//! and function-pointer type this plugin uses, field for field and in the header's order.
//!
//! No bindgen and no crates: the ABI is small and frozen per API version, so a plugin author can
//! keep a copy like this one. Function pointers are `Option<...>` because C may pass NULL;
//! `extern "C"` is the platform's C calling convention, which is SEAM_CALL (cdecl) everywhere Seam
//! runs. The sizes are checked at compile time below against the v1 layout
//! (abi-check/layout/expected/*.layout), so a mistake here cannot compile on 64-bit targets.
#![allow(dead_code)]

use std::os::raw::{c_char, c_void};

pub const SEAM_API_VERSION: u32 = 1;

pub const SEAM_OK: i32 = 0;
pub const SEAM_E_INVALID_ARGUMENT: i32 = 1;
pub const SEAM_E_NOT_FOUND: i32 = 2;
pub const SEAM_E_UNSUPPORTED: i32 = 5;
pub const SEAM_E_CANCELLED: i32 = 6;
pub const SEAM_E_BACKEND: i32 = 7;
pub const SEAM_E_INTERNAL: i32 = 8;
pub const SEAM_E_NO_MEMORY: i32 = 10;

pub const SEAM_LOG_DEBUG: i32 = 1;
pub const SEAM_LOG_INFO: i32 = 2;

#[repr(C)]
pub struct SeamError {
    pub struct_size: u32,
    pub reserved: u32,
    pub host_ctx: *mut c_void,
    pub set: Option<unsafe extern "C" fn(this: *mut SeamError, status: i32, message: *const c_char)>,
}

#[repr(C)]
pub struct SeamDependency {
    pub struct_size: u32,
    pub reserved: u32,
    pub name: *const c_char,
    pub candidates: *const *const c_char,
    pub install_hint: *const c_char,
}

/// Opaque: only ever behind a pointer.
#[repr(C)]
pub struct SeamLibrary {
    _private: [u8; 0],
}

pub type SeamProc = Option<unsafe extern "C" fn()>;
pub type SeamClientBuildFn = Option<
    unsafe extern "C" fn(build_ctx: *mut c_void, out_client: *mut *mut c_void, error: *mut SeamError) -> i32,
>;
pub type SeamClientDestroyFn = Option<unsafe extern "C" fn(client: *mut c_void)>;

#[repr(C)]
pub struct SeamHost {
    pub struct_size: u32,
    pub api_version: u32,
    pub host_ctx: *mut c_void,
    pub host_version: *const c_char,
    pub log: Option<unsafe extern "C" fn(this: *const SeamHost, level: i32, message: *const c_char)>,
    pub get_service:
        Option<unsafe extern "C" fn(this: *const SeamHost, service_id: *const c_char) -> *const c_void>,
    pub require: Option<
        unsafe extern "C" fn(
            this: *const SeamHost,
            dependency: *const SeamDependency,
            out_library: *mut *mut SeamLibrary,
            error: *mut SeamError,
        ) -> i32,
    >,
    pub symbol: Option<
        unsafe extern "C" fn(this: *const SeamHost, library: *mut SeamLibrary, name: *const c_char) -> SeamProc,
    >,
    pub get_or_create: Option<
        unsafe extern "C" fn(
            this: *const SeamHost,
            key: *const c_char,
            build: SeamClientBuildFn,
            destroy: SeamClientDestroyFn,
            build_ctx: *mut c_void,
            out_client: *mut *mut c_void,
            error: *mut SeamError,
        ) -> i32,
    >,
    pub report_usage: Option<unsafe extern "C" fn(this: *const SeamHost, usage_json: *const c_char)>,
}

#[repr(C)]
pub struct SeamEventSink {
    pub struct_size: u32,
    pub reserved: u32,
    pub ctx: *mut c_void,
    pub emit: Option<unsafe extern "C" fn(ctx: *mut c_void, event_json: *const c_char, len: usize) -> i32>,
}

#[repr(C)]
pub struct SeamWorkerVtable {
    pub struct_size: u32,
    pub reserved: u32,
    pub invoke: Option<
        unsafe extern "C" fn(
            this: *mut c_void,
            request_json: *const c_char,
            sink: *const SeamEventSink,
            error: *mut SeamError,
        ) -> i32,
    >,
    pub destroy: Option<unsafe extern "C" fn(this: *mut c_void)>,
}

#[repr(C)]
pub struct SeamWorker {
    pub struct_size: u32,
    pub reserved: u32,
    pub this: *mut c_void,
    pub vtable: *const SeamWorkerVtable,
}

#[repr(C)]
pub struct SeamMakeWorkerArgs {
    pub struct_size: u32,
    pub reserved: u32,
    pub family: *const c_char,
    pub sdk: *const c_char,
    pub backend_name: *const c_char,
    pub model_json: *const c_char,
    pub backend_config_json: *const c_char,
    pub host: *const SeamHost,
    pub user_data: *mut c_void,
}

pub type SeamMakeWorkerFn = Option<
    unsafe extern "C" fn(args: *const SeamMakeWorkerArgs, out_worker: *mut SeamWorker, error: *mut SeamError) -> i32,
>;

#[repr(C)]
pub struct SeamModelRecord {
    pub struct_size: u32,
    pub reserved: u32,
    pub id: *const c_char,
    pub family: *const c_char,
    pub display_name: *const c_char,
    pub extra_json: *const c_char,
}

#[repr(C)]
pub struct SeamModelSink {
    pub struct_size: u32,
    pub reserved: u32,
    pub ctx: *mut c_void,
    pub emit: Option<unsafe extern "C" fn(ctx: *mut c_void, model: *const SeamModelRecord) -> i32>,
}

#[repr(C)]
pub struct SeamListModelsArgs {
    pub struct_size: u32,
    pub reserved: u32,
    pub sdk: *const c_char,
    pub backend_name: *const c_char,
    pub backend_config_json: *const c_char,
    pub host: *const SeamHost,
    pub user_data: *mut c_void,
}

pub type SeamListModelsFn = Option<
    unsafe extern "C" fn(args: *const SeamListModelsArgs, sink: *const SeamModelSink, error: *mut SeamError) -> i32,
>;

#[repr(C)]
pub struct SeamBackendDef {
    pub struct_size: u32,
    pub flags: u32,
    pub family: *const c_char,
    pub sdk: *const c_char,
    pub make_worker: SeamMakeWorkerFn,
    pub user_data: *mut c_void,
    pub dependencies: *const SeamDependency,
    pub dependency_count: u32,
    pub reserved: u32,
}

#[repr(C)]
pub struct SeamModelListerDef {
    pub struct_size: u32,
    pub flags: u32,
    pub sdk: *const c_char,
    pub list_models: SeamListModelsFn,
    pub user_data: *mut c_void,
    pub dependencies: *const SeamDependency,
    pub dependency_count: u32,
    pub reserved: u32,
}

#[repr(C)]
pub struct SeamRegistrar {
    pub struct_size: u32,
    pub reserved: u32,
    pub host_ctx: *mut c_void,
    pub add_inference_backend:
        Option<unsafe extern "C" fn(this: *const SeamRegistrar, def: *const SeamBackendDef) -> i32>,
    pub add_model_lister:
        Option<unsafe extern "C" fn(this: *const SeamRegistrar, def: *const SeamModelListerDef) -> i32>,
}

pub type SeamRegisterFn = Option<unsafe extern "C" fn(registrar: *const SeamRegistrar) -> i32>;

#[repr(C)]
pub struct SeamPluginDescriptor {
    pub struct_size: u32,
    pub api_version: u32,
    pub name: *const c_char,
    pub version: *const c_char,
    pub description: *const c_char,
    pub vendor: *const c_char,
    pub host_version_range: *const c_char,
    pub register_plugin: SeamRegisterFn,
}

// A descriptor is immutable static data that the host only reads.
unsafe impl Sync for SeamPluginDescriptor {}
unsafe impl Sync for SeamWorkerVtable {}

/// Compile-time check of the v1 sizes on 64-bit targets (abi-check/layout/expected/*.layout):
/// a field added, dropped or mistyped above fails the build instead of corrupting memory.
#[cfg(target_pointer_width = "64")]
const _: () = {
    use std::mem::size_of;
    const fn same(a: usize, b: usize) -> usize {
        // Indexing a one-element array out of bounds is a compile error in a const.
        [0][(a != b) as usize]
    }
    let _ = same(size_of::<SeamError>(), 24);
    let _ = same(size_of::<SeamDependency>(), 32);
    let _ = same(size_of::<SeamHost>(), 72);
    let _ = same(size_of::<SeamEventSink>(), 24);
    let _ = same(size_of::<SeamWorkerVtable>(), 24);
    let _ = same(size_of::<SeamWorker>(), 24);
    let _ = same(size_of::<SeamMakeWorkerArgs>(), 64);
    let _ = same(size_of::<SeamModelRecord>(), 40);
    let _ = same(size_of::<SeamModelSink>(), 24);
    let _ = same(size_of::<SeamListModelsArgs>(), 48);
    let _ = same(size_of::<SeamBackendDef>(), 56);
    let _ = same(size_of::<SeamModelListerDef>(), 48);
    let _ = same(size_of::<SeamRegistrar>(), 32);
    let _ = same(size_of::<SeamPluginDescriptor>(), 56);
};
