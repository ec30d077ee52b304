//! The browser entry point: report panics to the console, then start the app.

fn main() {
    console_error_panic_hook::set_once();
    kiosque_app::start();
}
