//! The browser entry point: report panics to the console, then start the app. Built with the
//! `csr` feature (Trunk passes it); without it (a native build of the workspace) it does nothing.

fn main() {
    #[cfg(feature = "csr")]
    {
        console_error_panic_hook::set_once();
        kiosque_app::start();
    }
}
