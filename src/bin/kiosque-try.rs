//! The Try it page's own browser entry (`try/index.html` loads it, no other page does): report
//! panics to the console, then start the page's app. Trunk builds it beside the reader's
//! (index.html's `data-bin="kiosque-try"`); without the `csr` feature it does nothing.

fn main() {
    #[cfg(feature = "csr")]
    {
        console_error_panic_hook::set_once();
        kiosque_app::start_try();
    }
}
