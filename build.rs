//! The reader app's wasm is split into pieces loaded on demand (docs/wasm-split.md): the splitter
//! needs the linker's relocations, so the `kiosque-app` bin, and only it, is linked with
//! `--emit-relocs` on wasm32. Not in `.cargo/config.toml`: the Try it page's wasm and the worker
//! are not split, and wasm-bindgen and wasm-opt would keep the relocation sections in them
//! (+1.7 MB raw).

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    if std::env::var("CARGO_CFG_TARGET_ARCH").as_deref() == Ok("wasm32") {
        println!("cargo:rustc-link-arg-bin=kiosque-app=--emit-relocs");
    }
}
