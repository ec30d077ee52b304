//! Where a build's time goes, phase by phase (`kiosque build --timings`): each phase, as it
//! ends, notes how long it took since the one before. Timed on the thread that called
//! [`start`] (a build's phases end on the thread that runs it; tests that build side by side
//! each keep their own); elsewhere, or before [`start`], a phase's end reads no clock (the
//! browser's wasm has none), so the library's phases can say where they end whoever calls them.

use std::cell::RefCell;
use std::time::{Duration, Instant};

/// Each phase timed: what it was, how long it took.
pub type Phases = Vec<(&'static str, Duration)>;

thread_local! {
    /// When the last phase ended, and the phases so far, while this thread's phases are timed.
    static LAPS: RefCell<Option<(Instant, Phases)>> = const { RefCell::new(None) };
}

/// Starts timing this thread's phases from now (again from nothing, if they were timed before).
pub fn start() {
    LAPS.with_borrow_mut(|laps| *laps = Some((Instant::now(), Vec::new())));
}

/// Notes that the phase `what` ends now (the time since the last phase ended, or since
/// [`start`]). Nothing when this thread's phases are not timed.
pub fn end(what: &'static str) {
    LAPS.with_borrow_mut(|laps| {
        if let Some((last, phases)) = laps.as_mut() {
            let now = Instant::now();
            phases.push((what, now - *last));
            *last = now;
        }
    });
}

/// The phases timed since [`start`], in the order they ended (a phase that ended more than
/// once, each time), and stops timing them.
pub fn finish() -> Phases {
    LAPS.with_borrow_mut(|laps| laps.take().map(|(_, phases)| phases).unwrap_or_default())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phases_are_noted_in_order_only_between_start_and_finish() {
        end("before");
        start();
        end("first");
        std::thread::sleep(Duration::from_millis(5));
        end("second");
        let phases = finish();
        end("after");
        let names: Vec<&str> = phases.iter().map(|(what, _)| *what).collect();
        assert_eq!(names, ["first", "second"]);
        // Another thread's phases are its own: none timed here.
        start();
        std::thread::spawn(|| end("elsewhere"))
            .join()
            .expect("joins");
        assert!(finish().is_empty());
        assert!(phases[1].1 >= Duration::from_millis(5), "{phases:?}");
        assert!(finish().is_empty());
    }
}
